import { csrfForCookieSessions } from "./api-csrf.js";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { addDocument, addNationalActor, addParticipant } from "../../domain/activities/activity-parts-service.js";
import { getActivity, listActivities } from "../../domain/activities/activity-queries.js";
import {
  ActivityListQuerySchema,
  DocumentSchema,
  IndicatorSchema,
  IndicatorValueSchema,
  LinkSchema,
  NationalActorSchema,
  NewActivitySchema,
  ParticipantSchema,
  ResultSchema,
  TransactionSchema,
  TransitionSchema,
  UpdateActivitySchema,
} from "../../domain/activities/activity-schemas.js";
import { changeActivityStatus, linkActivity, startActivity, updateActivity } from "../../domain/activities/activity-service.js";
import { ActivityDetailSchema, ActivityListSchema, CreatedActivitySchema, CreatedSchema } from "../../domain/activities/activity-views.js";
import { addIndicator, addIndicatorValue, addResult } from "../../domain/activities/results-service.js";
import { addTransaction } from "../../domain/activities/transaction-service.js";
import type { ServerDeps } from "../server.js";
import { ErrorBodySchema, errorResponses } from "./api-schemas.js";

// Activities (R3–R8; res. 45/32 OP2, OP8), IATI-aligned: reads filtered by what the caller may see, writes by the
// reporting provider (and the State concerned for withholding and national actors). Money is a decimal string.

const IdParams = z.object({ id: z.uuid("must be an identifier") });
const writeErrors = { ...errorResponses, 403: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema } as const;

export function registerActivityApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  const csrfForCookies = csrfForCookieSessions(app);
  const write = (summary: string, extra: { description?: string } = {}) => ({ tags: ["activities"], summary, security: [{ bearer: [] }], ...extra });

  api.get(
    "/activities",
    {
      schema: {
        tags: ["activities"],
        summary: "Activities the caller may see, newest first; withheld ones are counted (from 3 up), not listed",
        querystring: ActivityListQuerySchema,
        response: { 200: ActivityListSchema, ...errorResponses },
      },
    },
    async (request) => listActivities(db, request.viewer, request.query),
  );

  api.get(
    "/activities/:id",
    {
      schema: {
        tags: ["activities"],
        summary:
          "One activity: status and consent badge, participants, transactions with totals per currency, results, documents, national actors, links, history",
        params: IdParams,
        response: { 200: ActivityDetailSchema, ...errorResponses },
      },
    },
    async (request) => getActivity(db, request.viewer, request.params.id),
  );

  api.post(
    "/activities",
    {
      preValidation: csrfForCookies,
      schema: {
        ...write("Start an activity in the pipeline, from an accepted offer (offerId) or directly for a State", {
          description: "The caller acts for `organizationId` (a provider). warnings lists `no_request` when the activity answers no assistance request (R4).",
        }),
        body: NewActivitySchema,
        response: { 201: CreatedActivitySchema, ...writeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await startActivity(db, request.viewer, request.body)),
  );

  api.put(
    "/activities/:id",
    {
      preValidation: csrfForCookies,
      schema: {
        ...write("Edit an activity; send the version you edited (a stale one gets 409 and nothing is overwritten)", {
          description: "Absent fields keep their value; null clears one. detailsWithheld and withheldReason are for the State concerned only.",
        }),
        params: IdParams,
        body: UpdateActivitySchema,
        response: { 200: z.object({ version: z.number().int() }), ...writeErrors },
      },
    },
    async (request) => updateActivity(db, request.viewer, request.params.id, request.body),
  );

  api.post(
    "/activities/:id/transitions",
    {
      preValidation: csrfForCookies,
      schema: {
        ...write("Change the IATI status; leaving the pipeline or resuming needs a valid consent of the State (422 otherwise)"),
        params: IdParams,
        body: TransitionSchema,
        response: { 200: z.object({ from: z.number().int(), to: z.number().int() }), ...writeErrors },
      },
    },
    async (request) => changeActivityStatus(db, request.viewer, request.params.id, request.body),
  );

  api.post(
    "/activities/:id/links",
    {
      preValidation: csrfForCookies,
      schema: {
        ...write("Link assistance requests and recommendations of the activity's State (links are never removed)"),
        params: IdParams,
        body: LinkSchema,
        response: { 200: z.object({ requestIds: z.array(z.string()), recommendationIds: z.array(z.string()) }), ...writeErrors },
      },
    },
    async (request) => linkActivity(db, request.viewer, request.params.id, request.body),
  );

  const created = <B extends z.ZodType>(
    url: string,
    summary: string,
    body: B,
    run: (request: FastifyRequest, id: string, input: z.infer<B>) => Promise<{ id: string }>,
  ) =>
    api.post(
      url,
      { preValidation: csrfForCookies, schema: { ...write(summary), params: IdParams, body, response: { 201: CreatedSchema, ...writeErrors } } },
      async (request, reply) => reply.code(201).send(await run(request, request.params.id, request.body as z.infer<B>)),
    );

  created(
    "/activities/:id/transactions",
    "Record an IATI transaction (commitment, disbursement, expenditure, incoming funds …) in any currency",
    TransactionSchema,
    (r, id, input) => addTransaction(db, r.viewer, id, input),
  );
  created("/activities/:id/results", "Add a result (IATI ResultType: output, outcome, impact)", ResultSchema, (r, id, input) =>
    addResult(db, r.viewer, id, input),
  );
  created("/results/:id/indicators", "Add an indicator to a result (baseline, target, direction)", IndicatorSchema, (r, id, input) =>
    addIndicator(db, r.viewer, id, input),
  );
  created(
    "/indicators/:id/values",
    "Record a value for a period, disaggregated by sex, age, disability and location (R27)",
    IndicatorValueSchema,
    (r, id, input) => addIndicatorValue(db, r.viewer, id, input),
  );
  created("/activities/:id/participants", "Add a participating organization with its IATI role", ParticipantSchema, (r, id, input) =>
    addParticipant(db, r.viewer, id, input),
  );
  created("/activities/:id/documents", "Attach a document (https address, IATI DocumentCategory)", DocumentSchema, (r, id, input) =>
    addDocument(db, r.viewer, id, input),
  );
  created(
    "/activities/:id/national-actors",
    "Record a national actor involved (its name is published only with its consent, R8)",
    NationalActorSchema,
    (r, id, input) => addNationalActor(db, r.viewer, id, input),
  );
}
