import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrationFiles } from "../src/store/migrate.js";
import { createApiToken } from "../src/domain/accounts/account-service.js";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";
import { TEST_ACTOR } from "./factories.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const get = (url: string, headers: Record<string, string> = {}, cookies: Record<string, string> = {}) =>
  server.app.inject({ method: "GET", url, headers, cookies });

describe("pages", () => {
  it("home page: landmarks, skip link, English by default", async () => {
    const res = await get("/");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toMatch(/^<!DOCTYPE html><html lang="en" dir="ltr">/);
    expect(res.body).toContain('<a class="skip-link" href="#main">Skip to main content</a>');
    expect(res.body).toMatch(/<main id="main"/);
    expect(res.body.replace(/<[^>]+>/g, "")).toContain("193 UN Member States");
  });

  it.each([
    ["fr", "ltr", "Aller au contenu principal"],
    ["ar", "rtl", "انتقل إلى المحتوى الرئيسي"],
    ["zh", "ltr", "跳到主要内容"],
  ])("?lang=%s sets lang/dir and remembers the choice", async (lang, dir, skip) => {
    const first = await get(`/?lang=${lang}`);
    expect(first.body).toContain(`<html lang="${lang}" dir="${dir}">`);
    expect(first.body).toContain(skip);
    const again = await get("/countries", {}, cookieJar(first));
    expect(again.body).toContain(`<html lang="${lang}" dir="${dir}">`);
  });

  it("lists countries by their name in the page's language, filtered in SQL", async () => {
    const fr = await get("/countries?lang=fr&group=AFG&designation=ldc");
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain(">Sénégal</a>");
    expect(fr.body).not.toContain(">Norvège</a>");
    const all = await get("/countries?lang=fr");
    const names = [...all.body.matchAll(/<a href="\/countries\/[A-Z]{3}">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(names.length).toBe(248);
    // Sorted ignoring accents: "Éthiopie" among the E's, not after "Zimbabwe".
    expect(names.indexOf("Éthiopie")).toBeLessThan(names.indexOf("France"));
  });

  it("shows a country's reference data", async () => {
    const res = await get("/countries/SEN");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<h1>Senegal</h1>");
    expect(res.body).toContain("686");
    expect(res.body).toContain("Least developed country (LDC)");
    expect(res.body).toContain("African Group");
    expect(res.body).toContain("Ministère de la Justice du Sénégal");
    expect((await get("/countries/sen")).headers.location).toBe("/countries/SEN");
    expect((await get("/countries/XXX")).statusCode).toBe(404);
  });

  it("shows a vocabulary's terms with French labels where the source has them", async () => {
    const res = await get("/data/taxonomies/iati%3AActivityStatus?lang=fr");
    expect(res.statusCode).toBe(200);
    // As published by IATI, including its known quirks (REQUIREMENTS §5.3): never "corrected" here.
    expect(res.body).toContain('<td lang="fr">Actif</td>');
    expect((await get("/data/taxonomies/nope")).statusCode).toBe(404);
  });

  it("follows the browser's Accept-Language when nothing was chosen", async () => {
    const res = await get("/", { "accept-language": "fr-CA,fr;q=0.9,en;q=0.5" });
    expect(res.body).toContain('<html lang="fr"');
  });

  it("unknown page → 404 page in the user's language", async () => {
    const res = await get("/no/such/page?lang=fr");
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Page introuvable");
  });

  it("sends security headers (CSP without inline scripts, no framing)", async () => {
    const res = await get("/");
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("sign-in", () => {
  async function loginForm() {
    const page = await get("/login");
    return { token: csrfTokenOf(page.body), cookies: cookieJar(page) };
  }
  const post = (url: string, form: Record<string, string>, cookies: Record<string, string>) => postForm(server, url, form, cookies);

  it("signs in with a demo account and shows the account page", async () => {
    const { token, cookies } = await loginForm();
    const res = await post("/login", { _csrf: token, email: "officer.ohchr@demo.passerelle.example", password: DEMO_PASSWORD, next: "/account" }, cookies);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/account");
    const session = res.cookies.find((c) => c.name === "psid") as { httpOnly?: boolean; sameSite?: string } | undefined;
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    const account = await get("/account", {}, { ...cookies, ...cookieJar(res) });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain("Claire Martin (demo)");
    expect(account.body).toContain("OHCHR officer");
  });

  it("keeps what was typed and says why when the password is wrong", async () => {
    const { token, cookies } = await loginForm();
    const res = await post("/login", { _csrf: token, email: "officer.ohchr@demo.passerelle.example", password: "not the password" }, cookies);
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('value="officer.ohchr@demo.passerelle.example"');
    expect(res.body).toContain("The e-mail or password is not correct.");
    expect(res.cookies.find((c) => c.name === "psid")).toBeUndefined();
  });

  it("names the invalid field", async () => {
    const { token, cookies } = await loginForm();
    const res = await post("/login", { _csrf: token, email: "not an email", password: "" }, cookies);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#field-email"');
    expect(res.body).toContain('aria-invalid="true"');
  });

  it("refuses a form without its CSRF token", async () => {
    const { cookies } = await loginForm();
    const res = await post("/login", { email: "officer.ohchr@demo.passerelle.example", password: DEMO_PASSWORD }, cookies);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("The form expired or was sent from another site");
  });

  it("never executes user-supplied text as HTML", async () => {
    const { token, cookies } = await loginForm();
    const payload = `<script>alert("x")</script>@example.org`;
    const res = await post("/login", { _csrf: token, email: payload, password: "x" }, cookies);
    expect(res.body).not.toContain("<script>alert");
    expect(res.body).toContain("&lt;script>alert(&quot;x&quot;)&lt;/script>@example.org");
  });

  it("does not redirect to another site after sign-in", async () => {
    const { token, cookies } = await loginForm();
    const res = await post(
      "/login",
      { _csrf: token, email: "officer.ohchr@demo.passerelle.example", password: DEMO_PASSWORD, next: "//evil.example/" },
      cookies,
    );
    expect(res.headers.location).toBe("/account");
  });

  it("sends anonymous visitors of /account to the sign-in page", async () => {
    const res = await get("/account");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login?next=%2Faccount");
  });
});

describe("API", () => {
  it("serves an OpenAPI 3.1 document generated from the schemas", async () => {
    const res = await get("/api/v1/openapi.json");
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/health",
        "/api/v1/countries",
        "/api/v1/countries/{iso3}",
        "/api/v1/organizations",
        "/api/v1/me",
        "/api/v1/recommendations",
        "/api/v1/recommendations.csv",
        "/api/v1/recommendations/{id}",
      ]),
    );
    expect(Object.keys(doc.paths).some((p) => !p.startsWith("/api/v1/"))).toBe(false);
  });

  it("lists countries with names in the requested language", async () => {
    const res = await get("/api/v1/countries?lang=fr&q=senegal");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      total: 1,
      items: [
        { iso3: "SEN", m49: "686", name: "Senegal", localName: "Sénégal", regionalGroup: "AFG", designations: expect.arrayContaining(["ldc", "un_member"]) },
      ],
    });
    expect((await get("/api/v1/countries/CIV")).json()).toMatchObject({
      iso3: "CIV",
      names: { en: expect.arrayContaining([expect.objectContaining({ name: "Cote d'Ivoire", kind: "alias" })]) },
    });
    expect((await get("/api/v1/countries/ZZZ")).statusCode).toBe(404);
  });

  it("serves taxonomies and their terms", async () => {
    const terms = (await get("/api/v1/taxonomies/sdg-target/terms")).json() as { items: { code: string; parentCode: string }[] };
    expect(terms.items).toHaveLength(169);
    expect(terms.items.find((x) => x.code === "4.c")?.parentCode).toBe("4");
    expect((await get("/api/v1/taxonomies/nope/terms")).statusCode).toBe(404);
  });

  it("health reports the engine and applied migrations", async () => {
    const res = await get("/api/v1/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: { reachable: true, migrations: readMigrationFiles().length } });
  });

  it("answers invalid input with 400 and field-level problems", async () => {
    const res = await get("/api/v1/organizations?limit=0&type=spaceship");
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; problems: { field: string }[] } };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.problems.map((p) => p.field)).toEqual(expect.arrayContaining(["querystring.limit", "querystring.type"]));
  });

  it("answers an unknown route with a JSON 404", async () => {
    const res = await get("/api/v1/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("filters organizations by the caller's scope: the unlisted CSO only for UN staff", async () => {
    const anonymous = (await get("/api/v1/organizations?limit=500")).json() as { items: { slug: string }[]; total: number };
    expect(anonymous.items.map((o) => o.slug)).not.toContain("demo-cso-defenders");
    expect(anonymous.total).toBe(anonymous.items.length);
    const { token } = await createApiToken(server.handle.db, TEST_ACTOR, { email: "officer.ohchr@demo.passerelle.example" });
    const un = (await get("/api/v1/organizations?limit=500", { authorization: `Bearer ${token}` })).json() as { items: { slug: string }[] };
    expect(un.items.map((o) => o.slug)).toContain("demo-cso-defenders");
    expect((await get("/api/v1/organizations/demo-cso-defenders")).statusCode).toBe(404);
  });

  it("authenticates machine clients with bearer tokens and refuses bad ones", async () => {
    const { token } = await createApiToken(server.handle.db, TEST_ACTOR, { email: "focal.senegal@demo.passerelle.example" });
    const me = await get("/api/v1/me", { authorization: `Bearer ${token}` });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ displayName: "Awa Diop (demo)", memberships: [{ role: "state_focal_point" }] });
    expect((await get("/api/v1/me", { authorization: "Bearer pat_wrong" })).statusCode).toBe(401);
    expect((await get("/api/v1/me")).statusCode).toBe(401);
  });
});
