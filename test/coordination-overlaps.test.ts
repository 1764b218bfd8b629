import { describe, expect, it } from "vitest";
import { buildProviderMatrix, NO_THEME } from "../src/domain/coordination/coordination-matrix.js";
import type { CoordinationActivity, Counterpart } from "../src/domain/coordination/coordination-types.js";
import { lastQuarter, resolveDigestPeriod } from "../src/domain/coordination/digest-period.js";
import { activityPeriod, findOverlaps, intersectPeriods, normalizeName, overlapsDuring } from "../src/domain/coordination/overlaps.js";

const ministry: Counterpart = {
  key: `actor:government_ministry:${normalizeName("Ministère de l'Éducation nationale")}`,
  kind: "national_actor",
  actorType: "government_ministry",
  name: "Ministère de l'Éducation nationale",
};
const sameMinistryOtherSpelling: Counterpart = {
  ...ministry,
  key: `actor:government_ministry:${normalizeName("MINISTERE DE L EDUCATION NATIONALE")}`,
  name: null,
};
const sameNameOtherType: Counterpart = { ...ministry, key: `actor:parliament:${normalizeName("Ministère de l'Éducation nationale")}`, actorType: "parliament" };
const govBody: Counterpart = { key: "org:7d4c1f3e-0000-4000-8000-000000000001", kind: "organization", actorType: null, name: "Ministère de la Justice" };

function activity(id: string, over: Partial<CoordinationActivity> = {}): CoordinationActivity {
  return {
    id,
    title: `Activity ${id}`,
    status: 2,
    provider: { key: `org:${id}-provider`, organizationId: null, name: `Provider of ${id}` },
    implementers: [],
    plannedStart: "2025-01-01",
    plannedEnd: "2025-06-30",
    actualStart: null,
    actualEnd: null,
    themes: ["E5"],
    sdgTargets: [],
    counterparts: [ministry],
    ...over,
  };
}
const unesco = { key: "org:unesco", organizationId: "unesco", name: "UNESCO" };

describe("overlap warnings (R16: same counterpart + shared theme + overlapping dates, different providers)", () => {
  it.each<{
    name: string;
    b: Partial<CoordinationActivity>;
    a?: Partial<CoordinationActivity>;
    expected: null | { start: string; end: string | null; themes?: string[]; sdg?: string[] };
  }>([
    { name: "same counterpart, theme and dates", b: {}, expected: { start: "2025-01-01", end: "2025-06-30", themes: ["E5"] } },
    {
      name: "dates touching on one day overlap (both ends included)",
      b: { plannedStart: "2025-06-30", plannedEnd: "2025-12-31" },
      expected: { start: "2025-06-30", end: "2025-06-30" },
    },
    { name: "the next day does not", b: { plannedStart: "2025-07-01", plannedEnd: "2025-12-31" }, expected: null },
    {
      name: "open-ended (no end date) is ongoing",
      a: { plannedEnd: null },
      b: { plannedStart: "2027-03-01", plannedEnd: null },
      expected: { start: "2027-03-01", end: null },
    },
    {
      name: "open-ended against a later fixed period",
      a: { plannedEnd: null },
      b: { plannedStart: "2026-01-01", plannedEnd: "2026-02-01" },
      expected: { start: "2026-01-01", end: "2026-02-01" },
    },
    { name: "no start date: cannot be placed, no warning", b: { plannedStart: null, plannedEnd: "2025-03-01" }, expected: null },
    { name: "no dates at all: no warning", b: { plannedStart: null, plannedEnd: null }, expected: null },
    {
      name: "actual dates replace planned ones",
      b: { plannedStart: "2024-01-01", plannedEnd: "2024-03-01", actualStart: "2025-05-01", actualEnd: "2025-09-01" },
      expected: { start: "2025-05-01", end: "2025-06-30" },
    },
    {
      name: "started after the planned end, no actual end: ongoing",
      a: { plannedStart: "2024-01-01", plannedEnd: "2024-02-01", actualStart: "2024-06-01" },
      b: { plannedStart: "2025-02-01", plannedEnd: "2025-03-01" },
      expected: { start: "2025-02-01", end: "2025-03-01" },
    },
    { name: "same provider is not an overlap", b: { provider: { key: "org:a-provider", organizationId: null, name: "Provider of a" } }, expected: null },
    { name: "different themes, no SDG target in common: no overlap", b: { themes: ["E4"] }, expected: null },
    { name: "same theme group but another theme: no overlap", b: { themes: ["E1"] }, expected: null },
    {
      name: "different themes but a shared SDG target",
      a: { sdgTargets: ["4.c", "4.1"] },
      b: { themes: ["A5"], sdgTargets: ["4.c"] },
      expected: { start: "2025-01-01", end: "2025-06-30", themes: [], sdg: ["4.c"] },
    },
    {
      name: "same normalized name of the same type (accents, case, punctuation)",
      b: { counterparts: [sameMinistryOtherSpelling] },
      expected: { start: "2025-01-01", end: "2025-06-30" },
    },
    { name: "same name but another actor type: no overlap", b: { counterparts: [sameNameOtherType] }, expected: null },
    { name: "no counterpart in common: no overlap", b: { counterparts: [govBody] }, expected: null },
    {
      name: "the same government body taking part",
      a: { counterparts: [govBody] },
      b: { counterparts: [govBody, ministry] },
      expected: { start: "2025-01-01", end: "2025-06-30" },
    },
    { name: "a cancelled activity is not coordinated any more", b: { status: 5 }, expected: null },
    { name: "a closed activity is not coordinated any more", b: { status: 4 }, expected: null },
    { name: "a suspended activity still is", b: { status: 6 }, expected: { start: "2025-01-01", end: "2025-06-30" } },
  ])("$name", ({ a, b, expected }) => {
    const warnings = findOverlaps([activity("a", a), activity("b", b)]);
    if (expected === null) return expect(warnings).toEqual([]);
    expect(warnings).toHaveLength(1);
    const w = warnings[0];
    expect(w?.overlap).toEqual({ start: expected.start, end: expected.end });
    if (expected.themes) expect(w?.themes).toEqual(expected.themes);
    if (expected.sdg) expect(w?.sdgTargets).toEqual(expected.sdg);
    expect(w?.counterparts.length).toBeGreaterThan(0);
  });

  it("says which counterpart, which theme and which dates; a name seen on one side is shown", () => {
    const [w] = findOverlaps([
      activity("a", { title: "Teacher training (UNESCO)", provider: unesco, themes: ["E5", "A5"], counterparts: [sameMinistryOtherSpelling, govBody] }),
      activity("b", { title: "Teacher training (OHCHR)", plannedStart: "2025-03-01", themes: ["A5", "E5", "D5"], counterparts: [ministry] }),
    ]);
    expect(w).toMatchObject({
      first: { id: "a", providerName: "UNESCO", period: { start: "2025-01-01", end: "2025-06-30" } },
      second: { id: "b", providerName: "Provider of b", period: { start: "2025-03-01", end: "2025-06-30" } },
      counterparts: [{ actorType: "government_ministry", name: "Ministère de l'Éducation nationale" }],
      themes: ["A5", "E5"],
      overlap: { start: "2025-03-01", end: "2025-06-30" },
    });
  });

  it("finds every pair among several activities, earliest first, and filters by a digest period", () => {
    const warnings = findOverlaps([
      activity("x", { plannedStart: "2025-04-01" }),
      activity("y", { plannedStart: "2025-02-01" }),
      activity("z", { plannedStart: "2025-05-01", plannedEnd: "2025-05-31" }),
    ]);
    expect(warnings.map((w) => `${w.first.id}${w.second.id}:${w.overlap.start}`)).toEqual(["yx:2025-04-01", "xz:2025-05-01", "yz:2025-05-01"]);
    expect(overlapsDuring(warnings, { start: "2025-04-01", end: "2025-04-30" }).map((w) => w.first.id + w.second.id)).toEqual(["yx"]);
  });

  it.each([
    [
      { start: "2025-01-01", end: "2025-01-31" },
      { start: "2025-01-31", end: null },
      { start: "2025-01-31", end: "2025-01-31" },
    ],
    [
      { start: "2025-01-01", end: null },
      { start: "2024-01-01", end: null },
      { start: "2025-01-01", end: null },
    ],
    [{ start: "2025-01-01", end: "2025-01-30" }, { start: "2025-01-31", end: null }, null],
  ])("intersects %j and %j", (a, b, expected) => {
    expect(intersectPeriods(a, b)).toEqual(expected);
    expect(intersectPeriods(b, a)).toEqual(expected);
  });

  it("places activities in time from actual, then planned dates", () => {
    expect(activityPeriod({ plannedStart: null, plannedEnd: null, actualStart: "2025-01-01", actualEnd: null })).toEqual({ start: "2025-01-01", end: null });
    expect(activityPeriod({ plannedStart: null, plannedEnd: "2025-01-01", actualStart: null, actualEnd: null })).toBeNull();
  });
});

describe("who does what: providers × UHRI theme groups", () => {
  it("counts each provider's activities per theme group; implementers count too; totals count activities once", () => {
    const m = buildProviderMatrix([
      activity("a", { provider: unesco, themes: ["E5", "E1", "A5"] }),
      activity("b", { provider: unesco, themes: ["E5"], implementers: [{ key: "org:ngo", organizationId: "ngo", name: "Implementing NGO" }] }),
      activity("c", { themes: [], implementers: [unesco] }),
    ]);
    expect(m.themeGroups).toEqual(["A", "E", NO_THEME]);
    expect(m.rows.map((r) => [r.provider.name, r.counts, r.total])).toEqual([
      ["UNESCO", { A: 1, E: 2, [NO_THEME]: 1 }, 3],
      ["Implementing NGO", { E: 1 }, 1],
      ["Provider of c", { [NO_THEME]: 1 }, 1],
    ]);
    expect(m.columnTotals).toEqual({ A: 1, E: 2, [NO_THEME]: 1 });
    expect(m.activityCount).toBe(3);
  });
});

describe("digest period", () => {
  it.each([
    ["2026-05-15", { from: "2026-01-01", to: "2026-03-31" }],
    ["2026-01-10", { from: "2025-10-01", to: "2025-12-31" }],
    ["2026-12-31", { from: "2026-07-01", to: "2026-09-30" }],
    ["2024-04-01", { from: "2024-01-01", to: "2024-03-31" }],
  ])("the last full quarter before %s", (today, expected) => {
    expect(lastQuarter(new Date(`${today}T12:00:00Z`))).toEqual(expected);
    expect(resolveDigestPeriod({}, new Date(`${today}T12:00:00Z`))).toEqual(expected);
  });

  it.each([
    [{ from: "2025-02-30", to: "2025-03-01" }, "from"],
    [{ from: "2025-01-01" }, "to"],
    [{ from: "2025-03-01", to: "2025-01-01" }, "to"],
    [{ from: "2024-01-01", to: "2025-01-02" }, "to"],
    [{ from: "01/02/2025", to: "2025-03-01" }, "from"],
  ])("refuses %j, naming %s", (input, field) => {
    expect(() => resolveDigestPeriod(input)).toThrow(expect.objectContaining({ code: "invalid_input", problems: [expect.objectContaining({ field })] }));
  });

  it("accepts a full leap year", () => {
    expect(resolveDigestPeriod({ from: "2024-01-01", to: "2024-12-31" })).toEqual({ from: "2024-01-01", to: "2024-12-31" });
  });
});
