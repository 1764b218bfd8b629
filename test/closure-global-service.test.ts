import { gunzipSync } from "node:zlib";
import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../src/domain/core/app-error.js";
import type { ClosureGlobalView, ClosureReleaseWithReport } from "../src/domain/education/closure-global-schemas.js";
import {
  defaultRelease,
  denseDays,
  getClosureDailySeries,
  getClosureGlobalView,
  listClosureReleaseSummaries,
  orderStatuses,
  weeklySnapshots,
} from "../src/domain/education/closure-global-service.js";
import { importClosureFile } from "../src/domain/education/closure-import-service.js";
import { changeDays, placeAreaLabels } from "../src/exports/charts/closure-global-chart.js";
import type { DbHandle } from "../src/store/db.js";
import { realClosureFile } from "./closure-fixtures.js";
import { createTestDb } from "./db-harness.js";
import { TEST_ACTOR } from "./factories.js";

// The global view of school closures (res. 45/32 PP10; R25; issue 6 item 4) on the three real releases and on a small
// crafted national file whose countries span every filter (region, UN regional group, LDC, SIDS). Figures are checked
// against counts made independently: straight from closure_observations, or from the CSV itself.

const day = (v: ClosureGlobalView, iso: string) => v.series?.days.find((d) => d.day === iso);
const countsOf = (v: ClosureGlobalView, iso: string) => Object.fromEntries(day(v, iso)?.byStatus.map((s) => [s.status, s.countries]) ?? []);

async function problemsOf(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(AppError);
  return { code: (e as AppError).code, fields: (e as AppError).problems.map((d) => d.field) };
}

describe("global view on the real releases", () => {
  let h: DbHandle;
  let releases: ClosureReleaseWithReport[];
  const idOf = (scale: string) => releases.find((r) => r.scale === scale)?.id as number;

  beforeAll(async () => {
    h = await createTestDb({ closures: true });
    releases = await listClosureReleaseSummaries(h.db);
  }, 120_000);
  afterAll(async () => h.close());

  it("lists the three releases with coverage, rows and reports", () => {
    expect(releases.map((r) => [r.scale, r.coverageFrom, r.coverageTo, r.days])).toEqual([
      ["oxcgrt_c1", "2020-01-01", "2022-05-16", 867],
      ["unesco_status", "2020-02-16", "2021-02-15", 366],
      ["unesco_scale", "2020-02-16", "2020-07-15", 151],
    ]);
    const daily = releases.find((r) => r.scale === "unesco_status");
    expect(daily?.rowsStored).toBe(76_860);
    const scale = releases.find((r) => r.scale === "unesco_scale");
    // The one duplicated country-day of the real files (line 742) is skipped and reported.
    expect(scale?.rowsSkipped).toBe(1);
    expect(scale?.warnings.some((w) => w.line === 742)).toBe(true);
  });

  it("shows UNESCO's daily release by default, statuses most closed first", async () => {
    const v = await getClosureGlobalView(h.db, {});
    expect(v.series?.release.scale).toBe("unesco_status");
    expect(v.series?.statuses.map((s) => s.word)).toEqual(["Closed due to COVID-19", "Partially open", "Fully open", "Academic break"]);
    expect(v.series?.days).toHaveLength(366);
    expect(v.series?.learnersReported).toBe(false);
  });

  it("counts countries by status on 15 April 2020 as the CSV itself does", async () => {
    const v = await getClosureGlobalView(h.db, {});
    // Independent count over the real file: dd/mm/yyyy dates, quoted status words.
    const text = gunzipSync(fs.readFileSync(realClosureFile("unescoStatus"))).toString("utf8");
    const fromCsv: Record<string, number> = {};
    for (const line of text.split("\n")) {
      if (!line.startsWith("15/04/2020,")) continue;
      // 15/04/2020,"AFG","Afghanistan","Closed due to COVID-19","Note" (the note may be empty and unquoted).
      const status = (line.split('","')[2] ?? "").replace(/",?\s*$/, "");
      fromCsv[status] = (fromCsv[status] ?? 0) + 1;
    }
    expect(fromCsv).toEqual({ "Closed due to COVID-19": 137, "Partially open": 9, "Fully open": 7, "Academic break": 57 });
    expect(countsOf(v, "2020-04-15")).toEqual({ 2: 137, 1: 9, 0: 7, 3: 57 });
    expect(day(v, "2020-04-15")?.reporting).toBe(210);
  });

  it("finds the peak of closures as the observations give it", async () => {
    const v = await getClosureGlobalView(h.db, {});
    const { rows } = await sql<{ day: string; n: number }>`
      SELECT day, count(*)::int AS n FROM closure_observations
      WHERE release_id = ${idOf("unesco_status")} AND status = 2 GROUP BY day ORDER BY n DESC, day LIMIT 1`.execute(h.db);
    expect(rows[0]).toEqual({ day: "2020-04-01", n: 172 });
    expect(v.peak).toEqual({ status: 2, countries: 172, day: "2020-04-01" });
  });

  it("lists the countries closed longest, with their days from the observations", async () => {
    const v = await getClosureGlobalView(h.db, {});
    expect(v.topCountries).toHaveLength(20);
    const first = v.topCountries[0];
    const { rows } = await sql<{ iso3: string; n: number }>`
      SELECT iso3, count(*)::int AS n FROM closure_observations
      WHERE release_id = ${idOf("unesco_status")} AND status = 2 GROUP BY iso3 ORDER BY n DESC, iso3 LIMIT 1`.execute(h.db);
    expect(first).toMatchObject({ iso3: rows[0]?.iso3, daysClosed: rows[0]?.n, daysReported: 366 });
    expect(first?.iso3).toBe("SLV");
    expect(first?.daysClosed).toBe(302);
  });

  it("compares regions: filters are sums over groups, and every country is in one region", async () => {
    const v = await getClosureGlobalView(h.db, {});
    expect(v.regions.map((r) => r.regionCode).sort()).toEqual(["002", "009", "019", "142", "150"]);
    expect(v.regions.reduce((n, r) => n + r.countries, 0)).toBe(210);
    const americas = v.regions.find((r) => r.regionCode === "019");
    expect(americas?.countryDays[0]).toBe(6194);
    expect(americas?.closedPerDay).toBeCloseTo(6194 / 366, 10);
    expect(americas?.shareClosed).toBeCloseTo(6194 / 16_470, 10);
    // Regions are ordered by share closed: the Americas closed longest in UNESCO's daily release.
    expect(v.regions[0]?.regionCode).toBe("019");
    const perRegion = await Promise.all(v.regions.map((r) => getClosureGlobalView(h.db, { region: r.regionCode })));
    const sum = perRegion.reduce((n, rv) => n + (countsOf(rv, "2020-04-15")[2] ?? 0), 0);
    expect(sum).toBe(137);
    expect(perRegion.every((rv) => rv.topCountries.every((c) => c.regionCode === rv.filters.region))).toBe(true);
  });

  it("keeps OxCGRT on its own scale over its 867 days", async () => {
    const v = await getClosureGlobalView(h.db, { release: String(idOf("oxcgrt_c1")) });
    expect(v.series?.statuses.map((s) => s.code)).toEqual([3, 2, 1, 0]);
    expect(v.series?.days).toHaveLength(867);
    expect(v.weeks).toHaveLength(125);
    expect(v.weeks.at(-1)?.day).toBe("2022-05-16");
    const { rows } = await sql<{ status: number; n: number }>`
      SELECT status, count(*)::int AS n FROM closure_observations WHERE release_id = ${idOf("oxcgrt_c1")} AND day = '2020-04-15'
      GROUP BY status ORDER BY status`.execute(h.db);
    expect(countsOf(v, "2020-04-15")).toEqual(Object.fromEntries(rows.map((r) => [r.status, r.n])));
  });

  it("never fills the older UNESCO release's unreported days", async () => {
    const v = await getClosureGlobalView(h.db, { release: String(idOf("unesco_scale")) });
    const first = day(v, "2020-02-16");
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM closure_observations WHERE release_id = ${idOf("unesco_scale")} AND day = '2020-02-16'`.execute(h.db);
    expect(first?.reporting).toBe(rows[0]?.n);
    expect(first?.reporting).toBeLessThan(210);
    expect(day(v, "2020-07-15")?.reporting).toBe(210);
  });

  it("refuses bad filters, naming them", async () => {
    expect(await problemsOf(getClosureGlobalView(h.db, { region: "999" }))).toEqual({ code: "invalid_input", fields: ["region"] });
    expect(await problemsOf(getClosureGlobalView(h.db, { group: "ABC" }))).toEqual({ code: "invalid_input", fields: ["group"] });
    expect(await problemsOf(getClosureGlobalView(h.db, { release: "9999" }))).toEqual({ code: "invalid_input", fields: ["release"] });
    expect(await problemsOf(getClosureGlobalView(h.db, { ldc: "maybe" }))).toEqual({ code: "invalid_input", fields: ["ldc"] });
    expect(await problemsOf(getClosureDailySeries(h.db, { region: "Africa" }))).toEqual({ code: "invalid_input", fields: ["region"] });
  });
});

describe("filters and learners on a crafted national release", () => {
  let h: DbHandle;
  const file = new URL("./fixtures/education-global/national-groups.csv", import.meta.url).pathname;

  beforeAll(async () => {
    h = await createTestDb();
    await importClosureFile(h.db, TEST_ACTOR, { path: file }, { publisher: "Fictional ministry (test)", label: "Test national release" });
  }, 60_000);
  afterAll(async () => h.close());

  it("says there is nothing to show before any import", async () => {
    const empty = await createTestDb();
    try {
      const v = await getClosureGlobalView(empty.db, {});
      expect(v.series).toBeNull();
      expect(v.releases).toEqual([]);
      expect(await getClosureDailySeries(empty.db, {})).toBeNull();
    } finally {
      await empty.close();
    }
  });

  // Fixture: SEN (Africa, AFG, LDC), FJI (Oceania, APG, SIDS), FRA (Europe, WEOG), HTI (Americas, GRULAC, LDC and
  // SIDS), BGD (Asia, APG, LDC); statuses: 2 closed, 1 partially open, 0 fully open.
  const cases: { query: Record<string, string>; on16: Record<number, number>; on18: Record<number, number> }[] = [
    { query: {}, on16: { 2: 2, 1: 1, 0: 2, 3: 0 }, on18: { 2: 4, 1: 1, 0: 0, 3: 0 } },
    { query: { region: "002" }, on16: { 2: 1, 1: 0, 0: 0, 3: 0 }, on18: { 2: 1, 1: 0, 0: 0, 3: 0 } },
    { query: { group: "APG" }, on16: { 2: 0, 1: 0, 0: 2, 3: 0 }, on18: { 2: 2, 1: 0, 0: 0, 3: 0 } },
    { query: { ldc: "1" }, on16: { 2: 2, 1: 0, 0: 1, 3: 0 }, on18: { 2: 3, 1: 0, 0: 0, 3: 0 } },
    { query: { ldc: "0" }, on16: { 2: 0, 1: 1, 0: 1, 3: 0 }, on18: { 2: 1, 1: 1, 0: 0, 3: 0 } },
    { query: { sids: "1" }, on16: { 2: 1, 1: 0, 0: 1, 3: 0 }, on18: { 2: 2, 1: 0, 0: 0, 3: 0 } },
    { query: { ldc: "1", sids: "true" }, on16: { 2: 1, 1: 0, 0: 0, 3: 0 }, on18: { 2: 1, 1: 0, 0: 0, 3: 0 } },
    { query: { region: "150", group: "AFG" }, on16: { 2: 0, 1: 0, 0: 0, 3: 0 }, on18: { 2: 0, 1: 0, 0: 0, 3: 0 } },
  ];
  for (const c of cases)
    it(`filters ${JSON.stringify(c.query)}`, async () => {
      const v = await getClosureGlobalView(h.db, c.query);
      expect(countsOf(v, "2020-03-16")).toEqual(c.on16);
      expect(countsOf(v, "2020-03-18")).toEqual(c.on18);
    });

  it("shows learners where the release gives them, with how many countries gave them", async () => {
    const v = await getClosureGlobalView(h.db, {});
    expect(v.series?.release).toMatchObject({ source: "national", label: "Test national release", publisher: "Fictional ministry (test)" });
    expect(v.series?.learnersReported).toBe(true);
    const closed = day(v, "2020-03-16")?.byStatus.find((s) => s.status === 2);
    expect(closed).toEqual({ status: 2, countries: 2, learnersTotal: 5_500_000, learnersCountries: 2 });
    const open = day(v, "2020-03-16")?.byStatus.find((s) => s.status === 0);
    expect(open).toEqual({ status: 0, countries: 2, learnersTotal: null, learnersCountries: 0 });
  });

  it("ranks countries by days closed within the filter", async () => {
    const v = await getClosureGlobalView(h.db, { ldc: "1" });
    expect(v.topCountries.map((c) => [c.iso3, c.daysClosed, c.daysReported])).toEqual([
      ["HTI", 3, 3],
      ["SEN", 3, 3],
      ["BGD", 1, 3],
    ]);
    const sids = await getClosureGlobalView(h.db, { sids: "1" });
    expect(sids.topCountries.map((c) => c.iso3)).toEqual(["HTI", "FJI"]);
    const europe = await getClosureGlobalView(h.db, { region: "150" });
    // France was only partially open: not among the countries closed.
    expect(europe.topCountries).toEqual([]);
    expect(europe.regions).toEqual([{ regionCode: "150", countries: 1, countryDays: [0, 3, 0, 0], reportingDays: 3, closedPerDay: 0, shareClosed: 0 }]);
    expect(europe.peak).toBeNull();
  });
});

describe("pure parts", () => {
  const statuses = [
    { code: 0, word: "0", comparable: "open" as const },
    { code: 1, word: "1", comparable: "open" as const },
    { code: 2, word: "2", comparable: "partial" as const },
    { code: 3, word: "3", comparable: "closed" as const },
  ];

  it("orders statuses most closed first, academic break last", () => {
    expect(orderStatuses(statuses).map((s) => s.code)).toEqual([3, 2, 1, 0]);
    const unesco = [
      { code: 0, word: "Fully open", comparable: "open" as const },
      { code: 1, word: "Partially open", comparable: "partial" as const },
      { code: 2, word: "Closed due to COVID-19", comparable: "closed" as const },
      { code: 3, word: "Academic break", comparable: null },
    ];
    expect(orderStatuses(unesco).map((s) => s.code)).toEqual([2, 1, 0, 3]);
  });

  it("picks UNESCO's latest daily release by default", () => {
    const r = (id: number, source: "unesco" | "oxcgrt" | "national", scale: "unesco_status" | "unesco_scale" | "oxcgrt_c1", coverageTo: string) => ({
      id,
      source,
      scale,
      coverageTo,
    });
    expect(
      defaultRelease([r(1, "unesco", "unesco_status", "2021-02-15"), r(2, "oxcgrt", "oxcgrt_c1", "2022-05-16"), r(3, "unesco", "unesco_status", "2022-06-30")])
        ?.id,
    ).toBe(3);
    expect(defaultRelease([r(2, "oxcgrt", "oxcgrt_c1", "2022-05-16"), r(4, "unesco", "unesco_scale", "2020-07-15")])?.id).toBe(2);
    expect(defaultRelease([])).toBeNull();
  });

  it("fills every day of the coverage and takes weekly snapshots with the last day", () => {
    const days = denseDays("2020-01-30", "2020-02-16", orderStatuses(statuses), [
      { day: "2020-02-01", status: 3, countries: 5, learnersTotal: null, learnersCountries: 0 },
      { day: "2020-02-01", status: 0, countries: 2, learnersTotal: 10, learnersCountries: 1 },
    ]);
    expect(days).toHaveLength(18);
    expect(days[2]).toEqual({
      day: "2020-02-01",
      reporting: 7,
      byStatus: [
        { status: 3, countries: 5, learnersTotal: null, learnersCountries: 0 },
        { status: 2, countries: 0, learnersTotal: null, learnersCountries: 0 },
        { status: 1, countries: 0, learnersTotal: null, learnersCountries: 0 },
        { status: 0, countries: 2, learnersTotal: 10, learnersCountries: 1 },
      ],
    });
    expect(weeklySnapshots(days).map((d) => d.day)).toEqual(["2020-01-30", "2020-02-06", "2020-02-13", "2020-02-16"]);
  });

  it("draws only the days on which a count changes, which step-after makes lossless", () => {
    const d = (day: string, ...counts: number[]) => ({ day, counts });
    const days = [d("2020-01-01", 1, 2), d("2020-01-02", 1, 2), d("2020-01-03", 2, 1), d("2020-01-04", 2, 1), d("2020-01-05", 2, 1)];
    expect(changeDays(days).map((x) => x.day)).toEqual(["2020-01-01", "2020-01-03", "2020-01-05"]);
  });

  it("labels a band inside it only where it is thick enough", () => {
    const days = Array.from({ length: 100 }, (_, i) => ({ day: `2020-01-01`, counts: [i >= 20 && i < 80 ? 100 : 0, 2] })).map((x, i) => ({
      ...x,
      day: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10),
    }));
    const labels = placeAreaLabels({
      statuses: [
        { name: "Closed", comparable: "closed" },
        { name: "Open", comparable: "open" },
      ],
      days,
      xTitle: "x",
      yTitle: "y",
    });
    // "Open" is 2 countries out of 102: too thin to hold text; "Closed" sits in the middle of its thick run.
    expect(labels.map((l) => l.label)).toEqual(["Closed"]);
    expect(labels[0]?.y).toBe(50);
    const at = Number(labels[0]?.day.slice(8, 10)) + (labels[0]?.day.slice(5, 7) === "02" ? 31 : 0) - 1;
    expect(at).toBeGreaterThanOrEqual(20);
    expect(at).toBeLessThan(80);
  });
});
