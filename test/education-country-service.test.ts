import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, type Viewer } from "../src/domain/access/viewer.js";
import { startActivity, updateActivity } from "../src/domain/activities/activity-service.js";
import { importClosureFile } from "../src/domain/education/closure-import-service.js";
import { getCountryEducation } from "../src/domain/education/country-education-service.js";
import type { Db, DbHandle } from "../src/store/db.js";
import { insertTestRecommendation } from "./activity-fixtures.js";
import { createTestDb } from "./db-harness.js";
import { makeUserWithRole, TEST_ACTOR } from "./factories.js";

// The country education page's data (R11, R25; res. 45/32 PP9–PP11) on real rows: crafted closure files with known
// day counts, the three real files (UNESCO daily, the older UNESCO release, OxCGRT C1) with the disagreement days
// the research counted, and education requests and activities filtered by what each viewer may see.

const FIXTURES = path.resolve(import.meta.dirname, "fixtures/education-country");
const fixture = (name: string) => ({ path: path.join(FIXTURES, name) });

describe("crafted closure files", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
    for (const f of ["unesco-daily.csv", "unesco-scale.csv", "oxcgrt-c1.csv"]) await importClosureFile(h.db, TEST_ACTOR, fixture(f));
  });
  afterAll(async () => h?.close());

  it("keeps each release with its periods, statuses and OxCGRT flags", async () => {
    const e = await getCountryEducation(h.db, ANONYMOUS, "SEN");
    const byScale = Object.fromEntries(e.releases.map((r) => [r.scale, r]));
    expect(byScale.unesco_status?.periods.map((p) => [p.firstDay, p.lastDay, p.word, p.days])).toEqual([
      ["2020-03-01", "2020-03-02", "Fully open", 2],
      ["2020-03-03", "2020-03-06", "Closed due to COVID-19", 4],
      ["2020-03-07", "2020-03-08", "Academic break", 2],
      ["2020-03-09", "2020-03-10", "Partially open", 2],
    ]);
    expect(byScale.unesco_status?.periods[1]?.note).toBe("Closure of all schools");
    // The blank C1 value of 9 March is no data: no period, never level 0.
    expect(byScale.oxcgrt_c1?.periods.map((p) => [p.firstDay, p.lastDay, p.status, p.flag])).toEqual([
      ["2020-03-01", "2020-03-01", 0, null],
      ["2020-03-02", "2020-03-02", 1, 1],
      ["2020-03-03", "2020-03-04", 3, 1],
      ["2020-03-05", "2020-03-06", 2, 0],
      ["2020-03-07", "2020-03-08", 3, 1],
      ["2020-03-10", "2020-03-10", 3, 0],
    ]);
    expect(byScale.unesco_status?.years).toEqual([
      {
        year: 2020,
        window: { from: "2020-03-01", to: "2020-03-10" },
        days: 10,
        byStatus: [
          { status: 0, word: "Fully open", days: 2 },
          { status: 1, word: "Partially open", days: 2 },
          { status: 2, word: "Closed due to COVID-19", days: 4 },
          { status: 3, word: "Academic break", days: 2 },
        ],
        noData: 0,
      },
    ]);
    expect(byScale.oxcgrt_c1?.years[0]?.noData).toBe(1);
  });

  it("compares UNESCO with OxCGRT and the two UNESCO releases day by day", async () => {
    const e = await getCountryEducation(h.db, ANONYMOUS, "SEN");
    const sources = e.comparisons.find((c) => c.kind === "sources");
    expect(sources && { ...sources, a: undefined, b: undefined }).toEqual({
      kind: "sources",
      a: undefined,
      b: undefined,
      window: { from: "2020-03-01", to: "2020-03-10" },
      days: 10,
      comparable: 7,
      agree: 4,
      disagree: 3,
      notComparable: 2,
      missing: 1,
      disagreements: [
        {
          from: "2020-03-05",
          to: "2020-03-06",
          days: 2,
          a: { status: 2, word: "Closed due to COVID-19", comparable: "closed", flag: null },
          b: { status: 2, word: "2", comparable: "partial", flag: 0 },
        },
        {
          from: "2020-03-10",
          to: "2020-03-10",
          days: 1,
          a: { status: 1, word: "Partially open", comparable: "partial", flag: null },
          b: { status: 3, word: "3", comparable: "closed", flag: 0 },
        },
      ],
    });
    const releases = e.comparisons.find((c) => c.kind === "releases");
    expect(releases && [releases.window, releases.agree, releases.disagree, releases.notComparable, releases.missing]).toEqual([
      { from: "2020-03-03", to: "2020-03-08" },
      3,
      1,
      2,
      0,
    ]);
  });

  it("says plainly when a country has no closure data", async () => {
    const e = await getCountryEducation(h.db, ANONYMOUS, "GRL");
    expect(e.releases).toHaveLength(3);
    expect(e.releases.every((r) => !r.hasData && r.periods.length === 0 && r.years.length === 0)).toBe(true);
    expect(e.comparisons).toEqual([]);
  });

  it("refuses an unknown or malformed country", async () => {
    await expect(getCountryEducation(h.db, ANONYMOUS, "XXX")).rejects.toMatchObject({ code: "not_found" });
    await expect(getCountryEducation(h.db, ANONYMOUS, "sen1")).rejects.toMatchObject({ code: "invalid_input" });
  });
});

describe("the three real files", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb({ closures: true });
  }, 180_000);
  afterAll(async () => h?.close());

  // UNESCO daily vs OxCGRT under closure_statuses' mapping (research §7: USA 277, RUS 238 disagreeing days).
  it.each([
    ["USA", 277],
    ["RUS", 238],
  ])("%s: %i days on which UNESCO and OxCGRT disagree", async (iso3, days) => {
    const e = await getCountryEducation(h.db, ANONYMOUS, iso3);
    const c = e.comparisons.find((x) => x.kind === "sources");
    expect(c?.disagree).toBe(days);
    expect(c?.disagreements.reduce((n, r) => n + r.days, 0)).toBe(days);
    expect(c && c.agree + c.disagree + c.notComparable + c.missing).toBe(366);
  });

  it("Senegal and France: every day of each release counted once per year, within its coverage", async () => {
    for (const iso3 of ["SEN", "FRA"]) {
      const e = await getCountryEducation(h.db, ANONYMOUS, iso3);
      const daily = e.releases.find((r) => r.scale === "unesco_status");
      expect(daily?.coverage).toEqual({ from: "2020-02-16", to: "2021-02-15" });
      expect(daily?.years.map((y) => [y.year, y.window, y.days, y.noData])).toEqual([
        [2020, { from: "2020-02-16", to: "2020-12-31" }, 320, 0],
        [2021, { from: "2021-01-01", to: "2021-02-15" }, 46, 0],
      ]);
      for (const y of daily?.years ?? []) expect(y.byStatus.reduce((n, s) => n + s.days, 0)).toBe(y.days);
      const oxcgrt = e.releases.find((r) => r.scale === "oxcgrt_c1");
      expect(oxcgrt?.years.map((y) => y.year)).toEqual([2020, 2021, 2022]);
      // The older release is sparse: a country appears from its first closure; days before are "no data".
      const older = e.releases.find((r) => r.scale === "unesco_scale");
      expect(older?.hasData).toBe(true);
      const vsOlder = e.comparisons.find((c) => c.kind === "releases");
      expect(vsOlder?.window).toEqual({ from: "2020-02-16", to: "2020-07-15" });
      expect(vsOlder && vsOlder.agree + vsOlder.disagree + vsOlder.notComparable + vsOlder.missing).toBe(151);
    }
  });

  it("a country OxCGRT does not cover has no UNESCO–OxCGRT comparison (Armenia)", async () => {
    const e = await getCountryEducation(h.db, ANONYMOUS, "ARM");
    expect(e.releases.find((r) => r.scale === "oxcgrt_c1")?.hasData).toBe(false);
    expect(e.comparisons.map((c) => c.kind)).toEqual(["releases"]);
  });
});

describe("education recommendations, requests and activities", () => {
  let h: DbHandle;
  const viewers: Record<string, Viewer> = {};
  const orgs: Record<string, string> = {};

  async function activity(db: Db, provider: string, title: string, o: { themes?: string[]; sdgTargets?: string[]; withheld?: boolean }) {
    const a = await startActivity(db, viewers[provider] as Viewer, {
      organizationId: orgs[provider] as string,
      stateIso3: "SEN",
      title: `${title} (fictional test activity)`,
      themes: o.themes ?? [],
      sdgTargets: o.sdgTargets ?? [],
      plannedStart: "2024-03-01",
    });
    if (o.withheld) {
      const { version } = await db.selectFrom("activities").select("version").where("id", "=", a.id).executeTakeFirstOrThrow();
      await updateActivity(db, viewers.focal as Viewer, a.id, { version, detailsWithheld: true, withheldReason: "Risk of reprisals (fictional)" });
    }
    return a.id;
  }

  async function request(
    db: Db,
    o: { title: string; status: string; visibility: "public" | "state_and_un"; themes?: string[]; sdgTargets?: string[]; continuity?: string[] },
  ) {
    await db
      .insertInto("assistance_requests")
      .values({
        id: randomUUID(),
        reference: o.status === "draft" ? null : `TA-SEN-TEST-${o.title.length}`,
        state_iso3: "SEN",
        organization_id: orgs.focal as string,
        status: o.status,
        title: `${o.title} (fictional test request)`,
        themes: o.themes ?? [],
        sdg_targets: o.sdgTargets ?? [],
        continuity_needs: o.continuity ?? [],
        visibility: o.visibility,
        submitted_at: o.status === "draft" ? null : new Date(),
      })
      .execute();
  }

  beforeAll(async () => {
    h = await createTestDb();
    for (const [key, role, o] of [
      ["ohchr", "ohchr_officer", { type: "un_entity" }],
      ["unicef", "un_agency_officer", { type: "un_entity" }],
      ["unesco", "un_agency_officer", { type: "un_entity" }],
      ["focal", "state_focal_point", { type: "government", countryIso3: "SEN" }],
    ] as const) {
      const u = await makeUserWithRole(h.db, role, o);
      viewers[key] = u.viewer;
      orgs[key] = u.organizationId;
    }
    await insertTestRecommendation(h.db, "SEN"); // E5, SDG 4.c, cycle 3, supported
    await insertTestRecommendation(h.db, "SEN");
    await h.db
      .updateTable("recommendations")
      .set({ position: "noted", cycle: 2 })
      .where("id", "=", await insertTestRecommendation(h.db, "SEN"))
      .execute();
    await h.db
      .updateTable("recommendations")
      .set({ theme_codes: ["A4"], sdg_goals: [], sdg_targets: [] })
      .where("id", "=", await insertTestRecommendation(h.db, "SEN"))
      .execute();

    await request(h.db, { title: "Radio lessons", status: "submitted", visibility: "public", continuity: ["radio"] });
    await request(h.db, { title: "Inclusive schools", status: "submitted", visibility: "public", sdgTargets: ["4.5"] });
    await request(h.db, { title: "Teacher census", status: "submitted", visibility: "state_and_un", themes: ["E5"], sdgTargets: ["4.c"] });
    await request(h.db, { title: "Draft on schools", status: "draft", visibility: "public", themes: ["E5"] });
    await request(h.db, { title: "Elections", status: "submitted", visibility: "public", themes: ["A4"] });

    await activity(h.db, "ohchr", "Teacher training", { themes: ["E5"], sdgTargets: ["4.c"] });
    await activity(h.db, "unicef", "Not education", { themes: ["A4"] });
    // Three withheld education activities from three providers: one disclosure group of 3; two name 4.1, one 4.5.
    await activity(h.db, "ohchr", "Withheld 1", { themes: ["E5"], sdgTargets: ["4.1"], withheld: true });
    await activity(h.db, "unicef", "Withheld 2", { themes: ["E5"], sdgTargets: ["4.1"], withheld: true });
    await activity(h.db, "unesco", "Withheld 3", { sdgTargets: ["4.5"], withheld: true });
  });
  afterAll(async () => h?.close());

  it("counts the State's education recommendations by cycle and position", async () => {
    const e = await getCountryEducation(h.db, ANONYMOUS, "SEN");
    expect(e.recommendations).toEqual({
      total: 3,
      byCycle: [
        { cycle: 2, supported: 0, noted: 1, other: 0, total: 1 },
        { cycle: 3, supported: 2, noted: 0, other: 0, total: 2 },
      ],
    });
  });

  it("lists only the requests the viewer may see: public ones for the public, State-and-UN ones for the State", async () => {
    const anonymous = await getCountryEducation(h.db, ANONYMOUS, "SEN");
    expect(anonymous.requests.map((r) => r.title.split(" (")[0]).sort()).toEqual(["Inclusive schools", "Radio lessons"]);
    const focal = await getCountryEducation(h.db, viewers.focal as Viewer, "SEN");
    expect(focal.requests.map((r) => r.title.split(" (")[0]).sort()).toEqual(["Draft on schools", "Inclusive schools", "Radio lessons", "Teacher census"]);
  });

  it("counts withheld activities only as a whole group of at least 3, never listing them", async () => {
    const e = await getCountryEducation(h.db, ANONYMOUS, "SEN");
    expect(e.activities.items.map((a) => a.title.split(" (")[0])).toEqual(["Teacher training"]);
    expect([e.activities.total, e.activities.withheldCounted]).toEqual([4, 3]);
    const row = (target: string) => e.sdg4.rows.find((r) => r.target === target);
    // The group is split between 4.1 and 4.5: it falls in no single row, so neither shows it.
    expect([row("4.1")?.activities, row("4.5")?.activities, row("4.c")?.activities]).toEqual([0, 0, 1]);
    expect(e.sdg4.activitiesNotBrokenDown).toBe(3);
    expect([row("4.c")?.recommendations, row("4.5")?.requests, row("4.c")?.requests]).toEqual([3, 1, 0]);
    expect(e.sdg4.rows.map((r) => r.target)).toEqual(["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.a", "4.b", "4.c"]);
    expect(row("4.1")?.label).toMatch(/primary and secondary education/i);
  });

  it("shows the State every activity in detail", async () => {
    const e = await getCountryEducation(h.db, viewers.focal as Viewer, "SEN");
    expect(e.activities.items).toHaveLength(4);
    expect(e.activities.withheldCounted).toBe(0);
    expect(e.sdg4.rows.find((r) => r.target === "4.1")?.activities).toBe(2);
  });
});
