import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../src/domain/accounts/account-service.js";
import { REQUEST_REFERENCE_PATTERN } from "../src/domain/requests/request-rules.js";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";
import { TEST_ACTOR } from "./factories.js";
import { cookieJar, csrfTokenOf, startTestServer, type TestServer } from "./http-harness.js";

// The assistance-request API and pages end to end, over the demo accounts: JSON with tokens and cookies, and the
// form as a browser without JavaScript sends it (repeated checkbox names, POST then redirect).
let server: TestServer;
const ids = { ohchr: "", unesco: "", senMinistry: "" };
let senE5: string[] = [];
let senNoted = "";
let mliRec = "";
let tokens: { sen: string; ohchr: string; unesco: string };

beforeAll(async () => {
  server = await startTestServer({ recommendations: true });
  const db = server.handle.db;
  const org = async (slug: string) => (await db.selectFrom("organizations").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  ids.ohchr = await org("ohchr");
  ids.unesco = await org("unesco");
  ids.senMinistry = await org("sen-ministry-justice");
  const recs = (state: string, position: string, theme: boolean) =>
    db
      .selectFrom("recommendations")
      .select("id")
      .where("state_iso3", "=", state)
      .where("position", "=", position as "supported")
      .where(theme ? sql<boolean>`theme_codes @> ARRAY['E5']::text[]` : sql<boolean>`true`)
      .orderBy("id")
      .limit(3)
      .execute();
  senE5 = (await recs("SEN", "supported", true)).map((r) => r.id);
  senNoted = (await recs("SEN", "noted", false))[0]?.id as string;
  mliRec = (await recs("MLI", "supported", false))[0]?.id as string;
  expect([senE5.length, Boolean(senNoted), Boolean(mliRec)]).toEqual([3, true, true]);
  const token = async (email: string) => (await createApiToken(db, TEST_ACTOR, { email })).token;
  tokens = {
    sen: await token("focal.senegal@demo.passerelle.example"),
    ohchr: await token("officer.ohchr@demo.passerelle.example"),
    unesco: await token("officer.unesco@demo.passerelle.example"),
  };
});
afterAll(async () => {
  await server.close();
});

type Json = Record<string, unknown>;
const get = (url: string, cookies: Record<string, string> = {}) => server.app.inject({ method: "GET", url, cookies });
const api = (method: "GET" | "POST" | "PUT", url: string, token?: string, payload?: Json) =>
  server.app.inject({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });
/** A urlencoded form with repeated names, as a browser sends checkbox groups. */
const postForm = (url: string, pairs: [string, string][], cookies: Record<string, string>) =>
  server.app.inject({
    method: "POST",
    url,
    payload: new URLSearchParams(pairs).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    cookies,
  });

async function signIn(email: string): Promise<Record<string, string>> {
  const page = await get("/login");
  const res = await server.app.inject({
    method: "POST",
    url: "/login",
    payload: new URLSearchParams({ _csrf: csrfTokenOf(page.body), email, password: DEMO_PASSWORD }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    cookies: cookieJar(page),
  });
  expect(res.statusCode).toBe(303);
  return { ...cookieJar(page), ...cookieJar(res) };
}

const draftBody = (overrides: Json = {}): Json => ({
  title: "Teacher training for distance learning",
  needsStatement: "Train teachers to teach by radio and mobile phone; girls' return to school.",
  providerIds: [ids.ohchr, ids.unesco],
  recommendationIds: senE5,
  themes: ["E5"],
  sdgTargets: ["4.1", "4.c"],
  modalities: ["training"],
  covidContext: true,
  covidPhase: "recovery",
  workingLanguages: ["fr"],
  budgetAmount: "150000",
  budgetCurrency: "usd",
  ...overrides,
});

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("assistance request API", () => {
  it("creates, edits with a version, submits; providers acknowledge; illegal steps answer 422", async () => {
    const created = await api("POST", "/requests", tokens.sen, draftBody({ recommendationIds: [...senE5, senNoted] }));
    expect(created.statusCode).toBe(201);
    const body = created.json() as Json & { id: string; recommendations: { id: string; notAccepted: boolean }[] };
    expect(created.headers.location).toBe(`/api/v1/requests/${body.id}`);
    expect(body).toMatchObject({ status: "draft", stateIso3: "SEN", budgetAmount: "150000.00", budgetCurrency: "USD", version: 1 });
    expect(body.recommendations.find((r) => r.id === senNoted)?.notAccepted).toBe(true);

    const edited = await api("PUT", `/requests/${body.id}`, tokens.sen, { ...draftBody({ title: "Edited" }), version: 1 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: "Edited", version: 2 });
    const stale = await api("PUT", `/requests/${body.id}`, tokens.sen, { ...draftBody({ title: "Stale" }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { error: { code: string } }).error.code).toBe("conflict");
    const noVersion = await api("PUT", `/requests/${body.id}`, tokens.sen, draftBody());
    expect(noVersion.statusCode).toBe(400);
    expect((noVersion.json() as { error: { problems: { field: string }[] } }).error.problems.map((p) => p.field)).toEqual(["version"]);

    // Drafts do not exist for providers.
    expect((await api("GET", `/requests/${body.id}`, tokens.ohchr)).statusCode).toBe(404);
    const submitted = await api("POST", `/requests/${body.id}/transitions`, tokens.sen, { to: "submitted" });
    expect(submitted.statusCode).toBe(200);
    expect((submitted.json() as { reference: string }).reference).toMatch(REQUEST_REFERENCE_PATTERN);

    const queue = await api("GET", "/requests/queue", tokens.ohchr);
    const item = (queue.json() as { items: Json[] }).items.find((x) => x.id === body.id);
    expect(item).toMatchObject({ status: "submitted", daysSinceSubmission: 0, overdue: false, acknowledgementTargetWorkingDays: 5 });

    const ack = await api("POST", `/requests/${body.id}/transitions`, tokens.ohchr, { to: "acknowledged" });
    expect(ack.statusCode).toBe(200);
    expect((ack.json() as { actions: { to: string }[] }).actions.map((a) => a.to)).toEqual(["under_assessment", "referred", "declined"]);
    const offer = await api("POST", `/requests/${body.id}/transitions`, tokens.ohchr, { to: "offer_made" });
    expect(offer.statusCode).toBe(422);
    const noReason = await api("POST", `/requests/${body.id}/transitions`, tokens.unesco, { to: "declined" });
    expect(noReason.statusCode).toBe(422);
    expect((noReason.json() as { error: { message: string } }).error.message).toMatch(/reason is required/);
    const byState = await api("POST", `/requests/${body.id}/transitions`, tokens.sen, { to: "under_assessment" });
    expect(byState.statusCode).toBe(403);
  });

  it("refuses bad input with field names, another State's recommendation included", async () => {
    const bad = await api("POST", "/requests", tokens.sen, draftBody({ recommendationIds: [mliRec], budgetCurrency: "XYZ" }));
    expect(bad.statusCode).toBe(400);
    const problems = (bad.json() as { error: { problems: { field: string; message: string }[] } }).error.problems;
    expect(problems.map((p) => p.field).sort()).toEqual(["budgetCurrency", "recommendationIds"]);
    expect(problems.find((p) => p.field === "recommendationIds")?.message).toMatch(/another State \(MLI\)/);
    // Shape and reference problems come in one answer, with the field names the forms use.
    const both = await api("POST", "/requests", tokens.sen, draftBody({ timeframeStart: "tomorrow", themes: ["E5", "Z"], budgetCurrency: "XYZ" }));
    expect(both.statusCode).toBe(400);
    const fields = (both.json() as { error: { problems: { field: string }[] } }).error.problems.map((p) => p.field);
    expect(fields.sort()).toEqual(["budgetCurrency", "themes", "timeframeStart"]);
  });

  it("lists only what the caller may see; anonymous writes answer 401", async () => {
    const { id } = (await api("POST", "/requests", tokens.sen, draftBody({ title: "Private draft" }))).json() as { id: string };
    const anonymous = (await api("GET", "/requests?limit=500")).json() as { items: { id: string; visibility: string }[] };
    expect(anonymous.items.every((r) => r.visibility === "public")).toBe(true);
    expect(anonymous.items.map((r) => r.id)).not.toContain(id);
    expect(((await api("GET", "/requests?state=SEN&status=draft", tokens.sen)).json() as { items: { id: string }[] }).items.map((r) => r.id)).toContain(id);
    expect((await api("POST", "/requests", undefined, draftBody())).statusCode).toBe(401);
    expect((await api("GET", "/requests?status=lost")).statusCode).toBe(400);
  });

  it("publishes through the API; response times are public aggregates", async () => {
    const { id } = (await api("POST", "/requests", tokens.sen, draftBody({ title: "To publish" }))).json() as { id: string };
    await api("POST", `/requests/${id}/transitions`, tokens.sen, { to: "submitted" });
    expect((await api("POST", `/requests/${id}/visibility`, tokens.sen, { visibility: "public" })).statusCode).toBe(200);
    expect((await api("GET", `/requests/${id}`)).statusCode).toBe(200);
    const times = await api("GET", "/providers/response-times");
    expect(times.statusCode).toBe(200);
    expect((times.json() as { organizationId: string }[]).map((f) => f.organizationId)).toContain(ids.ohchr);
  });

  it("cookie-authenticated writes need the CSRF token; the OpenAPI document lists the endpoints", async () => {
    const cookies = await signIn("focal.senegal@demo.passerelle.example");
    const noToken = await server.app.inject({ method: "POST", url: "/api/v1/requests", payload: draftBody(), cookies });
    expect(noToken.statusCode).toBe(403);
    const page = await get("/requests", cookies);
    const withToken = await server.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: draftBody(),
      cookies: { ...cookies, ...cookieJar(page) },
      headers: { "x-csrf-token": csrfTokenOf(page.body) },
    });
    expect(withToken.statusCode).toBe(201);
    const doc = (await get("/api/v1/openapi.json")).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const path of ["/api/v1/requests", "/api/v1/requests/{id}", "/api/v1/requests/{id}/transitions", "/api/v1/providers/response-times"])
      expect(
        Object.values(doc.paths[path] ?? {}).every((op) => op.tags?.includes("requests")),
        path,
      ).toBe(true);
    expect(Object.keys(doc.paths["/api/v1/requests/{id}"] ?? {}).sort()).toEqual(["get", "put"]);
  });
});

describe("assistance request pages", () => {
  let sen: Record<string, string>;
  beforeAll(async () => {
    sen = await signIn("focal.senegal@demo.passerelle.example");
  });

  const formPairs = (csrf: string, extra: [string, string][] = []): [string, string][] => [
    ["_csrf", csrf],
    ["organizationId", ids.senMinistry],
    ["title", "Girls' return to school"],
    ["needsStatement", "Teacher training for distance learning; girls' return to school."],
    ["providerIds", ids.ohchr],
    ["providerIds", ids.unesco],
    ["recommendationIds", senE5.join("\n")],
    ["themes", "E5"],
    ["persons", "girls"],
    ["sdgTargets", "4.1"],
    ["sdgOther", "5.1"],
    ["modalities", "training"],
    ["continuityNeeds", "teacher_training"],
    ["covidContext", "yes"],
    ["covidPhase", "recovery"],
    ["workingLanguages", "fr"],
    ["budgetAmount", "150000"],
    ["budgetCurrency", "XOF"],
    ["actorType_0", "teachers_union"],
    ["involvement_0", "co_design"],
    ["actorName_0", "Syndicat des enseignants"],
    ["visibility", "state_and_un"],
    ...extra,
  ];

  it("sends anonymous visitors to sign in, and refuses providers the new-request form", async () => {
    const res = await get("/requests/new?recommendation=x");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent("/requests/new?recommendation=x")}`);
    const ohchr = await signIn("officer.ohchr@demo.passerelle.example");
    expect((await get("/requests/new", ohchr)).statusCode).toBe(403);
    const list = await get("/requests");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Published requests");
    expect(list.body).not.toContain("<script");
  });

  it("starts from selected recommendations: themes pre-filled, recommendations listed, another State's left out", async () => {
    const query = [...senE5, mliRec].map((id) => `recommendation=${encodeURIComponent(id)}`).join("&");
    const res = await get(`/requests/new?${query}`, sen);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Started from 3 recommendations");
    expect(res.body).toContain("1 recommendation was left out");
    expect(res.body).toMatch(/<input type="checkbox" id="field-themes-E5" name="themes" value="E5" checked/);
    for (const id of senE5) expect(res.body).toContain(id);
    expect(res.body).not.toContain(`>${mliRec}<`);
    // Goal 4's targets are offered as checkboxes (res. 45/32 OP7).
    expect(res.body).toContain('id="field-sdgTargets-4.c"');
    const fr = await get(`/requests/new?lang=fr&${query}`, sen);
    expect(fr.body).toContain("Nouvelle demande d'assistance");
  });

  it("the recommendation search lets its State's focal point tick results and start a request from them (GET, no script)", async () => {
    const search = "/recommendations?state=SEN&position=supported&cycle=2&theme=E5";
    const res = await get(search, sen);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form method="get" action="/requests/new" class="rec-select-form" aria-describedby="rec-select-hint">');
    expect(res.body).toContain(`<input type="hidden" name="organization" value="${ids.senMinistry}"/>`);
    expect(res.body.match(/<input type="checkbox" id="rec-select-\d+" name="recommendation" value="upr-info:UPRINFO-\d+"\/>/g)).toHaveLength(20);
    expect(res.body).toContain('<label for="rec-select-0">Select recommendation 1 for an assistance request</label>');
    expect(res.body).toContain("Start an assistance request from the selected recommendations");
    expect((await get(`${search}&lang=fr`, sen)).body).toContain("Établir une demande d'assistance à partir des recommandations sélectionnées");
    // Not for the public, a provider, another State's recommendations, or results not filtered to one State.
    const ohchr = await signIn("officer.ohchr@demo.passerelle.example");
    for (const [url, cookies] of [
      [search, {}],
      [search, ohchr],
      ["/recommendations?state=MLI&position=supported", sen],
      ["/recommendations?q=education", sen],
    ] as const) {
      const other = await get(url, cookies);
      expect(other.statusCode).toBe(200);
      expect(other.body, url).not.toContain('action="/requests/new"');
      expect(other.body, url).not.toContain('name="recommendation"');
    }
  });

  it("shows field errors next to the fields and keeps what was typed, with a 400", async () => {
    const page = await get("/requests/new", sen);
    const res = await postForm(
      "/requests/new",
      formPairs(csrfTokenOf(page.body), [
        ["timeframeStart", "2027-01-01"],
        ["timeframeEnd", "2026-01-01"],
        ["intent", "save"],
      ]).map(([k, v]): [string, string] => (k === "budgetCurrency" ? [k, "ZZZ"] : [k, v])),
      { ...sen, ...cookieJar(page) },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#field-timeframeEnd"');
    expect(res.body).toContain('href="#field-budgetCurrency"');
    expect(res.body).toMatch(/<div class="field field-error"><label for="field-timeframeEnd">/);
    expect(res.body).toContain('value="Girls\' return to school"');
    expect(res.body).toContain('value="Syndicat des enseignants"');
    expect(res.body).toMatch(/id="field-persons-girls" name="persons" value="girls" checked/);
  });

  it("saves a draft, comes back, submits it and shows the reference", async () => {
    const page = await get("/requests/new", sen);
    const saved = await postForm("/requests/new", formPairs(csrfTokenOf(page.body), [["intent", "save"]]), { ...sen, ...cookieJar(page) });
    expect(saved.statusCode).toBe(303);
    const location = saved.headers.location as string;
    expect(location).toMatch(/^\/requests\/[0-9a-f-]{36}\?done=saved$/);
    const id = location.split("/")[2]?.split("?")[0] as string;
    const detail = await get(location, sen);
    expect(text(detail.body)).toContain("The draft was saved.");
    expect(detail.body).toContain(`href="/requests/${id}/edit"`);
    expect(text(detail.body)).toContain("Syndicat des enseignants");

    const edit = await get(`/requests/${id}/edit`, sen);
    expect(edit.body).toContain('<input type="hidden" name="version" value="1"/>');
    expect(edit.body).toMatch(/id="field-sdgTargets-5.1" name="sdgTargets" value="5.1" checked/);
    const submitted = await postForm(
      `/requests/${id}/edit`,
      formPairs(csrfTokenOf(edit.body), [
        ["version", "1"],
        ["intent", "submit"],
      ]),
      { ...sen, ...cookieJar(edit) },
    );
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`/requests/${id}?done=submitted`);
    const after = await get(submitted.headers.location as string, sen);
    expect(text(after.body)).toMatch(/The request was submitted\. Its reference is TA-SEN-\d{4}-\d{4}\./);
    expect((await get(`/requests/${id}/edit`, sen)).statusCode).toBe(303);

    // The provider sees it in its queue and acknowledges it.
    const ohchr = await signIn("officer.ohchr@demo.passerelle.example");
    const list = await get("/requests", ohchr);
    expect(list.body).toContain("Your queue");
    expect(list.body).toContain(`href="/requests/${id}"`);
    const view = await get(`/requests/${id}`, ohchr);
    expect(view.body).toContain("Acknowledge receipt");
    // The request page leads to the offers ranked for it, where the provider makes its offer (journey 2).
    expect(view.body).toContain(`<a href="/matching/requests/${id}">Offers ranked for the request</a>`);
    expect(text(view.body)).toContain("name withheld");
    const declined = await postForm(
      `/requests/${id}/transitions`,
      [
        ["_csrf", csrfTokenOf(view.body)],
        ["to", "declined"],
      ],
      { ...ohchr, ...cookieJar(view) },
    );
    expect(declined.statusCode).toBe(422);
    expect(text(declined.body)).toContain("a reason is required");
    const ack = await postForm(
      `/requests/${id}/transitions`,
      [
        ["_csrf", csrfTokenOf(view.body)],
        ["to", "acknowledged"],
      ],
      { ...ohchr, ...cookieJar(view) },
    );
    expect(ack.statusCode).toBe(303);
    const acknowledged = await get(ack.headers.location as string, ohchr);
    expect(text(acknowledged.body)).toContain("Done. The request is now: Acknowledged.");
    expect(acknowledged.body).toContain("Start the needs assessment");
  });

  it("saves but does not submit an incomplete draft, naming what is missing", async () => {
    const page = await get("/requests/new", sen);
    const pairs = formPairs(csrfTokenOf(page.body), [["intent", "submit"]]).filter(([k]) => k !== "providerIds" && k !== "needsStatement");
    const res = await postForm("/requests/new", pairs, { ...sen, ...cookieJar(page) });
    expect(res.statusCode).toBe(400);
    expect(text(res.body)).toContain("Your draft was saved, but it cannot be submitted yet.");
    expect(res.body).toContain('href="#field-providerIds"');
    expect(res.body).toContain('href="#field-needsStatement"');
    expect(res.body).toMatch(/<form method="post" action="\/requests\/[0-9a-f-]{36}\/edit"/);
    expect(res.body).toContain('<input type="hidden" name="version" value="1"/>');
  });

  it("a stale form shows the conflict and keeps the input; saving again replaces the draft", async () => {
    const page = await get("/requests/new", sen);
    const saved = await postForm("/requests/new", formPairs(csrfTokenOf(page.body), [["intent", "save"]]), { ...sen, ...cookieJar(page) });
    const id = (saved.headers.location as string).split("/")[2]?.split("?")[0] as string;
    const edit = await get(`/requests/${id}/edit`, sen);
    const cookies = { ...sen, ...cookieJar(edit) };
    const retitle = (title: string, version: string) =>
      formPairs(csrfTokenOf(edit.body), [
        ["version", version],
        ["intent", "save"],
      ]).map(([k, v]): [string, string] => (k === "title" ? [k, title] : [k, v]));
    expect((await postForm(`/requests/${id}/edit`, retitle("Colleague's title", "1"), cookies)).statusCode).toBe(303);
    const stale = await postForm(`/requests/${id}/edit`, retitle("My title", "1"), cookies);
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain("Someone saved this draft after you opened it");
    expect(stale.body).toContain('value="My title"');
    expect(stale.body).toContain('<input type="hidden" name="version" value="2"/>');
    const again = await postForm(`/requests/${id}/edit`, retitle("My title", "2"), cookies);
    expect(again.statusCode).toBe(303);
    expect(text((await get(`/requests/${id}`, sen)).body)).toContain("My title");
  });

  it("flags a noted recommendation on the request page; the State publishes it", async () => {
    const page = await get("/requests/new", sen);
    const pairs = formPairs(csrfTokenOf(page.body), [["intent", "submit"]]).map(([k, v]): [string, string] =>
      k === "recommendationIds" ? [k, senNoted] : [k, v],
    );
    const res = await postForm("/requests/new", pairs, { ...sen, ...cookieJar(page) });
    expect(res.statusCode).toBe(303);
    const detail = await get(res.headers.location as string, sen);
    expect(detail.body).toContain('<span class="badge badge-warn">Not an accepted recommendation</span>');
    const id = (res.headers.location as string).split("/")[2]?.split("?")[0] as string;
    expect((await get(`/requests/${id}`)).statusCode).toBe(404);
    const publish = await postForm(
      `/requests/${id}/visibility`,
      [
        ["_csrf", csrfTokenOf(detail.body)],
        ["visibility", "public"],
      ],
      { ...sen, ...cookieJar(detail) },
    );
    expect(publish.statusCode).toBe(303);
    const anonymous = await get(`/requests/${id}`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).not.toContain("What you can do");
    expect(text(anonymous.body)).toContain("name withheld");
  });

  it.each(["ar", "zh", "fr", "ru", "es"])("renders the list, form, request and figures in %s", async (lang) => {
    const { id } = (await api("POST", "/requests", tokens.sen, draftBody({ title: `In ${lang}` }))).json() as { id: string };
    await api("POST", `/requests/${id}/transitions`, tokens.sen, { to: "submitted" });
    const query = senE5.map((r) => `recommendation=${encodeURIComponent(r)}`).join("&");
    for (const url of ["/requests", `/requests/new?${query}`, `/requests/${id}`, "/providers/response-times"]) {
      const res = await get(`${url}${url.includes("?") ? "&" : "?"}lang=${lang}`, sen);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain(`<html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}">`);
    }
  });

  it("shows the response-time table with a caption and row headers", async () => {
    const res = await get("/providers/response-times");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<caption>Response times, in days from submission</caption>");
    expect(res.body).toMatch(/<th scope="row">Office of the United Nations High Commissioner for Human Rights/);
  });
});
