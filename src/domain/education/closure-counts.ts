import type { ClosureColumnsOut } from "./closure-validation.js";

// The global view's numbers (issue 6 §4): countries and learners per day and status, for each group of countries it
// filters on — M49 region, UN regional group, LDC, SIDS — from the national rows (no sub-national unit) of one
// release. Computed from the rows in memory at import (about 50 ms for OxCGRT's 157,000 rows; the same GROUP BY in
// SQL took 1.7–2.3 s on PGlite), so the page reads a few thousand pre-counted rows instead of 260,000 observations.

export type CountryGroups = {
  regionCode: string;
  regionalGroup: string;
  /** Periods of the designation, [from, to) with null = open; empty = never designated. */
  ldc: readonly { from: string | null; to: string | null }[];
  sids: readonly { from: string | null; to: string | null }[];
};

export type ClosureDailyCountColumns = {
  day: string[];
  status: number[];
  regionCode: string[];
  regionalGroup: string[];
  ldc: boolean[];
  sids: boolean[];
  countries: number[];
  learnersTotal: (number | null)[];
  learnersCountries: number[];
};

const heldOn = (periods: CountryGroups["ldc"], day: string) => periods.some((p) => (p.from === null || p.from <= day) && (p.to === null || p.to > day));

/**
 * One row per day, status and group. A country reporting level by level (national template) counts once per
 * status its levels have that day, and its learners add up over those levels.
 */
export function deriveClosureDailyCounts(rows: ClosureColumnsOut, groups: ReadonlyMap<string, CountryGroups>): ClosureDailyCountColumns {
  const cells = new Map<string, { countries: Set<string>; learners: number | null; withLearners: Set<string> }>();
  const designations = new Map<string, string>();
  for (let i = 0; i < rows.line.length; i++) {
    if (rows.unit[i] !== "") continue;
    const iso3 = rows.iso3[i] as string;
    const day = rows.day[i] as string;
    const g = groups.get(iso3);
    if (!g) continue;
    // Designations rarely change: decide them once per country and day.
    const dk = `${iso3}${day}`;
    let flags = designations.get(dk);
    if (flags === undefined) {
      flags = `${heldOn(g.ldc, day) ? 1 : 0}${heldOn(g.sids, day) ? 1 : 0}`;
      designations.set(dk, flags);
    }
    const key = `${day}|${rows.status[i]}|${g.regionCode}|${g.regionalGroup}|${flags}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { countries: new Set(), learners: null, withLearners: new Set() };
      cells.set(key, cell);
    }
    cell.countries.add(iso3);
    const learners = rows.learnersTotal[i];
    if (learners !== null && learners !== undefined) {
      cell.learners = (cell.learners ?? 0) + learners;
      cell.withLearners.add(iso3);
    }
  }
  const out: ClosureDailyCountColumns = {
    day: [],
    status: [],
    regionCode: [],
    regionalGroup: [],
    ldc: [],
    sids: [],
    countries: [],
    learnersTotal: [],
    learnersCountries: [],
  };
  for (const [key, cell] of cells) {
    const [day, status, regionCode, regionalGroup, flags] = key.split("|") as [string, string, string, string, string];
    out.day.push(day);
    out.status.push(Number(status));
    out.regionCode.push(regionCode);
    out.regionalGroup.push(regionalGroup);
    out.ldc.push(flags[0] === "1");
    out.sids.push(flags[1] === "1");
    out.countries.push(cell.countries.size);
    out.learnersTotal.push(cell.learners);
    out.learnersCountries.push(cell.withLearners.size);
  }
  return out;
}
