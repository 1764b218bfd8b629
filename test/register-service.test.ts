import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, type Viewer } from "../src/domain/access/viewer.js";
import { addParticipant } from "../src/domain/activities/activity-parts-service.js";
import { startActivity, updateActivity } from "../src/domain/activities/activity-service.js";
import { addTransaction } from "../src/domain/activities/transaction-service.js";
import { importExchangeRates, listExchangeRates } from "../src/domain/transparency/exchange-rate-service.js";
import { EXCHANGE_RATE_SOURCE_FTS } from "../src/domain/transparency/exchange-rates.js";
import type { Money } from "../src/domain/transparency/money.js";
import { getCountryRegister, getProviderRegister, getRegisterSummary, listCountryRegisterActivities } from "../src/domain/transparency/register-service.js";
import type { DbHandle } from "../src/store/db.js";
import { insertTestOffer, insertTestRequest } from "./activity-fixtures.js";
import { createTestDb } from "./db-harness.js";
import { makeUserWithRole, TEST_ACTOR } from "./factories.js";

// The transparency register on real rows, role by role (R14; DESIGN.md "Access, consent and publication"): counts,
// US dollar sums to the cent with known rates, the nearest-year rule, unconverted currencies, drafts never counted,
// withheld activities counted under the small-cell rule.

let h: DbHandle;
const viewers: Record<string, Viewer> = {};
const org: Record<string, { id: string; slug: string }> = {};
const ids: Record<string, string> = {};

type Tx = { type: 2 | 3; date: string; amount: string; currency: string };
type Spec = { provider: string; title: string; state?: string; themes?: string[]; modalities?: string[]; start: string; budget?: [string, string]; tx: Tx[] };

async function activity(key: string, spec: Spec, options: { withheld?: boolean; visibility?: "un_only"; participant?: string } = {}) {
  const officer = viewers[spec.provider] as Viewer;
  const a = await startActivity(h.db, officer, {
    organizationId: (org[spec.provider] as { id: string }).id,
    stateIso3: spec.state ?? "SEN",
    title: `${spec.title} (fictional test activity)`,
    themes: spec.themes ?? [],
    modalities: spec.modalities ?? [],
    plannedStart: spec.start,
    ...(spec.budget ? { budgetAmount: spec.budget[0], defaultCurrency: spec.budget[1] } : {}),
    ...(options.visibility ? { visibility: options.visibility } : {}),
  });
  for (const t of spec.tx)
    await addTransaction(h.db, officer, a.id, { transactionType: t.type, transactionDate: t.date, amount: t.amount, currency: t.currency });
  if (options.participant) await addParticipant(h.db, officer, a.id, { organizationId: (org[options.participant] as { id: string }).id, role: 1 });
  if (options.withheld) {
    const focal = viewers[spec.state === "MLI" ? "maliFocalPoint" : "senegalFocalPoint"] as Viewer;
    const { version } = await h.db.selectFrom("activities").select("version").where("id", "=", a.id).executeTakeFirstOrThrow();
    await updateActivity(h.db, focal, a.id, { version, detailsWithheld: true, withheldReason: "Risk of reprisals (fictional)" });
  }
  ids[key] = a.id;
}

const usd = (amount: string, date: string, type: 2 | 3 = 2): Tx => ({ type, date, amount, currency: "USD" });

beforeAll(async () => {
  h = await createTestDb();
  const make = async (key: string, role: Parameters<typeof makeUserWithRole>[1], o: Parameters<typeof makeUserWithRole>[2]) => {
    const u = await makeUserWithRole(h.db, role, o);
    viewers[key] = u.viewer;
    const row = await h.db.selectFrom("organizations").select(["id", "slug"]).where("id", "=", u.organizationId).executeTakeFirstOrThrow();
    org[key] = row;
  };
  await make("ohchr", "ohchr_officer", { type: "un_entity" });
  await make("unicef", "un_agency_officer", { type: "un_entity" });
  await make("unesco", "un_agency_officer", { type: "un_entity" });
  await make("otherUn", "un_agency_officer", { type: "un_entity" });
  await make("senegalFocalPoint", "state_focal_point", { type: "government", countryIso3: "SEN" });
  await make("maliFocalPoint", "state_focal_point", { type: "government", countryIso3: "MLI" });
  await make("cso", "cso", { type: "cso", countryIso3: "SEN" });
  await make("donor", "donor", { type: "donor" });
  viewers.anonymous = ANONYMOUS;

  // Official rates an administrator imported for GBP: 2024 has none and lies as near 2023 as 2025 (the earlier wins).
  await importExchangeRates(
    h.db,
    TEST_ACTOR,
    [
      { line: 2, currency: "GBP", year: "2023", unitsPerUsd: "0.8", source: "UN operational rates of exchange (test)" },
      { line: 3, currency: "GBP", year: "2025", unitsPerUsd: "0.75", source: "UN operational rates of exchange (test)" },
    ],
    { fileName: "rates.csv" },
  );

  await activity("a1", {
    provider: "ohchr",
    title: "Teacher training",
    themes: ["E5"],
    modalities: ["training"],
    start: "2024-03-01",
    budget: ["100000", "USD"],
    tx: [usd("100000", "2024-03-10"), usd("40000", "2024-06-01", 3), usd("20000", "2025-02-01", 3)],
  });
  // EUR: FTS has rates for 2017–2021 only; 2021 is one flow at 0.824. The 2022 disbursement takes the 2021 rate.
  await activity("a2", {
    provider: "unicef",
    title: "Girls back to school",
    themes: ["E5", "F4"],
    modalities: ["advisory_services"],
    start: "2021-05-01",
    budget: ["50000", "EUR"],
    tx: [
      { type: 2, date: "2021-05-02", amount: "50000", currency: "EUR" },
      { type: 3, date: "2022-01-10", amount: "10000", currency: "EUR" },
    ],
  });
  // XOF has no rate at all: never converted.
  await activity("a3", {
    provider: "ohchr",
    title: "National human rights institution support",
    themes: ["A4"],
    start: "2023-01-15",
    budget: ["10000000", "XOF"],
    tx: [{ type: 2, date: "2023-02-01", amount: "10000000", currency: "XOF" }],
  });
  await activity("a4", {
    provider: "unesco",
    title: "Open course materials",
    themes: ["E5"],
    start: "2024-06-01",
    budget: ["8000", "GBP"],
    tx: [
      { type: 2, date: "2024-07-01", amount: "8000", currency: "GBP" },
      { type: 3, date: "2025-03-01", amount: "3000", currency: "GBP" },
    ],
  });
  // Hidden from the public: three withheld (three providers) and one UN-only, USD.
  for (const [key, provider] of [
    ["w1", "ohchr"],
    ["w2", "unicef"],
    ["w3", "unesco"],
  ] as const)
    await activity(
      key,
      {
        provider,
        title: `Protection work ${key}`,
        themes: ["D7"],
        start: "2024-02-01",
        budget: ["10000", "USD"],
        tx: [usd("10000", "2024-02-01"), usd("5000", "2024-08-01", 3)],
      },
      { withheld: true },
    );
  await activity(
    "u1",
    { provider: "ohchr", title: "UN-only work", themes: ["D7"], start: "2024-04-01", budget: ["7000", "USD"], tx: [usd("7000", "2024-04-01")] },
    { visibility: "un_only" },
  );
  // Mali: one public activity, and two withheld — fewer than 3, so never counted for outsiders.
  await activity("m1", {
    provider: "ohchr",
    state: "MLI",
    title: "Mali public",
    start: "2024-01-10",
    budget: ["1000", "USD"],
    tx: [usd("1000", "2024-01-10")],
  });
  await activity(
    "m2",
    { provider: "ohchr", state: "MLI", title: "Mali withheld 1", start: "2024-01-10", budget: ["500", "USD"], tx: [usd("500", "2024-01-10")] },
    { withheld: true },
  );
  await activity(
    "m3",
    { provider: "unicef", state: "MLI", title: "Mali withheld 2", start: "2024-01-10", budget: ["700", "USD"], tx: [usd("700", "2024-01-10")] },
    { withheld: true },
  );

  // Requests and offers: drafts never count.
  const senegalOrg = (org.senegalFocalPoint as { id: string }).id;
  await insertTestRequest(h.db, { stateIso3: "SEN", organizationId: senegalOrg, status: "draft" });
  const submitted = await insertTestRequest(h.db, {
    stateIso3: "SEN",
    organizationId: senegalOrg,
    status: "submitted",
    providerIds: [(org.ohchr as { id: string }).id],
  });
  await h.db
    .updateTable("assistance_requests")
    .set({ visibility: "public", themes: ["E5"] })
    .where("id", "=", submitted)
    .execute();
  await insertTestOffer(h.db, { organizationId: (org.ohchr as { id: string }).id, requestId: submitted, stateIso3: "SEN", status: "published" });
  await insertTestOffer(h.db, { organizationId: (org.unesco as { id: string }).id, requestId: null, stateIso3: "SEN", status: "draft" });
});
afterAll(async () => {
  await h?.close();
});

const line = (m: Money) => ({ usd: m.usd, byCurrency: m.byCurrency, unconverted: m.unconverted });

describe("exchange rates", () => {
  it("loads the FTS means per currency and year as a reference dataset, beside the administrator's rates", async () => {
    const rates = await listExchangeRates(h.db, ["EUR", "CHF", "GBP"]);
    const find = (c: string, y: number) => rates.find((r) => r.currency === c && r.year === y);
    expect(find("EUR", 2021)).toEqual({ currency: "EUR", year: 2021, unitsPerUsd: "0.82400000", observations: 1, source: EXCHANGE_RATE_SOURCE_FTS });
    // 53 EUR flows dated 2020, mean 0.877133962… rounded half up to 8 decimals.
    expect(find("EUR", 2020)).toMatchObject({ unitsPerUsd: "0.87713396", observations: 53 });
    expect(find("CHF", 2020)).toMatchObject({ unitsPerUsd: "0.93728571", observations: 7 });
    expect(find("GBP", 2023)).toMatchObject({ unitsPerUsd: "0.80000000", source: "UN operational rates of exchange (test)" });
    expect(rates.some((r) => r.currency === "USD")).toBe(false);
  });
});

// Senegal as each viewer counts it. The public cannot see w1, w2, w3 (withheld) nor u1 (UN only): four hidden
// activities of three providers, one residual group of 4, counted in the totals but in no provider's row.
const SEN_PUBLIC = { activities: 8, withheldIncluded: 4 };
const SEN_ALL = { activities: 8, withheldIncluded: 0 };
const EXPECTED: Record<string, { activities: number; withheldIncluded: number }> = {
  anonymous: SEN_PUBLIC,
  cso: SEN_PUBLIC,
  maliFocalPoint: SEN_PUBLIC,
  donor: SEN_PUBLIC,
  senegalFocalPoint: SEN_ALL,
  ohchr: SEN_ALL,
  otherUn: SEN_ALL,
};

describe("a State's register, role by role", () => {
  it.each(Object.keys(EXPECTED))("%s: counts and US dollar sums", async (name) => {
    const r = await getCountryRegister(h.db, viewers[name] as Viewer, "SEN");
    const total = r.activities.total;
    expect({ activities: total.activities, withheldIncluded: total.withheldIncluded }).toEqual(EXPECTED[name]);
    // Whoever looks, the sums are the same: 100000 + 50000/0.824 + 8000/0.8 (2024 → 2023) + 3 × 10000 + 7000.
    expect(line(total.committed)).toEqual({
      usd: "207679.61",
      byCurrency: [
        { currency: "EUR", amount: "50000.00" },
        { currency: "GBP", amount: "8000.00" },
        { currency: "USD", amount: "137000.00" },
      ],
      unconverted: [{ currency: "XOF", amount: "10000000.00" }],
    });
    // 40000 + 20000 + 10000/0.824 (2022 → 2021) + 3000/0.75 (2025) + 3 × 5000.
    expect(total.disbursed.usd).toBe("91135.92");
    expect(total.disbursed.nearestYear).toBe(true);
    expect(total.budget.usd).toBe("207679.61");
    expect(total.budget.unconverted).toEqual([{ currency: "XOF", amount: "10000000.00" }]);
  });

  it("public: the hidden group is in no provider's row, theme or year, only in 'not broken down'", async () => {
    const r = await getCountryRegister(h.db, ANONYMOUS, "SEN");
    const byProvider = Object.fromEntries(r.activities.byProvider.rows.map((row) => [row.slug, [row.activities, row.withheldIncluded, row.committed.usd]]));
    expect(byProvider).toEqual({
      [org.ohchr?.slug as string]: [2, 0, "100000.00"],
      [org.unicef?.slug as string]: [1, 0, "60679.61"],
      [org.unesco?.slug as string]: [1, 0, "10000.00"],
    });
    expect(r.activities.byProvider.notBrokenDown).toMatchObject({ activities: 4, withheldIncluded: 4, committed: { usd: "37000.00" } });
    // All four hidden activities share theme D7 and started in 2024: the group falls whole into those cells.
    expect(r.activities.byTheme.rows.find((row) => row.key === "D7")).toMatchObject({ activities: 4, withheldIncluded: 4 });
    expect(r.activities.byTheme.notBrokenDown).toBeNull();
    const y2024 = r.activities.byYear.rows.find((row) => row.year === "2024");
    expect(y2024).toMatchObject({ activities: 6, withheldIncluded: 4 });
    // Commitments by transaction year: the group's commitments are all dated 2024, its disbursements too.
    expect(y2024?.committed.usd).toBe("147000.00");
    expect(r.activities.byYear.rows.find((row) => row.year === "2021")?.committed.usd).toBe("60679.61");
    expect(r.activities.byYear.rows.find((row) => row.year === "2022")?.disbursed).toMatchObject({ usd: "12135.92", nearestYear: true });
  });

  it("a State's own focal point sees every activity and counts no withheld group", async () => {
    const r = await getCountryRegister(h.db, viewers.senegalFocalPoint as Viewer, "SEN");
    expect(r.activities.byProvider.notBrokenDown).toBeNull();
    expect(r.activities.byProvider.rows.find((row) => row.slug === org.ohchr?.slug)).toMatchObject({ activities: 4, committed: { usd: "117000.00" } });
  });

  it("Mali: two withheld activities count nowhere for outsiders, and nothing says they exist", async () => {
    for (const name of ["anonymous", "senegalFocalPoint", "cso"]) {
      const r = await getCountryRegister(h.db, viewers[name] as Viewer, "MLI");
      expect(r.activities.total).toMatchObject({ activities: 1, withheldIncluded: 0, committed: { usd: "1000.00" } });
      expect(r.activities.byProvider.notBrokenDown).toBeNull();
      expect(JSON.stringify(r)).not.toContain("700.00");
    }
    const own = await getCountryRegister(h.db, viewers.maliFocalPoint as Viewer, "MLI");
    expect(own.activities.total).toMatchObject({ activities: 3, withheldIncluded: 0, committed: { usd: "2200.00" } });
  });

  it("requests and offers: drafts never, published ones for everyone", async () => {
    for (const name of ["anonymous", "senegalFocalPoint", "ohchr"]) {
      const r = await getCountryRegister(h.db, viewers[name] as Viewer, "SEN");
      expect(r.requests.total, name).toBe(1);
      expect(r.requests.byStatus).toEqual([{ key: "submitted", count: 1 }]);
      expect(r.requests.byTheme).toEqual([{ key: "E5", count: 1 }]);
      expect(r.offers.total, name).toBe(1);
      expect(r.offers.budget.usd).toBe("48000.00");
      expect(r.offers.byProvider.map((o) => [o.slug, o.offers])).toEqual([[org.ohchr?.slug, 1]]);
    }
  });

  it("lists the conversion rates of the page's currencies", async () => {
    const r = await getCountryRegister(h.db, ANONYMOUS, "SEN");
    expect([...new Set(r.rates.map((x) => x.currency))]).toEqual(["EUR", "GBP"]);
  });

  it("refuses an unknown or malformed ISO3 code", async () => {
    await expect(getCountryRegister(h.db, ANONYMOUS, "XXX")).rejects.toMatchObject({ code: "not_found" });
    await expect(getCountryRegister(h.db, ANONYMOUS, "sen")).rejects.toMatchObject({ code: "invalid_input" });
  });
});

describe("the activity table", () => {
  it.each([
    ["anonymous", ["a1", "a2", "a3", "a4"], 4],
    ["cso", ["a1", "a2", "a3", "a4"], 4],
    ["senegalFocalPoint", ["a1", "a2", "a3", "a4", "w1", "w2", "w3", "u1"], 0],
    ["otherUn", ["a1", "a2", "a3", "a4", "w1", "w2", "w3", "u1"], 0],
  ] as const)("%s sees %j in detail, %d more only counted", async (name, expected, withheld) => {
    const list = await listCountryRegisterActivities(h.db, viewers[name] as Viewer, "SEN");
    expect(new Set(list.items.map((a) => a.id))).toEqual(new Set(expected.map((k) => ids[k])));
    expect(list.withheldCounted).toBe(withheld);
  });

  it("shows each activity's money in its currency and in US dollars, with the year of the rate used", async () => {
    const list = await listCountryRegisterActivities(h.db, ANONYMOUS, "SEN", { q: "open course" });
    expect(list.items).toHaveLength(1);
    const a4 = list.items[0];
    expect(a4?.budget).toMatchObject({ usd: "10000.00", byCurrency: [{ currency: "GBP", amount: "8000.00" }], nearestYear: true });
    expect(a4?.disbursed).toMatchObject({ usd: "4000.00", nearestYear: false });
    expect(a4?.rateYears).toEqual([2023]);
    const a3 = (await listCountryRegisterActivities(h.db, ANONYMOUS, "SEN", { theme: "A4" })).items[0];
    expect(a3?.committed).toMatchObject({ usd: "0.00", byCurrency: [], unconverted: [{ currency: "XOF", amount: "10000000.00" }] });
  });

  it("filters by provider, year and status, and refuses bad filters naming them", async () => {
    expect((await listCountryRegisterActivities(h.db, ANONYMOUS, "SEN", { provider: org.ohchr?.slug })).total).toBe(2);
    expect((await listCountryRegisterActivities(h.db, ANONYMOUS, "SEN", { year: "2021" })).items.map((a) => a.id)).toEqual([ids.a2]);
    await expect(listCountryRegisterActivities(h.db, ANONYMOUS, "SEN", { status: "9" })).rejects.toMatchObject({
      code: "invalid_input",
      problems: [{ field: "status" }],
    });
  });
});

describe("the global summary", () => {
  it("one row per State, the withheld group counted for the public, Mali's two not", async () => {
    const s = await getRegisterSummary(h.db, ANONYMOUS);
    const sen = s.rows.find((r) => r.stateIso3 === "SEN");
    expect(sen).toMatchObject({ requests: 1, offers: 1, activities: 8, withheldIncluded: 4, committed: { usd: "207679.61" } });
    expect(s.rows.find((r) => r.stateIso3 === "MLI")).toMatchObject({ activities: 1, withheldIncluded: 0, committed: { usd: "1000.00" } });
    expect(s.total.committed.usd).toBe("208679.61");
    expect(s.byYear.find((y) => y.year === "2024")?.committed.usd).toBe("148000.00");
  });

  it("filters: a provider's rows leave the mixed group out; a theme keeps it whole; a year counts each figure in its own year", async () => {
    const byUnicef = await getRegisterSummary(h.db, ANONYMOUS, { provider: org.unicef?.slug });
    expect(byUnicef.rows.find((r) => r.stateIso3 === "SEN")).toMatchObject({ activities: 1, withheldIncluded: 0, committed: { usd: "60679.61" } });
    const d7 = await getRegisterSummary(h.db, ANONYMOUS, { theme: "D7" });
    expect(d7.rows.map((r) => [r.stateIso3, r.activities, r.withheldIncluded, r.committed.usd])).toEqual([["SEN", 4, 4, "37000.00"]]);
    const y2021 = await getRegisterSummary(h.db, ANONYMOUS, { year: "2021" });
    expect(y2021.rows.find((r) => r.stateIso3 === "SEN")).toMatchObject({ activities: 1, committed: { usd: "60679.61" }, disbursed: { usd: "0.00" } });
    const africa = await getRegisterSummary(h.db, ANONYMOUS, { region: "150" });
    expect(africa.rows).toEqual([]);
  });
});

describe("a provider's register", () => {
  it("OHCHR for the public: its visible activities by State; its hidden ones only inside Senegal's mixed group", async () => {
    const p = await getProviderRegister(h.db, ANONYMOUS, org.ohchr?.slug as string);
    expect(p.activities.byState.rows.map((r) => [r.key, r.activities, r.withheldIncluded])).toEqual([
      ["SEN", 2, 0],
      ["MLI", 1, 0],
    ]);
    expect(p.activities.total.committed.usd).toBe("101000.00");
    expect(p.offers.byState.map((o) => [o.key, o.offers])).toEqual([["SEN", 1]]);
  });

  it("an insider (a donor taking part in 1 of 3 withheld activities of a provider) makes them count as a larger group or not at all", async () => {
    for (const key of ["x1", "x2", "x3"])
      await activity(
        key,
        { provider: "unicef", state: "BEN", title: `Benin ${key}`, start: "2024-05-01", budget: ["100", "USD"], tx: [usd("100", "2024-05-02")] },
        {
          withheld: false,
          ...(key === "x1" ? { participant: "donor" } : {}),
        },
      );
    for (const key of ["x1", "x2", "x3"])
      await h.db
        .updateTable("activities")
        .set({ visibility: "un_only" })
        .where("id", "=", ids[key] as string)
        .execute();
    const publicView = await getCountryRegister(h.db, ANONYMOUS, "BEN");
    expect(publicView.activities.total).toMatchObject({ activities: 0, withheldIncluded: 0 });
    const donorView = await getCountryRegister(h.db, viewers.donor as Viewer, "BEN");
    expect(donorView.activities.total).toMatchObject({ activities: 1, withheldIncluded: 0, committed: { usd: "100.00" } });
  });

  it("answers 404 for an unknown provider", async () => {
    await expect(getProviderRegister(h.db, ANONYMOUS, "no-such-provider")).rejects.toMatchObject({ code: "not_found" });
  });
});
