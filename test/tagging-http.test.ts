import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, loadViewer } from "../src/domain/accounts/account-service.js";
import { changeRequestStatus, createRequestDraft, setRequestVisibility } from "../src/domain/requests/request-service.js";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";
import { listSubjectTags, storeSuggestions } from "../src/domain/tagging/tag-review-service.js";
import { defaultTagModel } from "../src/imports/tag-model-file.js";
import { makeUserWithRole, TEST_ACTOR } from "./factories.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";

// The tag review in the product (issue 7 item 3), role by role: who sees official tags only, who sees the model's
// suggestions and decides, that a decision is a CSRF-protected form that comes back with a message, and that an
// accepted tag is then official with its provenance — on the pages and through the API.

type Tag = { scheme: string; code: string; confidence: number | null; origin: string; status: string; modelName: string | null; decidedBy: string | null };
type Tags = { official: Tag[]; pending: Tag[]; rejected: Tag[]; canReview: boolean };

let server: TestServer;
/** Slovenia's cycle 3 recommendations (OHCHR thematic list): one per test that decides, so none depends on another. */
let REC = "";
let REC_PATH = "";
let API_REC = "";
let CSRF_REC = "";
const recPath = (id: string) => `/recommendations/${encodeURIComponent(id)}`;
const tagsPath = (id: string) => `/recommendations/${encodeURIComponent(id)}/tags`;
const people = {
  officer: "officer.ohchr@demo.passerelle.example",
  cso: "cso.senegal@demo.passerelle.example",
  senFocal: "focal.senegal@demo.passerelle.example",
};
let tokens: Record<"officer" | "cso" | "senFocal" | "mliFocal", string>;
let senRequest = "";
let mliRequest = "";

beforeAll(async () => {
  server = await startTestServer({ recommendations: true });
  const db = server.handle.db;
  const token = async (email: string) => (await createApiToken(db, TEST_ACTOR, { email })).token;
  const mli = await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "MLI" });
  const sen = await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "SEN" });
  tokens = { officer: await token(people.officer), cso: await token(people.cso), senFocal: await token(people.senFocal), mliFocal: await token(mli.email) };
  // As after an import: the model's suggestions stored for Slovenia's second review (the queue lists stored ones);
  // the third review's are computed live when a reviewer opens a page.
  const svn = await db.selectFrom("recommendations").select(["id", "text"]).where("id", "like", "uhri:Slovenia:%").orderBy("id").execute();
  const c2 = svn.filter((r) => r.id.startsWith("uhri:Slovenia:20:"));
  await storeSuggestions(
    db,
    TEST_ACTOR,
    defaultTagModel(),
    c2.map((r) => ({ kind: "recommendation" as const, id: r.id, text: r.text })),
  );
  const officer = (await db.selectFrom("users").select("id").where("email", "=", people.officer).executeTakeFirstOrThrow()).id;
  const officerViewer = await loadViewer(db, officer);
  const withTwo: string[] = [];
  for (const r of svn.filter((x) => x.id.startsWith("uhri:Slovenia:34:"))) {
    if ((await listSubjectTags(db, officerViewer, { kind: "recommendation", id: r.id })).pending.length >= 2) withTwo.push(r.id);
    if (withTwo.length === 3) break;
  }
  [REC, API_REC, CSRF_REC] = withTwo as [string, string, string];
  REC_PATH = recPath(REC);
  const ohchr = (await db.selectFrom("organizations").select("id").where("slug", "=", "ohchr").executeTakeFirstOrThrow()).id;
  // Two submitted requests in English, both public so every signed-in role can open them: one of Senegal, one of Mali.
  const makeRequest = async (viewer: typeof sen.viewer, title: string, needs: string) => {
    const { id } = await createRequestDraft(db, viewer, { title, needsStatement: needs, providerIds: [ohchr], textLang: "en", workingLanguages: ["en"] });
    await changeRequestStatus(db, viewer, id, { to: "submitted" });
    await setRequestVisibility(db, viewer, id, { visibility: "public" });
    return id;
  };
  senRequest = await makeRequest(
    sen.viewer,
    "Training of judges and prosecutors on torture prevention",
    "Train judges, prosecutors and prison staff on the prevention of torture and ill-treatment in places of detention, in line with the Convention against Torture.",
  );
  mliRequest = await makeRequest(
    mli.viewer,
    "Girls' education and teacher training",
    "Support the return of girls to school, the training of teachers and free primary education for all children.",
  );
});
afterAll(async () => {
  await server.close();
});

const get = (url: string, cookies: Record<string, string> = {}) => server.app.inject({ method: "GET", url, cookies });
const api = (method: "GET" | "POST", url: string, token?: string, payload?: Record<string, unknown>) =>
  server.app.inject({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });
/** The page's text as read: tags dropped, and the bidi isolation marks around names and versions (tag-panel.tsx). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/[\u2068\u2069]/g, "")
    .replace(/\s+/g, " ");

async function signIn(email: string, password = DEMO_PASSWORD): Promise<Record<string, string>> {
  const page = await get("/login");
  const res = await postForm(server, "/login", { _csrf: csrfTokenOf(page.body), email, password }, cookieJar(page));
  expect(res.statusCode).toBe(303);
  return { ...cookieJar(page), ...cookieJar(res) };
}

/** An SDG goal the recommendation does not carry yet, for a reviewer to add. */
async function missingGoal(id: string): Promise<number> {
  const tags = (await api("GET", tagsPath(id))).json() as Tags;
  const goal = Array.from({ length: 17 }, (_, i) => 17 - i).find((g) => !tags.official.some((t) => t.scheme === "sdg" && t.code === String(g)));
  return goal as number;
}

/** Signs in, opens `path` and returns the cookies and the page's CSRF token, as a browser holds them. */
async function openAs(email: string, path: string) {
  const cookies = await signIn(email);
  const page = await get(path, cookies);
  expect(page.statusCode).toBe(200);
  return { cookies: { ...cookies, ...cookieJar(page) }, csrf: csrfTokenOf(page.body), html: page.body };
}

describe("who sees what", () => {
  it.each([
    ["anonymous", undefined],
    ["a CSO", "cso"],
  ] as const)("%s sees the official tags with their provenance, never a suggestion", async (_who, key) => {
    const cookies = key ? await signIn(people[key]) : {};
    const page = await get(REC_PATH, cookies);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="tags-title"');
    expect(text(page.body)).toContain("from the source");
    expect(page.body).toContain('href="/tagging"');
    expect(page.body).not.toContain("Suggestions to review");
    expect(page.body).not.toContain('action="/tagging/decisions"');
    expect(page.body).not.toContain("suggested by model");
    const res = await api("GET", tagsPath(REC), key ? tokens[key] : undefined);
    expect(res.statusCode).toBe(200);
    const tags = res.json() as Tags;
    expect(tags.canReview).toBe(false);
    expect([tags.pending, tags.rejected]).toEqual([[], []]);
    expect(tags.official.length).toBeGreaterThan(0);
    expect(tags.official.every((t) => t.status === "official" || t.status === "accepted")).toBe(true);
  });

  it("an OHCHR officer sees the model's suggestions with confidence as text and as a bar", async () => {
    const { html } = await openAs(people.officer, REC_PATH);
    expect(html).toContain("Suggestions to review");
    expect(html).toMatch(/Confidence: \d{1,3}%/);
    expect(html).toMatch(/<svg class="tag-bar"[^>]*aria-hidden="true"/);
    expect(html).toContain('action="/tagging/decisions"');
    expect(html).toContain('name="decision" value="accept"');
    expect(html).toContain('<select id="add-tag-recommendation" name="tag"');
    const tags = (await api("GET", tagsPath(REC), tokens.officer)).json() as Tags;
    expect(tags.canReview).toBe(true);
    expect(tags.pending.length).toBeGreaterThanOrEqual(2);
    for (const p of tags.pending) {
      expect(p).toMatchObject({ origin: "model", status: "suggested", modelName: expect.any(String) });
      expect(p.confidence).toBeGreaterThanOrEqual(0);
      expect(p.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe("deciding", () => {
  it("accept and reject are forms that come back with a message; the accepted tag is official with its provenance", async () => {
    const { cookies, csrf } = await openAs(people.officer, REC_PATH);
    const before = (await api("GET", tagsPath(REC), tokens.officer)).json() as Tags;
    const [first, second] = before.pending as [Tag, Tag];
    const decide = (tag: Tag, decision: string) =>
      postForm(
        server,
        "/tagging/decisions",
        { _csrf: csrf, kind: "recommendation", id: REC, scheme: tag.scheme, code: tag.code, decision, back: REC_PATH },
        cookies,
      );

    const accepted = await decide(first, "accept");
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`${REC_PATH}?${new URLSearchParams({ tagged: "accepted", tag: `${first.scheme}:${first.code}` })}#tags`);
    const shown = await get(String(accepted.headers.location).replace(/#.*/, ""), cookies);
    expect(shown.body).toContain('role="status"');
    expect(text(shown.body)).toContain("It is now an official tag.");
    expect(text(shown.body)).toMatch(/suggested by model \S+ \S+, accepted by Claire Martin \(demo\) on [^()]*\d{4}/);

    expect((await decide(second, "reject")).statusCode).toBe(303);
    const after = (await api("GET", tagsPath(REC))).json() as Tags;
    expect(after.official).toContainEqual(
      expect.objectContaining({ scheme: first.scheme, code: first.code, origin: "model", status: "accepted", decidedBy: "Claire Martin (demo)" }),
    );
    expect(after.official.some((t) => t.scheme === second.scheme && t.code === second.code)).toBe(false);
    const officer = (await api("GET", tagsPath(REC), tokens.officer)).json() as Tags;
    expect(officer.rejected).toContainEqual(expect.objectContaining({ scheme: second.scheme, code: second.code, status: "rejected" }));
    expect(officer.pending.some((t) => t.code === first.code || t.code === second.code)).toBe(false);
  });

  it("a reviewer adds a tag: official at once, 'added by'", async () => {
    const { cookies, csrf } = await openAs(people.officer, REC_PATH);
    const goal = await missingGoal(REC);
    const res = await postForm(server, "/tagging/tags", { _csrf: csrf, kind: "recommendation", id: REC, tag: `sdg:${goal}`, back: REC_PATH }, cookies);
    expect(res.statusCode).toBe(303);
    const page = await get(String(res.headers.location).replace(/#.*/, ""), cookies);
    expect(text(page.body)).toContain(`Added: ${goal}.`);
    expect(text(page.body)).toMatch(/added by Claire Martin \(demo\) on [^()]*\d{4}/);
  });

  it("the API accepts a decision with a token and answers with the tags after it", async () => {
    const before = (await api("GET", tagsPath(API_REC), tokens.officer)).json() as Tags;
    const next = before.pending[0] as Tag;
    const res = await api("POST", `${tagsPath(API_REC)}/decisions`, tokens.officer, {
      scheme: next.scheme,
      code: next.code,
      decision: "accept",
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Tags).official).toContainEqual(expect.objectContaining({ code: next.code, status: "accepted" }));
  });
});

describe("refusals", () => {
  it("refuses a decision without the CSRF token (form and cookie API call)", async () => {
    const { cookies } = await openAs(people.officer, recPath(CSRF_REC));
    const tag = ((await api("GET", tagsPath(CSRF_REC), tokens.officer)).json() as Tags).pending[0] as Tag;
    const form = await postForm(
      server,
      "/tagging/decisions",
      { kind: "recommendation", id: CSRF_REC, scheme: tag.scheme, code: tag.code, decision: "accept" },
      cookies,
    );
    expect(form.statusCode).toBe(403);
    const cookieApi = await server.app.inject({
      method: "POST",
      url: `/api/v1/recommendations/${encodeURIComponent(CSRF_REC)}/tags/decisions`,
      payload: { scheme: tag.scheme, code: tag.code, decision: "accept" },
      cookies,
    });
    expect(cookieApi.statusCode).toBe(403);
    const still = (await api("GET", tagsPath(CSRF_REC), tokens.officer)).json() as Tags;
    expect(still.pending).toContainEqual(expect.objectContaining({ code: tag.code }));
  });

  it.each([
    ["no token", undefined, 401],
    ["a CSO", "cso", 403],
    ["a State focal point", "senFocal", 403],
  ] as const)("refuses a recommendation decision from %s", async (_who, key, status) => {
    const res = await api("POST", `${tagsPath(REC)}/decisions`, key ? tokens[key] : undefined, {
      scheme: "sdg",
      code: "16",
      decision: "accept",
    });
    expect(res.statusCode).toBe(status);
  });

  it("answers bad input with 4xx and a message naming the field", async () => {
    const bad = await api("POST", `${tagsPath(REC)}/decisions`, tokens.officer, {
      scheme: "themes",
      code: "",
      decision: "maybe",
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as { error: { problems: { field: string }[] } }).error.problems.map((p) => p.field).join(" ");
    for (const f of ["scheme", "code", "decision"]) expect(fields).toContain(f);
    expect((await api("GET", "/recommendations/nope%3A1/tags")).statusCode).toBe(404);
    expect((await api("GET", "/requests/not-a-uuid/tags")).statusCode).toBe(400);
    const notSuggested = await api("POST", `${tagsPath(REC)}/decisions`, tokens.officer, {
      scheme: "uhri",
      code: "H9",
      decision: "accept",
    });
    expect(notSuggested.statusCode).toBe(404);
    expect((notSuggested.json() as { error: { message: string } }).error.message).toMatch(/No suggestion/);
    const unknownTag = await api("POST", tagsPath(REC), tokens.officer, { scheme: "uhri", code: "Z99" });
    expect(unknownTag.statusCode).toBe(400);
    expect((unknownTag.json() as { error: { message: string } }).error.message).toContain("UHRI theme");

    const { cookies, csrf } = await openAs(people.officer, REC_PATH);
    const form = await postForm(server, "/tagging/decisions", { _csrf: csrf, kind: "offer", id: REC, scheme: "sdg", code: "4", decision: "later" }, cookies);
    expect(form.statusCode).toBe(400);
    expect(text(form.body)).toContain("The tag form is not valid");
    const noTag = await postForm(server, "/tagging/tags", { _csrf: csrf, kind: "recommendation", id: REC, tag: "" }, cookies);
    expect(noTag.statusCode).toBe(400);
    expect(text(noTag.body)).toContain("Choose a tag to add");
  });

  it("never sends a form back to another site", async () => {
    const { cookies, csrf } = await openAs(people.officer, REC_PATH);
    const res = await postForm(
      server,
      "/tagging/tags",
      { _csrf: csrf, kind: "recommendation", id: REC, tag: `sdg:${await missingGoal(REC)}`, back: "//evil.example/x" },
      cookies,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^${REC_PATH.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\?tagged=added`));
  });
});

describe("assistance requests", () => {
  it("a State focal point reviews the tags of its own State's requests only", async () => {
    const own = (await api("GET", `/requests/${senRequest}/tags`, tokens.senFocal)).json() as Tags;
    expect(own.canReview).toBe(true);
    expect(own.pending.length).toBeGreaterThan(0);
    const other = (await api("GET", `/requests/${mliRequest}/tags`, tokens.senFocal)).json() as Tags;
    expect(other).toMatchObject({ canReview: false, pending: [], rejected: [] });
    const mliTag = ((await api("GET", `/requests/${mliRequest}/tags`, tokens.mliFocal)).json() as Tags).pending[0] as Tag;
    const refused = await api("POST", `/requests/${mliRequest}/tags/decisions`, tokens.senFocal, {
      scheme: mliTag.scheme,
      code: mliTag.code,
      decision: "accept",
    });
    expect(refused.statusCode).toBe(403);

    const { cookies, csrf, html } = await openAs(people.senFocal, `/requests/${senRequest}`);
    expect(html).toContain("Suggestions to review");
    const tag = own.pending[0] as Tag;
    const res = await postForm(
      server,
      "/tagging/decisions",
      { _csrf: csrf, kind: "request", id: senRequest, scheme: tag.scheme, code: tag.code, decision: "accept", back: `/requests/${senRequest}` },
      cookies,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/requests/${senRequest}\\?tagged=accepted&tag=.+#tags$`));
    const publicView = (await api("GET", `/requests/${senRequest}/tags`)).json() as Tags;
    expect(publicView.official).toContainEqual(expect.objectContaining({ code: tag.code, status: "accepted" }));
    expect(publicView.pending).toEqual([]);
    const mliPage = await get(`/requests/${mliRequest}`, cookies);
    expect(mliPage.body).not.toContain("Suggestions to review");
  });
});

describe("the review queue", () => {
  it("is for reviewers: sign in first, and refused to others", async () => {
    const anonymous = await get("/tagging/review");
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent("/tagging/review")}`);
    expect((await get("/tagging/review", await signIn(people.cso))).statusCode).toBe(403);
  });

  it("lists what waits for a decision, with accept and reject, filtered and paginated", async () => {
    const { cookies, csrf, html } = await openAs(people.officer, "/tagging/review?source=uhri&state=SVN");
    expect(html).toMatch(/\d+ items? (is|are) waiting for review/);
    expect(html).toContain('action="/tagging/decisions"');
    expect(html).toContain('name="back" value="/tagging/review?state=SVN&amp;source=uhri"');
    expect(html).toContain('href="/tagging/import"');
    const first = /name="kind" value="([^"]+)"[\s\S]*?name="id" value="([^"]+)"[\s\S]*?name="scheme" value="([^"]+)"[\s\S]*?name="code" value="([^"]+)"/.exec(
      html,
    );
    expect(first).not.toBeNull();
    const [, kind, id, scheme, code] = first as unknown as [string, string, string, string, string];
    const res = await postForm(
      server,
      "/tagging/decisions",
      { _csrf: csrf, kind, id: id.replace(/&amp;/g, "&"), scheme, code, decision: "reject", back: "/tagging/review?state=SVN&source=uhri" },
      cookies,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/tagging\/review\?state=SVN&source=uhri&tagged=rejected&tag=/);
    expect(text((await get(String(res.headers.location), cookies)).body)).toContain("Rejected:");
    const page2 = await get("/tagging/review?source=uhri&state=SVN&page=2", cookies);
    expect(page2.statusCode).toBe(200);
    expect((await get("/tagging/review?session=x", cookies)).statusCode).toBe(400);
  });

  it("a State focal point's queue holds its State's requests, no recommendation", async () => {
    const { html } = await openAs(people.senFocal, "/tagging/review");
    expect(html).toContain(`/requests/${senRequest}`);
    expect(html).not.toContain(`/requests/${mliRequest}`);
    expect(html).not.toContain('href="/recommendations/');
    expect(html).not.toContain('href="/tagging/import"');
  });
});
