import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CoordinationViewSchema, DigestSchema } from "../../domain/coordination/coordination-schemas.js";
import { getCoordination, getDigest } from "../../domain/coordination/coordination-service.js";
import { resolveDigestPeriod } from "../../domain/coordination/digest-period.js";
import type { ServerDeps } from "../server.js";
import { errorResponses } from "./api-schemas.js";
import { StateParamsSchema } from "./profile-api.js";

// Coordination of technical cooperation in one country (R16; res. 45/32 OP9): who does what, where and when, overlap
// warnings, and the periodic digest — from the activities, requests and offers the caller may see.

export function registerCoordinationApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;

  api.get(
    "/states/:iso3/coordination",
    {
      schema: {
        tags: ["coordination"],
        summary: "Who does what in a country: providers × UHRI theme groups, activities with counterparts and dates, overlap warnings",
        description:
          "An overlap is two activities of different providers with the same national counterpart (national actor of the same type and name, or a government body taking part), " +
          "a shared UHRI theme or SDG target, and overlapping dates (actual where known, else planned; no end date = ongoing; both ends included). " +
          "Activities whose details are withheld from the caller are only counted, and the count is given from 3 up.",
        params: StateParamsSchema,
        response: { 200: CoordinationViewSchema, ...errorResponses },
      },
    },
    async (request) => getCoordination(db, request.viewer, request.params.iso3.toUpperCase()),
  );

  api.get(
    "/states/:iso3/digest",
    {
      schema: {
        tags: ["coordination"],
        summary: "What happened in a country's technical cooperation during a period (default: the last full quarter)",
        description:
          "New requests and their status changes, offers received, activities recorded, started and changed, consents, transactions and overlaps; dates in UTC.",
        params: StateParamsSchema,
        querystring: z.object({
          from: z.string().optional().describe("first day, YYYY-MM-DD"),
          to: z.string().optional().describe("last day, YYYY-MM-DD; at most 366 days after from"),
        }),
        response: { 200: DigestSchema, ...errorResponses },
      },
    },
    async (request) => getDigest(db, request.viewer, request.params.iso3.toUpperCase(), resolveDigestPeriod(request.query)),
  );
}
