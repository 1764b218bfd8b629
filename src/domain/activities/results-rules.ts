// Reading an indicator's values (R5 "results panel with traffic-light progress", R27 disaggregation). Values are
// appended, never edited: a later row for the same period and breakdown corrects the earlier one, which stays.

export type ValueFacts = {
  id: string;
  periodStart: string;
  periodEnd: string;
  value: string;
  sex: string;
  ageBand: string;
  disability: string;
  location: string;
  createdAt: Date;
};

const cellKey = (v: ValueFacts) => [v.periodStart, v.periodEnd, v.sex, v.ageBand, v.disability, v.location].join("|");

/** The current value of each cell (period × breakdown): the latest recorded; sorted by period, then breakdown. */
export function currentValues<V extends ValueFacts>(values: readonly V[]): V[] {
  const latest = new Map<string, V>();
  for (const v of values) {
    const key = cellKey(v);
    const seen = latest.get(key);
    if (!seen || v.createdAt.getTime() > seen.createdAt.getTime() || (v.createdAt.getTime() === seen.createdAt.getTime() && v.id > seen.id)) latest.set(key, v);
  }
  return [...latest.values()].sort(
    (a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd) || cellKey(a).localeCompare(cellKey(b)),
  );
}

const isTotal = (v: ValueFacts) => v.sex === "total" && v.ageBand === "total" && v.disability === "total" && v.location === "total";

/** The actual value: the undisaggregated total of the latest period that has one. */
export function actualValue<V extends ValueFacts>(current: readonly V[]): V | null {
  const totals = current.filter(isTotal).sort((a, b) => b.periodEnd.localeCompare(a.periodEnd));
  return totals[0] ?? null;
}

/**
 * How far from baseline to target the actual value has come, in percent (0–100, capped), for ascending and
 * descending indicators alike. Null when baseline, target or actual is missing, or target equals baseline.
 * Percentages are display figures, not money: a float is fine here.
 */
export function indicatorProgress(baseline: string | null, target: string | null, actual: string | null): number | null {
  if (baseline === null || target === null || actual === null) return null;
  const b = Number(baseline);
  const t = Number(target);
  const a = Number(actual);
  if (t === b) return null;
  const pct = ((a - b) / (t - b)) * 100;
  return Math.round(Math.min(100, Math.max(0, pct)));
}

/** Female and male values side by side per period (R27: girls are a default breakdown), with the total. */
export type PeriodRow = { periodStart: string; periodEnd: string; total: string | null; female: string | null; male: string | null; others: ValueFacts[] };

export function periodRows(current: readonly ValueFacts[]): PeriodRow[] {
  const rows = new Map<string, PeriodRow>();
  for (const v of current) {
    const key = `${v.periodStart}|${v.periodEnd}`;
    let row = rows.get(key);
    if (!row) {
      row = { periodStart: v.periodStart, periodEnd: v.periodEnd, total: null, female: null, male: null, others: [] };
      rows.set(key, row);
    }
    const onlySex = v.ageBand === "total" && v.disability === "total" && v.location === "total";
    if (onlySex && v.sex === "total") row.total = v.value;
    else if (onlySex && v.sex === "female") row.female = v.value;
    else if (onlySex && v.sex === "male") row.male = v.value;
    else row.others.push(v);
  }
  return [...rows.values()];
}
