import { csrfForCookieSessions } from "./api-csrf.js";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  NewOfferSchema,
  OfferQuerySchema,
  OfferSchema,
  OfferTransitionInputSchema,
  OfferUpdateSchema,
  ProviderProfileInputSchema,
  ProviderProfileSchema,
  ProviderSummarySchema,
} from "../../domain/offers/offer-schemas.js";
import { createOffer, getOffer, listOffers, updateOffer } from "../../domain/offers/offer-service.js";
import { transitionOffer } from "../../domain/offers/offer-transition-service.js";
import { getProvider, listProviders, saveProviderProfile } from "../../domain/offers/provider-service.js";
import type { ServerDeps } from "../server.js";
import { ErrorBodySchema, errorResponses, PagingQuerySchema, pageOf } from "./api-schemas.js";

// Offers and provider capability profiles (R29, R6, R24; res. 45/32 OP3, OP8). Callers see what their roles allow
// (filtered in SQL); writes need a signed-in session or an API token. Browsers using the session cookie must send the
// CSRF token (x-csrf-token).

const IdParams = z.object({ id: z.uuid("must be an offer id") });
const OrganizationParams = z.object({ organizationId: z.string().min(1).max(100).describe("Organization id or slug") });
const writeErrors = { ...errorResponses, 403: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema } as const;

export function registerOfferApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  const csrfForCookies = csrfForCookieSessions(app);

  api.get(
    "/offers",
    {
      schema: {
        tags: ["offers"],
        summary: "Offers visible to the caller: by default the published board",
        description:
          "Filters: theme (UHRI code), modality, cooperationType, region (UN M49 code or world), language, southSouth=true (South-South and " +
          "triangular cooperation, R6), provider, requestId, status. mine=true lists the offers of the caller's own providers in every status.",
        querystring: OfferQuerySchema.extend({ mine: z.enum(["true", "false"]).default("false") }),
        response: { 200: pageOf(OfferSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { mine, ...query } = request.query;
      return listOffers(db, request.viewer, { ...query, southSouth: query.southSouth ? "true" : undefined, mine: mine === "true" });
    },
  );

  api.post(
    "/offers",
    {
      preValidation: csrfForCookies,
      schema: {
        tags: ["offers"],
        summary: "Draft an offer for a provider the caller acts for",
        description:
          "With requestId, the offer answers that assistance request and is made to its State; it cannot be public while the request is not. " +
          "Codes are checked against the reference data: UHRI themes, SDG targets, IATI Language and Currency codelists, UN M49 regions.",
        security: [{ bearer: [] }],
        body: NewOfferSchema,
        response: { 201: OfferSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id } = await createOffer(db, request.viewer, request.body);
      return reply.status(201).send(await getOffer(db, request.viewer, id));
    },
  );

  api.get(
    "/offers/:id",
    {
      schema: { tags: ["offers"], summary: "One offer", params: IdParams, response: { 200: OfferSchema, ...errorResponses } },
    },
    async (request) => getOffer(db, request.viewer, request.params.id),
  );

  api.put(
    "/offers/:id",
    {
      preValidation: csrfForCookies,
      schema: {
        tags: ["offers"],
        summary: "Edit a draft offer (send the version you edited: a stale one is refused with 409)",
        security: [{ bearer: [] }],
        params: IdParams,
        body: OfferUpdateSchema,
        response: { 200: OfferSchema, ...writeErrors },
      },
    },
    async (request) => {
      await updateOffer(db, request.viewer, request.params.id, request.body);
      return getOffer(db, request.viewer, request.params.id);
    },
  );

  api.post(
    "/offers/:id/transitions",
    {
      preValidation: csrfForCookies,
      schema: {
        tags: ["offers"],
        summary: "Change an offer's status: published, withdrawn (reason), closed by its provider; accepted or declined (reason) by the State",
        description:
          "Publishing an offer that answers a request moves the request to offer_made (acknowledging it first if it was only submitted). " +
          "Accepting moves the request to agreed and declines the other published offers on it; when the last published offer on a request is " +
          "declined, withdrawn or closed, the request returns to under_assessment.",
        security: [{ bearer: [] }],
        params: IdParams,
        body: OfferTransitionInputSchema,
        response: { 200: OfferSchema, ...writeErrors },
      },
    },
    async (request) => {
      await transitionOffer(db, request.viewer, request.params.id, request.body);
      return getOffer(db, request.viewer, request.params.id);
    },
  );

  api.get(
    "/providers",
    {
      schema: {
        tags: ["offers"],
        summary: "Providers with a capability profile or a published offer: UN entities, States (bilateral, South-South, triangular), regional organizations",
        querystring: PagingQuerySchema,
        response: { 200: pageOf(ProviderSummarySchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listProviders(db, request.viewer, request.query);
      return { total: page.total, limit: request.query.limit, offset: request.query.offset, items: page.items };
    },
  );

  api.get(
    "/providers/:organizationId/profile",
    {
      schema: {
        tags: ["offers"],
        summary: "A provider's capability profile (version 0 and empty lists when it has not written one)",
        params: OrganizationParams,
        response: { 200: ProviderProfileSchema, ...errorResponses },
      },
    },
    async (request) => (await getProvider(db, request.viewer, request.params.organizationId)).profile,
  );

  api.put(
    "/providers/:organizationId/profile",
    {
      preValidation: csrfForCookies,
      schema: {
        tags: ["offers"],
        summary: "Write a provider's capability profile (its own staff; send the version you edited, 0 for a first profile)",
        security: [{ bearer: [] }],
        params: OrganizationParams,
        body: ProviderProfileInputSchema,
        response: { 200: ProviderProfileSchema, ...writeErrors },
      },
    },
    async (request) => saveProviderProfile(db, request.viewer, request.params.organizationId, request.body),
  );
}
