import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, createUser } from "../src/domain/accounts/account-service.js";
import type { Role } from "../src/domain/access/roles.js";
import { makeOrganization, TEST_ACTOR, TEST_PASSWORD } from "./factories.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";

// The State profile pages, forms and API (R2), as a browser without JavaScript and an API client use them. Cabo Verde
// (CPV) has no demo data, so the test controls every entry.

let server: TestServer;
const email: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer();
  const db = server.handle.db;
  const account = async (name: string, role: Role, org: Parameters<typeof makeOrganization>[1]) => {
    const o = await makeOrganization(db, org);
    email[name] = `${name}.${o.slug}@example.org`;
    await createUser(db, TEST_ACTOR, { email: email[name] as string, displayName: name, password: TEST_PASSWORD }, [{ organizationSlug: o.slug, role }]);
  };
  await account("focal", "state_focal_point", { type: "government", countryIso3: "CPV" });
  await account("nmirf", "nmirf", { type: "government", countryIso3: "CPV" });
  await account("ohchr", "ohchr_officer", { type: "un_entity" });
  await account("unesco", "un_agency_officer", { type: "un_entity" });
});
afterAll(async () => {
  await server.close();
});

const get = (url: string, cookies: Record<string, string> = {}) => server.app.inject({ method: "GET", url, cookies });
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

async function signIn(who: string): Promise<Record<string, string>> {
  const page = await get("/login");
  const res = await postForm(server, "/login", { _csrf: csrfTokenOf(page.body), email: email[who] as string, password: TEST_PASSWORD }, cookieJar(page));
  expect(res.statusCode).toBe(303);
  return { ...cookieJar(page), ...cookieJar(res) };
}

/** Opens a form page and posts it with its CSRF token, as a browser does. */
async function submit(formUrl: string, action: string, fields: Record<string, string>, cookies: Record<string, string>) {
  const page = await get(formUrl, cookies);
  expect(page.statusCode).toBe(200);
  const jar = { ...cookies, ...cookieJar(page) };
  return postForm(server, action, { _csrf: csrfTokenOf(page.body), ...fields }, jar);
}

const needForm = (title: string, priorityRank: string, extra: Record<string, string> = {}) => ({
  kind: "need",
  title,
  description: "",
  priorityRank,
  status: "open",
  themes: "e5, A5",
  sdgTargets: "4.C",
  recommendationIds: "",
  textLang: "fr",
  visibility: "public",
  ...extra,
});

describe("State profile pages", () => {
  let focal: Record<string, string>;
  beforeAll(async () => {
    focal = await signIn("focal");
  });

  it("the State adds ranked needs without JavaScript; a taken rank moves the other need down", async () => {
    const first = await submit(
      "/countries/CPV/profile/entries/new?kind=need",
      "/countries/CPV/profile/entries",
      needForm("Formation des enseignants", "1"),
      focal,
    );
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toMatch(/^\/countries\/CPV\/profile\?saved=1&moved=0#entry-[0-9a-f-]{36}$/);
    const second = await submit(
      "/countries/CPV/profile/entries/new?kind=need",
      "/countries/CPV/profile/entries",
      needForm("Retour des filles à l'école", "1"),
      focal,
    );
    expect(second.headers.location).toMatch(/moved=1/);
    const page = await get(second.headers.location as string, focal);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain("1 other need moved down one place.");
    expect(body).toMatch(/Priority 1 Retour des filles à l'école.*Priority 2 Formation des enseignants/);
    expect(page.body).toContain('href="/countries/CPV/profile/entries/new?kind=challenge"');
    expect(body).toContain("E5 Right to education");
    // The public sees the public needs in the State's order, and no edit links.
    const anon = await get("/countries/CPV/profile");
    expect(text(anon.body)).toMatch(/Priority 1 Retour des filles.*Priority 2 Formation/);
    expect(anon.body).not.toContain("/profile/entries/new");
    expect(anon.body).toContain(`<span lang="fr" dir="ltr">Retour des filles à l'école</span>`);
  });

  it("bad input is shown next to the fields with what was typed, 400, nothing saved", async () => {
    const res = await submit(
      "/countries/CPV/profile/entries/new?kind=need",
      "/countries/CPV/profile/entries",
      needForm("x", "abc", { themes: "education", recommendationIds: "uhri:Nowhere:1:1" }),
      focal,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('href="#field-title"');
    expect(res.body).toContain('id="field-title" name="title" value="x"');
    expect(res.body).toContain('value="abc"');
    expect(res.body).toMatch(/id="priorityRank-error"[^>]*>must be a whole number from 1 to 99/);
    expect(text((await get("/countries/CPV/profile")).body)).not.toContain(" x ");
  });

  it("an edit from a stale form is refused with 409, keeping what was typed and pointing to the current version", async () => {
    const profile = (await get("/api/v1/states/CPV/profile", focal)).json() as { needs: { id: string; title: string; version: number }[] };
    const need = profile.needs.find((n) => n.title === "Formation des enseignants");
    if (!need) throw new Error("need missing");
    const editUrl = `/countries/CPV/profile/entries/${need.id}/edit`;
    const form = await get(editUrl, focal);
    expect(form.body).toContain(`name="version" value="${need.version}"`);
    const fields = needForm("Formation des enseignants (révisé)", "2", { version: String(need.version) });
    const ok = await postForm(
      server,
      `/countries/CPV/profile/entries/${need.id}`,
      { _csrf: csrfTokenOf(form.body), ...fields },
      { ...focal, ...cookieJar(form) },
    );
    expect(ok.statusCode).toBe(303);
    const stale = await postForm(
      server,
      `/countries/CPV/profile/entries/${need.id}`,
      { _csrf: csrfTokenOf(form.body), ...fields, title: "Mon texte perdu ?" },
      { ...focal, ...cookieJar(form) },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('value="Mon texte perdu ?"');
    expect(stale.body).toContain(`href="${editUrl}"`);
    expect(text((await get("/countries/CPV/profile")).body)).toContain("Formation des enseignants (révisé)");
  });

  it("contacts default to the State and UN partners", async () => {
    const res = await submit(
      "/countries/CPV/profile/contacts/new",
      "/countries/CPV/profile/contacts",
      {
        kind: "nmirf",
        name: "Awa Ndiaye",
        functionTitle: "Secrétaire permanente",
        institution: "Comité interministériel",
        email: "awa@example.org",
        phone: "+221 33 889 12 34",
        visibility: "state_and_un",
      },
      focal,
    );
    expect(res.statusCode).toBe(303);
    expect((await get("/countries/CPV/profile")).body).not.toContain("Awa Ndiaye");
    const ohchr = await signIn("ohchr");
    const seen = await get("/countries/CPV/profile", ohchr);
    expect(seen.body).toContain("Awa Ndiaye");
    expect(seen.body).toContain('href="mailto:awa@example.org"');
    expect(seen.body).not.toContain("/profile/contacts/new");
    // Others cannot open the forms: sign in first, or 403.
    expect((await get("/countries/CPV/profile/contacts/new")).headers.location).toBe("/login?next=%2Fcountries%2FCPV%2Fprofile%2Fcontacts%2Fnew");
    expect((await get("/countries/CPV/profile/contacts/new", ohchr)).statusCode).toBe(403);
  });

  it("is linked from the country page, answers in French, redirects lower-case codes, 404s unknown States", async () => {
    expect((await get("/countries/CPV")).body).toContain('href="/countries/CPV/profile"');
    const fr = await get("/countries/CPV/profile?lang=fr");
    expect(fr.body).toContain("Profil du pays : Cap-Vert");
    expect(fr.body).toContain("Priorités et besoins");
    expect((await get("/countries/cpv/profile")).headers.location).toBe("/countries/CPV/profile");
    expect((await get("/countries/XXX/profile")).statusCode).toBe(404);
  });
});

describe("State profile API", () => {
  it("reads as the State chose, writes with a token of the State's focal point, refuses others", async () => {
    const { token } = await createApiToken(server.handle.db, TEST_ACTOR, { email: email.nmirf as string });
    const auth = { authorization: `Bearer ${token}` };
    const created = await server.app.inject({
      method: "POST",
      url: "/api/v1/states/cpv/profile/entries",
      headers: auth,
      payload: { kind: "good_practice", title: "Comités de gestion scolaire", visibility: "state_and_un" },
    });
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json() as { id: string; version: number };
    expect(version).toBe(1);
    const anon = (await server.app.inject({ method: "GET", url: "/api/v1/states/CPV/profile" })).json() as { goodPractices: unknown[]; canEdit: boolean };
    expect([anon.goodPractices, anon.canEdit]).toEqual([[], false]);
    const own = (await server.app.inject({ method: "GET", url: "/api/v1/states/CPV/profile", headers: auth })).json() as {
      goodPractices: { id: string }[];
      canEdit: boolean;
    };
    expect(own.goodPractices.map((e) => e.id)).toEqual([id]);
    expect(own.canEdit).toBe(true);
    const put = (v: number) =>
      server.app.inject({
        method: "PUT",
        url: `/api/v1/states/CPV/profile/entries/${id}`,
        headers: auth,
        payload: { title: "Comités de gestion scolaire", visibility: "public", version: v },
      });
    expect((await put(1)).json()).toMatchObject({ id, version: 2 });
    const stale = await put(1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: "conflict" } });
    const bad = await server.app.inject({
      method: "POST",
      url: "/api/v1/states/CPV/profile/entries",
      headers: auth,
      payload: { kind: "achievement", title: "Loi", priorityRank: 3 },
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { problems: { field: string }[] } }).error.problems.map((p) => p.field)).toEqual(["priorityRank"]);
    const other = await createApiToken(server.handle.db, TEST_ACTOR, { email: email.unesco as string });
    const refused = await server.app.inject({
      method: "POST",
      url: "/api/v1/states/CPV/profile/contacts",
      headers: { authorization: `Bearer ${other.token}` },
      payload: { kind: "counterpart", name: "X Y" },
    });
    expect(refused.statusCode).toBe(403);
    const contact = await server.app.inject({
      method: "POST",
      url: "/api/v1/states/CPV/profile/contacts",
      headers: auth,
      payload: { kind: "counterpart", name: "Direction de l'enseignement élémentaire" },
    });
    expect(contact.statusCode).toBe(201);
  });

  it("cookie-authenticated writes need the CSRF token; the OpenAPI document lists the endpoints under 'profiles'", async () => {
    const cookies = await signIn("focal");
    const payload = { kind: "challenge", title: "Connectivité en zone rurale" };
    expect((await server.app.inject({ method: "POST", url: "/api/v1/states/CPV/profile/entries", payload, cookies })).statusCode).toBe(403);
    const page = await get("/countries/CPV/profile/entries/new?kind=challenge", cookies);
    const withToken = await server.app.inject({
      method: "POST",
      url: "/api/v1/states/CPV/profile/entries",
      payload,
      cookies: { ...cookies, ...cookieJar(page) },
      headers: { "x-csrf-token": csrfTokenOf(page.body) },
    });
    expect(withToken.statusCode).toBe(201);
    const doc = (await get("/api/v1/openapi.json")).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const path of [
      "/api/v1/states/{iso3}/profile",
      "/api/v1/states/{iso3}/profile/entries",
      "/api/v1/states/{iso3}/profile/entries/{id}",
      "/api/v1/states/{iso3}/profile/contacts/{id}",
    ])
      expect(
        Object.values(doc.paths[path] ?? { none: {} }).every((op) => op.tags?.includes("profiles")),
        path,
      ).toBe(true);
  });
});
