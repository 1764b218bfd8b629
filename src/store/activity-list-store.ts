import { type Expression, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import { type ActivityRow, toActivityRow } from "./activity-store.js";
import { activityCircleIncludes, activityDetailsVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import { ratesFor, usdOf } from "./exchange-rate-sql.js";
import { searchRegexes } from "./text-match.js";

// The searchable activity list (/activities, GET /api/v1/activities) and its downloads: one filter, applied in SQL
// with the cooperation visibility rules, so the page, the count and every download show the same rows.

export type ActivityFilter = {
  /** Words that must all occur in the title, description, IATI identifier or provider name. */
  text?: string | null;
  stateIso3?: string | null;
  providerId?: string | null;
  status?: number | null;
  theme?: string | null;
  /** Calendar year the activity's period (actual, else planned, dates) overlaps. */
  year?: number | null;
  modality?: string | null;
  /** SDG goal number: any target of the goal ("4" matches 4.1 … 4.c). */
  sdgGoal?: number | null;
};

export type ActivitySort = "newest" | "title" | "budget";

/** A listed activity with what the register and the downloads add: the budget in US dollars and names. */
export type ActivityListRow = ActivityRow & {
  providerIatiRef: string | null;
  stateName: string;
  /** Units of the budget's currency per US dollar used to convert it, when the currency has a rate. */
  unitsPerUsd: string | null;
  /** The year of that rate: another year than the budget's when its own year has none (nearest-year rule). */
  rateYear: number | null;
  /** The budget in US dollars (2 decimals), when the currency is USD or has a rate. */
  budgetUsd: string | null;
};

const period = {
  start: sql`coalesce(a.actual_start, a.planned_start)`,
  end: sql`coalesce(a.actual_end, a.planned_end)`,
};

/** Every filter but the text search, as conditions over `activities AS a`. */
function structuredConditions(f: ActivityFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (f.stateIso3) where.push(sql<boolean>`a.state_iso3 = ${f.stateIso3}`);
  if (f.providerId) where.push(sql<boolean>`a.organization_id = ${f.providerId}`);
  if (f.status) where.push(sql<boolean>`a.status = ${f.status}`);
  if (f.theme) where.push(sql<boolean>`${f.theme} = ANY(a.themes)`);
  if (f.modality) where.push(sql<boolean>`${f.modality} = ANY(a.modalities)`);
  if (f.sdgGoal) where.push(sql<boolean>`EXISTS (SELECT 1 FROM unnest(a.sdg_targets) AS t(code) WHERE split_part(t.code, '.', 1) = ${String(f.sdgGoal)})`);
  if (f.year) {
    // Overlap of [start, end] with the year; an open end means ongoing. No dates at all: no year to match.
    const first = `${f.year}-01-01`;
    const last = `${f.year}-12-31`;
    where.push(
      sql<boolean>`((${period.start} IS NOT NULL OR ${period.end} IS NOT NULL)
        AND (${period.start} IS NULL OR ${period.start} <= ${last}::date)
        AND (${period.end} IS NULL OR ${period.end} >= ${first}::date))`,
    );
  }
  return where;
}

/** The text search (store/text-match.ts): every word's expression must match the title, description, IATI
 * identifier or provider name. */
function textConditions(f: ActivityFilter): Expression<SqlBool>[] {
  const regexes = f.text ? searchRegexes(f.text) : [];
  if (regexes.length === 0) return [];
  return [sql<boolean>`(a.title || ' ' || a.description || ' ' || coalesce(a.iati_identifier, '') || ' ' || o.name) ~ ALL (${regexes}::text[])`];
}

const and = (conditions: Expression<SqlBool>[]) => (conditions.length ? sql<boolean>`(${sql.join(conditions, sql` AND `)})` : sql<boolean>`true`);

// Over the CTE `b` of selectPage (the filtered activities), `usd` being the budget in US dollars.
function orderBy(sort: ActivitySort, usd: Expression<unknown>) {
  if (sort === "title") return sql`lower(b.title), b.id`;
  if (sort === "budget") return sql`${usd} DESC NULLS LAST, b.budget_amount DESC NULLS LAST, b.id`;
  return sql`coalesce(b.actual_start, b.planned_start) DESC NULLS LAST, b.created_at DESC, b.id`;
}

type ListRowSql = Record<string, unknown> & {
  organization_name: string;
  provider_iati_ref: string | null;
  state_name: string;
  units_per_usd: string | null;
  rate_year: number | null;
  budget_usd: string | null;
};

function toListRow(r: ListRowSql): ActivityListRow {
  return {
    ...toActivityRow(r as unknown as Parameters<typeof toActivityRow>[0]),
    providerIatiRef: r.provider_iati_ref,
    stateName: r.state_name,
    unitsPerUsd: r.units_per_usd,
    rateYear: r.rate_year,
    budgetUsd: r.budget_usd,
  };
}

async function selectPage(db: Db, scope: ViewerScope, f: ActivityFilter, sort: ActivitySort, limit: number, offset: number): Promise<ActivityListRow[]> {
  // The budget converts to US dollars as on the register (domain/transparency/exchange-rates.ts): the rate of its
  // currency for the planned start year, else the actual start year, else the year it was recorded; the nearest
  // year with a rate when that year has none; not converted when the currency has no rate at all.
  // `b` carries only what ordering needs, and whole rows are read for the page alone (a.* for 10,000 activities
  // cost seconds on PGlite). The rates are MATERIALIZED: inlined, the planner (misjudging the filters as one row)
  // re-ran them once per activity.
  const usd = usdOf(sql`b.budget_amount`, sql`b.default_currency`, "r");
  const { rows } = await sql<ListRowSql>`
    WITH b AS (
      SELECT a.id, a.title, a.actual_start, a.planned_start, a.created_at, a.budget_amount, a.default_currency,
             extract(year FROM coalesce(a.planned_start, a.actual_start, (a.created_at AT TIME ZONE 'UTC')::date))::int AS budget_year
        FROM activities a
        JOIN organizations o ON o.id = a.organization_id
       WHERE ${activityDetailsVisibleTo(scope, "a")} AND ${and([...structuredConditions(f), ...textConditions(f)])}
    ), r AS MATERIALIZED (${ratesFor(sql`SELECT default_currency AS currency, budget_year AS year FROM b WHERE budget_amount IS NOT NULL`)}),
    page AS (
      SELECT b.id, trim_scale(r.units_per_usd) AS units_per_usd, r.rate_year, ${usd} AS budget_usd,
             row_number() OVER (ORDER BY ${orderBy(sort, usd)}) AS n
        FROM b LEFT JOIN r ON r.currency = b.default_currency AND r.year = b.budget_year
       ORDER BY n
       LIMIT ${limit} OFFSET ${offset}
    )
    SELECT a.*, o.name AS organization_name, o.iati_ref AS provider_iati_ref, c.name_en AS state_name,
           page.units_per_usd, page.rate_year, page.budget_usd
      FROM page
      JOIN activities a ON a.id = page.id
      JOIN organizations o ON o.id = a.organization_id
      JOIN countries c ON c.iso3 = a.state_iso3
     ORDER BY page.n`.execute(db);
  return rows.map(toListRow);
}

/**
 * Activities whose details the viewer may see, their count, and the count of public activities the State withheld
 * from this viewer. The withheld count applies every filter but the text search: searching withheld titles and
 * descriptions would reveal what they say.
 */
export async function listVisibleActivityRows(
  db: Db,
  scope: ViewerScope,
  f: ActivityFilter & { sort?: ActivitySort; limit: number; offset: number },
): Promise<{ rows: ActivityListRow[]; total: number; withheld: number }> {
  const conditions = and([...structuredConditions(f), ...textConditions(f)]);
  const [count, hidden, rows] = await Promise.all([
    sql<{ n: string }>`
      SELECT count(*)::text AS n FROM activities a JOIN organizations o ON o.id = a.organization_id
       WHERE ${activityDetailsVisibleTo(scope, "a")} AND ${conditions}`.execute(db),
    // Withheld activities still count (DESIGN.md): only public records the State withheld, outside the viewer's circle.
    sql<{ n: string }>`
      SELECT count(*)::text AS n FROM activities a
       WHERE a.details_withheld AND a.visibility = 'public' AND NOT ${activityCircleIncludes(scope, "a")}
         AND ${and(structuredConditions(f))}`.execute(db),
    selectPage(db, scope, f, f.sort ?? "newest", f.limit, f.offset),
  ]);
  return { rows, total: Number(count.rows[0]?.n ?? 0), withheld: Number(hidden.rows[0]?.n ?? 0) };
}

/** Every matching activity the viewer may see, in pages (downloads stream them without holding all in memory). */
export async function* iterateVisibleActivityRows(
  db: Db,
  scope: ViewerScope,
  f: ActivityFilter & { sort?: ActivitySort },
  pageSize = 500,
): AsyncGenerator<ActivityListRow[]> {
  for (let offset = 0; ; offset += pageSize) {
    const rows = await selectPage(db, scope, f, f.sort ?? "newest", pageSize, offset);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
  }
}
