import type { Tx } from "../../store/audit-store.js";
import type { Db } from "../../store/db.js";
import {
  bumpSeriesVersion,
  countVisibleMonitoring,
  deleteValue,
  findLatestValueYear,
  findValue,
  findVisibleSeries,
  insertSeries,
  listValues,
  listVisibleSeries,
  lockSeries,
  mechanismOfState,
  type SeriesColumns,
  type SeriesRow,
  sexPartsExceedTotal,
  updateSeries,
  upsertValue,
  type ValueRow,
} from "../../store/indicator-store.js";
import { actorFor } from "../access/acting-for.js";
import { scopeOf, type Viewer, type ViewerScope } from "../access/viewer.js";
import { runAudited } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { canSeeMonitoringRecord, editingMembershipFor } from "./monitoring-access.js";
import {
  type IndicatorSeries,
  type IndicatorUnit,
  IndicatorUnitSchema,
  type IndicatorValueInput,
  IndicatorValueInputSchema,
  type IndicatorValueKey,
  IndicatorValueKeySchema,
  type NewSeries,
  NewSeriesSchema,
  type SeriesUpdate,
  SeriesUpdateSchema,
  type SeriesValues,
  type Sex,
  valueProblem,
} from "./monitoring-schemas.js";
import { notYours, requireState, requireWriter, type SavedRecord, staleEdit } from "./monitoring-service.js";

// Education indicator series (R25, R27; SDG 4 indicators or national ones) with a baseline, a target and values by
// year and sex. Every value write is audited and moves the series' version on, so a stale values form is refused.

export async function listStateSeries(db: Db, viewer: Viewer, iso3: string): Promise<(IndicatorSeries & { canEdit: boolean })[]> {
  await requireState(db, iso3);
  const scope = scopeOf(viewer);
  const rows = await listVisibleSeries(db, scope, iso3);
  const values = await listValues(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...toSeries(r, values), canEdit: editingMembershipFor(viewer, scope, r) !== undefined }));
}

export async function getSeries(db: Db, viewer: Viewer, iso3: string, id: string): Promise<IndicatorSeries & { canEdit: boolean }> {
  const scope = scopeOf(viewer);
  const row = await findVisibleSeries(db, scope, iso3, id);
  if (!row) throw notFound("Indicator series", id);
  return { ...toSeries(row, await listValues(db, [id])), canEdit: editingMembershipFor(viewer, scope, row) !== undefined };
}

export async function addSeries(db: Db, viewer: Viewer, iso3: string, input: NewSeries): Promise<SavedRecord> {
  const writer = requireWriter(viewer, iso3);
  const s = parseInput(NewSeriesSchema, input);
  await requireState(db, iso3);
  return runAudited(db, actorFor(viewer), async (w) => {
    await checkMechanism(w.trx, iso3, s.mechanismId);
    const created = await insertSeries(w.trx, { ...columnsOf(s), stateIso3: iso3, organizationId: writer.organizationId, createdBy: viewer.userId });
    await w.audit({
      action: "indicator.series.create",
      entityType: "education_indicator_series",
      entityId: created.id,
      details: { stateIso3: iso3, sdgIndicator: s.sdgIndicator, unit: s.unit, as: writer.as, visibility: s.visibility },
    });
    return created;
  });
}

export async function editSeries(db: Db, viewer: Viewer, iso3: string, id: string, input: SeriesUpdate): Promise<SavedRecord> {
  requireWriter(viewer, iso3);
  const s = parseInput(SeriesUpdateSchema, input);
  const scope = scopeOf(viewer);
  return runAudited(db, actorFor(viewer), async (w) => {
    const current = await lockEditableSeries(w.trx, viewer, scope, iso3, id);
    if (current.version !== s.version) throw staleEdit("indicator series", current.version, s.version);
    await checkMechanism(w.trx, iso3, s.mechanismId);
    const values = columnsOf(s);
    if (values.unit !== current.unit) await checkValuesFitUnit(w.trx, id, IndicatorUnitSchema.parse(values.unit));
    const updated = await updateSeries(w.trx, id, s.version, values);
    if (!updated) throw staleEdit("indicator series", current.version + 1, s.version);
    const keys = Object.keys(values) as (keyof SeriesColumns)[];
    await w.audit({
      action: "indicator.series.update",
      entityType: "education_indicator_series",
      entityId: id,
      details: { stateIso3: iso3, changed: keys.filter((k) => current[k] !== values[k]), version: updated.version },
    });
    return { id, version: updated.version };
  });
}

/** Records the value of a year and sex (a new one, or a correction of the one there). */
export async function setIndicatorValue(
  db: Db,
  viewer: Viewer,
  iso3: string,
  seriesId: string,
  input: IndicatorValueInput,
): Promise<{ version: number; created: boolean }> {
  requireWriter(viewer, iso3);
  const v = parseInput(IndicatorValueInputSchema, input);
  const scope = scopeOf(viewer);
  return runAudited(db, actorFor(viewer), async (w) => {
    const series = await lockEditableSeries(w.trx, viewer, scope, iso3, seriesId);
    if (series.version !== v.version) throw staleEdit("indicator series", series.version, v.version);
    const unit = IndicatorUnitSchema.parse(series.unit);
    const problem = valueProblem(unit, v.value);
    if (problem) throw new AppError("invalid_input", "The value does not fit the indicator's unit", [{ field: "value", message: problem }]);
    const before = await findValue(w.trx, seriesId, v.year, v.sex);
    await upsertValue(w.trx, { seriesId, year: v.year, sex: v.sex, value: v.value, note: v.note, createdBy: viewer.userId });
    await checkSexParts(w.trx, unit, seriesId, v.year);
    const bumped = await bumpSeriesVersion(w.trx, seriesId, v.version);
    if (!bumped) throw staleEdit("indicator series", series.version + 1, v.version);
    await w.audit({
      action: before ? "indicator.value.update" : "indicator.value.create",
      entityType: "education_indicator_series",
      entityId: seriesId,
      details: { stateIso3: iso3, year: v.year, sex: v.sex, value: v.value, ...(before ? { previous: before.value } : {}), version: bumped.version },
    });
    return { version: bumped.version, created: !before };
  });
}

export async function removeIndicatorValue(db: Db, viewer: Viewer, iso3: string, seriesId: string, input: IndicatorValueKey): Promise<{ version: number }> {
  requireWriter(viewer, iso3);
  const k = parseInput(IndicatorValueKeySchema, input);
  const scope = scopeOf(viewer);
  return runAudited(db, actorFor(viewer), async (w) => {
    const series = await lockEditableSeries(w.trx, viewer, scope, iso3, seriesId);
    if (series.version !== k.version) throw staleEdit("indicator series", series.version, k.version);
    const before = await findValue(w.trx, seriesId, k.year, k.sex);
    if (!before || !(await deleteValue(w.trx, seriesId, k.year, k.sex))) throw notFound("Value", `${k.year} ${k.sex}`);
    const bumped = await bumpSeriesVersion(w.trx, seriesId, k.version);
    if (!bumped) throw staleEdit("indicator series", series.version + 1, k.version);
    await w.audit({
      action: "indicator.value.delete",
      entityType: "education_indicator_series",
      entityId: seriesId,
      details: { stateIso3: iso3, year: k.year, sex: k.sex, previous: before.value, version: bumped.version },
    });
    return { version: bumped.version };
  });
}

export type MonitoringSummary = {
  mechanisms: number;
  series: number;
  /** The series with the most recent value the viewer may see, with that year's values by sex (R27). */
  latest: { seriesId: string; title: string; unit: IndicatorUnit; sdgIndicator: string | null; year: number; values: Record<Sex, string | null> } | null;
};

/** What the country education page shows of a State's monitoring: counts and the latest value, as the viewer may see. */
export async function listMonitoringSummary(db: Db, viewer: Viewer, iso3: string): Promise<MonitoringSummary> {
  const scope = scopeOf(viewer);
  const [counts, latestYear] = await Promise.all([countVisibleMonitoring(db, scope, iso3), findLatestValueYear(db, scope, iso3)]);
  if (!latestYear) return { ...counts, latest: null };
  const series = await findVisibleSeries(db, scope, iso3, latestYear.seriesId);
  if (!series) return { ...counts, latest: null };
  const values = (await listValues(db, [series.id])).filter((v) => v.year === latestYear.year);
  const of = (sex: Sex) => values.find((v) => v.sex === sex)?.value ?? null;
  return {
    ...counts,
    latest: {
      seriesId: series.id,
      title: series.title,
      unit: IndicatorUnitSchema.parse(series.unit),
      sdgIndicator: series.sdgIndicator,
      year: latestYear.year,
      values: { total: of("total"), female: of("female"), male: of("male") },
    },
  };
}

// ---- rules ----

async function lockEditableSeries(trx: Tx, viewer: Viewer, scope: ViewerScope, iso3: string, id: string): Promise<SeriesRow> {
  const current = await lockSeries(trx, iso3, id);
  if (!current || !canSeeMonitoringRecord(scope, current)) throw notFound("Indicator series", id);
  if (!editingMembershipFor(viewer, scope, current)) throw notYours("indicator series");
  return current;
}

async function checkMechanism(trx: Tx, iso3: string, mechanismId: string | null): Promise<void> {
  if (mechanismId && !(await mechanismOfState(trx, iso3, mechanismId))) {
    throw new AppError("invalid_input", "The mechanism is not one of this State's", [
      { field: "mechanismId", message: `not a monitoring mechanism of ${iso3}` },
    ]);
  }
}

/**
 * R27: values by sex with their total. Girls plus boys cannot exceed the total of a count; for percentages, rates,
 * ratios and indices the total is not the sum of its parts (a completion rate of 60 % is not 58 % + 62 %), so the
 * check applies to the unit "number" only.
 */
async function checkSexParts(trx: Tx, unit: IndicatorUnit, seriesId: string, year: number): Promise<void> {
  if (unit !== "number") return;
  if (await sexPartsExceedTotal(trx, seriesId, year)) {
    throw new AppError("invalid_input", `Female and male values of ${year} add up to more than the total`, [
      { field: "value", message: "female + male must not be more than the total of the same year" },
    ]);
  }
}

/** A series changed to "percent" or "number" must already hold values that fit that unit. */
async function checkValuesFitUnit(trx: Tx, seriesId: string, unit: IndicatorUnit): Promise<void> {
  const values = await listValues(trx, [seriesId]);
  const misfit = values.find((v) => valueProblem(unit, v.value) !== null);
  if (misfit) {
    throw new AppError("invalid_input", "Recorded values do not fit the new unit", [
      { field: "unit", message: `the value of ${misfit.year} (${misfit.sex}) ${valueProblem(unit, misfit.value)}` },
    ]);
  }
  if (unit === "number") {
    for (const year of new Set(values.map((v) => v.year))) await checkSexParts(trx, unit, seriesId, year);
  }
}

// ---- mapping ----

function columnsOf(s: SeriesValues): SeriesColumns {
  return {
    mechanismId: s.mechanismId,
    title: s.title,
    sdgIndicator: s.sdgIndicator,
    unit: s.unit,
    source: s.source,
    baselineYear: s.baselineYear,
    baselineValue: s.baselineValue,
    targetYear: s.targetYear,
    targetValue: s.targetValue,
    textLang: s.textLang,
    visibility: s.visibility,
  };
}

function toSeries(r: SeriesRow, values: ValueRow[]): IndicatorSeries {
  return {
    id: r.id,
    stateIso3: r.stateIso3,
    mechanismId: r.mechanismId,
    title: r.title,
    sdgIndicator: r.sdgIndicator,
    unit: IndicatorUnitSchema.parse(r.unit),
    source: r.source,
    baselineYear: r.baselineYear,
    baselineValue: r.baselineValue,
    targetYear: r.targetYear,
    targetValue: r.targetValue,
    textLang: r.textLang,
    visibility: r.visibility,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
    values: values.filter((v) => v.seriesId === r.id).map((v) => ({ year: v.year, sex: v.sex, value: v.value, note: v.note })),
  };
}
