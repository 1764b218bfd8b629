import {
  type ClosureDayStatusSum,
  type ClosureGroupFilter,
  countReportingCountriesByRegion,
  listClosureFilterChoices,
  listCountryClosureDays,
  sumClosureCountryDaysByRegion,
  sumClosureDailyCounts,
} from "../../store/closure-global-store.js";
import { type ClosureReleaseRow, listClosureReleases, listClosureStatuses } from "../../store/closure-release-store.js";
import type { Db } from "../../store/db.js";
import { AppError } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { stampMemo } from "../transparency/data-stamp.js";
import { dayNumber, isoOfDay } from "./closure-comparison.js";
import {
  type ClosureDay,
  type ClosureDailySeries,
  type ClosureGlobalFilters,
  type ClosureGlobalQuery,
  ClosureGlobalQuerySchema,
  type ClosureGlobalView,
  type ClosurePeak,
  type ClosureRegionRow,
  type ClosureReleaseWithReport,
  type ClosureStatus,
} from "./closure-global-schemas.js";

// The global view of school closures (res. 45/32 PP10: assess and monitor the effects of school closures; R25; issue 6
// item 4): countries (and learners, where a release gives them) by status over time for one source release, filtered
// by M49 region, UN regional group, LDC and SIDS; which regions closed longest; which countries closed longest.
// Releases are never merged: UNESCO revised past statuses between its two releases, and OxCGRT measures government
// requirements on its own 0–3 scale, so each view is one release in its own words.

/** How many countries the "most days closed" table lists. */
export const TOP_COUNTRIES = 20;

const COMPARABLE_RANK = { closed: 0, partial: 1, open: 2 } as const;

/** The scale's statuses, most closed first (the base of the stacked chart); ties (OxCGRT 1 and 0) by higher code. */
export function orderStatuses(statuses: readonly ClosureStatus[]): ClosureStatus[] {
  const rank = (s: ClosureStatus) => (s.comparable === null ? 3 : COMPARABLE_RANK[s.comparable]);
  return [...statuses].sort((a, b) => rank(a) - rank(b) || b.code - a.code);
}

/** The release a view shows when none is asked for: UNESCO's latest daily-status release, else the latest one. */
export function defaultRelease<R extends Pick<ClosureReleaseRow, "id" | "source" | "scale" | "coverageTo">>(releases: readonly R[]): R | null {
  const latest = [...releases].sort((a, b) => (a.coverageTo === b.coverageTo ? b.id - a.id : a.coverageTo < b.coverageTo ? 1 : -1));
  return latest.find((r) => r.source === "unesco" && r.scale === "unesco_status") ?? latest[0] ?? null;
}

function releaseView(r: ClosureReleaseRow): ClosureReleaseWithReport {
  return {
    id: r.id,
    source: r.source,
    scale: r.scale,
    publisher: r.publisher,
    label: r.label,
    fileName: r.fileName,
    sha256: r.sha256,
    licence: r.licence,
    coverageFrom: r.coverageFrom,
    coverageTo: r.coverageTo,
    days: dayNumber(r.coverageTo) - dayNumber(r.coverageFrom) + 1,
    rowsRead: r.rowsRead,
    rowsStored: r.rowsStored,
    rowsSkipped: r.rowsSkipped,
    importedAt: r.importedAt,
    warnings: r.report.map((w) => ({ line: w.line ?? null, field: w.field ?? null, message: w.message })),
  };
}

/**
 * Every day of the coverage, with zero countries on days no matching country reported (the older UNESCO release lists
 * a country only from its first closure: a missing day is "not reported", never "open").
 */
export function denseDays(from: string, to: string, statuses: readonly ClosureStatus[], sums: readonly ClosureDayStatusSum[]): ClosureDay[] {
  const first = dayNumber(from);
  const count = dayNumber(to) - first + 1;
  const position = new Map(statuses.map((s, i) => [s.code, i]));
  const days: ClosureDay[] = Array.from({ length: Math.max(0, count) }, (_, i) => ({
    day: isoOfDay(first + i),
    reporting: 0,
    byStatus: statuses.map((s) => ({ status: s.code, countries: 0, learnersTotal: null, learnersCountries: 0 })),
  }));
  for (const s of sums) {
    const day = days[dayNumber(s.day) - first];
    const cell = day?.byStatus[position.get(s.status) ?? -1];
    if (!day || !cell) continue;
    cell.countries += s.countries;
    cell.learnersCountries += s.learnersCountries;
    if (s.learnersTotal !== null) cell.learnersTotal = (cell.learnersTotal ?? 0) + s.learnersTotal;
    day.reporting += s.countries;
  }
  return days;
}

/** The coverage's first day, every seventh day after it, and its last day. */
export function weeklySnapshots(days: readonly ClosureDay[]): ClosureDay[] {
  const weeks = days.filter((_, i) => i % 7 === 0);
  const last = days[days.length - 1];
  if (last && weeks[weeks.length - 1] !== last) weeks.push(last);
  return weeks;
}

/** The day most countries were closed (the earliest such day), or null when none ever was. */
export function peakClosed(days: readonly ClosureDay[], statuses: readonly ClosureStatus[]): ClosurePeak | null {
  const index = statuses.findIndex((s) => s.comparable === "closed");
  const status = statuses[index];
  if (!status) return null;
  let peak: ClosurePeak | null = null;
  for (const d of days) {
    const n = d.byStatus[index]?.countries ?? 0;
    if (n > 0 && (!peak || n > peak.countries)) peak = { status: status.code, countries: n, day: d.day };
  }
  return peak;
}

/** Country-days per region: how long each region's schools were closed, weighted by days (journey 7). */
export function compareRegions(
  statuses: readonly ClosureStatus[],
  coverageDays: number,
  days: readonly { regionCode: string; status: number; countryDays: number }[],
  countries: readonly { regionCode: string; countries: number }[],
): ClosureRegionRow[] {
  const position = new Map(statuses.map((s, i) => [s.code, i]));
  const closedAt = statuses.findIndex((s) => s.comparable === "closed");
  const rows = new Map<string, ClosureRegionRow>();
  const rowOf = (regionCode: string) => {
    let row = rows.get(regionCode);
    if (!row) {
      row = { regionCode, countries: 0, countryDays: statuses.map(() => 0), reportingDays: 0, closedPerDay: 0, shareClosed: null };
      rows.set(regionCode, row);
    }
    return row;
  };
  for (const d of days) {
    const i = position.get(d.status);
    if (i === undefined) continue;
    const row = rowOf(d.regionCode);
    row.countryDays[i] = (row.countryDays[i] ?? 0) + d.countryDays;
    row.reportingDays += d.countryDays;
  }
  for (const c of countries) rowOf(c.regionCode).countries = c.countries;
  for (const row of rows.values()) {
    const closed = row.countryDays[closedAt] ?? 0;
    row.closedPerDay = coverageDays > 0 ? closed / coverageDays : 0;
    row.shareClosed = row.reportingDays > 0 ? closed / row.reportingDays : null;
  }
  return [...rows.values()].sort((a, b) => (b.shareClosed ?? -1) - (a.shareClosed ?? -1) || a.regionCode.localeCompare(b.regionCode));
}

function groupFilter(f: ClosureGlobalFilters): ClosureGroupFilter {
  return {
    ...(f.region !== undefined ? { regionCode: f.region } : {}),
    ...(f.group !== undefined ? { regionalGroup: f.group } : {}),
    ...(f.ldc !== undefined ? { ldc: f.ldc } : {}),
    ...(f.sids !== undefined ? { sids: f.sids } : {}),
  };
}

// The view depends only on the data: kept per data stamp and query.
const memoized = stampMemo(100);

type Context = {
  filters: ClosureGlobalFilters;
  choices: ClosureGlobalView["choices"];
  releases: ClosureReleaseWithReport[];
  release: ClosureReleaseWithReport | null;
  statuses: ClosureStatus[];
};

async function resolve(db: Db, query: ClosureGlobalQuery): Promise<Context> {
  const filters = parseInput(ClosureGlobalQuerySchema, query);
  const [rows, allStatuses, choices] = await Promise.all([listClosureReleases(db), listClosureStatuses(db), listClosureFilterChoices(db)]);
  if (filters.region !== undefined && !choices.regions.some((r) => r.code === filters.region))
    throw new AppError("invalid_input", `No M49 region ${filters.region}`, [{ field: "region", message: "is not an M49 region of the countries list" }]);
  if (filters.group !== undefined && !choices.groups.includes(filters.group))
    throw new AppError("invalid_input", `No regional group ${filters.group}`, [
      { field: "group", message: "is not a UN regional group (AFG, APG, EEG, GRULAC, WEOG)" },
    ]);
  const releases = rows.map(releaseView);
  let release: ClosureReleaseWithReport | null;
  if (filters.release !== undefined) {
    release = releases.find((r) => r.id === filters.release) ?? null;
    if (!release) throw new AppError("invalid_input", `No closure release ${filters.release}`, [{ field: "release", message: "is not an imported release" }]);
  } else release = defaultRelease(releases);
  const statuses = release ? orderStatuses(allStatuses.filter((s) => s.scale === release.scale)) : [];
  return { filters, choices, releases, release, statuses };
}

async function seriesOf(db: Db, c: Context, release: ClosureReleaseWithReport): Promise<ClosureDailySeries> {
  const sums = await sumClosureDailyCounts(db, release.id, groupFilter(c.filters));
  const days = denseDays(release.coverageFrom, release.coverageTo, c.statuses, sums);
  const { warnings: _warnings, ...plain } = release;
  return {
    release: plain,
    filters: { region: c.filters.region ?? null, group: c.filters.group ?? null, ldc: c.filters.ldc ?? null, sids: c.filters.sids ?? null },
    statuses: c.statuses,
    learnersReported: days.some((d) => d.byStatus.some((s) => s.learnersCountries > 0)),
    days,
  };
}

const keyOf = (c: Context) => JSON.stringify([c.release?.id ?? null, c.filters.region, c.filters.group, c.filters.ldc, c.filters.sids]);

/** Countries by status per day for one release and group of countries (the JSON API's series); null without data. */
export async function getClosureDailySeries(db: Db, query: ClosureGlobalQuery): Promise<ClosureDailySeries | null> {
  const c = await resolve(db, query);
  const release = c.release;
  if (!release) return null;
  return memoized(db, `series|${keyOf(c)}`, () => seriesOf(db, c, release));
}

/** Every imported release with its coverage, rows and validation report, oldest coverage first. */
export async function listClosureReleaseSummaries(db: Db): Promise<ClosureReleaseWithReport[]> {
  return (await listClosureReleases(db)).map(releaseView);
}

/** Everything the /education page shows for one release and group of countries. */
export async function getClosureGlobalView(db: Db, query: ClosureGlobalQuery): Promise<ClosureGlobalView> {
  const c = await resolve(db, query);
  const release = c.release;
  const base = { filters: c.filters, choices: c.choices, releases: c.releases };
  if (!release) return { ...base, series: null, weeks: [], peak: null, regions: [], topCountries: [] };
  return memoized(db, `view|${keyOf(c)}`, async () => {
    const f = groupFilter(c.filters);
    const [series, regionDays, regionCountries, topCountries] = await Promise.all([
      memoized(db, `series|${keyOf(c)}`, () => seriesOf(db, c, release)),
      sumClosureCountryDaysByRegion(db, release.id, f),
      countReportingCountriesByRegion(db, release.id, f),
      listCountryClosureDays(db, release.id, f, TOP_COUNTRIES),
    ]);
    return {
      ...base,
      series,
      weeks: weeklySnapshots(series.days),
      peak: peakClosed(series.days, c.statuses),
      regions: compareRegions(c.statuses, release.days, regionDays, regionCountries),
      topCountries: topCountries.filter((t) => t.daysClosed > 0),
    };
  });
}
