import { sql } from "kysely";
import type { Tx } from "./audit-store.js";
import { chunks } from "./chunks.js";
import type { Db } from "./db.js";
import type { TagOrigin, TagSchemeCode, TagStatus, TagSubjectKind } from "./schema-tagging.js";

// Tag suggestions and decisions (migration 0009; issue 7). The domain decides; these functions read and write rows.

export type TagRow = {
  id: number;
  subjectKind: TagSubjectKind;
  subjectId: string;
  scheme: TagSchemeCode;
  code: string;
  confidence: number | null;
  origin: TagOrigin;
  modelName: string | null;
  modelVersion: string | null;
  status: TagStatus;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};

export type NewSuggestionRow = { subjectKind: TagSubjectKind; subjectId: string; scheme: TagSchemeCode; code: string; confidence: number };

function tagRows(db: Db | Tx) {
  return db
    .selectFrom("tag_suggestions as t")
    .leftJoin("users as u", "u.id", "t.decided_by")
    .select([
      "t.id",
      "t.subject_kind",
      "t.subject_id",
      "t.scheme",
      "t.code",
      "t.confidence",
      "t.origin",
      "t.model_name",
      "t.model_version",
      "t.status",
      "t.decided_by",
      "u.display_name as decided_by_name",
      "t.decided_at",
      "t.created_at",
    ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof tagRows>["execute"]>>[number];

function toTagRow(r: Selected): TagRow {
  return {
    id: r.id,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    scheme: r.scheme,
    code: r.code,
    confidence: r.confidence === null ? null : Number(r.confidence),
    origin: r.origin,
    modelName: r.model_name,
    modelVersion: r.model_version,
    status: r.status,
    decidedById: r.decided_by,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
  };
}

/** Every stored tag row of one subject (suggested, accepted, rejected), by scheme then code. */
export async function listTagRows(db: Db | Tx, kind: TagSubjectKind, subjectId: string): Promise<TagRow[]> {
  const rows = await tagRows(db)
    .where("t.subject_kind", "=", kind)
    .where("t.subject_id", "=", subjectId)
    .orderBy("t.scheme")
    .orderBy("t.confidence", "desc")
    .orderBy("t.code")
    .execute();
  return rows.map(toTagRow);
}

/** The row of one subject × scheme × code, locked for a decision. */
export async function lockTagRow(trx: Tx, kind: TagSubjectKind, subjectId: string, scheme: TagSchemeCode, code: string): Promise<TagRow | undefined> {
  const locked = await trx
    .selectFrom("tag_suggestions")
    .select("id")
    .where("subject_kind", "=", kind)
    .where("subject_id", "=", subjectId)
    .where("scheme", "=", scheme)
    .where("code", "=", code)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) return undefined;
  const row = await tagRows(trx).where("t.id", "=", locked.id).executeTakeFirstOrThrow();
  return toTagRow(row);
}

/**
 * Stores a model's suggestions. A row that exists for the same subject × scheme × code is left as it is: a decided
 * row keeps its decision, and the same model version writes the same suggestion, so a re-run changes nothing.
 */
export async function insertSuggestions(trx: Tx, model: { name: string; version: string }, rows: NewSuggestionRow[]): Promise<number> {
  let inserted = 0;
  for (const part of chunks(rows, 1000)) {
    const result = await trx
      .insertInto("tag_suggestions")
      .values(
        part.map((r) => ({
          subject_kind: r.subjectKind,
          subject_id: r.subjectId,
          scheme: r.scheme,
          code: r.code,
          confidence: r.confidence,
          origin: "model" as const,
          model_name: model.name,
          model_version: model.version,
          status: "suggested" as const,
        })),
      )
      .onConflict((oc) => oc.columns(["subject_kind", "subject_id", "scheme", "code"]).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Drops undecided suggestions of these subjects made by any other model or model version: a new model replaces them. */
export async function deleteOtherUndecided(
  trx: Tx,
  kind: TagSubjectKind,
  subjectIds: readonly string[],
  model: { name: string; version: string },
): Promise<number> {
  let deleted = 0;
  for (const part of chunks(subjectIds, 5000)) {
    const result = await trx
      .deleteFrom("tag_suggestions")
      .where("subject_kind", "=", kind)
      .where("subject_id", "in", part)
      .where("status", "=", "suggested")
      .where((eb) => eb.or([eb("model_name", "<>", model.name), eb("model_version", "<>", model.version)]))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Records a decision on a stored row. */
export async function writeDecision(trx: Tx, id: number, status: "accepted" | "rejected", userId: string): Promise<void> {
  await trx.updateTable("tag_suggestions").set({ status, decided_by: userId, decided_at: sql`now()` }).where("id", "=", id).execute();
}

/** A tag a person adds: accepted when added, with no model and no confidence. Replaces a model row of the same code. */
export async function upsertHumanTag(trx: Tx, kind: TagSubjectKind, subjectId: string, scheme: TagSchemeCode, code: string, userId: string): Promise<void> {
  // A person's tag: no model, no confidence, accepted by them now — whether the row is new or was a suggestion.
  const human = {
    confidence: null,
    origin: "human",
    model_name: null,
    model_version: null,
    status: "accepted",
    decided_by: userId,
    decided_at: sql<Date>`now()`,
  } as const;
  await trx
    .insertInto("tag_suggestions")
    .values({ subject_kind: kind, subject_id: subjectId, scheme, code, ...human })
    .onConflict((oc) => oc.columns(["subject_kind", "subject_id", "scheme", "code"]).doUpdateSet(human))
    .execute();
}

/** Stored rows of one subject kind by status (the demo seed tags only an untouched registry). */
export async function countStoredRows(db: Db | Tx, kind: TagSubjectKind): Promise<{ suggested: number; accepted: number; rejected: number }> {
  const rows = await db
    .selectFrom("tag_suggestions")
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .where("subject_kind", "=", kind)
    .groupBy("status")
    .execute();
  const n = (s: TagStatus) => rows.find((r) => r.status === s)?.n ?? 0;
  return { suggested: n("suggested"), accepted: n("accepted"), rejected: n("rejected") };
}

/** Official tags of many subjects (for filtering suggestions already official), keyed by subject id. */
export async function listDecidedCodes(db: Db | Tx, kind: TagSubjectKind, ids: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const part of chunks(ids, 5000)) {
    const rows = await db
      .selectFrom("tag_suggestions")
      .select(["subject_id", "scheme", "code"])
      .where("subject_kind", "=", kind)
      .where("subject_id", "in", part)
      .where("status", "<>", "suggested")
      .execute();
    for (const r of rows) {
      let set = out.get(r.subject_id);
      if (!set) {
        set = new Set();
        out.set(r.subject_id, set);
      }
      set.add(`${r.scheme}\u0000${r.code}`);
    }
  }
  return out;
}

/** Undecided suggestions of many subjects at once (one review-queue page). */
export async function listPendingRows(db: Db, subjects: { kind: TagSubjectKind; id: string }[]): Promise<TagRow[]> {
  if (subjects.length === 0) return [];
  const out: TagRow[] = [];
  for (const kind of ["recommendation", "request"] as const) {
    const ids = subjects.filter((s) => s.kind === kind).map((s) => s.id);
    if (ids.length === 0) continue;
    const rows = await tagRows(db)
      .where("t.subject_kind", "=", kind)
      .where("t.subject_id", "in", ids)
      .where("t.status", "=", "suggested")
      .orderBy("t.scheme")
      .orderBy("t.confidence", "desc")
      .orderBy("t.code")
      .execute();
    out.push(...rows.map(toTagRow));
  }
  return out;
}
