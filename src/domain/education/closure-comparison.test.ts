import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Comparable, compareSeries, dayNumber, daysIn, daysPerYear, intersectWindows, isoOfDay, type StatusPeriod } from "./closure-comparison.js";

const p = (firstDay: string, lastDay: string, status: number, comparable: Comparable | null, flag: number | null = null): StatusPeriod => ({
  firstDay,
  lastDay,
  status,
  comparable,
  flag,
});

describe("day arithmetic", () => {
  it.each([
    ["2020-02-16", "2021-02-15", 366],
    ["2020-02-28", "2020-03-01", 3],
    ["2021-02-28", "2021-03-01", 2],
    ["2020-03-01", "2020-03-01", 1],
    ["2020-03-02", "2020-03-01", 0],
  ])("from %s to %s is %i days", (from, to, days) => {
    expect(daysIn({ from, to })).toBe(days);
  });

  it("round-trips day numbers whatever the host time zone", () => {
    expect(isoOfDay(dayNumber("2020-02-29"))).toBe("2020-02-29");
    expect(dayNumber("1970-01-02")).toBe(1);
  });

  it("intersects windows", () => {
    expect(intersectWindows({ from: "2020-02-16", to: "2021-02-15" }, { from: "2020-01-01", to: "2022-05-16" })).toEqual({
      from: "2020-02-16",
      to: "2021-02-15",
    });
    expect(intersectWindows({ from: "2020-01-01", to: "2020-01-31" }, { from: "2020-02-01", to: "2020-02-28" })).toBeNull();
  });
});

describe("daysPerYear", () => {
  it("counts within the coverage window of each calendar year and reports the days without data", () => {
    // UNESCO daily: 16 Feb 2020 – 15 Feb 2021. Closed 16 Mar – 10 May 2020, open after, break over new year.
    const years = daysPerYear([p("2020-02-16", "2020-03-15", 0, "open"), p("2020-03-16", "2020-05-10", 2, "closed"), p("2020-12-20", "2021-01-03", 3, null)], {
      from: "2020-02-16",
      to: "2021-02-15",
    });
    expect(years.map((y) => ({ year: y.year, window: y.window, byStatus: Object.fromEntries(y.byStatus), noData: y.noData }))).toEqual([
      { year: 2020, window: { from: "2020-02-16", to: "2020-12-31" }, byStatus: { 0: 29, 2: 56, 3: 12 }, noData: 320 - 97 },
      { year: 2021, window: { from: "2021-01-01", to: "2021-02-15" }, byStatus: { 3: 3 }, noData: 43 },
    ]);
  });
});

describe("compareSeries", () => {
  const window = { from: "2020-03-01", to: "2020-03-10" };
  it.each<[string, StatusPeriod[], StatusPeriod[], { agree: number; disagree: number; notComparable: number; missing: number; runs: number }]>([
    [
      "identical",
      [p("2020-03-01", "2020-03-10", 2, "closed")],
      [p("2020-03-01", "2020-03-10", 3, "closed", 1)],
      { agree: 10, disagree: 0, notComparable: 0, missing: 0, runs: 0 },
    ],
    // OxCGRT 1 (recommend closing) is "open": schools open.
    [
      "C1 level 1 is open",
      [p("2020-03-01", "2020-03-10", 0, "open")],
      [p("2020-03-01", "2020-03-10", 1, "open", 1)],
      { agree: 10, disagree: 0, notComparable: 0, missing: 0, runs: 0 },
    ],
    [
      "closed vs targeted partial",
      [p("2020-03-01", "2020-03-10", 2, "closed")],
      [p("2020-03-01", "2020-03-04", 3, "closed", 1), p("2020-03-05", "2020-03-10", 2, "partial", 0)],
      { agree: 4, disagree: 6, notComparable: 0, missing: 0, runs: 1 },
    ],
    [
      "academic break is not comparable, never agreement",
      [p("2020-03-01", "2020-03-05", 3, null), p("2020-03-06", "2020-03-10", 0, "open")],
      [p("2020-03-01", "2020-03-10", 3, "closed", 1)],
      { agree: 0, disagree: 5, notComparable: 5, missing: 0, runs: 1 },
    ],
    [
      "gaps on either side are missing",
      [p("2020-03-03", "2020-03-10", 1, "partial")],
      [p("2020-03-01", "2020-03-08", 2, "partial", 1)],
      { agree: 6, disagree: 0, notComparable: 0, missing: 4, runs: 0 },
    ],
    ["nothing on one side", [], [p("2020-03-01", "2020-03-10", 0, "open")], { agree: 0, disagree: 0, notComparable: 0, missing: 10, runs: 0 }],
    [
      "periods reaching outside the window are cut to it",
      [p("2020-01-01", "2020-12-31", 2, "closed")],
      [p("2020-02-01", "2020-03-05", 0, "open"), p("2020-03-06", "2020-06-01", 3, "closed", 0)],
      { agree: 5, disagree: 5, notComparable: 0, missing: 0, runs: 1 },
    ],
    [
      "a change of flag starts a new run",
      [p("2020-03-01", "2020-03-10", 0, "open")],
      [p("2020-03-01", "2020-03-05", 3, "closed", 0), p("2020-03-06", "2020-03-10", 3, "closed", 1)],
      { agree: 0, disagree: 10, notComparable: 0, missing: 0, runs: 2 },
    ],
  ])("%s", (_name, a, b, expected) => {
    const c = compareSeries(a, b, window);
    expect({ agree: c.agree, disagree: c.disagree, notComparable: c.notComparable, missing: c.missing, runs: c.disagreements.length }).toEqual(expected);
    expect(c.comparable).toBe(c.agree + c.disagree);
  });

  it("lists disagreement runs with both statuses and the OxCGRT flag", () => {
    const c = compareSeries(
      [p("2020-03-01", "2020-03-10", 2, "closed")],
      [p("2020-03-01", "2020-03-02", 3, "closed", 1), p("2020-03-03", "2020-03-06", 2, "partial", 0), p("2020-03-07", "2020-03-10", 1, "open", 1)],
      window,
    );
    expect(c.disagreements).toEqual([
      { from: "2020-03-03", to: "2020-03-06", days: 4, a: { status: 2, comparable: "closed", flag: null }, b: { status: 2, comparable: "partial", flag: 0 } },
      { from: "2020-03-07", to: "2020-03-10", days: 4, a: { status: 2, comparable: "closed", flag: null }, b: { status: 1, comparable: "open", flag: 1 } },
    ]);
  });

  // Random non-overlapping period lists (as a release stores them) over a random window.
  const COMPARABLES: (Comparable | null)[] = ["open", "partial", "closed", null];
  const series = fc
    .array(fc.record({ gap: fc.nat(5), len: fc.integer({ min: 1, max: 20 }), c: fc.nat(3), flag: fc.constantFrom(0, 1, null) }), { maxLength: 12 })
    .map((runs) => {
      let day = dayNumber("2020-02-01");
      return runs.map((r) => {
        const start = day + r.gap;
        day = start + r.len;
        return p(isoOfDay(start), isoOfDay(start + r.len - 1), r.c, COMPARABLES[r.c] ?? null, r.flag);
      });
    });
  const windowArb = fc
    .tuple(fc.nat(150), fc.nat(150))
    .map(([s, n]) => ({ from: isoOfDay(dayNumber("2020-02-01") + s), to: isoOfDay(dayNumber("2020-02-01") + s + n) }));

  it("counts every day of the window exactly once, and its runs add up to the disagreeing days", () => {
    fc.assert(
      fc.property(series, series, windowArb, (a, b, w) => {
        const c = compareSeries(a, b, w);
        expect(c.agree + c.disagree + c.notComparable + c.missing).toBe(daysIn(w));
        expect(c.disagreements.reduce((n, r) => n + r.days, 0)).toBe(c.disagree);
        for (const r of c.disagreements) expect(r.a.comparable).not.toBe(r.b.comparable);
      }),
    );
  });

  it("is symmetric in its counts", () => {
    fc.assert(
      fc.property(series, series, windowArb, (a, b, w) => {
        const ab = compareSeries(a, b, w);
        const ba = compareSeries(b, a, w);
        expect([ba.agree, ba.disagree, ba.notComparable, ba.missing]).toEqual([ab.agree, ab.disagree, ab.notComparable, ab.missing]);
      }),
    );
  });
});
