import { type Expression, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import { requestVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import type { TagSubjectKind } from "./schema-tagging.js";
import { goalsOfTargets } from "./tag-subject-store.js";

// Reads of the tagging review queue and of the recommendations a batch run tags (issue 7).

export type ReviewQueueScope = { recommendations: boolean; allRequests: boolean; requestStates: string[]; viewer: ViewerScope };
export type ReviewQueueFilter = { stateIso3?: string; session?: number; source?: string; kind?: TagSubjectKind; limit: number; offset: number };
export type ReviewQueueRow = {
  kind: TagSubjectKind;
  id: string;
  title: string;
  text: string;
  stateIso3: string;
  /** Tags on the subject's own record as `scheme\0code` keys (a suggestion the record already has is not pending). */
  onRecord: string[];
};

/**
 * Subjects with undecided suggestions the viewer may review, filtered in SQL: recommendations for reviewers of
 * recommendations; requests the viewer may see (requestVisibleTo) of the States they review for. Ordered by State,
 * then subject.
 */
export async function listReviewQueueRows(db: Db, scope: ReviewQueueScope, f: ReviewQueueFilter): Promise<{ total: number; rows: ReviewQueueRow[] }> {
  const parts: ReturnType<typeof sql>[] = [];
  const wantsRecommendations = scope.recommendations && f.kind !== "request";
  // Session and source describe recommendations only: a filter on them leaves requests out.
  const wantsRequests = (scope.allRequests || scope.requestStates.length > 0) && f.kind !== "recommendation" && f.session === undefined && !f.source;
  if (wantsRecommendations) {
    const conds: Expression<SqlBool>[] = [
      sql<boolean>`EXISTS (SELECT 1 FROM tag_suggestions t WHERE t.subject_kind = 'recommendation' AND t.subject_id = rec.id AND t.status = 'suggested')`,
    ];
    if (f.stateIso3) conds.push(sql<boolean>`rec.state_iso3 = ${f.stateIso3}`);
    if (f.session !== undefined) conds.push(sql<boolean>`rec.session = ${f.session}`);
    if (f.source) conds.push(sql<boolean>`rec.source_dataset = ${f.source}`);
    parts.push(
      sql`SELECT 'recommendation' AS kind, rec.id AS id, coalesce(rec.paragraph, rec.id) AS title, rec.text AS text, rec.state_iso3::text AS state_iso3,
            rec.issues AS issues, rec.theme_codes AS themes, rec.sdg_goals::text[] AS sdg
          FROM recommendations rec WHERE ${sql.join(conds, sql` AND `)}`,
    );
  }
  if (wantsRequests) {
    const conds: Expression<SqlBool>[] = [
      sql<boolean>`EXISTS (SELECT 1 FROM tag_suggestions t WHERE t.subject_kind = 'request' AND t.subject_id = r.id::text AND t.status = 'suggested')`,
      requestVisibleTo(scope.viewer, "r"),
    ];
    if (!scope.allRequests) conds.push(sql<boolean>`r.state_iso3 = ANY(${sql.val(scope.requestStates)}::text[])`);
    if (f.stateIso3) conds.push(sql<boolean>`r.state_iso3 = ${f.stateIso3}`);
    parts.push(
      sql`SELECT 'request' AS kind, r.id::text AS id, r.title AS title, r.needs_statement AS text, r.state_iso3::text AS state_iso3,
            '{}'::text[] AS issues, r.themes AS themes, r.sdg_targets AS sdg
          FROM assistance_requests r WHERE ${sql.join(conds, sql` AND `)}`,
    );
  }
  if (parts.length === 0) return { total: 0, rows: [] };
  const union = sql.join(parts, sql` UNION ALL `);
  const { rows } = await sql<{
    kind: TagSubjectKind;
    id: string;
    title: string;
    text: string;
    state_iso3: string;
    issues: string[];
    themes: string[];
    sdg: string[];
    total: number;
  }>`
    SELECT q.*, count(*) OVER ()::int AS total FROM (${union}) q
    ORDER BY q.state_iso3, q.kind, q.id
    LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && f.offset > 0) {
    const counted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${union}) q`.execute(db);
    total = counted.rows[0]?.n ?? 0;
  }
  const key = (scheme: string, code: string) => `${scheme}\u0000${code}`;
  return {
    total,
    rows: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      text: r.text,
      stateIso3: r.state_iso3,
      onRecord: [
        ...r.issues.map((c) => key("upr-info", c)),
        ...r.themes.map((c) => key("uhri", c)),
        ...(r.kind === "request" ? goalsOfTargets(r.sdg).map(String) : r.sdg).map((g) => key("sdg", g)),
      ],
    })),
  };
}

// ---- batch reads ----

export type TaggableRecommendation = { id: string; text: string; issues: string[]; themeCodes: string[]; sdgGoals: number[] };
export type RecommendationBatchFilter = { source?: string; stateIso3?: string; session?: number; onlyUntagged?: boolean };

function batchQuery(db: Db, f: RecommendationBatchFilter) {
  let q = db.selectFrom("recommendations as rec");
  if (f.source) q = q.where("rec.source_dataset", "=", f.source);
  if (f.stateIso3) q = q.where("rec.state_iso3", "=", f.stateIso3);
  if (f.session !== undefined) q = q.where("rec.session", "=", f.session);
  // "Untagged": no issue label and no stored row yet (neither from the source nor from a model).
  if (f.onlyUntagged)
    q = q
      .where(sql<boolean>`cardinality(rec.issues) = 0`)
      .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM tag_suggestions t WHERE t.subject_kind = 'recommendation' AND t.subject_id = rec.id)`);
  return q;
}

export async function countRecommendationsToTag(db: Db, f: RecommendationBatchFilter): Promise<number> {
  const r = await batchQuery(db, f).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  return r.n;
}

/** One chunk of recommendations to tag, in id order after `after` (keyset paging: stable under concurrent writes). */
export async function readRecommendationsToTag(db: Db, f: RecommendationBatchFilter, after: string | null, limit: number): Promise<TaggableRecommendation[]> {
  let q = batchQuery(db, f).select(["rec.id", "rec.text", "rec.issues", "rec.theme_codes", "rec.sdg_goals"]);
  if (after !== null) q = q.where("rec.id", ">", after);
  const rows = await q.orderBy("rec.id").limit(limit).execute();
  return rows.map((r) => ({ id: r.id, text: r.text, issues: r.issues, themeCodes: r.theme_codes, sdgGoals: r.sdg_goals }));
}
