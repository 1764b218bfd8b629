import { csrfForCookieSessions } from "./api-csrf.js";
import type { FastifyInstance, FastifySchemaCompiler } from "fastify";
import { validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { getRequest, listProviderQueue, listRequests } from "../../domain/requests/request-queries.js";
import {
  NewRequestSchema,
  ProviderResponseTimeSchema,
  RequestDetailSchema,
  RequestListQuerySchema,
  RequestQueueItemSchema,
  RequestSummarySchema,
  RequestTransitionInputSchema,
  RequestUpdateSchema,
  RequestVisibilityInputSchema,
} from "../../domain/requests/request-schemas.js";
import { changeRequestStatus, createRequestDraft, setRequestVisibility, updateRequestDraft } from "../../domain/requests/request-service.js";
import { listProviderResponseTimes } from "../../domain/requests/response-times.js";
import type { ServerDeps } from "../server.js";
import { ErrorBodySchema, errorResponses, PagingQuerySchema, pageOf } from "./api-schemas.js";

// Assistance requests (R12, R13; res. 45/32 OP8). Callers see what their roles allow (filtered in SQL); writes need
// a signed-in session or an API token. Browsers using the session cookie must send the CSRF token (x-csrf-token).

const IdParams = z.object({ id: z.uuid("must be a request id") });
const writeErrors = { ...errorResponses, 403: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema } as const;

/**
 * Write bodies are validated by the domain, not here: one answer then names every problem (shape and references,
 * such as another State's recommendation) with the field names the forms use. The schema still documents the body.
 */
function bodyCheckedByDomain<T>(route: Parameters<FastifySchemaCompiler<T>>[0]): ReturnType<FastifySchemaCompiler<T>> {
  if (route.httpPart === "body") return (data: unknown) => ({ value: data });
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

export function registerRequestApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  const csrfForCookies = csrfForCookieSessions(app);

  api.get(
    "/requests",
    {
      schema: {
        tags: ["requests"],
        summary: "Assistance requests visible to the caller",
        description:
          "Anonymous callers see requests their State published; a State's focal point or NMIRF sees all of its State's requests, drafts included; " +
          "UN providers see submitted requests shared with the State and UN providers; a provider sees requests addressed to it.",
        querystring: RequestListQuerySchema,
        response: { 200: pageOf(RequestSummarySchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listRequests(db, request.viewer, request.query);
      return { total: page.total, limit: request.query.limit, offset: request.query.offset, items: page.items };
    },
  );

  api.get(
    "/requests/queue",
    {
      schema: {
        tags: ["requests"],
        summary: "The caller's provider queue: open requests addressed to their organizations, oldest submission first",
        description: "Overdue: submitted and not acknowledged within 10 working days (Monday–Friday), 5 for COVID-19 related requests (R7 fast track).",
        security: [{ bearer: [] }],
        querystring: PagingQuerySchema.extend({ closed: z.enum(["true", "false"]).default("false").describe("Include closed requests") }),
        response: { 200: pageOf(RequestQueueItemSchema), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listProviderQueue(db, request.viewer, { includeClosed: q.closed === "true", limit: q.limit, offset: q.offset });
      return { total: page.total, limit: q.limit, offset: q.offset, items: page.items };
    },
  );

  api.get(
    "/requests/:id",
    {
      schema: {
        tags: ["requests"],
        summary: "One assistance request with its legal basis, national actors, timeline and the caller's possible next steps",
        params: IdParams,
        response: { 200: RequestDetailSchema, ...errorResponses },
      },
    },
    async (request) => getRequest(db, request.viewer, request.params.id),
  );

  api.post(
    "/requests",
    {
      preValidation: csrfForCookies,
      validatorCompiler: bodyCheckedByDomain,
      schema: {
        tags: ["requests"],
        summary: "Create a draft request (State focal point or NMIRF)",
        description:
          "Recommendations must be the requesting State's own; a recommendation it did not support is accepted and flagged (notAccepted). " +
          "Currencies are checked against the IATI Currency codelist (ISO 4217).",
        security: [{ bearer: [] }],
        body: NewRequestSchema,
        response: { 201: RequestDetailSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await createRequestDraft(db, request.viewer, request.body);
      reply.status(201).header("location", `/api/v1/requests/${created.id}`);
      return getRequest(db, request.viewer, created.id);
    },
  );

  api.put(
    "/requests/:id",
    {
      preValidation: csrfForCookies,
      validatorCompiler: bodyCheckedByDomain,
      schema: {
        tags: ["requests"],
        summary: "Replace a draft's content; send the version you edited (a stale version answers 409 and changes nothing)",
        security: [{ bearer: [] }],
        params: IdParams,
        body: RequestUpdateSchema,
        response: { 200: RequestDetailSchema, ...writeErrors },
      },
    },
    async (request) => {
      await updateRequestDraft(db, request.viewer, request.params.id, request.body);
      return getRequest(db, request.viewer, request.params.id);
    },
  );

  api.post(
    "/requests/:id/transitions",
    {
      preValidation: csrfForCookies,
      validatorCompiler: bodyCheckedByDomain,
      schema: {
        tags: ["requests"],
        summary: "Move a request one step",
        description:
          "The State: submitted (assigns the reference TA-<ISO3>-<year>-<NNNN>), withdrawn (reason). A provider the request is addressed to: " +
          "acknowledged, under_assessment, referred (reason; referToOrganizationId addresses another provider), declined (reason). " +
          "An illegal step answers 422 with the reason; offer_made, agreed and converted_to_activity follow from offers and activities.",
        security: [{ bearer: [] }],
        params: IdParams,
        body: RequestTransitionInputSchema,
        response: { 200: RequestDetailSchema, ...writeErrors },
      },
    },
    async (request) => {
      await changeRequestStatus(db, request.viewer, request.params.id, request.body);
      return getRequest(db, request.viewer, request.params.id);
    },
  );

  api.post(
    "/requests/:id/visibility",
    {
      preValidation: csrfForCookies,
      validatorCompiler: bodyCheckedByDomain,
      schema: {
        tags: ["requests"],
        summary: "The State publishes its request (public) or shares it only with UN providers (state_and_un) — R32",
        security: [{ bearer: [] }],
        params: IdParams,
        body: RequestVisibilityInputSchema,
        response: { 200: RequestDetailSchema, ...writeErrors },
      },
    },
    async (request) => {
      await setRequestVisibility(db, request.viewer, request.params.id, request.body);
      return getRequest(db, request.viewer, request.params.id);
    },
  );

  api.get(
    "/providers/response-times",
    {
      schema: {
        tags: ["requests"],
        summary: "Response-time figures per provider (R13)",
        description:
          "For each provider: submitted requests addressed to it, how many it acknowledged and made an offer on, median and 90th-percentile days " +
          "from submission, and the shares it declined or referred. Each step is credited to the organization that took it. " +
          "Providers with fewer than 3 requests have their figures withheld (small-cell rule).",
        response: { 200: z.array(ProviderResponseTimeSchema), ...errorResponses },
      },
    },
    async (request) => listProviderResponseTimes(db, request.viewer),
  );
}
