import { csrfForCookieSessions } from "./api-csrf.js";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  FollowUpSchema,
  MilestoneDoneSchema,
  NewMilestoneSchema,
  NewPairingSchema,
  OfferMatchesSchema,
  PairingSchema,
  RequestMatchesSchema,
} from "../../domain/matching/matching-schemas.js";
import { rankOffersForRequest, rankRequestsForOffer } from "../../domain/matching/matching-service.js";
import { addMilestone, completeMilestone, createPairing, getPairing, listPairings, submitFollowUp } from "../../domain/matching/pairing-service.js";
import type { ServerDeps } from "../server.js";
import { ErrorBodySchema, errorResponses, PagingQuerySchema, pageOf } from "./api-schemas.js";

// The matching engine and pairings (R29). Scores are explained factor by factor; pairings are visible to their parties
// (the requesting State, the offer's provider) and UN staff only — they are not published.

const IdParams = z.object({ id: z.uuid("must be an id") });
const writeErrors = { ...errorResponses, 403: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema } as const;
const SCORING =
  "Each factor compares what the request asks with what the offer provides: UHRI themes, SDG targets (exact target > same goal), forms of " +
  "assistance, working languages, region (the State's M49 intermediate region or sub-region > region > world), timing (availability " +
  "overlapping the timeframe), continuity-of-education needs, cooperation (addressed provider, or the kind of provider addressed), ISCED " +
  "levels. Factors the request is silent about are left out and the others scaled to 100. Order: score descending, then id.";

export function registerMatchingApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  const csrfForCookies = csrfForCookieSessions(app);

  api.get(
    "/requests/:id/matches",
    {
      schema: {
        tags: ["matching"],
        summary: "Offers (and provider capability profiles) ranked for an assistance request, with the reasons of each score",
        description: SCORING,
        params: IdParams,
        response: { 200: RequestMatchesSchema, ...errorResponses },
      },
    },
    async (request) => rankOffersForRequest(db, request.viewer, request.params.id),
  );

  api.get(
    "/offers/:id/matches",
    {
      schema: {
        tags: ["matching"],
        summary: "Open assistance requests visible to the caller, ranked for one of the caller's own offers",
        description: SCORING,
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: OfferMatchesSchema, ...errorResponses, 403: ErrorBodySchema },
      },
    },
    async (request) => rankRequestsForOffer(db, request.viewer, request.params.id),
  );

  api.get(
    "/pairings",
    {
      schema: {
        tags: ["matching"],
        summary: "Pairings the caller is party to (or all, for UN staff); overdue=true: follow-up report due and not submitted",
        security: [{ bearer: [] }],
        querystring: PagingQuerySchema.extend({
          requestId: z.uuid().optional(),
          offerId: z.uuid().optional(),
          overdue: z.enum(["true", "false"]).default("false"),
        }),
        response: { 200: pageOf(PairingSchema), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listPairings(db, request.viewer, {
        requestId: q.requestId,
        offerId: q.offerId,
        overdue: q.overdue === "true",
        limit: q.limit,
        offset: q.offset,
      });
      return { total: page.total, limit: q.limit, offset: q.offset, items: page.items };
    },
  );

  api.post(
    "/pairings",
    {
      preValidation: csrfForCookies,
      schema: {
        tags: ["matching"],
        summary: "Pair an assistance request with an offer (the requesting State or the offer's provider); the score is kept as it is now",
        description: "The follow-up report is due one year after the pairing (R29).",
        security: [{ bearer: [] }],
        body: NewPairingSchema,
        response: { 201: PairingSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { id } = await createPairing(db, request.viewer, request.body);
      return reply.status(201).send(await getPairing(db, request.viewer, id));
    },
  );

  api.get(
    "/pairings/:id",
    {
      schema: {
        tags: ["matching"],
        summary: "One pairing with its milestones and follow-up",
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: PairingSchema, ...errorResponses },
      },
    },
    async (request) => getPairing(db, request.viewer, request.params.id),
  );

  api.post(
    "/pairings/:id/milestones",
    {
      preValidation: csrfForCookies,
      schema: {
        tags: ["matching"],
        summary: "Add a milestone to a pairing (its parties)",
        security: [{ bearer: [] }],
        params: IdParams,
        body: NewMilestoneSchema,
        response: { 201: PairingSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      await addMilestone(db, request.viewer, request.params.id, request.body);
      return reply.status(201).send(await getPairing(db, request.viewer, request.params.id));
    },
  );

  api.post(
    "/pairings/:id/milestones/:milestoneId/done",
    {
      preValidation: csrfForCookies,
      schema: {
        tags: ["matching"],
        summary: "Mark a milestone done (on doneOn, default today; never in the future)",
        security: [{ bearer: [] }],
        params: IdParams.extend({ milestoneId: z.uuid("must be a milestone id") }),
        body: MilestoneDoneSchema,
        response: { 200: PairingSchema, ...writeErrors },
      },
    },
    async (request) => {
      await completeMilestone(db, request.viewer, request.params.id, request.params.milestoneId, request.body);
      return getPairing(db, request.viewer, request.params.id);
    },
  );

  api.post(
    "/pairings/:id/follow-up",
    {
      preValidation: csrfForCookies,
      schema: {
        tags: ["matching"],
        summary: "Submit the one-year follow-up report (once; send the pairing's version); the pairing is then completed",
        security: [{ bearer: [] }],
        params: IdParams,
        body: FollowUpSchema,
        response: { 200: PairingSchema, ...writeErrors },
      },
    },
    async (request) => {
      await submitFollowUp(db, request.viewer, request.params.id, request.body);
      return getPairing(db, request.viewer, request.params.id);
    },
  );
}
