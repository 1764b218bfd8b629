import { type Expression, type SqlBool, sql } from "kysely";
import type { Db } from "./db.js";

// The global view of school closures (res. 45/32 PP10; R25): sums over the per-day counts that each import
// precomputes per group of countries (closure_daily_counts), so that a view of the full period (OxCGRT: 867 days)
// reads a few thousand rows instead of the 160,000 observations. Closure data is public open data (UNESCO, OxCGRT,
// national templates): no visibility filter applies.

/** Which countries a figure covers: the groups closure_daily_counts is kept by. Absent = any. */
export type ClosureGroupFilter = { regionCode?: string; regionalGroup?: string; ldc?: boolean; sids?: boolean };

export type ClosureDayStatusSum = { day: string; status: number; countries: number; learnersTotal: number | null; learnersCountries: number };

function countConditions(releaseId: number, f: ClosureGroupFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [sql<boolean>`k.release_id = ${releaseId}`];
  if (f.regionCode !== undefined) where.push(sql<boolean>`k.region_code = ${f.regionCode}`);
  if (f.regionalGroup !== undefined) where.push(sql<boolean>`k.regional_group = ${f.regionalGroup}`);
  if (f.ldc !== undefined) where.push(sql<boolean>`k.ldc = ${f.ldc}`);
  if (f.sids !== undefined) where.push(sql<boolean>`k.sids = ${f.sids}`);
  return where;
}

/** Countries (and learners, where the source gives them) per day and status, summed over the matching groups. */
export async function sumClosureDailyCounts(db: Db, releaseId: number, f: ClosureGroupFilter): Promise<ClosureDayStatusSum[]> {
  const { rows } = await sql<{ day: string; status: number; countries: number; learners_total: number | null; learners_countries: number }>`
    SELECT k.day, k.status, sum(k.countries)::int AS countries, sum(k.learners_total)::bigint AS learners_total,
           sum(k.learners_countries)::int AS learners_countries
    FROM closure_daily_counts k
    WHERE ${sql.join(countConditions(releaseId, f), sql` AND `)}
    GROUP BY k.day, k.status
    ORDER BY k.day, k.status`.execute(db);
  return rows.map((r) => ({
    day: r.day,
    status: r.status,
    countries: r.countries,
    learnersTotal: r.learners_total,
    learnersCountries: r.learners_countries,
  }));
}

export type RegionStatusDays = { regionCode: string; status: number; countryDays: number };

/** Country-days per M49 region and status over the release's whole coverage (the comparison of regions). */
export async function sumClosureCountryDaysByRegion(db: Db, releaseId: number, f: ClosureGroupFilter): Promise<RegionStatusDays[]> {
  const { rows } = await sql<{ region_code: string; status: number; country_days: number }>`
    SELECT k.region_code, k.status, sum(k.countries)::int AS country_days
    FROM closure_daily_counts k
    WHERE ${sql.join(countConditions(releaseId, f), sql` AND `)}
    GROUP BY k.region_code, k.status
    ORDER BY k.region_code, k.status`.execute(db);
  return rows.map((r) => ({ regionCode: r.region_code, status: r.status, countryDays: r.country_days }));
}

// The same groups as closure_daily_counts, read from the countries table for per-period queries: a designation counts
// when it holds during the period (the counts take it day by day; periods straddling an LDC graduation are the only
// difference, and no designation changed within the real files' coverage).
function countryConditions(f: ClosureGroupFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  // '' stands for "none", as in closure_daily_counts. The countries are picked once (an InitPlan), not joined per
  // period: right after an import the planner has no statistics on the periods and would scan countries per row.
  const inCountries = (condition: Expression<SqlBool>) => sql<boolean>`p.iso3 = ANY(ARRAY(SELECT c2.iso3 FROM countries c2 WHERE ${condition}))`;
  if (f.regionCode !== undefined)
    where.push(inCountries(f.regionCode === "" ? sql<boolean>`c2.region_code IS NULL` : sql<boolean>`c2.region_code = ${f.regionCode}`));
  if (f.regionalGroup !== undefined)
    where.push(inCountries(f.regionalGroup === "" ? sql<boolean>`c2.regional_group IS NULL` : sql<boolean>`c2.regional_group = ${f.regionalGroup}`));
  const designated = (d: string) =>
    sql<boolean>`EXISTS (SELECT 1 FROM country_designations g WHERE g.iso3 = p.iso3 AND g.designation = ${d}
      AND (g.valid_from IS NULL OR g.valid_from <= p.last_day) AND (g.valid_to IS NULL OR g.valid_to > p.first_day))`;
  if (f.ldc !== undefined) where.push(f.ldc ? designated("ldc") : sql<boolean>`NOT ${designated("ldc")}`);
  if (f.sids !== undefined) where.push(f.sids ? designated("sids") : sql<boolean>`NOT ${designated("sids")}`);
  return where;
}

export type CountryClosureDays = { iso3: string; regionCode: string; daysClosed: number; daysPartial: number; daysReported: number };

/**
 * Days each country spent closed and partially closed in one release (national rows, from the runs of days), most
 * days closed first. "Closed" and "partial" are the scale's own statuses mapped in closure_statuses.comparable.
 */
export async function listCountryClosureDays(db: Db, releaseId: number, f: ClosureGroupFilter, limit: number): Promise<CountryClosureDays[]> {
  const where = [sql<boolean>`p.release_id = ${releaseId}`, sql<boolean>`p.unit = ''`, sql<boolean>`p.isced = ''`, ...countryConditions(f)];
  const { rows } = await sql<{ iso3: string; region_code: string; closed: number; partial: number; reported: number }>`
    SELECT p.iso3, coalesce(c.region_code, '') AS region_code,
           sum(CASE WHEN s.comparable = 'closed' THEN p.last_day - p.first_day + 1 ELSE 0 END)::int AS closed,
           sum(CASE WHEN s.comparable = 'partial' THEN p.last_day - p.first_day + 1 ELSE 0 END)::int AS partial,
           sum(p.last_day - p.first_day + 1)::int AS reported
    FROM closure_periods p
    JOIN closure_releases r ON r.id = p.release_id
    JOIN closure_statuses s ON s.scale = r.scale AND s.code = p.status
    JOIN countries c ON c.iso3 = p.iso3
    WHERE ${sql.join(where, sql` AND `)}
    GROUP BY p.iso3, c.region_code
    ORDER BY closed DESC, partial DESC, p.iso3
    LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({ iso3: r.iso3, regionCode: r.region_code, daysClosed: r.closed, daysPartial: r.partial, daysReported: r.reported }));
}

/** How many countries of each M49 region report at least one day in the release (national rows). */
export async function countReportingCountriesByRegion(db: Db, releaseId: number, f: ClosureGroupFilter): Promise<{ regionCode: string; countries: number }[]> {
  const where = [sql<boolean>`p.release_id = ${releaseId}`, sql<boolean>`p.unit = ''`, sql<boolean>`p.isced = ''`, ...countryConditions(f)];
  const { rows } = await sql<{ region_code: string; countries: number }>`
    SELECT coalesce(c.region_code, '') AS region_code, count(DISTINCT p.iso3)::int AS countries
    FROM closure_periods p JOIN countries c ON c.iso3 = p.iso3
    WHERE ${sql.join(where, sql` AND `)}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows.map((r) => ({ regionCode: r.region_code, countries: r.countries }));
}

/** The filter choices: M49 regions and UN regional groups present in the countries table. */
export async function listClosureFilterChoices(db: Db): Promise<{ regions: { code: string; name: string }[]; groups: string[] }> {
  const [regions, groups] = await Promise.all([
    db
      .selectFrom("countries")
      .select(["region_code", "region_name"])
      .where("region_code", "is not", null)
      .groupBy(["region_code", "region_name"])
      .orderBy("region_code")
      .execute(),
    db.selectFrom("regional_groups").select("code").orderBy("code").execute(),
  ]);
  return {
    regions: regions.map((r) => ({ code: r.region_code ?? "", name: r.region_name ?? "" })),
    groups: groups.map((g) => g.code),
  };
}
