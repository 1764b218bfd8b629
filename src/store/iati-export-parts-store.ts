import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import type { Db } from "./db.js";
import type { IndicatorValueRow } from "./activity-results-store.js";
import { visibleTo } from "./visibility-scope.js";

// The parts of a page of IATI activities (docs/iati.md): one set-based query per kind of part for the whole page,
// never one per activity. Each returns its rows as one JSON document (jsonRows) to keep PGlite's decoding cheap.

/** An organization (alias) may be listed to `scope` (R31: an organization may ask not to be). */
export const listed = <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, scope: ViewerScope, alias: string): Expression<SqlBool> =>
  visibleTo(eb, scope, { visibility: `${alias}.visibility`, stateIso3: `${alias}.country_iso3`, originator: `${alias}.id` });

/**
 * The rows of `query` as arrays of `columns` (over the alias `q`), decoded from one JSON text the database builds:
 * with PGlite, decoding one value is about three times faster than decoding each field of each row, and a page of
 * the export is some ten rows per activity. Numeric columns are cast to text in `columns`: money and measures stay
 * exact decimal strings.
 */
export async function jsonRows(db: Db, query: Expression<unknown>, columns: string, order = ""): Promise<unknown[][]> {
  const { rows } = await sql<{
    j: string | null;
  }>`SELECT json_agg(json_build_array(${sql.raw(columns)})${sql.raw(order ? ` ORDER BY ${order}` : "")})::text AS j
    FROM (${query}) AS q`.execute(db);
  const j = rows[0]?.j;
  return j ? (JSON.parse(j) as unknown[][]) : [];
}

export const str = (v: unknown) => v as string;
export const strOrNull = (v: unknown) => (v ?? null) as string | null;
export const num = (v: unknown) => v as number;
export const numOrNull = (v: unknown) => (v ?? null) as number | null;

/** `column` is one of `ids`: one array parameter, whatever the page size. */
const oneOf = (column: string, ids: readonly string[]) => sql<boolean>`${sql.ref(column)} = ANY(${[...ids]}::uuid[])`;

export type IatiParticipantRow = { activityId: string; name: string; iatiRef: string | null; orgType: string | null; role: number };

/** Participants of the activities; an organization that asked not to be listed (R31) is left out, as on the activity page. */
export async function listIatiParticipantRows(db: Db, scope: ViewerScope, activityIds: readonly string[]): Promise<IatiParticipantRow[]> {
  if (activityIds.length === 0) return [];
  const q = db
    .selectFrom("activity_participants as p")
    .leftJoin("organizations as po", "po.id", "p.organization_id")
    .select(["p.activity_id", "p.name", "p.iati_ref", "p.org_type", "p.role"])
    .where(oneOf("p.activity_id", activityIds))
    .where((eb) => eb.or([eb("p.organization_id", "is", null), listed(eb, scope, "po")]));
  const rows = await jsonRows(db, q, "q.activity_id, q.name, q.iati_ref, q.org_type, q.role");
  return rows.map((r) => ({ activityId: str(r[0]), name: str(r[1]), iatiRef: strOrNull(r[2]), orgType: strOrNull(r[3]), role: num(r[4]) }));
}

export type IatiTransactionRow = {
  activityId: string;
  transactionType: number;
  transactionDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  description: string;
  providerName: string | null;
  providerRef: string | null;
  receiverName: string | null;
  receiverRef: string | null;
};

export async function listIatiTransactionRows(db: Db, activityIds: readonly string[]): Promise<IatiTransactionRow[]> {
  if (activityIds.length === 0) return [];
  const q = db.selectFrom("activity_transactions").selectAll().where(oneOf("activity_id", activityIds));
  const rows = await jsonRows(
    db,
    q,
    `q.activity_id, q.transaction_type, q.transaction_date, q.value_date, q.amount::text, q.currency, q.description, q.provider_name,
     q.provider_ref, q.receiver_name, q.receiver_ref`,
  );
  return rows.map((r) => ({
    activityId: str(r[0]),
    transactionType: num(r[1]),
    transactionDate: str(r[2]),
    valueDate: strOrNull(r[3]),
    amount: str(r[4]),
    currency: str(r[5]),
    description: str(r[6]),
    providerName: strOrNull(r[7]),
    providerRef: strOrNull(r[8]),
    receiverName: strOrNull(r[9]),
    receiverRef: strOrNull(r[10]),
  }));
}

export type IatiIndicatorRow = {
  id: string;
  title: string;
  measure: number;
  ascending: boolean;
  baselineYear: number | null;
  baselineValue: string | null;
  targetValue: string | null;
  targetDate: string | null;
};

/** A result, with one of its indicators (null for a result without any): one row per pair. */
export type IatiResultRow = { id: string; activityId: string; resultType: number; title: string; description: string; indicator: IatiIndicatorRow | null };

export async function listIatiResultRows(db: Db, activityIds: readonly string[]): Promise<IatiResultRow[]> {
  if (activityIds.length === 0) return [];
  const q = db
    .selectFrom("activity_results as r")
    .leftJoin("result_indicators as i", "i.result_id", "r.id")
    .select([
      "r.id",
      "r.activity_id",
      "r.result_type",
      "r.title",
      "r.description",
      "i.id as indicator_id",
      "i.title as indicator_title",
      "i.measure",
      "i.ascending",
      "i.baseline_year",
      "i.baseline_value",
      "i.target_value",
      "i.target_date",
    ])
    .where(oneOf("r.activity_id", activityIds));
  const rows = await jsonRows(
    db,
    q,
    `q.id, q.activity_id, q.result_type, q.title, q.description, q.indicator_id, q.indicator_title, q.measure, q.ascending,
     q.baseline_year, q.baseline_value::text, q.target_value::text, q.target_date`,
  );
  return rows.map((r) => ({
    id: str(r[0]),
    activityId: str(r[1]),
    resultType: num(r[2]),
    title: str(r[3]),
    description: str(r[4]),
    indicator:
      r[5] === null
        ? null
        : {
            id: str(r[5]),
            title: str(r[6]),
            measure: num(r[7]),
            ascending: r[8] === true,
            baselineYear: numOrNull(r[9]),
            baselineValue: strOrNull(r[10]),
            targetValue: strOrNull(r[11]),
            targetDate: strOrNull(r[12]),
          },
  }));
}

export type IatiValueRow = Omit<IndicatorValueRow, "id" | "createdAt">;

/** The current value of each cell (indicator, period, dimensions): a later row corrects an earlier one. */
export async function listIatiCurrentValueRows(db: Db, activityIds: readonly string[]): Promise<IatiValueRow[]> {
  if (activityIds.length === 0) return [];
  const q = db
    .selectFrom("indicator_values as v")
    .innerJoin("result_indicators as i", "i.id", "v.indicator_id")
    .innerJoin("activity_results as r", "r.id", "i.result_id")
    .distinctOn(["v.indicator_id", "v.period_start", "v.period_end", "v.sex", "v.age_band", "v.disability", "v.location"])
    .select(["v.indicator_id", "v.period_start", "v.period_end", "v.value", "v.sex", "v.age_band", "v.disability", "v.location"])
    .where(oneOf("r.activity_id", activityIds))
    .orderBy("v.indicator_id")
    .orderBy("v.period_start")
    .orderBy("v.period_end")
    .orderBy("v.sex")
    .orderBy("v.age_band")
    .orderBy("v.disability")
    .orderBy("v.location")
    .orderBy("v.created_at", "desc")
    .orderBy("v.id", "desc");
  const rows = await jsonRows(db, q, "q.indicator_id, q.period_start, q.period_end, q.value::text, q.sex, q.age_band, q.disability, q.location");
  return rows.map((r) => ({
    indicatorId: str(r[0]),
    periodStart: str(r[1]),
    periodEnd: str(r[2]),
    value: str(r[3]),
    sex: str(r[4]),
    ageBand: str(r[5]),
    disability: str(r[6]),
    location: str(r[7]),
  }));
}

export type IatiDocumentRow = { activityId: string; title: string; url: string; category: string; language: string; documentDate: string | null };

export async function listIatiDocumentRows(db: Db, activityIds: readonly string[]): Promise<IatiDocumentRow[]> {
  if (activityIds.length === 0) return [];
  const q = db.selectFrom("activity_documents").selectAll().where(oneOf("activity_id", activityIds));
  const rows = await jsonRows(db, q, "q.activity_id, q.title, q.url, q.category, q.language, q.document_date");
  return rows.map((r) => ({
    activityId: str(r[0]),
    title: str(r[1]),
    url: str(r[2]),
    category: str(r[3]),
    language: str(r[4]),
    documentDate: strOrNull(r[5]),
  }));
}

/**
 * When the parts of each activity last changed (creation of transactions, documents, results, indicators and
 * values, which do not touch activities.updated_at), aggregated by the database: one time per activity.
 */
export async function listIatiPartsChangedRows(db: Db, activityIds: readonly string[]): Promise<{ activityId: string; changedAt: Date }[]> {
  if (activityIds.length === 0) return [];
  const ids = [...activityIds];
  const parts = sql`
    SELECT activity_id, max(at) AS changed_at FROM (
      SELECT activity_id, created_at AS at FROM activity_transactions WHERE activity_id = ANY(${ids}::uuid[])
      UNION ALL SELECT activity_id, created_at FROM activity_documents WHERE activity_id = ANY(${ids}::uuid[])
      UNION ALL SELECT activity_id, created_at FROM activity_results WHERE activity_id = ANY(${ids}::uuid[])
      UNION ALL SELECT r.activity_id, greatest(i.created_at, (SELECT max(v.created_at) FROM indicator_values v WHERE v.indicator_id = i.id))
        FROM result_indicators i JOIN activity_results r ON r.id = i.result_id WHERE r.activity_id = ANY(${ids}::uuid[])
    ) AS parts GROUP BY activity_id`;
  const rows = await jsonRows(db, parts, "q.activity_id, q.changed_at");
  return rows.map((r) => ({ activityId: str(r[0]), changedAt: new Date(str(r[1])) }));
}
