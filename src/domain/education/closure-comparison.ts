// Day arithmetic over school-closure periods (runs of consecutive days with one status, closure_periods): days per
// status per calendar year within a release's coverage, and the day-by-day comparison of two series (UNESCO vs OxCGRT,
// or two UNESCO releases) under the `comparable` mapping of closure_statuses (res. 45/32 PP9–PP10: assess and monitor
// the effects of school closures; R25). Pure: no database, dates are "YYYY-MM-DD" strings.

export type Comparable = "open" | "partial" | "closed";

/** One run of days of one status in one release, for one country. */
export type StatusPeriod = {
  firstDay: string;
  lastDay: string;
  status: number;
  /** How the status compares across scales; null = not comparable (UNESCO "Academic break"). */
  comparable: Comparable | null;
  /** OxCGRT C1 flag: 0 targeted, 1 general; null elsewhere. */
  flag: number | null;
};

export type DayWindow = { from: string; to: string };

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a "YYYY-MM-DD" date (UTC, so never shifted by the host's time zone). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (0 when `to` is before `from`). */
export function daysIn(w: DayWindow): number {
  return Math.max(0, dayNumber(w.to) - dayNumber(w.from) + 1);
}

/** The common part of two windows, or null when they do not meet. */
export function intersectWindows(a: DayWindow, b: DayWindow): DayWindow | null {
  // "YYYY-MM-DD" strings order as dates; Math.max/min would turn them into NaN.
  const [, from] = [a.from, b.from].sort() as [string, string];
  const [to] = [a.to, b.to].sort() as [string, string];
  return from <= to ? { from, to } : null;
}

export type YearDays = {
  year: number;
  /** The part of the calendar year the release covers: UNESCO's 2020 starts on 16 February, its 2021 ends on 15 February. */
  window: DayWindow;
  /** Days per status code of the release's scale. */
  byStatus: Map<number, number>;
  /** Days of the window with no observation (sparse releases report a country only from its first closure). */
  noData: number;
};

/** Days of each status per calendar year, over the release's coverage window only. */
export function daysPerYear(periods: readonly StatusPeriod[], coverage: DayWindow): YearDays[] {
  const firstYear = Number(coverage.from.slice(0, 4));
  const lastYear = Number(coverage.to.slice(0, 4));
  const years: YearDays[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const window = intersectWindows(coverage, { from: `${year}-01-01`, to: `${year}-12-31` });
    if (!window) continue;
    const byStatus = new Map<number, number>();
    let covered = 0;
    for (const p of periods) {
      const part = intersectWindows(window, { from: p.firstDay, to: p.lastDay });
      if (!part) continue;
      const n = daysIn(part);
      byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + n);
      covered += n;
    }
    years.push({ year, window, byStatus, noData: daysIn(window) - covered });
  }
  return years;
}

/** A run of consecutive days on which the two series disagree, with the same pair of statuses throughout. */
export type DisagreementRun = {
  from: string;
  to: string;
  days: number;
  a: { status: number; comparable: Comparable; flag: number | null };
  b: { status: number; comparable: Comparable; flag: number | null };
};

export type SeriesComparison = {
  window: DayWindow;
  days: number;
  /** Both series have a comparable status that day. */
  comparable: number;
  agree: number;
  disagree: number;
  /** Both have an observation, but at least one is not comparable (an academic break). */
  notComparable: number;
  /** At least one series has no observation that day (not reported, or OxCGRT left the value blank). */
  missing: number;
  disagreements: DisagreementRun[];
};

type Segment = { start: number; end: number; p: StatusPeriod };

/** Periods cut to the window, as day numbers, in order (periods of one release never overlap: the PK is per day). */
function segmentsOf(periods: readonly StatusPeriod[], w: DayWindow): Segment[] {
  const lo = dayNumber(w.from);
  const hi = dayNumber(w.to);
  return periods
    .map((p) => ({ start: Math.max(lo, dayNumber(p.firstDay)), end: Math.min(hi, dayNumber(p.lastDay)), p }))
    .filter((s) => s.start <= s.end)
    .sort((x, y) => x.start - y.start);
}

const sameRun = (r: DisagreementRun, a: StatusPeriod, b: StatusPeriod) =>
  r.a.status === a.status && r.a.flag === a.flag && r.b.status === b.status && r.b.flag === b.flag;

/**
 * Compares series `a` and `b` day by day over `window`. Every day of the window is counted exactly once: agreeing,
 * disagreeing, not comparable or missing — a day without data is never counted as agreement.
 */
export function compareSeries(a: readonly StatusPeriod[], b: readonly StatusPeriod[], window: DayWindow): SeriesComparison {
  const result: SeriesComparison = { window, days: daysIn(window), comparable: 0, agree: 0, disagree: 0, notComparable: 0, missing: 0, disagreements: [] };
  const sa = segmentsOf(a, window);
  const sb = segmentsOf(b, window);
  let i = 0;
  let j = 0;
  let covered = 0;
  // Sweep both sorted lists: each step handles the overlap of the current segments and advances the one ending first.
  while (i < sa.length && j < sb.length) {
    const x = sa[i] as Segment;
    const y = sb[j] as Segment;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start <= end) {
      const n = end - start + 1;
      covered += n;
      if (x.p.comparable === null || y.p.comparable === null) result.notComparable += n;
      else if (x.p.comparable === y.p.comparable) {
        result.comparable += n;
        result.agree += n;
      } else {
        result.comparable += n;
        result.disagree += n;
        addDisagreement(result.disagreements, start, end, x.p, y.p);
      }
    }
    if (x.end < y.end) i++;
    else j++;
  }
  result.missing = result.days - covered;
  return result;
}

function addDisagreement(runs: DisagreementRun[], start: number, end: number, a: StatusPeriod, b: StatusPeriod): void {
  const last = runs[runs.length - 1];
  if (last && dayNumber(last.to) + 1 === start && sameRun(last, a, b)) {
    last.to = isoOfDay(end);
    last.days += end - start + 1;
    return;
  }
  runs.push({
    from: isoOfDay(start),
    to: isoOfDay(end),
    days: end - start + 1,
    a: { status: a.status, comparable: a.comparable as Comparable, flag: a.flag },
    b: { status: b.status, comparable: b.comparable as Comparable, flag: b.flag },
  });
}
