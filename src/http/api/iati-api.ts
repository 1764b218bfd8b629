import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { exportIatiActivities, exportIatiOrganisation, type IatiWrite, resolveIatiExportFilter } from "../../domain/transparency/iati-export-service.js";
import { answerFromCache } from "../public-cache.js";
import type { ServerDeps } from "../server.js";
import { errorResponses } from "./api-schemas.js";

// IATI 2.03 files over HTTP (docs/iati.md): the activity file, streamed as it is written so that a large one needs
// no memory, and a provider's organisation file. What the anonymous public may see, whoever asks; ETag and
// Cache-Control from the data stamp, so an unchanged file costs a 304.

const XML_TYPE = "application/xml; charset=utf-8";
// Documents the 200 body for OpenAPI; Fastify sends a string or a stream with a non-JSON type as it is.
const XmlBody = z.string().describe("An IATI 2.03 XML file");

const ActivitiesQuerySchema = z.object({
  provider: z.string().trim().min(1).max(100).optional().describe("Slug of the reporting provider, e.g. ohchr"),
  country: z.string().trim().min(1).max(3).optional().describe("Recipient State, ISO 3166-1 alpha-3, e.g. SEN"),
});

/** A write into the response stream that waits while the client is slow and stops the export if it went away. */
function writeTo(body: PassThrough): IatiWrite {
  return async (chunk) => {
    if (body.destroyed) throw new Error("The client closed the connection");
    if (body.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const drained = () => {
        body.off("close", closed);
        resolve();
      };
      const closed = () => {
        body.off("drain", drained);
        reject(new Error("The client closed the connection"));
      };
      body.once("drain", drained);
      body.once("close", closed);
    });
  };
}

export function registerIatiApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;

  api.get(
    "/iati/activities.xml",
    {
      schema: {
        tags: ["open data"],
        summary: "Activities as an IATI 2.03 activity file (streamed XML), optionally for one provider and/or one recipient State",
        description:
          "Valid against the official IATI 2.03 schema and passing the IATI Rulesets that apply (docs/iati.md). Only what the public may see: " +
          "activities whose details a State withheld, that are not public, or that have no IATI identifier are not in the file. " +
          "An unknown provider or country is a 400. ETag and Cache-Control are set; send If-None-Match to get a 304 while nothing changed.",
        querystring: ActivitiesQuerySchema,
        produces: ["application/xml"],
        response: { 200: XmlBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      const options = { providerSlug: request.query.provider, countryIso3: request.query.country };
      await resolveIatiExportFilter(db, options);
      if (await answerFromCache(db, request, reply)) return reply;
      const body = new PassThrough();
      exportIatiActivities(db, options, writeTo(body)).then(
        () => body.end(),
        (err: Error) => {
          if (!body.destroyed) request.log.error({ err }, "IATI activity export failed while streaming");
          body.destroy(err);
        },
      );
      return reply
        .type(XML_TYPE)
        .header("content-disposition", 'inline; filename="iati-activities.xml"')
        .send(body as unknown as string);
    },
  );

  api.get(
    "/iati/organisations/:slug.xml",
    {
      schema: {
        tags: ["open data"],
        summary: "A provider's IATI 2.03 organisation file: identifier, name and total expenditure per year of its published activities",
        description:
          "Valid against the official IATI 2.03 organisation schema. 404 when the provider is not listed publicly or has no IATI organisation identifier.",
        params: z.object({ slug: z.string().trim().min(1).max(100).describe("Provider slug, e.g. ohchr") }),
        produces: ["application/xml"],
        response: { 200: XmlBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      let xml = "";
      await exportIatiOrganisation(db, request.params.slug, (chunk) => {
        xml += chunk;
      });
      if (await answerFromCache(db, request, reply)) return reply;
      return reply.type(XML_TYPE).header("content-disposition", `inline; filename="iati-organisation-${request.params.slug}.xml"`).send(xml);
    },
  );
}
