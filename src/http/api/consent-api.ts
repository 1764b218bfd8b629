import { csrfForCookieSessions } from "./api-csrf.js";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { getActivity } from "../../domain/activities/activity-queries.js";
import { ConsentSchema, RevokeConsentSchema } from "../../domain/activities/activity-schemas.js";
import { ConsentViewSchema, CreatedSchema } from "../../domain/activities/activity-views.js";
import { recordConsent, revokeConsent } from "../../domain/activities/consent-service.js";
import type { ServerDeps } from "../server.js";
import { ErrorBodySchema, errorResponses } from "./api-schemas.js";

// Consent of the State concerned (R3; res. 45/32 OP2): recorded and revoked by its focal point or NMIRF; revoking
// suspends an activity under way and erases nothing. Who signed and the reference are for the activity's circle.

const IdParams = z.object({ id: z.uuid("must be an identifier") });
const writeErrors = { ...errorResponses, 403: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema } as const;

export function registerConsentApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  const csrfForCookies = csrfForCookieSessions(app);

  api.get(
    "/activities/:id/consents",
    {
      schema: {
        tags: ["consents"],
        summary: "The consent records of an activity the caller may see; details (who, reference, scope) only for the activity's circle",
        params: IdParams,
        response: { 200: z.array(ConsentViewSchema), ...errorResponses },
      },
    },
    async (request) => (await getActivity(db, request.viewer, request.params.id)).consents,
  );

  api.post(
    "/activities/:id/consents",
    {
      preValidation: csrfForCookies,
      schema: {
        tags: ["consents"],
        summary: "Record the consent of the State concerned (its focal point or NMIRF): who, channel and reference, scope, date, expiry",
        description: "publishDetails=false withholds the activity's details from the public (it still counts in aggregates).",
        security: [{ bearer: [] }],
        params: IdParams,
        body: ConsentSchema,
        response: { 201: CreatedSchema, ...writeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await recordConsent(db, request.viewer, request.params.id, request.body)),
  );

  api.post(
    "/consents/:id/revoke",
    {
      preValidation: csrfForCookies,
      schema: {
        tags: ["consents"],
        summary:
          "Revoke a consent (reason required): the record stays; an activity in implementation or finalisation is suspended unless another consent is valid",
        security: [{ bearer: [] }],
        params: IdParams,
        body: RevokeConsentSchema,
        response: { 200: z.object({ suspended: z.boolean() }), ...writeErrors },
      },
    },
    async (request) => revokeConsent(db, request.viewer, request.params.id, request.body),
  );
}
