import type { Db } from "../../store/db.js";
import { countRecommendationsToTag, readRecommendationsToTag, type RecommendationBatchFilter } from "../../store/tag-queue-store.js";
import { deleteOtherUndecided, insertSuggestions, listDecidedCodes, type NewSuggestionRow } from "../../store/tag-store.js";
import { listOfficialCodes } from "../../store/tag-subject-store.js";
import { type Actor, runAudited } from "../audit/audit-service.js";
import { AppError } from "../core/app-error.js";
import type { TagModel, TagSuggestions } from "./tag-model.js";
import { isTaggableText, suggestTagsForCheckedText } from "./tag-suggest.js";

// Batch tagging (issue 7): a model's suggestions for many recommendations or assistance requests, stored as
// undecided rows for a reviewer. Re-running with the same model version changes nothing; a newer model version
// replaces only what nobody has decided yet. Suggestions the subject already carries officially are not stored.

export type TagSubjectKind = "recommendation" | "request";
export type TagSchemeName = "upr-info" | "uhri" | "sdg";

/** Subjects per audited transaction: each is all or nothing; an interrupted run resumes where it stopped. */
const CHUNK = 2000;

export type SuggestionCode = { scheme: TagSchemeName; code: string; confidence: number };

/**
 * The selected suggestions of one text, as stored codes: the UPR Info labels the model selects (those past their
 * tuned threshold, or the single likeliest label when none passes: UPR Info gives every recommendation at least one
 * issue), and the UHRI themes and SDG goals the taxonomy mapping derives from them, each with the best confidence of
 * the labels it comes from (tag-suggest.ts).
 */
export function selectedCodesOf(s: TagSuggestions): SuggestionCode[] {
  return [
    ...s.labels.filter((l) => l.selected).map((l) => ({ scheme: "upr-info" as const, code: l.label, confidence: roundConfidence(l.confidence) })),
    ...s.themes.map((t) => ({ scheme: "uhri" as const, code: t.code, confidence: roundConfidence(t.confidence) })),
    ...s.sdgGoals.map((g) => ({ scheme: "sdg" as const, code: String(g.goal), confidence: roundConfidence(g.confidence) })),
  ];
}

/** Stored as `real`: four decimals are what a page shows and keep equal runs byte-equal on both engines. */
const roundConfidence = (c: number) => Math.round(Math.min(1, Math.max(0, c)) * 10_000) / 10_000;

export const tagKey = (scheme: string, code: string) => `${scheme}\u0000${code}`;

export type BatchSubject = { kind: TagSubjectKind; id: string; text: string };
export type StoreReport = {
  subjects: number;
  /** Suggestions newly stored by this run. */
  suggestions: number;
  /** Undecided suggestions of another model version that this run replaced. */
  replaced: number;
  skipped: { id: string; reason: string }[];
};

type Prepared = { kind: TagSubjectKind; id: string; text: string; official: Set<string> };

/**
 * Suggests and stores tags for the given subjects, in audited chunks. Text the model cannot read (empty, another
 * language) is skipped with the reason, and so is a subject that does not exist.
 */
export async function storeSuggestions(
  db: Db,
  actor: Actor,
  model: TagModel,
  subjects: BatchSubject[],
  options: { onProgress?(done: number, total: number): void } = {},
): Promise<StoreReport> {
  const report: StoreReport = { subjects: 0, suggestions: 0, replaced: 0, skipped: [] };
  let done = 0;
  for (let i = 0; i < subjects.length; i += CHUNK) {
    const part = subjects.slice(i, i + CHUNK);
    const prepared: Prepared[] = [];
    for (const kind of ["recommendation", "request"] as const) {
      const ofKind = part.filter((s) => s.kind === kind);
      if (ofKind.length === 0) continue;
      const official = await listOfficialCodes(
        db,
        kind,
        ofKind.map((s) => s.id),
      );
      for (const s of ofKind) {
        const codes = official.get(s.id);
        if (codes) prepared.push({ ...s, official: codes });
        else report.skipped.push({ id: s.id, reason: `no ${kind === "request" ? "assistance request" : kind} with this id` });
      }
    }
    await storeChunk(db, actor, model, prepared, report);
    done += part.length;
    options.onProgress?.(done, subjects.length);
  }
  return report;
}

/**
 * Tags imported recommendations (`passerelle classify tag`): reads them in id order, chunk by chunk, filtered by
 * source, State under review and session; with `onlyUntagged` only those with no issue label and nothing stored.
 */
export async function tagRecommendations(
  db: Db,
  actor: Actor,
  model: TagModel,
  filter: { source?: string; state?: string; session?: number; onlyUntagged?: boolean },
  onProgress?: (done: number, total: number) => void,
): Promise<StoreReport & { total: number }> {
  if (filter.state !== undefined && !/^[A-Z]{3}$/.test(filter.state))
    throw new AppError("invalid_input", `State "${filter.state}" is not an ISO 3166-1 alpha-3 code`, [
      { field: "state", message: "must be 3 capital letters, e.g. SVN" },
    ]);
  if (filter.session !== undefined && (!Number.isInteger(filter.session) || filter.session < 1))
    throw new AppError("invalid_input", "The session must be a UPR Working Group session number", [
      { field: "session", message: "must be a whole number from 1" },
    ]);
  const f: RecommendationBatchFilter = { source: filter.source, stateIso3: filter.state, session: filter.session, onlyUntagged: filter.onlyUntagged };
  // With onlyUntagged the set shrinks as chunks are stored: the total is counted once, keyset paging keeps the order.
  const total = await countRecommendationsToTag(db, f);
  const report: StoreReport = { subjects: 0, suggestions: 0, replaced: 0, skipped: [] };
  let after: string | null = null;
  let done = 0;
  onProgress?.(0, total);
  for (;;) {
    const rows = await readRecommendationsToTag(db, f, after, CHUNK);
    if (rows.length === 0) break;
    await storeChunk(
      db,
      actor,
      model,
      rows.map((r) => ({
        kind: "recommendation" as const,
        id: r.id,
        text: r.text,
        official: new Set([
          ...r.issues.map((c) => tagKey("upr-info", c)),
          ...r.themeCodes.map((c) => tagKey("uhri", c)),
          ...r.sdgGoals.map((g) => tagKey("sdg", String(g))),
        ]),
      })),
      report,
    );
    done += rows.length;
    onProgress?.(Math.min(done, total), total);
    after = rows[rows.length - 1]?.id ?? null;
    if (rows.length < CHUNK) break;
  }
  return { ...report, total };
}

/** Suggests for one chunk and stores it in one audited transaction. */
async function storeChunk(db: Db, actor: Actor, model: TagModel, items: Prepared[], report: StoreReport): Promise<void> {
  const rows: NewSuggestionRow[] = [];
  const tagged: Prepared[] = [];
  for (const item of items) {
    const check = isTaggableText(item.text);
    if (!check.ok) {
      report.skipped.push({ id: item.id, reason: check.reason });
      continue;
    }
    tagged.push(item);
    for (const c of selectedCodesOf(suggestTagsForCheckedText(model, item.text))) {
      if (!item.official.has(tagKey(c.scheme, c.code))) rows.push({ subjectKind: item.kind, subjectId: item.id, ...c });
    }
  }
  report.subjects += tagged.length;
  if (tagged.length === 0) return;
  const m = { name: model.name, version: model.version };
  await runAudited(db, actor, async (w) => {
    let replaced = 0;
    let stored = 0;
    for (const kind of ["recommendation", "request"] as const) {
      const ids = tagged.filter((t) => t.kind === kind).map((t) => t.id);
      if (ids.length === 0) continue;
      replaced += await deleteOtherUndecided(w.trx, kind, ids, m);
      // Decided rows are never touched: a rejected code stays rejected, an accepted one stays official.
      const decided = await listDecidedCodes(w.trx, kind, ids);
      const fresh = rows.filter((r) => r.subjectKind === kind && !decided.get(r.subjectId)?.has(tagKey(r.scheme, r.code)));
      stored += await insertSuggestions(w.trx, m, fresh);
    }
    await w.audit({
      action: "tags.suggest",
      entityType: "tag_model",
      entityId: `${model.name} ${model.version}`,
      details: {
        subjects: tagged.length,
        firstSubjectId: tagged[0]?.id ?? null,
        lastSubjectId: tagged[tagged.length - 1]?.id ?? null,
        stored,
        replaced,
      },
    });
    report.suggestions += stored;
    report.replaced += replaced;
  });
}
