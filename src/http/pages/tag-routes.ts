import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { actorFor } from "../../domain/access/acting-for.js";
import { AppError } from "../../domain/core/app-error.js";
import { listCountries } from "../../domain/reference/reference-service.js";
import { mayReviewAny } from "../../domain/tagging/tag-review-access.js";
import { addHumanTag, decideTag, listReviewQueue, type TagScheme, type TagSubject } from "../../domain/tagging/tag-review-service.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";
import { TAG_ADD_ACTION, TAG_DECISION_ACTION, TAG_SCHEMES, tagFlashOf } from "./tag-panel.js";
import {
  assertMayImport,
  importThematicList,
  MAX_UPLOAD_BYTES,
  mayImportThematicList,
  outcomeOf,
  outcomeParams,
  readUpload,
  type UploadBody,
} from "./tag-import.js";
import { importView, REVIEW_SOURCES, type ReviewFilters, reviewHref, reviewQueueView } from "./tag-review-pages.js";

// Routes of the tag review (issue 7 item 3): decisions and added tags from the "Themes and tags" panel and from the
// queue, the queue itself, and the thematic list upload. Decisions are plain forms: POST, CSRF, 303 back with a flash.

const SUBJECT_KINDS = ["recommendation", "request"] as const;

function subjectOf(body: unknown): TagSubject {
  const kind = field(body, "kind");
  const id = field(body, "id")?.trim() ?? "";
  const problems = [
    ...(SUBJECT_KINDS.includes(kind as TagSubject["kind"]) ? [] : [{ field: "kind", message: "must be recommendation or request" }]),
    ...(id.length > 0 && id.length <= 250 ? [] : [{ field: "id", message: "is required (at most 250 characters)" }]),
  ];
  if (problems.length > 0) throw new AppError("invalid_input", "The tag form is not valid", problems);
  return { kind: kind as TagSubject["kind"], id };
}

function schemeOf(value: string | undefined): TagScheme {
  if (TAG_SCHEMES.includes(value as TagScheme)) return value as TagScheme;
  throw new AppError("invalid_input", "The tag form is not valid", [{ field: "scheme", message: `must be one of ${TAG_SCHEMES.join(", ")}` }]);
}

function subjectPage(subject: TagSubject): string {
  return subject.kind === "recommendation" ? `/recommendations/${encodeURIComponent(subject.id)}` : `/requests/${encodeURIComponent(subject.id)}`;
}

/** Where a form comes back to: the subject's page or the queue, never another site (`back` is only a local path). */
function backOf(body: unknown, subject: TagSubject): string {
  const back = field(body, "back") ?? "";
  return /^\/(tagging\/review(\?[^\s#]*)?|recommendations\/[^\s?#/]+|requests\/[^\s?#/]+)$/.test(back) ? back : subjectPage(subject);
}

/** The redirect back with the flash the panel and the queue read (tag-panel.ts tagFlashOf). */
function withFlash(back: string, outcome: "accepted" | "rejected" | "added", scheme: TagScheme, code: string): string {
  const url = new URL(back, "http://localhost");
  url.searchParams.set("tagged", outcome);
  url.searchParams.set("tag", `${scheme}:${code}`);
  return `${url.pathname}${url.search}${url.pathname.startsWith("/tagging/") ? "" : "#tags"}`;
}

function filtersOf(query: unknown): ReviewFilters {
  const state = field(query, "state")?.trim().toUpperCase() ?? "";
  const session = field(query, "session")?.trim() ?? "";
  const source = field(query, "source")?.trim() ?? "";
  const problems = [
    ...(state === "" || /^[A-Z]{3}$/.test(state) ? [] : [{ field: "state", message: "must be an ISO 3166-1 alpha-3 code, like SVN" }]),
    ...(session === "" || /^\d{1,2}$/.test(session) ? [] : [{ field: "session", message: "must be a UPR session number, like 34" }]),
    ...(source === "" || (REVIEW_SOURCES as readonly string[]).includes(source)
      ? []
      : [{ field: "source", message: `must be one of ${REVIEW_SOURCES.join(", ")}` }]),
  ];
  if (problems.length > 0) throw new AppError("invalid_input", "The review filters are not valid", problems);
  return { state, session, source };
}

function signInFirst(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  if (request.viewer.userId) return null;
  return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
}

export function registerTagPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.post(TAG_DECISION_ACTION, { preHandler: app.csrfProtection }, async (request, reply) => {
    const body = request.body;
    const subject = subjectOf(body);
    const scheme = schemeOf(field(body, "scheme"));
    const code = field(body, "code")?.trim() ?? "";
    const decision = field(body, "decision");
    if (decision !== "accept" && decision !== "reject")
      throw new AppError("invalid_input", "The decision is not valid", [{ field: "decision", message: "must be accept or reject" }]);
    await decideTag(db, actorFor(request.viewer, "Sign in to review tags"), request.viewer, { subject, scheme, code, decision });
    return reply.redirect(withFlash(backOf(body, subject), decision === "accept" ? "accepted" : "rejected", scheme, code), 303);
  });

  app.post(TAG_ADD_ACTION, { preHandler: app.csrfProtection }, async (request, reply) => {
    const body = request.body;
    const subject = subjectOf(body);
    // One <select> offers every scheme: its value is "scheme:code" ("uhri:E5", "sdg:4", "upr-info:Women's rights").
    const tag = field(body, "tag") ?? "";
    const sep = tag.indexOf(":");
    if (sep < 1) throw new AppError("invalid_input", "Choose a tag to add", [{ field: "tag", message: "choose a tag from the list" }]);
    const scheme = schemeOf(tag.slice(0, sep));
    const code = tag.slice(sep + 1).trim();
    await addHumanTag(db, actorFor(request.viewer, "Sign in to add a tag"), request.viewer, { subject, scheme, code });
    return reply.redirect(withFlash(backOf(body, subject), "added", scheme, code), 303);
  });

  app.get("/tagging/review", async (request, reply) => {
    const signIn = signInFirst(request, reply);
    if (signIn) return signIn;
    if (!mayReviewAny(request.viewer))
      throw new AppError("forbidden", "Only tag reviewers (OHCHR officers, a State's focal point for its requests) see the review queue");
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const filters = filtersOf(request.query);
    const page = Math.max(1, Math.min(10_000, Number(field(request.query, "page")) || 1));
    const [queue, labels, countries] = await Promise.all([
      listReviewQueue(db, request.viewer, {
        state: filters.state || undefined,
        session: filters.session ? Number(filters.session) : undefined,
        source: filters.source || undefined,
        page,
      }),
      codeLabels(db, ctx.lang),
      listCountries(db, { lang: ctx.lang, limit: 500 }),
    ]);
    const states = countries.items.map((c) => ({ iso3: c.iso3, name: c.localName ?? c.name })).sort((a, b) => a.name.localeCompare(b.name, ctx.lang));
    return sendPage(
      reply,
      reviewQueueView({
        ctx,
        items: queue.items,
        total: queue.total,
        page,
        pages: Math.max(1, Math.ceil(queue.total / queue.pageSize)),
        filters,
        states,
        labels,
        flash: tagFlashOf(ctx.query),
        imported: outcomeOf(ctx.query),
        mayImport: mayImportThematicList(request.viewer),
      }),
    );
  });

  app.get("/tagging/import", async (request, reply) => {
    const signIn = signInFirst(request, reply);
    if (signIn) return signIn;
    assertMayImport(request.viewer);
    return sendPage(reply, importView({ ctx: pageContext(request, reply, { showDemoNotice: deps.demo }), refused: null }));
  });

  // Multipart is accepted by this route only (its own plugin scope), up to 10 MB; the CSRF token is checked on the
  // parsed fields before anything is written, and access before the body is even read.
  void app.register(async (upload) => {
    await upload.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
    upload.post(
      "/tagging/import",
      {
        preValidation: async (request) => {
          assertMayImport(request.viewer);
          await readUpload(request);
        },
        preHandler: upload.csrfProtection,
      },
      async (request, reply) => {
        const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
        const body = request.body as Partial<UploadBody> | undefined;
        if (body?.tooLarge) return sendPage(reply, importView({ ctx, refused: null, message: ctx.t("tagging.import.tooLarge") }), 413);
        if (!body?.file || body.file.data.length === 0)
          return sendPage(reply, importView({ ctx, refused: null, message: ctx.t("tagging.import.noFile") }), 400);
        const result = await importThematicList(db, request.viewer, body.file);
        if (!result.ok) return sendPage(reply, importView({ ctx, refused: { file: result.file, problems: result.problems } }), 400);
        const href = new URL(reviewHref(result.filters), "http://localhost");
        for (const [k, v] of Object.entries(outcomeParams(result.outcome))) href.searchParams.set(k, v);
        return reply.redirect(`${href.pathname}${href.search}`, 303);
      },
    );
  });
}
