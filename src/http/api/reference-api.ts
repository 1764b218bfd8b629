import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CountryDetailSchema,
  CountryListQuerySchema,
  CountrySummarySchema,
  TaxonomySummarySchema,
  TaxonomyTermSchema,
} from "../../domain/reference/reference-schemas.js";
import { getCountry, listCountries, listTaxonomies, listTaxonomyTerms } from "../../domain/reference/reference-service.js";
import type { ServerDeps } from "../server.js";
import { errorResponses, pageOf } from "./api-schemas.js";

const DateQuery = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

export function registerReferenceApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  // Reference data is public and changes rarely: let caches keep it for an hour.
  const cacheable = { "cache-control": "public, max-age=3600" };

  api.get(
    "/countries",
    {
      schema: {
        tags: ["reference data"],
        summary: "Countries and areas (UN M49) with regional group and designations",
        querystring: CountryListQuerySchema.extend({ limit: z.coerce.number().int().min(1).max(500).default(500) }),
        response: { 200: pageOf(CountrySummarySchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await listCountries(db, request.query);
      reply.headers(cacheable);
      return { total: page.total, limit: request.query.limit, offset: request.query.offset, items: page.items };
    },
  );

  api.get(
    "/countries/:iso3",
    {
      schema: {
        tags: ["reference data"],
        summary: "One country or area: names per language, designations over time, regional group",
        params: z.object({ iso3: z.string().regex(/^[A-Za-z]{3}$/, "must be an ISO 3166-1 alpha-3 code") }),
        querystring: z.object({ asOf: DateQuery.optional() }),
        response: { 200: CountryDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.headers(cacheable);
      return getCountry(db, request.params.iso3.toUpperCase(), { asOf: request.query.asOf });
    },
  );

  api.get(
    "/taxonomies",
    {
      schema: {
        tags: ["reference data"],
        summary: "Controlled vocabularies: SDG goals/targets/indicators, UHRI themes and groups of persons, IATI codelists",
        response: { 200: z.object({ items: z.array(TaxonomySummarySchema) }) },
      },
    },
    async (_request, reply) => {
      reply.headers(cacheable);
      return { items: await listTaxonomies(db) };
    },
  );

  api.get(
    "/taxonomies/:id/terms",
    {
      schema: {
        tags: ["reference data"],
        summary: "Terms of one taxonomy valid on a date (default today); all=true includes ended terms",
        params: z.object({ id: z.string().min(1).max(100) }),
        querystring: z.object({ asOf: DateQuery.optional(), all: z.enum(["true", "false"]).optional() }),
        response: { 200: z.object({ items: z.array(TaxonomyTermSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.headers(cacheable);
      return { items: await listTaxonomyTerms(db, request.params.id, { asOf: request.query.asOf, all: request.query.all === "true" }) };
    },
  );
}
