import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CountryRegisterSchema,
  Iso3ParamSchema,
  ProviderRegisterSchema,
  ProviderSlugSchema,
  RegisterActivityListSchema,
  RegisterActivityQuerySchema,
  RegisterSummaryQuerySchema,
  RegisterSummarySchema,
} from "../../domain/transparency/register-schemas.js";
import { getCountryRegister, getProviderRegister, getRegisterSummary, listCountryRegisterActivities } from "../../domain/transparency/register-service.js";
import { answerFromCache } from "../public-cache.js";
import type { ServerDeps } from "../server.js";
import { errorResponses } from "./api-schemas.js";

// The transparency register as JSON (R14; res. 45/32 OP8): the same figures as the /transparency pages, filtered by
// what the caller may see, withheld activities counted under the small-cell rule. Public data: ETag and Cache-Control.

const SMALL_CELL_NOTE =
  "Activities whose details the caller may not see count in the figures only as whole groups of at least 3 (withheldIncluded is 0 or ≥ 3); " +
  "a group that falls in no single row is in notBrokenDown. Amounts are decimal strings; `usd` converts each amount with the rate of its currency " +
  "for its year (else the nearest year with a rate, flagged nearestYear); currencies without any rate are listed in `unconverted`.";

export function registerRegisterApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  const tags = ["transparency"];

  api.get(
    "/transparency/summary",
    {
      schema: {
        tags,
        summary: "Support requested, offered and provided per State, with commitments and disbursements by year",
        description: `Filters: region (M49: 002, 019, 142, 150, 009), year (each figure in the year of its own date), provider (slug), theme (UHRI code). ${SMALL_CELL_NOTE}`,
        querystring: RegisterSummaryQuerySchema,
        response: { 200: RegisterSummarySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (await answerFromCache(db, request, reply)) return reply;
      return getRegisterSummary(db, request.viewer, request.query);
    },
  );

  api.get(
    "/transparency/countries/:iso3",
    {
      schema: {
        tags,
        summary: "One State's register: requests, offers and activities by provider, theme, modality, status and year",
        description: SMALL_CELL_NOTE,
        params: z.object({ iso3: Iso3ParamSchema }),
        response: { 200: CountryRegisterSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (await answerFromCache(db, request, reply)) return reply;
      return getCountryRegister(db, request.viewer, request.params.iso3);
    },
  );

  api.get(
    "/transparency/countries/:iso3/activities",
    {
      schema: {
        tags,
        summary: "The State's activities the caller may see in detail, searchable and filterable, with money in original currencies and US dollars",
        description: "withheldCounted says how many more activities the figures count without showing them (0, or at least 3).",
        params: z.object({ iso3: Iso3ParamSchema }),
        querystring: RegisterActivityQuerySchema,
        response: { 200: RegisterActivityListSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (await answerFromCache(db, request, reply)) return reply;
      return listCountryRegisterActivities(db, request.viewer, request.params.iso3, request.query);
    },
  );

  api.get(
    "/transparency/providers/:slug",
    {
      schema: {
        tags,
        summary: "What one provider offered and provided, by State, theme and year",
        description: SMALL_CELL_NOTE,
        params: z.object({ slug: ProviderSlugSchema }),
        response: { 200: ProviderRegisterSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (await answerFromCache(db, request, reply)) return reply;
      return getProviderRegister(db, request.viewer, request.params.slug);
    },
  );
}
