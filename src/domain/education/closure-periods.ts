import { dayNumber } from "./closure-rules.js";
import type { ClosureColumnsOut } from "./closure-validation.js";

// Observations as runs of consecutive days with one status, flag and note per country, unit and level: what the
// timelines and day counts read (the French daily series is 27 periods instead of 366 days). Computed in memory
// from the rows just checked: faster than a gaps-and-islands query over the stored rows (0.15 s vs 0.7 s for the
// three real files, docs/performance.md).

export type ClosurePeriodColumns = {
  iso3: string[];
  unit: string[];
  isced: string[];
  firstDay: string[];
  lastDay: string[];
  status: number[];
  flag: (number | null)[];
  note: (string | null)[];
};

/** The runs of the rows (rows of a series need not be in order in the file; a missing day ends a run). */
export function deriveClosurePeriods(rows: ClosureColumnsOut): ClosurePeriodColumns {
  const n = rows.line.length;
  const days = new Int32Array(n);
  const series = new Int32Array(n);
  const ids = new Map<string, number>();
  const sortKey = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const key = `${rows.iso3[i]}|${rows.unit[i]}|${rows.isced[i]}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    series[i] = id;
    days[i] = dayNumber(rows.day[i] as string);
    // One number per row orders by series, then day: day numbers stay far below 1e6 until the year 4700.
    sortKey[i] = id * 1e6 + (days[i] as number);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (sortKey[a] as number) - (sortKey[b] as number));
  const out: ClosurePeriodColumns = { iso3: [], unit: [], isced: [], firstDay: [], lastDay: [], status: [], flag: [], note: [] };
  let previous = -1;
  for (const i of order) {
    const continues =
      previous >= 0 &&
      series[i] === series[previous] &&
      days[i] === (days[previous] as number) + 1 &&
      rows.status[i] === rows.status[previous] &&
      rows.flag[i] === rows.flag[previous] &&
      rows.note[i] === rows.note[previous];
    if (continues) out.lastDay[out.lastDay.length - 1] = rows.day[i] as string;
    else {
      out.iso3.push(rows.iso3[i] as string);
      out.unit.push(rows.unit[i] as string);
      out.isced.push(rows.isced[i] as string);
      out.firstDay.push(rows.day[i] as string);
      out.lastDay.push(rows.day[i] as string);
      out.status.push(rows.status[i] as number);
      out.flag.push(rows.flag[i] ?? null);
      out.note.push(rows.note[i] ?? null);
    }
    previous = i;
  }
  return out;
}
