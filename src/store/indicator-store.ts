import { type ExpressionBuilder, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import type { Tx } from "./audit-store.js";
import type { Db } from "./db.js";
import type { Visibility } from "./schema.js";
import { visibleTo } from "./visibility-scope.js";

// Education indicator series and their values by year and sex (migration 0008; R25, R27). Series are filtered in
// SQL with the standard visibility rule; values are read only through a series the viewer may see.

export type SeriesRow = {
  id: string;
  stateIso3: string;
  mechanismId: string | null;
  title: string;
  sdgIndicator: string | null;
  unit: string;
  source: string;
  baselineYear: number | null;
  baselineValue: string | null;
  targetYear: number | null;
  targetValue: string | null;
  textLang: string;
  visibility: Visibility;
  organizationId: string;
  organizationName: string;
  version: number;
  updatedAt: Date;
};

export type SeriesColumns = Omit<SeriesRow, "id" | "stateIso3" | "organizationId" | "organizationName" | "version" | "updatedAt">;

export type ValueRow = { seriesId: string; year: number; sex: "total" | "female" | "male"; value: string; note: string };

const SERIES_VISIBILITY = { visibility: "s.visibility", stateIso3: "s.state_iso3", originator: "s.organization_id" };
const MECHANISM_VISIBILITY = { visibility: "m.visibility", stateIso3: "m.state_iso3", originator: "m.organization_id" };

// ---- indicator series ----

const SERIES_SELECT = [
  "s.id",
  "s.state_iso3",
  "s.mechanism_id",
  "s.title",
  "s.sdg_indicator",
  "s.unit",
  "s.source",
  "s.baseline_year",
  "s.baseline_value",
  "s.target_year",
  "s.target_value",
  "s.text_lang",
  "s.visibility",
  "s.organization_id",
  "o.name as organization_name",
  "s.version",
  "s.updated_at",
] as const;

type SeriesRecord = {
  id: string;
  state_iso3: string;
  mechanism_id: string | null;
  title: string;
  sdg_indicator: string | null;
  unit: string;
  source: string;
  baseline_year: number | null;
  baseline_value: string | null;
  target_year: number | null;
  target_value: string | null;
  text_lang: string;
  visibility: Visibility;
  organization_id: string;
  organization_name: string;
  version: number;
  updated_at: Date;
};

function toSeries(r: SeriesRecord): SeriesRow {
  return {
    id: r.id,
    stateIso3: r.state_iso3,
    mechanismId: r.mechanism_id,
    title: r.title,
    sdgIndicator: r.sdg_indicator,
    unit: r.unit,
    source: r.source,
    baselineYear: r.baseline_year,
    baselineValue: r.baseline_value,
    targetYear: r.target_year,
    targetValue: r.target_value,
    textLang: r.text_lang,
    visibility: r.visibility,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

const seriesColumns = (v: SeriesColumns) => ({
  mechanism_id: v.mechanismId,
  title: v.title,
  sdg_indicator: v.sdgIndicator,
  unit: v.unit,
  source: v.source,
  baseline_year: v.baselineYear,
  baseline_value: v.baselineValue,
  target_year: v.targetYear,
  target_value: v.targetValue,
  text_lang: v.textLang,
  visibility: v.visibility,
});

const seriesVisible =
  (scope: ViewerScope) =>
  <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
    visibleTo(eb, scope, SERIES_VISIBILITY);

/** Series of one State the viewer may see: SDG indicators first (by code), then national ones, by title. */
export async function listVisibleSeries(db: Db, scope: ViewerScope, iso3: string): Promise<SeriesRow[]> {
  const rows = await db
    .selectFrom("education_indicator_series as s")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select(SERIES_SELECT)
    .where("s.state_iso3", "=", iso3)
    .where(seriesVisible(scope))
    .orderBy("s.sdg_indicator", (ob) => ob.asc().nullsLast())
    .orderBy("s.title")
    .orderBy("s.id")
    .execute();
  return rows.map(toSeries);
}

export async function findVisibleSeries(db: Db, scope: ViewerScope, iso3: string, id: string): Promise<SeriesRow | undefined> {
  const row = await db
    .selectFrom("education_indicator_series as s")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select(SERIES_SELECT)
    .where("s.id", "=", id)
    .where("s.state_iso3", "=", iso3)
    .where(seriesVisible(scope))
    .executeTakeFirst();
  return row && toSeries(row);
}

export async function lockSeries(trx: Tx, iso3: string, id: string): Promise<SeriesRow | undefined> {
  const row = await trx
    .selectFrom("education_indicator_series as s")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select(SERIES_SELECT)
    .where("s.id", "=", id)
    .where("s.state_iso3", "=", iso3)
    .forUpdate("s")
    .executeTakeFirst();
  return row && toSeries(row);
}

export async function insertSeries(
  trx: Tx,
  s: SeriesColumns & { stateIso3: string; organizationId: string; createdBy: string | null },
): Promise<{ id: string; version: number }> {
  return trx
    .insertInto("education_indicator_series")
    .values({ ...seriesColumns(s), state_iso3: s.stateIso3, organization_id: s.organizationId, created_by: s.createdBy })
    .returning(["id", "version"])
    .executeTakeFirstOrThrow();
}

export async function updateSeries(trx: Tx, id: string, version: number, v: SeriesColumns): Promise<{ version: number } | undefined> {
  return trx
    .updateTable("education_indicator_series")
    .set({ ...seriesColumns(v), version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
}

/** A change to a series' values is a change to the series: its version moves on, so stale value forms are refused. */
export async function bumpSeriesVersion(trx: Tx, id: string, version: number): Promise<{ version: number } | undefined> {
  return trx
    .updateTable("education_indicator_series")
    .set({ version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
}

/** Whether the mechanism exists and monitors this State (a series links only its own State's mechanisms). */
export async function mechanismOfState(trx: Tx, iso3: string, id: string): Promise<boolean> {
  const row = await trx.selectFrom("monitoring_mechanisms").select("id").where("id", "=", id).where("state_iso3", "=", iso3).executeTakeFirst();
  return row !== undefined;
}

// ---- values ----

/** Values of the given series, by series, year, then total, female, male. Callers pass only visible series. */
export async function listValues(db: Db | Tx, seriesIds: string[]): Promise<ValueRow[]> {
  if (seriesIds.length === 0) return [];
  const rows = await db
    .selectFrom("education_indicator_values")
    .select(["series_id", "year", "sex", "value", "note"])
    .where("series_id", "in", seriesIds)
    .orderBy("series_id")
    .orderBy("year")
    .orderBy(sql`CASE sex WHEN 'total' THEN 1 WHEN 'female' THEN 2 ELSE 3 END`)
    .execute();
  return rows.map((r) => ({ seriesId: r.series_id, year: r.year, sex: r.sex, value: r.value, note: r.note }));
}

export async function findValue(trx: Tx, seriesId: string, year: number, sex: string): Promise<ValueRow | undefined> {
  const r = await trx
    .selectFrom("education_indicator_values")
    .select(["series_id", "year", "sex", "value", "note"])
    .where("series_id", "=", seriesId)
    .where("year", "=", year)
    .where("sex", "=", sex as ValueRow["sex"])
    .executeTakeFirst();
  return r && { seriesId: r.series_id, year: r.year, sex: r.sex, value: r.value, note: r.note };
}

export async function upsertValue(trx: Tx, v: ValueRow & { createdBy: string | null }): Promise<void> {
  await trx
    .insertInto("education_indicator_values")
    .values({ series_id: v.seriesId, year: v.year, sex: v.sex, value: v.value, note: v.note, created_by: v.createdBy })
    .onConflict((oc) => oc.columns(["series_id", "year", "sex"]).doUpdateSet({ value: v.value, note: v.note, created_by: v.createdBy, created_at: sql`now()` }))
    .execute();
}

export async function deleteValue(trx: Tx, seriesId: string, year: number, sex: string): Promise<boolean> {
  const row = await trx
    .deleteFrom("education_indicator_values")
    .where("series_id", "=", seriesId)
    .where("year", "=", year)
    .where("sex", "=", sex as ValueRow["sex"])
    .returning("year")
    .executeTakeFirst();
  return row !== undefined;
}

/** Female + male against total for one year, compared in numeric (never floats). Null when a part is missing. */
export async function sexPartsExceedTotal(trx: Tx, seriesId: string, year: number): Promise<boolean | null> {
  const row = await trx
    .selectFrom("education_indicator_values")
    .select([
      sql<string | null>`max(value) FILTER (WHERE sex = 'total')`.as("total"),
      sql<boolean | null>`sum(value) FILTER (WHERE sex <> 'total') > max(value) FILTER (WHERE sex = 'total')`.as("exceeds"),
    ])
    .where("series_id", "=", seriesId)
    .where("year", "=", year)
    .executeTakeFirstOrThrow();
  return row.total === null ? null : Boolean(row.exceeds);
}

// ---- summary ----

/** Visible mechanisms and series of a State, for the country education page. */
export async function countVisibleMonitoring(db: Db, scope: ViewerScope, iso3: string): Promise<{ mechanisms: number; series: number }> {
  const [m, s] = await Promise.all([
    db
      .selectFrom("monitoring_mechanisms as m")
      .where("m.state_iso3", "=", iso3)
      .where((eb) => visibleTo(eb, scope, MECHANISM_VISIBILITY))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("education_indicator_series as s")
      .where("s.state_iso3", "=", iso3)
      .where(seriesVisible(scope))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { mechanisms: Number(m.n), series: Number(s.n) };
}

/** The most recent year with a value among the State's visible series, and that series (the latest updated on ties). */
export async function findLatestValueYear(db: Db, scope: ViewerScope, iso3: string): Promise<{ seriesId: string; year: number } | undefined> {
  const row = await db
    .selectFrom("education_indicator_values as v")
    .innerJoin("education_indicator_series as s", "s.id", "v.series_id")
    .select(["v.series_id", sql<number>`max(v.year)`.as("year")])
    .where("s.state_iso3", "=", iso3)
    .where(seriesVisible(scope))
    .groupBy(["v.series_id", "s.updated_at"])
    .orderBy(sql`max(v.year)`, "desc")
    .orderBy("s.updated_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && { seriesId: row.series_id, year: Number(row.year) };
}
