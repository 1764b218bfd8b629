import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, type Viewer } from "../src/domain/access/viewer.js";
import { addDocument, addNationalActor, addParticipant } from "../src/domain/activities/activity-parts-service.js";
import { getActivity } from "../src/domain/activities/activity-queries.js";
import { startActivity } from "../src/domain/activities/activity-service.js";
import { addIndicator, addIndicatorValue, addResult } from "../src/domain/activities/results-service.js";
import { addTransaction } from "../src/domain/activities/transaction-service.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeUserWithRole } from "./factories.js";

// Delivery records of an activity: money (R9, §5.6), results with disaggregated values (R5, R27), documents,
// participating organizations (R6) and national actors (R8).

let h: DbHandle;
let ohchr: { viewer: Viewer; organizationId: string };
let unesco: { viewer: Viewer; organizationId: string };
let senegal: { viewer: Viewer; organizationId: string };
let cso: { viewer: Viewer };
let activityId: string;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await createTestDb();
  ohchr = await makeUserWithRole(h.db, "ohchr_officer", { type: "un_entity", iatiRef: "XM-DAC-41313" });
  unesco = await makeUserWithRole(h.db, "un_agency_officer", { type: "un_entity" });
  senegal = await makeUserWithRole(h.db, "state_focal_point", { type: "government", countryIso3: "SEN" });
  cso = await makeUserWithRole(h.db, "cso", { type: "cso", countryIso3: "SEN" });
  activityId = (
    await startActivity(h.db, ohchr.viewer, { organizationId: ohchr.organizationId, stateIso3: "SEN", title: "Teacher training", plannedStart: daysAgo(200) })
  ).id;
});
afterAll(async () => {
  await h?.close();
});

const transaction = (over: Record<string, unknown> = {}) => ({
  transactionType: 2,
  transactionDate: daysAgo(30),
  amount: "1000.10",
  currency: "USD",
  description: "Commitment",
  ...over,
});

describe("transactions", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["a negative amount", { amount: "-5" }, "amount"],
    ["more than 2 decimals", { amount: "10.123" }, "amount"],
    ["a zero amount", { amount: "0.00" }, "amount"],
    ["a float-looking text", { amount: "1e5" }, "amount"],
    ["an unknown currency", { currency: "XYZ" }, "currency"],
    ["a malformed currency", { currency: "US$" }, "currency"],
    ["an unknown transaction type", { transactionType: 8 }, "transactionType"],
    ["an invalid date", { transactionDate: "2026-02-30" }, "transactionDate"],
    ["a future date", { transactionDate: daysAgo(-2) }, "transactionDate"],
    ["a date years before the start", { transactionDate: "2019-01-01" }, "transactionDate"],
  ])("refuses %s", async (_name, over, field) => {
    await expect(addTransaction(h.db, ohchr.viewer, activityId, transaction(over))).rejects.toMatchObject({
      code: "invalid_input",
      problems: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it("totals per type and currency, never adding different currencies", async () => {
    await addTransaction(h.db, ohchr.viewer, activityId, transaction());
    await addTransaction(h.db, ohchr.viewer, activityId, transaction({ amount: "2000.25" }));
    await addTransaction(h.db, ohchr.viewer, activityId, transaction({ amount: "500", currency: "eur" }));
    await addTransaction(h.db, ohchr.viewer, activityId, transaction({ transactionType: "3", amount: "0.10" }));
    const a = await getActivity(h.db, ANONYMOUS, activityId);
    expect(a.totals).toEqual([
      { transactionType: 2, currency: "EUR", total: "500.00", count: 1 },
      { transactionType: 2, currency: "USD", total: "3000.35", count: 2 },
      { transactionType: 3, currency: "USD", total: "0.10", count: 1 },
    ]);
    expect(a.transactions.map((t) => [t.amount, t.currency])).toContainEqual(["2000.25", "USD"]);
  });

  it("only the reporting provider records money", async () => {
    await expect(addTransaction(h.db, unesco.viewer, activityId, transaction())).rejects.toMatchObject({ code: "forbidden" });
    await expect(addTransaction(h.db, senegal.viewer, activityId, transaction())).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("results, indicators and disaggregated values", () => {
  it("records a result with an indicator, values by sex side by side, corrections, and progress", async () => {
    const result = await addResult(h.db, ohchr.viewer, activityId, { resultType: "1", title: "Teachers trained in inclusive distance learning" });
    const indicator = await addIndicator(h.db, ohchr.viewer, result.id, {
      title: "Share of trained teachers applying the methods",
      measure: 2,
      ascending: "yes",
      baselineYear: "2025",
      baselineValue: "20",
      targetValue: "80",
      targetDate: "2027-12-31",
    });
    const period = { periodStart: "2026-01-01", periodEnd: "2026-06-30" };
    await addIndicatorValue(h.db, ohchr.viewer, indicator.id, { ...period, value: "40" });
    await addIndicatorValue(h.db, ohchr.viewer, indicator.id, { ...period, value: "50" }); // correction
    await addIndicatorValue(h.db, ohchr.viewer, indicator.id, { ...period, value: "55", sex: "female" });
    await addIndicatorValue(h.db, ohchr.viewer, indicator.id, { ...period, value: "45", sex: "male" });
    await addIndicatorValue(h.db, ohchr.viewer, indicator.id, { ...period, value: "30", location: "rural", disability: "with_disability", ageBand: "18-24" });
    const a = await getActivity(h.db, ANONYMOUS, activityId);
    const i = a.results[0]?.indicators[0];
    expect(i).toMatchObject({ measure: 2, baselineValue: "20.00", targetValue: "80.00", actual: { value: "50.00" }, progressPercent: 50 });
    expect(i?.values.map((v) => [v.sex, v.ageBand, v.disability, v.location, v.value])).toEqual(
      expect.arrayContaining([
        ["total", "total", "total", "total", "50.00"],
        ["female", "total", "total", "total", "55.00"],
        ["male", "total", "total", "total", "45.00"],
        ["total", "18-24", "with_disability", "rural", "30.00"],
      ]),
    );
    expect(i?.values).toHaveLength(4);
    // Both the original and the correction are kept.
    expect(
      Number(
        (
          await h.db
            .selectFrom("indicator_values")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(5);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a percentage above 100", { value: "120" }, "value"],
    ["a period ending before it starts", { periodStart: "2026-06-01", periodEnd: "2026-05-01" }, "periodEnd"],
    ["an unknown sex", { sex: "girls" }, "sex"],
    ["an unknown age band", { ageBand: "7-9" }, "ageBand"],
    ["three decimals", { value: "1.234" }, "value"],
  ])("refuses a value with %s", async (_name, over, field) => {
    const result = await addResult(h.db, ohchr.viewer, activityId, { resultType: 2, title: "Girls' return to school" });
    const indicator = await addIndicator(h.db, ohchr.viewer, result.id, {
      title: "Return rate",
      measure: "2",
      baselineYear: 2025,
      baselineValue: "60",
      targetValue: "90",
    });
    await expect(
      addIndicatorValue(h.db, ohchr.viewer, indicator.id, { periodStart: "2026-01-01", periodEnd: "2026-03-31", value: "70", ...over }),
    ).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a target below the baseline when higher is better", { baselineYear: 2025, baselineValue: "50", targetValue: "40" }, "targetValue"],
    ["a baseline without its year", { baselineValue: "50", targetValue: "60" }, "baselineYear"],
    ["a future baseline year", { baselineYear: 2049, baselineValue: "1", targetValue: "5" }, "baselineYear"],
    ["an unknown measure", { measure: 5 }, "measure"],
  ])("refuses an indicator with %s", async (_name, over, field) => {
    const result = await addResult(h.db, ohchr.viewer, activityId, { resultType: 3, title: "Impact on enrolment" });
    await expect(addIndicator(h.db, ohchr.viewer, result.id, { title: "Enrolment", ...over })).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });
});

describe("documents, participants, national actors", () => {
  it("accepts https documents with an IATI category only", async () => {
    await addDocument(h.db, ohchr.viewer, activityId, { title: "Evaluation report", url: "https://example.org/eval.pdf", category: "A07", language: "fr" });
    for (const [over, field] of [
      [{ url: "http://example.org/eval.pdf" }, "url"],
      [{ url: "javascript:alert(1)" }, "url"],
      [{ category: "Z99" }, "category"],
      [{ category: "report" }, "category"],
    ] as const)
      await expect(
        addDocument(h.db, ohchr.viewer, activityId, Object.assign({ title: "Evaluation report", url: "https://example.org/x", category: "A07" }, over)),
      ).rejects.toMatchObject({
        problems: [expect.objectContaining({ field })],
      });
    expect((await getActivity(h.db, ANONYMOUS, activityId)).documents).toMatchObject([{ title: "Evaluation report", category: "A07", language: "fr" }]);
  });

  it("adds participants by organization or by name with IATI roles; refuses duplicates", async () => {
    await addParticipant(h.db, ohchr.viewer, activityId, { organizationId: unesco.organizationId, role: 4 });
    await addParticipant(h.db, ohchr.viewer, activityId, { name: "Government of Norway", iatiRef: "XM-DAC-8", orgType: "10", role: "1" });
    await expect(addParticipant(h.db, ohchr.viewer, activityId, { organizationId: unesco.organizationId, role: 4 })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(addParticipant(h.db, ohchr.viewer, activityId, { role: 2 })).rejects.toMatchObject({ problems: [{ field: "name" }] });
    await expect(addParticipant(h.db, ohchr.viewer, activityId, { name: "X Fund", role: 7 })).rejects.toMatchObject({ problems: [{ field: "role" }] });
    const roles = (await getActivity(h.db, ANONYMOUS, activityId)).participants.map((p) => [p.name.startsWith("Organization") ? "org" : p.name, p.role]);
    expect(roles).toEqual([
      ["Government of Norway", 1],
      ["org", 4],
      ["org", 4],
    ]);
  });

  it("national actors: counted by type for everyone, named only with consent or for the State and provider (R8)", async () => {
    await addNationalActor(h.db, ohchr.viewer, activityId, {
      actorType: "government_ministry",
      involvement: "implementation",
      name: "Ministry of Education",
      nameConsented: "yes",
    });
    await addNationalActor(h.db, senegal.viewer, activityId, { actorType: "cso", involvement: "consultation", name: "Girls' education network (fictional)" });
    await addNationalActor(h.db, ohchr.viewer, activityId, { actorType: "cso", involvement: "monitoring" });
    await expect(addNationalActor(h.db, cso.viewer, activityId, { actorType: "cso", involvement: "monitoring" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addNationalActor(h.db, ohchr.viewer, activityId, { actorType: "cso", involvement: "monitoring", nameConsented: true })).rejects.toMatchObject({
      problems: [{ field: "name" }],
    });
    const names = async (viewer: Viewer) => (await getActivity(h.db, viewer, activityId)).nationalActors.map((n) => n.name);
    expect(await names(ANONYMOUS)).toEqual([null, null, "Ministry of Education"]);
    expect(await names(unesco.viewer)).not.toContain("Girls' education network (fictional)");
    expect(await names(senegal.viewer)).toContain("Girls' education network (fictional)");
    expect(await names(ohchr.viewer)).toContain("Girls' education network (fictional)");
    expect((await getActivity(h.db, ANONYMOUS, activityId)).nationalActorCounts).toEqual([
      { actorType: "cso", count: 2 },
      { actorType: "government_ministry", count: 1 },
    ]);
    const audit = await h.db.selectFrom("audit_events").select("details").where("action", "=", "activity.national_actor.add").execute();
    expect(JSON.stringify(audit)).not.toContain("Girls' education network");
  });
});
