import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorFor } from "../../domain/access/acting-for.js";
import type { Viewer } from "../../domain/access/viewer.js";
import { getRecommendation } from "../../domain/recommendations/recommendation-search.js";
import { getRequest } from "../../domain/requests/request-queries.js";
import { addHumanTag, decideTag, listSubjectTags, type SubjectTag, type TagSubject } from "../../domain/tagging/tag-review-service.js";
import type { Db } from "../../store/db.js";
import type { ServerDeps } from "../server.js";
import { csrfForCookieSessions } from "./api-csrf.js";
import { ErrorBodySchema, errorResponses } from "./api-schemas.js";

// Tags of a recommendation or an assistance request (issue 7 item 3): the official ones with their provenance for
// every caller; the model's pending and rejected suggestions only for those who may review them. A reviewer accepts
// or rejects a suggestion, or adds a tag; every answer is the subject's tags after the change.

const SCHEMES = ["upr-info", "uhri", "sdg"] as const;

const TagSchema = z
  .object({
    scheme: z.enum(SCHEMES).describe("upr-info: a UPR Info issue label; uhri: a UHRI level-2 theme code; sdg: an SDG goal number"),
    code: z.string(),
    confidence: z.number().nullable().describe("The model's confidence 0–1; null for a tag from the source or added by a person"),
    origin: z.enum(["source", "model", "human"]),
    modelName: z.string().nullable(),
    modelVersion: z.string().nullable(),
    status: z.enum(["official", "suggested", "accepted", "rejected"]),
    decidedBy: z.string().nullable().describe("Display name of the person who accepted, rejected or added the tag"),
    decidedAt: z.string().nullable(),
  })
  .describe("Tag");

const SubjectTagsSchema = z
  .object({
    official: z.array(TagSchema).describe("From the source, accepted suggestions and tags added by people"),
    pending: z.array(TagSchema).describe("Suggestions waiting for a decision; empty unless canReview"),
    rejected: z.array(TagSchema).describe("Rejected suggestions, kept as a record; empty unless canReview"),
    canReview: z.boolean(),
  })
  .describe("SubjectTags");

const TagInputSchema = z.object({
  scheme: z.enum(SCHEMES),
  code: z.string().trim().min(1, "is required").max(200),
});
const DecisionSchema = TagInputSchema.extend({ decision: z.enum(["accept", "reject"]) });

const RecommendationParams = z.object({ id: z.string().min(3).max(250) });
const RequestParams = z.object({ id: z.uuid("must be an identifier") });
const writeErrors = { ...errorResponses, 403: ErrorBodySchema, 409: ErrorBodySchema } as const;

function toTag(t: SubjectTag): z.infer<typeof TagSchema> {
  return {
    scheme: t.scheme,
    code: t.code,
    confidence: t.confidence,
    origin: t.origin,
    modelName: t.modelName,
    modelVersion: t.modelVersion,
    status: t.status,
    decidedBy: t.decidedBy,
    decidedAt: t.decidedAt,
  };
}

async function tagsOf(db: Db, viewer: Viewer, subject: TagSubject): Promise<z.infer<typeof SubjectTagsSchema>> {
  const tags = await listSubjectTags(db, viewer, subject);
  return { official: tags.official.map(toTag), pending: tags.pending.map(toTag), rejected: tags.rejected.map(toTag), canReview: tags.canReview };
}

export function registerTaggingApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  const csrfForCookies = csrfForCookieSessions(app);

  // The subject must exist and be visible to the caller (a draft request is its State's alone): 404 otherwise.
  const subjects = [
    {
      kind: "recommendation" as const,
      path: "/recommendations/:id",
      params: RecommendationParams,
      what: "a recommendation",
      reviewers: "OHCHR officers and administrators",
      check: async (_viewer: Viewer, id: string) => void (await getRecommendation(db, id)),
    },
    {
      kind: "request" as const,
      path: "/requests/:id",
      params: RequestParams,
      what: "an assistance request",
      reviewers: "the requesting State's focal point or national mechanism, and OHCHR officers",
      check: async (viewer: Viewer, id: string) => void (await getRequest(db, viewer, id)),
    },
  ];

  for (const s of subjects) {
    api.get(
      `${s.path}/tags`,
      {
        schema: {
          tags: ["tagging"],
          summary: `The tags of ${s.what}: official ones with their provenance; suggestions only for reviewers (${s.reviewers})`,
          params: s.params,
          response: { 200: SubjectTagsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        await s.check(request.viewer, id);
        return tagsOf(db, request.viewer, { kind: s.kind, id });
      },
    );

    api.post(
      `${s.path}/tags/decisions`,
      {
        preValidation: csrfForCookies,
        schema: {
          tags: ["tagging"],
          summary: `Accept or reject a tag suggested for ${s.what} (${s.reviewers}); an accepted tag becomes official with its provenance`,
          security: [{ bearer: [] }],
          params: s.params,
          body: DecisionSchema,
          response: { 200: SubjectTagsSchema, ...writeErrors },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        const body = request.body as z.infer<typeof DecisionSchema>;
        await s.check(request.viewer, id);
        const subject = { kind: s.kind, id };
        await decideTag(db, actorFor(request.viewer, "Send an API token to review tags"), request.viewer, {
          subject,
          scheme: body.scheme,
          code: body.code,
          decision: body.decision,
        });
        return tagsOf(db, request.viewer, subject);
      },
    );

    api.post(
      `${s.path}/tags`,
      {
        preValidation: csrfForCookies,
        schema: {
          tags: ["tagging"],
          summary: `Add a tag to ${s.what} (${s.reviewers}): official at once, recorded as added by the caller`,
          security: [{ bearer: [] }],
          params: s.params,
          body: TagInputSchema,
          response: { 201: SubjectTagsSchema, ...writeErrors },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const body = request.body as z.infer<typeof TagInputSchema>;
        await s.check(request.viewer, id);
        const subject = { kind: s.kind, id };
        await addHumanTag(db, actorFor(request.viewer, "Send an API token to add a tag"), request.viewer, { subject, scheme: body.scheme, code: body.code });
        return reply.code(201).send(await tagsOf(db, request.viewer, subject));
      },
    );
  }
}
