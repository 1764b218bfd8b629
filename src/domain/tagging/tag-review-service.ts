import { z } from "zod";
import type { Db } from "../../store/db.js";
import { listReviewQueueRows } from "../../store/tag-queue-store.js";
import { listPendingRows, listTagRows, lockTagRow, type TagRow, upsertHumanTag, writeDecision, insertSuggestions } from "../../store/tag-store.js";
import { findRecommendationTagFacts, findVisibleRequestTagFacts, findUhriThemeLabel, goalsOfTargets } from "../../store/tag-subject-store.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { type Actor, runAudited } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { defaultTagModel } from "../../imports/tag-model-file.js";
import { selectedCodesOf, tagKey } from "./tag-batch-service.js";
import { isTaggableText, suggestTagsForCheckedText } from "./tag-suggest.js";
import { canReviewTags, reviewScopeOf } from "./tag-review-access.js";
import { makeOfficial, revokeOfficial, sourceBacksTag } from "./tag-official.js";

// Suggested tags and their review (issue 7: "a reviewer accepts or rejects; stored tags record their provenance …
// unconfirmed suggestions are never shown as official"). Official tags are the subject's own (from the source file
// or the mapping, or chosen by the request's author) plus accepted suggestions and tags a person added; suggestions
// and rejected codes are shown to reviewers only (tag-review-access.ts).

export { storeSuggestions, tagRecommendations } from "./tag-batch-service.js";

export const TAG_SCHEMES = ["upr-info", "uhri", "sdg"] as const;
export type TagScheme = (typeof TAG_SCHEMES)[number];
export type TagSubject = { kind: "recommendation" | "request"; id: string };
export type SubjectTag = {
  scheme: TagScheme;
  code: string;
  confidence: number | null;
  origin: "source" | "model" | "human";
  modelName: string | null;
  modelVersion: string | null;
  status: "official" | "suggested" | "accepted" | "rejected";
  /** Display name of who decided. */
  decidedBy: string | null;
  decidedAt: string | null;
};
export type SubjectTags = { official: SubjectTag[]; pending: SubjectTag[]; rejected: SubjectTag[]; canReview: boolean };
export type Page<T> = { total: number; page: number; pageSize: number; items: T[] };

export const REVIEW_QUEUE_PAGE_SIZE = 20;

const SubjectSchema = z.object({
  kind: z.enum(["recommendation", "request"], "must be recommendation or request"),
  id: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
});
const TagInputSchema = z.object({
  subject: SubjectSchema,
  scheme: z.enum(TAG_SCHEMES, "must be upr-info, uhri or sdg"),
  code: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
});
const DecisionSchema = TagInputSchema.extend({ decision: z.enum(["accept", "reject"], "must be accept or reject") });
const QueueFilterSchema = z.object({
  state: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code")
    .optional(),
  session: z.coerce.number().int("must be a whole number").min(1, "must be 1 or more").optional(),
  source: z.enum(["upr-info", "uhri"], "must be upr-info or uhri").optional(),
  page: z.coerce.number().int().min(1, "must be 1 or more").max(10_000, "must be at most 10,000").default(1),
});

/** What a decision needs to know about the subject. */
type SubjectContext = {
  subject: TagSubject;
  text: string;
  /** Codes on the subject's own record (recommendation arrays; request themes and SDG goals) as scheme\0code keys. */
  onRecord: Set<string>;
  canReview: boolean;
};

async function loadSubject(db: Db, viewer: Viewer, subject: TagSubject): Promise<SubjectContext> {
  if (subject.kind === "recommendation") {
    const r = await findRecommendationTagFacts(db, subject.id);
    if (!r) throw notFound("Recommendation", subject.id);
    return {
      subject,
      text: r.text,
      onRecord: new Set([
        ...r.issues.map((c) => tagKey("upr-info", c)),
        ...r.themeCodes.map((c) => tagKey("uhri", c)),
        ...r.sdgGoals.map((g) => tagKey("sdg", String(g))),
      ]),
      canReview: canReviewTags(viewer, { kind: "recommendation" }),
    };
  }
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(subject.id);
  // A request the viewer may not see does not exist for them (cooperation-visibility.ts, in SQL).
  const r = isUuid ? await findVisibleRequestTagFacts(db, scopeOf(viewer), subject.id) : undefined;
  if (!r) throw notFound("Assistance request", subject.id);
  return {
    subject,
    text: [r.title, r.needsStatement, r.objectives].filter((t) => t.trim()).join("\n\n"),
    onRecord: new Set([...r.themes.map((c) => tagKey("uhri", c)), ...goalsOfTargets(r.sdgTargets).map((g) => tagKey("sdg", String(g)))]),
    canReview: canReviewTags(viewer, { kind: "request", stateIso3: r.stateIso3 }),
  };
}

const toTag = (r: TagRow): SubjectTag => ({
  scheme: r.scheme,
  code: r.code,
  confidence: r.confidence,
  origin: r.origin,
  modelName: r.modelName,
  modelVersion: r.modelVersion,
  status: r.status,
  decidedBy: r.decidedByName,
  decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
});

const sourceTag = (key: string): SubjectTag => {
  const [scheme, code] = key.split("\u0000") as [TagScheme, string];
  return { scheme, code, confidence: null, origin: "source", modelName: null, modelVersion: null, status: "official", decidedBy: null, decidedAt: null };
};

const bySchemeThenCode = (a: SubjectTag, b: SubjectTag) =>
  TAG_SCHEMES.indexOf(a.scheme) - TAG_SCHEMES.indexOf(b.scheme) || (a.scheme === "sdg" ? Number(a.code) - Number(b.code) : a.code.localeCompare(b.code));
const byConfidence = (a: SubjectTag, b: SubjectTag) => (b.confidence ?? 0) - (a.confidence ?? 0) || bySchemeThenCode(a, b);

/** The model's live suggestions for a subject nothing was stored for yet (not stored until someone decides). */
function liveSuggestions(ctx: SubjectContext, exclude: Set<string>): SubjectTag[] {
  if (!isTaggableText(ctx.text).ok) return [];
  const model = defaultTagModel();
  return selectedCodesOf(suggestTagsForCheckedText(model, ctx.text))
    .filter((c) => !exclude.has(tagKey(c.scheme, c.code)))
    .map((c) => ({ ...c, origin: "model", modelName: model.name, modelVersion: model.version, status: "suggested", decidedBy: null, decidedAt: null }));
}

export async function listSubjectTags(db: Db, viewer: Viewer, subject: TagSubject): Promise<SubjectTags> {
  const s = parseInput(SubjectSchema, subject);
  const ctx = await loadSubject(db, viewer, s);
  const rows = await listTagRows(db, s.kind, s.id);
  const accepted = rows.filter((r) => r.status === "accepted");
  const acceptedKeys = new Set(accepted.map((r) => tagKey(r.scheme, r.code)));
  const official = [...[...ctx.onRecord].filter((k) => !acceptedKeys.has(k)).map(sourceTag), ...accepted.map(toTag)].sort(bySchemeThenCode);
  if (!ctx.canReview) return { official, pending: [], rejected: [], canReview: false };
  const officialKeys = new Set([...ctx.onRecord, ...acceptedKeys]);
  const rejected = rows
    .filter((r) => r.status === "rejected")
    .map(toTag)
    .sort(bySchemeThenCode);
  const stored = rows.filter((r) => r.status === "suggested" && !officialKeys.has(tagKey(r.scheme, r.code)));
  const pending = rows.some((r) => r.origin === "model")
    ? stored.map(toTag).sort(byConfidence)
    : liveSuggestions(ctx, new Set([...officialKeys, ...rows.map((r) => tagKey(r.scheme, r.code))])).sort(byConfidence);
  return { official, pending, rejected, canReview: true };
}

function requireReviewer(ctx: SubjectContext, viewer: Viewer): string {
  if (!viewer.userId) throw new AppError("unauthenticated", "Sign in to review tags");
  if (!ctx.canReview)
    throw new AppError(
      "forbidden",
      ctx.subject.kind === "recommendation"
        ? "Only OHCHR officers and administrators review the tags of recommendations"
        : "Only the requesting State's focal point or national mechanism and OHCHR officers review the tags of an assistance request",
    );
  return viewer.userId;
}

const entityTypeOf = (s: TagSubject) => (s.kind === "recommendation" ? "recommendation" : "assistance_request");
const describe = (scheme: TagScheme, code: string) => (scheme === "sdg" ? `SDG ${code}` : scheme === "uhri" ? `UHRI theme ${code}` : `"${code}"`);

/**
 * A reviewer accepts or rejects a suggested tag. Accepting makes it official (on a recommendation: its issues,
 * themes or SDG goals, so search finds it); rejecting keeps the row so the code is not suggested again. An accepted
 * tag can be rejected later (a reviewer corrects a mistake); a tag from the source cannot: it is the source's.
 */
export async function decideTag(
  db: Db,
  actor: Actor,
  viewer: Viewer,
  input: { subject: TagSubject; scheme: TagScheme; code: string; decision: "accept" | "reject" },
): Promise<void> {
  const d = parseInput(DecisionSchema, input);
  const ctx = await loadSubject(db, viewer, d.subject);
  const userId = requireReviewer(ctx, viewer);
  const key = tagKey(d.scheme, d.code);
  const rows = await listTagRows(db, d.subject.kind, d.subject.id);
  const row = rows.find((r) => tagKey(r.scheme, r.code) === key);
  // On the record and not through an accepted row: the source's own tag (or the request author's choice).
  if (ctx.onRecord.has(key) && row?.status !== "accepted") {
    const whose = d.subject.kind === "recommendation" ? "the source of this recommendation" : "the request itself";
    throw new AppError(
      "rule_violation",
      d.decision === "reject"
        ? `${describe(d.scheme, d.code)} comes from ${whose}: tags from the source are the source's and cannot be rejected here (${d.subject.kind === "request" ? "the requesting State edits its request's themes" : "only a new import of the source changes them"})`
        : `${describe(d.scheme, d.code)} is already official: it comes from ${whose}`,
      [{ field: "code", message: "is an official tag from the source" }],
    );
  }
  if (row && row.status === (d.decision === "accept" ? "accepted" : "rejected")) return;
  const live = rows.some((r) => r.origin === "model") ? [] : liveSuggestions(ctx, new Set([...ctx.onRecord, ...rows.map((r) => tagKey(r.scheme, r.code))]));
  if (!row && !live.some((t) => tagKey(t.scheme, t.code) === key))
    throw new AppError(
      "not_found",
      `No suggestion ${describe(d.scheme, d.code)} for this ${d.subject.kind === "request" ? "assistance request" : "recommendation"}: add it as a tag instead`,
      [{ field: "code", message: "was not suggested" }],
    );
  await runAudited(db, actor, async (w) => {
    // A live suggestion is stored with its siblings first, so the others stay pending once this one is decided.
    if (live.length > 0) {
      const model = defaultTagModel();
      await insertSuggestions(
        w.trx,
        { name: model.name, version: model.version },
        live.map((t) => ({ subjectKind: d.subject.kind, subjectId: d.subject.id, scheme: t.scheme, code: t.code, confidence: t.confidence ?? 0 })),
      );
    }
    const locked = await lockTagRow(w.trx, d.subject.kind, d.subject.id, d.scheme, d.code);
    if (!locked) throw new AppError("conflict", "The suggestion changed while you decided; reload the page and try again");
    const status = d.decision === "accept" ? "accepted" : "rejected";
    await writeDecision(w.trx, locked.id, status, userId);
    if (d.subject.kind === "recommendation") {
      if (status === "accepted") await makeOfficial(w.trx, d.subject.id, d.scheme, d.code, locked.origin === "human" ? "human" : "algorithm");
      else if (locked.status === "accepted" && !(await sourceBacksTag(w.trx, d.subject.id, d.scheme, d.code)))
        await revokeOfficial(w.trx, d.subject.id, d.scheme, d.code);
    }
    await w.audit({
      action: d.decision === "accept" ? "tag.accept" : "tag.reject",
      entityType: entityTypeOf(d.subject),
      entityId: d.subject.id,
      details: {
        scheme: d.scheme,
        code: d.code,
        origin: locked.origin,
        confidence: locked.confidence,
        modelName: locked.modelName,
        modelVersion: locked.modelVersion,
        previousStatus: locked.status,
        storedLiveSuggestions: live.length,
      },
    });
  });
}

/** A reviewer adds a tag the model did not suggest: official at once, provenance "human". */
export async function addHumanTag(db: Db, actor: Actor, viewer: Viewer, input: { subject: TagSubject; scheme: TagScheme; code: string }): Promise<void> {
  const t = parseInput(TagInputSchema, input);
  const ctx = await loadSubject(db, viewer, t.subject);
  const userId = requireReviewer(ctx, viewer);
  const code = await validCode(db, t.scheme, t.code);
  const key = tagKey(t.scheme, code);
  const existing = (await listTagRows(db, t.subject.kind, t.subject.id)).find((r) => tagKey(r.scheme, r.code) === key);
  if (ctx.onRecord.has(key) || existing?.status === "accepted")
    throw new AppError("conflict", `${describe(t.scheme, code)} is already an official tag`, [{ field: "code", message: "is already official" }]);
  await runAudited(db, actor, async (w) => {
    await upsertHumanTag(w.trx, t.subject.kind, t.subject.id, t.scheme, code, userId);
    if (t.subject.kind === "recommendation") await makeOfficial(w.trx, t.subject.id, t.scheme, code, "human");
    await w.audit({
      action: "tag.add",
      entityType: entityTypeOf(t.subject),
      entityId: t.subject.id,
      details: { scheme: t.scheme, code, replacedStatus: existing?.status ?? null },
    });
  });
}

/** A code a person may add: one of the model's UPR Info labels, a current UHRI theme, an SDG goal 1–17. */
async function validCode(db: Db, scheme: TagScheme, code: string): Promise<string> {
  if (scheme === "sdg") {
    if (!/^(1[0-7]|[1-9])$/.test(code))
      throw new AppError("invalid_input", `"${code}" is not an SDG goal`, [{ field: "code", message: "must be a goal from 1 to 17" }]);
    return code;
  }
  if (scheme === "uhri") {
    const upper = code.toUpperCase();
    if (!/^[A-H]\d$/.test(upper) || (await findUhriThemeLabel(db, upper)) === null)
      throw new AppError("invalid_input", `"${code}" is not a UHRI theme code`, [{ field: "code", message: "must be a UHRI level-2 theme code such as E5" }]);
    return upper;
  }
  const label = defaultTagModel().labels.find((l) => l.toLowerCase() === code.toLowerCase());
  if (!label)
    throw new AppError("invalid_input", `"${code}" is not one of the UPR Info issue labels`, [{ field: "code", message: "must be a UPR Info issue label" }]);
  return label;
}

export type ReviewQueueItem = { subject: TagSubject; title: string; text: string; stateIso3: string; pending: SubjectTag[] };

/** Subjects with undecided suggestions, for reviewers only (filtered in SQL by tag-queue-store.ts). */
export async function listReviewQueue(
  db: Db,
  viewer: Viewer,
  filter: { state?: string; session?: number; source?: string; page?: number },
): Promise<Page<ReviewQueueItem>> {
  const f = parseInput(QueueFilterSchema, filter);
  const scope = reviewScopeOf(viewer);
  if (!scope.recommendations && !scope.allRequests && scope.requestStates.length === 0)
    throw new AppError(viewer.userId ? "forbidden" : "unauthenticated", "Only tag reviewers see the review queue");
  const { total, rows } = await listReviewQueueRows(
    db,
    { ...scope, viewer: scopeOf(viewer) },
    { stateIso3: f.state, session: f.session, source: f.source, limit: REVIEW_QUEUE_PAGE_SIZE, offset: (f.page - 1) * REVIEW_QUEUE_PAGE_SIZE },
  );
  const pending = await listPendingRows(
    db,
    rows.map((r) => ({ kind: r.kind, id: r.id })),
  );
  return {
    total,
    page: f.page,
    pageSize: REVIEW_QUEUE_PAGE_SIZE,
    items: rows.map((r) => ({
      subject: { kind: r.kind, id: r.id },
      title: r.title,
      text: r.text,
      stateIso3: r.stateIso3,
      pending: pending
        .filter((p) => p.subjectKind === r.kind && p.subjectId === r.id && !r.onRecord.includes(tagKey(p.scheme, p.code)))
        .map(toTag)
        .sort(byConfidence),
    })),
  };
}
