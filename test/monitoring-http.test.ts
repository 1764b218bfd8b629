import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/domain/accounts/account-service.js";
import type { Role } from "../src/domain/access/roles.js";
import { seedDemoMonitoring } from "../src/domain/setup/demo-monitoring.js";
import { makeOrganization, TEST_ACTOR, TEST_PASSWORD } from "./factories.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";

// The monitoring pages and forms (R25, R26, R27) as a browser without JavaScript uses them, with CSRF; the JSON API;
// and the demo seed (fictional, idempotent). Cabo Verde (CPV) has no demo data, so the forms tests control it.

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
  await account("cso", "cso", { type: "cso", countryIso3: "CPV" });
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

/** Opens a form page and posts it (repeated fields for checkboxes) with its CSRF token, as a browser does. */
async function submit(formUrl: string, action: string, fields: [string, string][], cookies: Record<string, string>) {
  const page = await get(formUrl, cookies);
  expect(page.statusCode).toBe(200);
  const jar = { ...cookies, ...cookieJar(page) };
  const payload = new URLSearchParams([["_csrf", csrfTokenOf(page.body)], ...fields]).toString();
  return server.app.inject({ method: "POST", url: action, payload, headers: { "content-type": "application/x-www-form-urlencoded" }, cookies: jar });
}

const mechanismFields = (name: string, extra: [string, string][] = []): [string, string][] => [
  ["name", name],
  ["kind", "ministry_emis"],
  ["leadInstitution", "Ministério da Educação"],
  ["monitors", "school_closures"],
  ["monitors", "girls_education"],
  ["frequency", "monthly"],
  ["childrenParticipation", "consulted"],
  ["childrenConsulted", "40"],
  ["girlsConsulted", "22"],
  ["ageBands", "12-14"],
  ["visibility", "public"],
  ...extra,
];

describe("mechanism forms", () => {
  it("sends an anonymous visitor to sign in and refuses a CSO", async () => {
    const anonymous = await get("/countries/CPV/monitoring/mechanisms/new");
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe("/login?next=%2Fcountries%2FCPV%2Fmonitoring%2Fmechanisms%2Fnew");
    expect((await get("/countries/CPV/monitoring/mechanisms/new", await signIn("cso"))).statusCode).toBe(403);
  });

  it("refuses a post without the CSRF token", async () => {
    const cookies = await signIn("focal");
    const res = await postForm(server, "/countries/CPV/monitoring/mechanisms", { name: "No token" }, cookies);
    expect(res.statusCode).toBe(403);
  });

  it("adds, shows errors next to fields keeping what was typed, edits and refuses a stale edit", async () => {
    const cookies = await signIn("focal");
    const bad = await submit(
      "/countries/CPV/monitoring/mechanisms/new",
      "/countries/CPV/monitoring/mechanisms",
      mechanismFields("x").map(([k, v]): [string, string] => [k, k === "girlsConsulted" ? "41" : v]),
      cookies,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="name-error"');
    expect(text(bad.body)).toContain("must not be more than the number of children consulted");
    expect(bad.body).toMatch(/name="monitors" value="girls_education" checked/);

    const created = await submit(
      "/countries/CPV/monitoring/mechanisms/new",
      "/countries/CPV/monitoring/mechanisms",
      mechanismFields("Closure monitoring"),
      cookies,
    );
    expect(created.statusCode).toBe(303);
    const id = /#mechanism-([0-9a-f-]{36})/.exec(created.headers.location as string)?.[1] as string;
    const page = await get("/countries/CPV/monitoring", cookies);
    expect(text(page.body)).toContain("Closure monitoring");
    expect(text(page.body)).toContain("40 children and adolescents, of whom 22 girls");

    const edit = `/countries/CPV/monitoring/mechanisms/${id}/edit`;
    const first = await submit(edit, `/countries/CPV/monitoring/mechanisms/${id}`, [...mechanismFields("Renamed"), ["version", "1"]], cookies);
    expect(first.statusCode).toBe(303);
    const stale = await submit(edit, `/countries/CPV/monitoring/mechanisms/${id}`, [...mechanismFields("Stale rename"), ["version", "1"]], cookies);
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain("changed by someone else since you opened it");
    expect(stale.body).toContain('value="Stale rename"');

    const unconfirmed = await submit(edit, `/countries/CPV/monitoring/mechanisms/${id}/delete`, [["version", "2"]], cookies);
    expect(unconfirmed.statusCode).toBe(400);
    const deleted = await submit(
      edit,
      `/countries/CPV/monitoring/mechanisms/${id}/delete`,
      [
        ["version", "2"],
        ["confirm", "yes"],
      ],
      cookies,
    );
    expect(deleted.headers.location).toBe("/countries/CPV/monitoring?deleted=1");
  });
});

describe("indicator forms", () => {
  it("creates a series, records values by sex, refuses female + male above the total for numbers, and deletes a value", async () => {
    const cookies = await signIn("focal");
    const created = await submit(
      "/countries/CPV/monitoring/indicators/new",
      "/countries/CPV/monitoring/indicators",
      [
        ["title", "Learners reached by television"],
        ["unit", "number"],
        ["baselineYear", "2020"],
        ["baselineValue", "1000"],
        ["mechanismId", ""],
      ],
      cookies,
    );
    expect(created.statusCode).toBe(303);
    const page = (created.headers.location as string).split("?")[0] as string;
    const record = async (year: string, sex: string, value: string) => {
      const current = await get(page, cookies);
      const version = /name="version" value="(\d+)"/.exec(current.body)?.[1] as string;
      return submit(
        page,
        `${page}/values`,
        [
          ["year", year],
          ["sex", sex],
          ["value", value],
          ["note", ""],
          ["version", version],
        ],
        cookies,
      );
    };
    expect((await record("2021", "total", "900")).statusCode).toBe(303);
    expect((await record("2021", "female", "500")).statusCode).toBe(303);
    const over = await record("2021", "male", "401");
    expect(over.statusCode).toBe(400);
    expect(text(over.body)).toContain("female + male must not be more than the total of the same year");
    expect(over.body).toContain('value="401"');
    expect((await record("2021", "male", "400")).statusCode).toBe(303);
    const shown = await get(page, cookies);
    expect(shown.body).toContain("<svg");
    expect(text(shown.body)).toMatch(/2021 900 500 400/);
    const version = /name="version" value="(\d+)"/.exec(shown.body)?.[1] as string;
    const removed = await submit(
      page,
      `${page}/values/delete`,
      [
        ["year", "2021"],
        ["sex", "male"],
        ["version", version],
      ],
      cookies,
    );
    expect(removed.statusCode).toBe(303);
    expect(text((await get(page)).body)).toMatch(/2021 900 500 —/);
  });
});

describe("demo seed, registry and API", () => {
  it("seeds Senegal once, marked fictional, and shows it in the registry and the API", async () => {
    const first = await seedDemoMonitoring(server.handle.db);
    expect(first).toEqual({ status: "seeded", mechanisms: 2, series: 2, values: 21 });
    expect((await seedDemoMonitoring(server.handle.db)).status).toBe("unchanged");
    const page = await get("/countries/SEN/monitoring");
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain("School closure and return-to-school monitoring (fictional example)");
    expect(text(page.body)).toContain("180 children and adolescents, of whom 96 girls");
    const registry = await get("/education/monitoring?participation=consulted");
    expect(text(registry.body)).toContain("School closure and return-to-school monitoring");
    expect(text(registry.body)).not.toContain("CSDH monitoring");
    const api = await get("/api/v1/states/SEN/monitoring");
    expect(api.statusCode).toBe(200);
    const body = api.json() as { mechanisms: { name: string }[]; series: { sdgIndicator: string | null; values: unknown[] }[] };
    expect(body.mechanisms.every((m) => m.name.endsWith("(fictional example)"))).toBe(true);
    expect(body.series.find((s) => s.sdgIndicator === "4.1.2")?.values).toHaveLength(12);
    const fr = await get("/countries/SEN/monitoring?lang=fr");
    expect(text(fr.body)).toContain("Suivi de l’éducation");
  });

  it("downloads the registry with the page's filters as CSV, HXL and JSON, children's participation in aggregate", async () => {
    await seedDemoMonitoring(server.handle.db);
    const registry = await get("/education/monitoring?participation=consulted&page=1");
    expect(registry.body).toContain('href="/education/monitoring.hxl.csv?participation=consulted"');
    const csv = await get("/education/monitoring.csv?participation=consulted");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]?.split(",").slice(0, 4)).toEqual(["state", "name", "kind", "lead_institution"]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("School closure and return-to-school monitoring (fictional example)");
    const hxl = (await get("/education/monitoring.hxl.csv?state=SEN")).body.replace(/^\uFEFF/, "").split("\r\n");
    expect(hxl[1]?.split(",").slice(0, 3)).toEqual(["#country+code", "#org+name+monitoring", "#org+type+monitoring"]);
    expect(hxl.filter((l) => l.startsWith("SEN,"))).toHaveLength(2);
    const json = (await get("/education/monitoring.json?state=SEN")).json() as {
      rows: { children_consulted: number | null; girls_consulted: number | null }[];
    };
    expect(json.rows.map((m) => [m.children_consulted, m.girls_consulted])).toEqual(
      expect.arrayContaining([
        [180, 96],
        [null, null],
      ]),
    );
    expect(json.rows).toHaveLength(2);
  });
});
