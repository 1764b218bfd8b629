import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/domain/accounts/account-service.js";
import { insertActivity, insertConsent, insertNationalActor, insertTransaction } from "./coordination-fixtures.js";
import { makeOrganization, TEST_ACTOR, TEST_PASSWORD } from "./factories.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";

// The coordination page, the digest page and its files, and the coordination API (R16), on Cabo Verde (CPV), which
// has no demo data, with activities inserted directly.

let server: TestServer;
const stateEmail = "focal.cpv@example.org";
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  server = await startTestServer();
  const db = server.handle.db;
  const ohchr = await makeOrganization(db, { type: "un_entity", acronym: "OHCHR-T", name: "OHCHR test" });
  const unesco = await makeOrganization(db, { type: "un_entity", acronym: "UNESCO-T", name: "UNESCO test" });
  const ministry = await makeOrganization(db, { type: "government", countryIso3: "CPV", name: "Ministério da Educação" });
  await createUser(db, TEST_ACTOR, { email: stateEmail, displayName: "CPV focal point", password: TEST_PASSWORD, preferredLanguage: "fr" }, [
    { organizationSlug: ministry.slug, role: "state_focal_point" },
  ]);
  const a = await insertActivity(db, {
    organizationId: ohchr.id,
    stateIso3: "CPV",
    title: "Teacher training",
    plannedStart: `${year - 1}-01-01`,
    plannedEnd: `${year + 1}-12-31`,
    themes: ["E5"],
  });
  await insertNationalActor(db, { activityId: a, actorType: "government_ministry", name: "Ministério da Educação", nameConsented: true });
  await insertConsent(db, { activityId: a, stateIso3: "CPV", organizationId: ministry.id, grantedOn: `${year - 1}-01-10` });
  await insertTransaction(db, { activityId: a, type: 3, date: `${year - 1}-02-01`, amount: "12500.75" });
  // A title a spreadsheet would run as a formula: the CSV must neutralise it.
  const b = await insertActivity(db, {
    organizationId: unesco.id,
    stateIso3: "CPV",
    title: '=HYPERLINK("http://x")',
    plannedStart: `${year - 1}-01-15`,
    themes: ["E5", "A5"],
  });
  await insertNationalActor(db, { activityId: b, actorType: "government_ministry", name: "MINISTERIO DA EDUCACAO", nameConsented: false });
  await insertTransaction(db, { activityId: b, type: 2, date: `${year - 1}-03-01`, amount: "800", currency: "EUR" });
  for (const n of [1, 2, 3])
    await insertActivity(db, { organizationId: unesco.id, stateIso3: "CPV", title: `Withheld ${n}`, plannedStart: `${year}-01-01`, detailsWithheld: true });
});
afterAll(async () => {
  await server.close();
});

const get = (url: string, cookies: Record<string, string> = {}) => server.app.inject({ method: "GET", url, cookies });
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const lastYear = `from=${year - 1}-01-01&to=${year - 1}-12-31`;

describe("coordination page (R16)", () => {
  it("shows the matrix, an accessible timeline with a table alternative, the overlap and the withheld count", async () => {
    const res = await get("/countries/CPV/coordination");
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    expect(res.body).toContain("<caption>Activities in Cabo Verde by provider and group of UHRI themes</caption>");
    expect(body).toMatch(
      /Provider A International framework and cross-cutting measures E Economic, social and cultural rights All themes OHCHR-T – 1 1 UNESCO-T 1 1 1 All providers 1 2 2/,
    );
    expect(res.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="tl-title tl-desc"/);
    expect(res.body).toContain('<title id="tl-title">Timeline of activities in Cabo Verde</title>');
    // Each status has its own pattern, named in the legend; bars carry their own text label.
    expect(res.body).toContain('<pattern id="tl-suspended"');
    expect(body).toContain("Teacher training — OHCHR-T · Implementation");
    expect(res.body).not.toContain("style=");
    expect(body).toContain("Same counterpart Government ministry or agency: Ministério da Educação");
    expect(body).toContain("3 further activities (details withheld)");
    expect(body).not.toContain("Withheld 1");
    expect(res.body).toContain("<caption>Activities in Cabo Verde, by start date</caption>");
    const ar = await get("/countries/CPV/coordination?lang=ar");
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain("من يفعل ماذا");
  });

  it("the API gives the same matrix, activities and overlaps", async () => {
    const res = await get("/api/v1/states/cpv/coordination");
    expect(res.statusCode).toBe(200);
    const view = res.json() as {
      activities: unknown[];
      overlaps: { counterparts: { name: string | null }[]; overlap: { start: string } }[];
      withheldActivities: number | null;
    };
    expect(view.activities).toHaveLength(2);
    expect(view.withheldActivities).toBe(3);
    expect(view.overlaps).toHaveLength(1);
    expect(view.overlaps[0]?.counterparts[0]?.name).toBe("Ministério da Educação");
    expect(view.overlaps[0]?.overlap.start).toBe(`${year - 1}-01-15`);
    expect((await get("/api/v1/states/QQQ/coordination")).statusCode).toBe(404);
  });
});

describe("State digest", () => {
  it("defaults to the last quarter, validates the period with field errors (400)", async () => {
    const res = await get("/countries/CPV/digest");
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/name="from" value="\d{4}-\d{2}-01"/);
    const bad = await get("/countries/CPV/digest?from=2025-02-30&to=2025-01-01");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-from"');
    expect(bad.body).toContain('value="2025-02-30"');
    expect((await get("/api/v1/states/CPV/digest?from=2025-03-01&to=2024-01-01")).statusCode).toBe(400);
  });

  it("a State user reads it in the language of their account unless they ask for another", async () => {
    const login = await get("/login");
    const signedIn = await postForm(server, "/login", { _csrf: csrfTokenOf(login.body), email: stateEmail, password: TEST_PASSWORD }, cookieJar(login));
    const cookies = { ...cookieJar(login), ...cookieJar(signedIn) };
    const fr = await get(`/countries/CPV/digest?${lastYear}`, cookies);
    expect(fr.body).toContain('<html lang="fr" dir="ltr">');
    const body = text(fr.body);
    expect(body).toContain("Consentements enregistrés ou révoqués");
    // The State is in the activity's circle: it sees who signed and the note verbale's reference.
    expect(body).toContain("Minister of Foreign Affairs · Note verbale · NV/2025/118");
    expect(body).toMatch(/Décaissement 1 12\s?500,75\s\$US/);
    expect(text((await get(`/countries/CPV/digest?${lastYear}&lang=en`, cookies)).body)).toContain("Consent recorded or revoked");
    // Anonymous readers see the consent, not who signed it.
    const anon = text((await get(`/countries/CPV/digest?${lastYear}`)).body);
    expect(anon).toContain("Shown to the State, the providers concerned and UN staff only");
    expect(anon).not.toContain("NV/2025/118");
  });

  it("downloads as CSV (formula-safe) and as a standalone printable HTML file", async () => {
    const csv = await get(`/countries/CPV/digest.csv?${lastYear}&lang=en`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toBe(`attachment; filename="digest-CPV-${year - 1}-01-01-${year - 1}-12-31.csv"`);
    expect(csv.body.startsWith("\uFEFFSection,Date,Item,Details,Amount,Currency,Identifier")).toBe(true);
    const rows = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.Section === "Transactions by type and currency" && r.Currency === "USD")).toMatchObject({
      Item: "Disbursement",
      Amount: "12500.75",
      Currency: "USD",
    });
    expect(rows.find((r) => r.Section === "Transactions" && r.Currency === "EUR")?.Item).toBe(`'=HYPERLINK("http://x")`);
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(rows.find((r) => r.Section === "Possible overlaps")).toMatchObject({
      Item: `Teacher training (OHCHR-T) and =HYPERLINK("http://x") (UNESCO-T)`,
      Details: expect.stringContaining("Government ministry or agency: Ministério da Educação · E5 Right to education"),
    });
    const html = await get(`/countries/CPV/digest.html?${lastYear}&lang=en`);
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-disposition"]).toBe(`attachment; filename="digest-CPV-${year - 1}-01-01-${year - 1}-12-31.html"`);
    expect(html.body.startsWith('<!DOCTYPE html><html lang="en" dir="ltr">')).toBe(true);
    expect(html.body).toContain("<style>");
    expect(html.body).toMatch(/href="http:\/\/[^"]+\/activities\/[0-9a-f-]{36}"/);
    const api = (await get(`/api/v1/states/CPV/digest?${lastYear}`)).json() as { transactionTotals: unknown[]; consents: { grantedByName: string | null }[] };
    expect(api.transactionTotals).toEqual([
      { type: 2, currency: "EUR", amount: "800.00", count: 1 },
      { type: 3, currency: "USD", amount: "12500.75", count: 1 },
    ]);
    expect(api.consents).toEqual([expect.objectContaining({ event: "granted", grantedByName: null })]);
  });

  it("lists the endpoints under 'coordination' in the OpenAPI document", async () => {
    const doc = (await get("/api/v1/openapi.json")).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const path of ["/api/v1/states/{iso3}/coordination", "/api/v1/states/{iso3}/digest"]) expect(doc.paths[path]?.get?.tags).toEqual(["coordination"]);
  });
});
