import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, canSee, scopeOf, type Viewer, type Visibility } from "../src/domain/access/viewer.js";
import {
  addSeries,
  editSeries,
  getSeries,
  listMonitoringSummary,
  listStateSeries,
  removeIndicatorValue,
  setIndicatorValue,
} from "../src/domain/education/indicator-service.js";
import { addMechanism, listStateMechanisms } from "../src/domain/education/monitoring-service.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { type MonitoringCast, makeMonitoringCast, refusal } from "./monitoring-fixtures.js";

// Indicator series with values by year and sex (R25, R27), and the visibility of monitoring records in SQL checked
// role by role against the plain-code rule (canSee).

let handle: DbHandle;
let v: MonitoringCast;

beforeAll(async () => {
  handle = await createTestDb();
  v = await makeMonitoringCast(handle.db);
});
afterAll(async () => {
  await handle.close();
});

const completion = {
  title: "Completion rate, primary",
  sdgIndicator: "4.1.2",
  unit: "percent",
  source: "National EMIS",
  baselineYear: "2019",
  baselineValue: "61.3",
  targetYear: "2030",
  targetValue: "90",
};

describe("indicator series", () => {
  it("records values by year and sex, corrects and deletes them, each audited, with the series version moving on", async () => {
    const s = await addSeries(handle.db, v.senegalFocalPoint as Viewer, "SEN", completion);
    let version = s.version;
    for (const [sex, value] of [
      ["total", "60.1"],
      ["female", "62.5"],
      ["male", "57.8"],
    ] as const) {
      version = (await setIndicatorValue(handle.db, v.senegalFocalPoint as Viewer, "SEN", s.id, { year: "2021", sex, value, version })).version;
    }
    // A rate's total is not the sum of its parts (R27): 62.5 + 57.8 > 60.1 is fine for percentages.
    const corrected = await setIndicatorValue(handle.db, v.senegalNmirf as Viewer, "SEN", s.id, {
      year: 2021,
      sex: "total",
      value: "60.2",
      note: "revised",
      version,
    });
    expect(corrected).toEqual({ version: version + 1, created: false });
    await removeIndicatorValue(handle.db, v.senegalFocalPoint as Viewer, "SEN", s.id, { year: 2021, sex: "male", version: corrected.version });
    const series = await getSeries(handle.db, ANONYMOUS, "SEN", s.id);
    expect(series).toMatchObject({ baselineValue: "61.3", targetYear: 2030, sdgIndicator: "4.1.2", canEdit: false });
    expect(series.values).toEqual([
      { year: 2021, sex: "total", value: "60.2", note: "revised" },
      { year: 2021, sex: "female", value: "62.5", note: "" },
    ]);
    const audit = await handle.db.selectFrom("audit_events").select("action").where("entity_id", "=", s.id).orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual([
      "indicator.series.create",
      "indicator.value.create",
      "indicator.value.create",
      "indicator.value.create",
      "indicator.value.update",
      "indicator.value.delete",
    ]);
  });

  it("refuses a stale values form", async () => {
    const s = await addSeries(handle.db, v.ohchrOfficer as Viewer, "SEN", { ...completion, title: "Stale test" });
    await setIndicatorValue(handle.db, v.ohchrOfficer as Viewer, "SEN", s.id, { year: 2020, sex: "total", value: "50", version: 1 });
    const e = await refusal(setIndicatorValue(handle.db, v.ohchrOfficer as Viewer, "SEN", s.id, { year: 2021, sex: "total", value: "51", version: 1 }));
    expect(e.code).toBe("conflict");
    expect((await getSeries(handle.db, v.ohchrOfficer as Viewer, "SEN", s.id)).values).toHaveLength(1);
  });

  it("checks female + male ≤ total for numbers only, and nothing is written on refusal", async () => {
    const s = await addSeries(handle.db, v.senegalFocalPoint as Viewer, "SEN", { title: "Learners reached by radio", unit: "number" });
    let version = (await setIndicatorValue(handle.db, v.senegalFocalPoint as Viewer, "SEN", s.id, { year: 2020, sex: "total", value: "1000", version: 1 }))
      .version;
    version = (await setIndicatorValue(handle.db, v.senegalFocalPoint as Viewer, "SEN", s.id, { year: 2020, sex: "female", value: "600", version })).version;
    const e = await refusal(setIndicatorValue(handle.db, v.senegalFocalPoint as Viewer, "SEN", s.id, { year: 2020, sex: "male", value: "401", version }));
    expect(e.problems).toEqual([{ field: "value", message: "female + male must not be more than the total of the same year" }]);
    const after = await getSeries(handle.db, v.senegalFocalPoint as Viewer, "SEN", s.id);
    expect(after.values.map((x) => x.sex)).toEqual(["total", "female"]);
    expect(after.version).toBe(version);
    await setIndicatorValue(handle.db, v.senegalFocalPoint as Viewer, "SEN", s.id, { year: 2020, sex: "male", value: "400", version });
  });

  it.each([
    [{ unit: "percent", baselineYear: "2019", baselineValue: "101" }, "baselineValue", "a percentage must be between 0 and 100"],
    [{ baselineYear: "2019", baselineValue: "" }, "baselineValue", "give both the year and the value, or neither"],
    [{ baselineYear: "2020", baselineValue: "1", targetYear: "2019", targetValue: "2" }, "targetYear", "must not be before the baseline year"],
    [{ sdgIndicator: "SDG4" }, "sdgIndicator", "must be an SDG indicator such as 4.1.2"],
    [{ baselineYear: "2019", baselineValue: "1,5" }, "baselineValue", "must be a number with a point for decimals and no thousands separator, such as 61.3"],
  ])("refuses %o on %s", async (overrides, field, message) => {
    const e = await refusal(addSeries(handle.db, v.senegalFocalPoint as Viewer, "SEN", { title: "Bad series", unit: "number", ...overrides }));
    expect(e.problems).toContainEqual({ field, message });
  });

  it("links a series only to a mechanism of the same State", async () => {
    const mali = await addMechanism(handle.db, v.maliFocalPoint as Viewer, "MLI", {
      name: "Mali EMIS",
      kind: "ministry_emis",
      monitors: ["enrolment"],
      frequency: "yearly",
    });
    const e = await refusal(addSeries(handle.db, v.senegalFocalPoint as Viewer, "SEN", { title: "Linked", unit: "number", mechanismId: mali.id }));
    expect(e.problems).toEqual([{ field: "mechanismId", message: "not a monitoring mechanism of SEN" }]);
  });

  it("lets UN staff edit only their own organization's series", async () => {
    const s = await addSeries(handle.db, v.unescoOfficer as Viewer, "SEN", { title: "UNESCO series", unit: "index" });
    expect((await refusal(editSeries(handle.db, v.ohchrOfficer as Viewer, "SEN", s.id, { title: "Taken over", unit: "index", version: 1 }))).code).toBe(
      "forbidden",
    );
    expect((await editSeries(handle.db, v.senegalFocalPoint as Viewer, "SEN", s.id, { title: "State's title", unit: "index", version: 1 })).version).toBe(2);
  });
});

describe("summary for the country page", () => {
  it("counts what the viewer may see and gives the latest values by sex", async () => {
    const summary = await listMonitoringSummary(handle.db, ANONYMOUS, "SEN");
    expect(summary.mechanisms).toBe(0);
    expect(summary.series).toBe((await listStateSeries(handle.db, ANONYMOUS, "SEN")).length);
    expect(summary.latest).toMatchObject({
      title: "Completion rate, primary",
      unit: "percent",
      year: 2021,
      values: { total: "60.2", female: "62.5", male: null },
    });
    expect((await listMonitoringSummary(handle.db, ANONYMOUS, "MLI")).latest).toBeNull();
  });
});

// Which of the four Senegal records each viewer may see — the standard rule, in SQL and in plain code.
const EXPECTED: Record<string, Visibility[]> = {
  anonymous: ["public"],
  senegalFocalPoint: ["public", "state_and_un"],
  senegalNmirf: ["public", "state_and_un"],
  maliFocalPoint: ["public"],
  ohchrOfficer: ["public", "state_and_un", "un_only", "originator_only"],
  unescoOfficer: ["public", "state_and_un", "un_only"],
  nhri: ["public"],
  cso: ["public"],
  donor: ["public"],
  admin: ["public"],
};

describe("visibility of mechanisms and series, role by role", () => {
  const names = new Map<string, Visibility>();
  let ohchrOrg = "";
  beforeAll(async () => {
    ohchrOrg = (v.ohchrOfficer as Viewer).memberships[0]?.organizationId ?? "";
    for (const visibility of ["public", "state_and_un", "un_only", "originator_only"] as const) {
      const name = `Visibility ${visibility}`;
      names.set(name, visibility);
      const m = await addMechanism(handle.db, v.ohchrOfficer as Viewer, "SEN", {
        name,
        kind: "un_supported",
        monitors: ["reopening"],
        frequency: "ad_hoc",
        visibility,
      });
      expect(m.version).toBe(1);
      await addSeries(handle.db, v.ohchrOfficer as Viewer, "SEN", { title: name, unit: "ratio", visibility });
    }
  });

  it.each(Object.keys(EXPECTED))("%s sees exactly what the rules allow", async (name) => {
    const viewer = v[name] as Viewer;
    const mechanisms = (await listStateMechanisms(handle.db, viewer, "SEN")).filter((m) => names.has(m.name)).map((m) => names.get(m.name));
    const series = (await listStateSeries(handle.db, viewer, "SEN")).filter((s) => names.has(s.title)).map((s) => names.get(s.title));
    expect(mechanisms.sort()).toEqual([...(EXPECTED[name] ?? [])].sort());
    expect(series.sort()).toEqual([...(EXPECTED[name] ?? [])].sort());
    const plain = [...names.values()].filter((visibility) => canSee(scopeOf(viewer), { visibility, stateIso3: "SEN", originatorOrganizationId: ohchrOrg }));
    expect(plain.sort()).toEqual([...(EXPECTED[name] ?? [])].sort());
  });
});
