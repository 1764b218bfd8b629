import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../src/domain/accounts/account-service.js";
import { todayIso } from "../src/domain/activities/consent-rules.js";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";
import { TEST_ACTOR } from "./factories.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";

// The activity and consent API and pages end to end, over the demo organizations and accounts: OHCHR reports an
// activity for Senegal, Senegal's focal point records and revokes consent (journeys 3 and 4).

let server: TestServer;
const tokens: Record<string, string> = {};
const OHCHR = "officer.ohchr@demo.passerelle.example";
const FOCAL = "focal.senegal@demo.passerelle.example";

beforeAll(async () => {
  server = await startTestServer();
  for (const email of [OHCHR, FOCAL, "officer.unesco@demo.passerelle.example"])
    tokens[email] = (await createApiToken(server.handle.db, TEST_ACTOR, { email })).token;
});
afterAll(async () => {
  await server.close();
});

const get = (url: string, cookies: Record<string, string> = {}) => server.app.inject({ method: "GET", url, cookies });
const api = (method: "GET" | "POST" | "PUT", url: string, as?: string, payload?: unknown) =>
  server.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: as ? { authorization: `Bearer ${tokens[as]}` } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const post = (url: string, form: Record<string, string>, cookies: Record<string, string>) => postForm(server, url, form, cookies);

async function signIn(email: string): Promise<Record<string, string>> {
  const page = await get("/login");
  const res = await post("/login", { _csrf: csrfTokenOf(page.body), email, password: DEMO_PASSWORD }, cookieJar(page));
  expect(res.statusCode).toBe(303);
  return { ...cookieJar(page), ...cookieJar(res) };
}
const ohchrOrgId = async () =>
  ((await api("GET", "/me", OHCHR)).json() as { memberships: { organizationId: string }[] }).memberships[0]?.organizationId as string;
const consentBody = {
  grantedByName: "Awa Diop (demo)",
  channel: "note_verbale",
  channelReference: "NV/2026/0314",
  scope: "Training of trainers with the Ministry of Education.",
  grantedOn: todayIso(),
};

describe("activity API", () => {
  it("start → consent gate → consent → implementation → revocation suspends; details only for the circle", async () => {
    const organizationId = await ohchrOrgId();
    expect((await api("POST", "/activities", undefined, { organizationId, stateIso3: "SEN", title: "Teacher training" })).statusCode).toBe(401);
    const created = await api("POST", "/activities", OHCHR, {
      organizationId,
      stateIso3: "SEN",
      title: "Teacher training for distance learning",
      themes: ["E5"],
    });
    expect(created.statusCode).toBe(201);
    const { id, iatiIdentifier, warnings } = created.json() as { id: string; iatiIdentifier: string; warnings: string[] };
    expect(iatiIdentifier).toMatch(/^XM-DAC-41313-/);
    expect(warnings).toEqual(["no_request"]);

    const blocked = await api("POST", `/activities/${id}/transitions`, OHCHR, { to: 2 });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json()).toMatchObject({
      error: { code: "rule_violation", problems: [{ field: "consent", message: expect.stringContaining("consent is missing") }] },
    });

    expect((await api("POST", `/activities/${id}/consents`, OHCHR, consentBody)).statusCode).toBe(403);
    const consent = await api("POST", `/activities/${id}/consents`, FOCAL, consentBody);
    expect(consent.statusCode).toBe(201);
    const publicConsents = (await api("GET", `/activities/${id}/consents`)).json() as { details: unknown }[];
    expect(publicConsents).toMatchObject([{ grantedOn: todayIso(), validToday: true, details: null }]);
    expect((await api("GET", `/activities/${id}/consents`, "officer.unesco@demo.passerelle.example")).json()).toMatchObject([
      { details: { channelReference: "NV/2026/0314" } },
    ]);

    expect((await api("POST", `/activities/${id}/transitions`, OHCHR, { to: 2 })).json()).toEqual({ from: 1, to: 2 });
    const revoked = await api("POST", `/consents/${(consent.json() as { id: string }).id}/revoke`, FOCAL, { reason: "Change of national priorities" });
    expect(revoked.json()).toEqual({ suspended: true });
    const detail = (await api("GET", `/activities/${id}`)).json() as { status: number; consent: { kind: string }; events: { toStatus: number }[] };
    expect(detail.status).toBe(6);
    expect(detail.consent.kind).toBe("revoked");
    expect(detail.events.map((e) => e.toStatus)).toEqual([1, 2, 6]);
    expect((await get(`/activities/${id}?lang=fr`)).body).toContain("L'État concerné a retiré son consentement");
  });

  it("money, results, optimistic locking and bad input, with field names", async () => {
    const organizationId = await ohchrOrgId();
    const { id } = (
      await api("POST", "/activities", OHCHR, { organizationId, stateIso3: "SEN", title: "Data support", plannedStart: "2026-01-01" })
    ).json() as { id: string };
    const bad = await api("POST", `/activities/${id}/transactions`, OHCHR, {
      transactionType: 3,
      transactionDate: "2026-03-01",
      amount: "12.345",
      currency: "USD",
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain("amount");
    const unknown = await api("POST", `/activities/${id}/transactions`, OHCHR, {
      transactionType: 3,
      transactionDate: "2026-03-01",
      amount: "12.30",
      currency: "ABC",
    });
    expect(unknown.json()).toMatchObject({ error: { problems: [{ field: "currency" }] } });
    for (const [amount, currency] of [
      ["1000.10", "USD"],
      ["2000.25", "USD"],
      ["750", "XOF"],
    ])
      expect(
        (await api("POST", `/activities/${id}/transactions`, OHCHR, { transactionType: 3, transactionDate: "2026-03-01", amount, currency })).statusCode,
      ).toBe(201);
    expect(
      (
        await api("POST", `/activities/${id}/transactions`, "officer.unesco@demo.passerelle.example", {
          transactionType: 3,
          transactionDate: "2026-03-01",
          amount: "1",
          currency: "USD",
        })
      ).statusCode,
    ).toBe(403);

    const result = (await api("POST", `/activities/${id}/results`, OHCHR, { resultType: 1, title: "Teachers trained" })).json() as { id: string };
    const indicator = (
      await api("POST", `/results/${result.id}/indicators`, OHCHR, { title: "Teachers trained", baselineYear: 2025, baselineValue: "0", targetValue: "200" })
    ).json() as { id: string };
    for (const [sex, value] of [
      ["total", "120"],
      ["female", "70"],
      ["male", "50"],
    ])
      expect(
        (await api("POST", `/indicators/${indicator.id}/values`, OHCHR, { periodStart: "2026-01-01", periodEnd: "2026-06-30", value, sex })).statusCode,
      ).toBe(201);

    const detail = (await api("GET", `/activities/${id}`)).json() as {
      totals: unknown[];
      results: { indicators: { progressPercent: number; values: unknown[] }[] }[];
      version: number;
    };
    expect(detail.totals).toEqual([
      { transactionType: 3, currency: "USD", total: "3000.35", count: 2 },
      { transactionType: 3, currency: "XOF", total: "750.00", count: 1 },
    ]);
    expect(detail.results[0]?.indicators[0]).toMatchObject({ progressPercent: 60 });

    expect((await api("PUT", `/activities/${id}`, OHCHR, { version: detail.version, dacSectors: ["15160"] })).json()).toEqual({ version: detail.version + 1 });
    const stale = await api("PUT", `/activities/${id}`, OHCHR, { version: detail.version, title: "Overwritten?" });
    expect(stale.statusCode).toBe(409);
    expect((await api("GET", `/activities/${id}`)).json()).toMatchObject({ title: "Data support", dacSectors: ["15160"] });
    expect((await api("GET", "/activities?status=9")).statusCode).toBe(400);
    expect((await api("GET", "/activities/not-a-uuid")).statusCode).toBe(400);
  });

  it("documents the endpoints under the activities and consents tags", async () => {
    const doc = (await get("/api/v1/openapi.json")).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(doc.paths["/api/v1/activities/{id}/transitions"]?.post?.tags).toEqual(["activities"]);
    expect(doc.paths["/api/v1/consents/{id}/revoke"]?.post?.tags).toEqual(["consents"]);
    expect(doc.paths["/api/v1/indicators/{id}/values"]?.post?.tags).toEqual(["activities"]);
  });

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const cookies = await signIn(OHCHR);
    const res = await server.app.inject({
      method: "POST",
      url: "/api/v1/activities",
      cookies,
      payload: { organizationId: await ohchrOrgId(), stateIso3: "SEN", title: "Forged" },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("activity pages", () => {
  it("a provider starts an activity; errors keep what was typed; blocked button explains the missing consent", async () => {
    const ohchr = await signIn(OHCHR);
    const form = await get("/activities/new", ohchr);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Directly, for a State");
    const organizationId = /name="organizationId" value="([^"]+)"/.exec(form.body)?.[1] as string;
    const bad = await post(
      "/activities",
      { _csrf: csrfTokenOf(form.body), mode: "direct", organizationId, stateIso3: "SEN", title: "", description: "Kept text" },
      ohchr,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-direct-title"');
    expect(bad.body).toContain(">Kept text</textarea>");
    const ok = await post(
      "/activities",
      { _csrf: csrfTokenOf(form.body), mode: "direct", organizationId, stateIso3: "SEN", title: "Inclusive schools workshop", plannedStart: "2026-02-01" },
      ohchr,
    );
    expect(ok.statusCode).toBe(303);
    const url = ok.headers.location?.split("?")[0] as string;
    const page = await get(url, ohchr);
    expect(page.body).toContain("No consent recorded — the activity cannot start");
    expect(page.body).toMatch(/<button type="button" class="button" disabled[^>]*>Start or resume implementation<\/button>/);
    expect(page.body).toContain("Blocked: the State's consent is missing");
    expect(page.body).toContain("does not answer any assistance request yet");
    expect(await get("/activities/new")).toMatchObject({ statusCode: 401 });
    expect(await get("/activities/new", await signIn(FOCAL.replace("focal", "nmirf")))).toMatchObject({ statusCode: 403 });
  });

  it("journey: consent by the State, implementation, transactions and disaggregated results, withholding", async () => {
    const ohchr = await signIn(OHCHR);
    const focal = await signIn(FOCAL);
    const organizationId = await ohchrOrgId();
    const { id } = (
      await api("POST", "/activities", OHCHR, { organizationId, stateIso3: "SEN", title: "Girls back to school", plannedStart: "2026-01-15" })
    ).json() as { id: string };

    const consentPage = await get(`/activities/${id}/consent`, focal);
    expect(consentPage.body).toContain("Record the State's consent");
    const badConsent = await post(
      `/activities/${id}/consent`,
      {
        _csrf: csrfTokenOf(consentPage.body),
        grantedByName: "Awa Diop",
        channel: "note_verbale",
        channelReference: "",
        scope: "x",
        grantedOn: todayIso(),
        publishDetails: "yes",
      },
      focal,
    );
    expect(badConsent.statusCode).toBe(400);
    expect(badConsent.body).toContain('id="field-consent-channelReference"');
    const saved = await post(
      `/activities/${id}/consent`,
      {
        _csrf: csrfTokenOf(consentPage.body),
        grantedByName: "Awa Diop (demo)",
        channel: "note_verbale",
        channelReference: "NV/2026/0400",
        scope: "The whole activity, as offered.",
        counterparts: "Ministry of Education\nTeachers' union",
        grantedOn: todayIso(),
        publishDetails: "yes",
      },
      focal,
    );
    expect(saved.statusCode).toBe(303);
    expect((await get(`/activities/${id}/consent`)).body).not.toContain("NV/2026/0400");
    expect((await get(`/activities/${id}/consent`, ohchr)).body).toContain("NV/2026/0400");

    const detail = await get(`/activities/${id}`, ohchr);
    expect(detail.body).toContain("Consent recorded on");
    const started = await post(`/activities/${id}/status`, { _csrf: csrfTokenOf(detail.body), to: "2" }, ohchr);
    expect(started.statusCode).toBe(303);
    const noReason = await post(`/activities/${id}/status`, { _csrf: csrfTokenOf(detail.body), to: "5", reason: "" }, ohchr);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('href="#field-status-5-reason"');

    const edit = await get(`/activities/${id}/edit`, ohchr);
    expect(edit.statusCode).toBe(200);
    const csrf = csrfTokenOf(edit.body);
    const badMoney = await post(
      `/activities/${id}/transactions`,
      { _csrf: csrf, transactionType: "2", transactionDate: "2026-02-01", amount: "-100", currency: "USD" },
      ohchr,
    );
    expect(badMoney.statusCode).toBe(400);
    expect(badMoney.body).toContain('value="-100"');
    expect(badMoney.body).toContain('href="#field-transaction-amount"');
    expect(
      (
        await post(
          `/activities/${id}/transactions`,
          { _csrf: csrf, transactionType: "2", transactionDate: "2026-02-01", amount: "50000", currency: "USD" },
          ohchr,
        )
      ).statusCode,
    ).toBe(303);
    expect((await post(`/activities/${id}/results`, { _csrf: csrf, resultType: "2", title: "Girls return to school" }, ohchr)).statusCode).toBe(303);
    const withResult = await get(`/activities/${id}/edit`, ohchr);
    const resultId = /name="resultId"[^>]*><option value="([^"]+)"/.exec(withResult.body)?.[1] as string;
    expect(
      (
        await post(
          `/activities/${id}/indicators`,
          {
            _csrf: csrf,
            resultId,
            title: "Return rate of girls",
            measure: "2",
            ascending: "yes",
            baselineYear: "2025",
            baselineValue: "60",
            targetValue: "90",
          },
          ohchr,
        )
      ).statusCode,
    ).toBe(303);
    const withIndicator = await get(`/activities/${id}/edit`, ohchr);
    const indicatorId = /name="indicatorId"[^>]*><option value="([^"]+)"/.exec(withIndicator.body)?.[1] as string;
    for (const [sex, value] of [
      ["total", "75"],
      ["female", "72"],
      ["male", "78"],
    ] as const)
      expect(
        (
          await post(
            `/activities/${id}/values`,
            {
              _csrf: csrf,
              indicatorId,
              periodStart: "2026-01-01",
              periodEnd: "2026-06-30",
              value,
              sex,
              ageBand: "total",
              disability: "total",
              location: "total",
            },
            ohchr,
          )
        ).statusCode,
      ).toBe(303);
    const stale = await post(
      `/activities/${id}/edit`,
      { _csrf: csrf, version: "1", title: "Stale title", visibility: "public", defaultCurrency: "USD", textLang: "en" },
      ohchr,
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Someone saved this activity after you opened it");

    const publicPage = await get(`/activities/${id}`);
    expect(publicPage.body).toContain("Implementation");
    expect(publicPage.body).toContain("USD\u00a050,000.00");
    expect(publicPage.body).toMatch(/<th scope="col">Female<\/th><th scope="col">Male<\/th>/);
    expect(publicPage.body).toMatch(/<meter [^>]*value="50"/);
    expect(publicPage.body).not.toContain("Awa Diop");

    const french = await get(`/activities/${id}?lang=fr`);
    expect(french.body).toContain("Consentement enregistré le");
    expect((await get(`/activities/${id}?lang=ar`)).body).toContain('dir="rtl"');

    const focalEdit = await get(`/activities/${id}/edit`, focal);
    expect(focalEdit.body).toContain("Publication of the details");
    expect(focalEdit.body).not.toContain('action="/activities/' + id + '/transactions"');
    const withheld = await post(
      `/activities/${id}/withholding`,
      {
        _csrf: csrfTokenOf(focalEdit.body),
        version: /name="version" value="(\d+)"/.exec(focalEdit.body)?.[1] as string,
        detailsWithheld: "yes",
        withheldReason: "Safety of the pupils involved",
      },
      focal,
    );
    expect(withheld.statusCode).toBe(303);
    expect((await get(`/activities/${id}`)).statusCode).toBe(404);
    const list = await get("/activities?state=SEN");
    expect(list.body).not.toContain("Girls back to school");
    expect(list.body).not.toContain("further activit");
    expect((await get("/activities?state=SEN", ohchr)).body).toContain("Girls back to school");
  });
});
