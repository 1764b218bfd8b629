import { type Expression, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import { activityDetailsVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import { nearestYearOf, ratesFor, usdOf } from "./exchange-rate-sql.js";

// The register's table of activities (R14 "a searchable table"): only activities whose details the viewer may see,
// filtered in SQL, with their budget, commitments and disbursements in original currencies and in US dollars.

export type RegisterActivityFilter = {
  stateIso3?: string | null;
  providerId?: string | null;
  theme?: string | null;
  modality?: string | null;
  status?: number | null;
  startYear?: number | null;
  /** Words that must all occur in the title, the description or the IATI identifier. */
  text?: string | null;
};

export type RegisterActivityRow = {
  id: string;
  iatiIdentifier: string | null;
  title: string;
  stateIso3: string;
  providerId: string;
  providerSlug: string;
  providerName: string;
  status: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  themes: string[];
  modalities: string[];
};

export type ActivityMoneyRow = {
  activityId: string;
  measure: "budget" | "committed" | "disbursed";
  currency: string;
  amount: string;
  usd: string | null;
  /** Years whose rate converted amounts dated in other years (nearest-year rule); empty when none. */
  rateYears: number[];
};

const and = (conditions: Expression<SqlBool>[]) => (conditions.length ? sql<boolean>`(${sql.join(conditions, sql` AND `)})` : sql<boolean>`true`);

function conditions(scope: ViewerScope, f: RegisterActivityFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [activityDetailsVisibleTo(scope, "a")];
  if (f.stateIso3) where.push(sql<boolean>`a.state_iso3 = ${f.stateIso3}`);
  if (f.providerId) where.push(sql<boolean>`a.organization_id = ${f.providerId}`);
  if (f.theme) where.push(sql<boolean>`${f.theme} = ANY(a.themes)`);
  if (f.modality) where.push(sql<boolean>`${f.modality} = ANY(a.modalities)`);
  if (f.status) where.push(sql<boolean>`a.status = ${f.status}`);
  if (f.startYear) where.push(sql<boolean>`extract(year FROM coalesce(a.planned_start, a.actual_start)) = ${f.startYear}`);
  for (const word of (f.text ?? "").split(/\s+/).filter(Boolean).slice(0, 10)) {
    const pattern = `%${word.replace(/[\\%_]/g, "\\$&").toLowerCase()}%`;
    where.push(sql<boolean>`lower(a.title || ' ' || a.description || ' ' || coalesce(a.iati_identifier, '')) LIKE ${pattern} ESCAPE '\\'`);
  }
  return where;
}

type Raw = {
  id: string;
  iati_identifier: string | null;
  title: string;
  state_iso3: string;
  organization_id: string;
  slug: string;
  name: string;
  status: number;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  themes: string[];
  modalities: string[];
};

/** A page of activities the viewer may see, latest start first, and how many match in all. */
export async function listRegisterActivityRows(
  db: Db,
  scope: ViewerScope,
  f: RegisterActivityFilter & { limit: number; offset: number },
): Promise<{ rows: RegisterActivityRow[]; total: number }> {
  const where = and(conditions(scope, f));
  const [count, page] = await Promise.all([
    sql<{ n: number }>`SELECT count(*)::int AS n FROM activities a WHERE ${where}`.execute(db),
    sql<Raw>`
      SELECT a.id, a.iati_identifier, a.title, a.state_iso3::text AS state_iso3, a.organization_id, o.slug, o.name, a.status,
             a.planned_start, a.planned_end, a.actual_start, a.actual_end, a.themes, a.modalities
        FROM activities a JOIN organizations o ON o.id = a.organization_id
       WHERE ${where}
       ORDER BY coalesce(a.actual_start, a.planned_start) DESC NULLS LAST, a.created_at DESC, a.id
       LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db),
  ]);
  return {
    total: count.rows[0]?.n ?? 0,
    rows: page.rows.map((r) => ({
      id: r.id,
      iatiIdentifier: r.iati_identifier,
      title: r.title,
      stateIso3: r.state_iso3,
      providerId: r.organization_id,
      providerSlug: r.slug,
      providerName: r.name,
      status: r.status,
      plannedStart: r.planned_start,
      plannedEnd: r.planned_end,
      actualStart: r.actual_start,
      actualEnd: r.actual_end,
      themes: r.themes,
      modalities: r.modalities,
    })),
  };
}

/** Budget, commitments and disbursements of some activities, per currency, converted (ids come from a visible list). */
export async function listActivityMoneyRows(db: Db, ids: readonly string[]): Promise<ActivityMoneyRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{
    activity_id: string;
    measure: ActivityMoneyRow["measure"];
    currency: string;
    amount: string;
    usd: string | null;
    rate_years: number[] | null;
  }>`
    WITH m AS (
      SELECT a.id AS activity_id, 'budget'::text AS measure, a.default_currency AS currency, a.budget_amount AS amount,
             extract(year FROM coalesce(a.planned_start, a.actual_start, (a.created_at AT TIME ZONE 'UTC')::date))::int AS year
        FROM activities a WHERE a.id = ANY(${[...ids]}::uuid[]) AND a.budget_amount IS NOT NULL
      UNION ALL
      SELECT t.activity_id, CASE WHEN t.transaction_type = 2 THEN 'committed' ELSE 'disbursed' END, t.currency, t.amount,
             extract(year FROM t.transaction_date)::int
        FROM activity_transactions t WHERE t.activity_id = ANY(${[...ids]}::uuid[]) AND t.transaction_type IN (2, 3, 4)),
    r AS (${ratesFor(sql`SELECT currency, year FROM m`)})
    SELECT m.activity_id, m.measure, m.currency::text AS currency, sum(m.amount)::text AS amount,
           sum(${usdOf(sql`m.amount`, sql`m.currency`, "r")})::text AS usd,
           array_agg(DISTINCT r.rate_year ORDER BY r.rate_year) FILTER (WHERE ${nearestYearOf(sql`m.year`, "r")}) AS rate_years
      FROM m LEFT JOIN r ON r.currency = m.currency AND r.year = m.year
     GROUP BY m.activity_id, m.measure, m.currency
     ORDER BY m.activity_id, m.measure, m.currency`.execute(db);
  return rows.map((r) => ({
    activityId: r.activity_id,
    measure: r.measure,
    currency: r.currency,
    amount: r.amount,
    usd: r.usd,
    rateYears: r.rate_years ?? [],
  }));
}
