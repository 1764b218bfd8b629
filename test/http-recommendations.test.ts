import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ recommendations: true });
});
afterAll(async () => {
  await server.close();
});

const get = (url: string, cookies: Record<string, string> = {}) => server.app.inject({ method: "GET", url, cookies });
const post = (url: string, form: Record<string, string>, cookies: Record<string, string>) => postForm(server, url, form, cookies);

async function signIn(email: string): Promise<Record<string, string>> {
  const page = await get("/login");
  const res = await post("/login", { _csrf: csrfTokenOf(page.body), email, password: DEMO_PASSWORD }, cookieJar(page));
  expect(res.statusCode).toBe(303);
  return { ...cookieJar(page), ...cookieJar(res) };
}

describe("recommendation API", () => {
  it("searches with facets, and the CSV has exactly the result set", async () => {
    const res = await get("/api/v1/recommendations?state=SEN&cycle=2&position=supported&theme=E5&limit=5");
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: unknown[]; facets: { session: { value: string; count: number }[] } };
    expect(body.total).toBe(20);
    expect(body.items).toHaveLength(5);
    expect(body.facets.session).toEqual([{ value: "17", count: 20 }]);
    const csv = await get("/api/v1/recommendations.csv?state=SEN&cycle=2&position=supported&theme=E5");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    const rows = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.state_under_review === "SEN" && r.position === "supported" && r.position_as_given === "Accepted")).toBe(true);
  });

  it("answers bad filters with 400 and field names, odd search text with 200", async () => {
    const bad = await get("/api/v1/recommendations?cycle=two&theme=education");
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as { error: { problems: { field: string }[] } }).error.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining([expect.stringMatching(/cycle/), expect.stringMatching(/theme/)]));
    for (const q of ["'):(&|!", '"', "-", "a".repeat(400)]) {
      expect((await get(`/api/v1/recommendations?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
    }
    expect((await get(`/api/v1/recommendations?q=${"a".repeat(501)}`)).statusCode).toBe(400);
  });

  it("returns one recommendation, and 404 for an unknown id", async () => {
    const res = await get("/api/v1/recommendations/uhri%3ASlovenia%3A34%3A121.2");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stateIso3: "SVN", session: 34, cycle: 3, source: "uhri", documentSymbol: expect.stringMatching(/^A\/HRC\/43\/15/) });
    expect((await get("/api/v1/recommendations/nope")).statusCode).toBe(404);
  });
});

describe("recommendation pages", () => {
  it("search page: results, facets as links, highlights without markup from the data", async () => {
    const res = await get("/recommendations?q=girls+education&state=SEN");
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/\d+ recommendations?/);
    expect(res.body).toContain("<mark>");
    expect(res.body).toContain('href="/recommendations?q=girls+education&amp;state=SEN&amp;position=supported"');
    expect((await get("/recommendations?cycle=x")).statusCode).toBe(400);
    // English texts keep their direction inside an Arabic page.
    const ar = await get("/recommendations?lang=ar&state=SEN");
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain('<p class="rec-text" lang="en" dir="ltr">');
  });

  it("a State's page shows counts by cycle and position with an accessible chart", async () => {
    const res = await get("/countries/SEN");
    expect(res.body).toMatch(/<svg [^>]*role="img"/);
    expect(res.body.replace(/<[^>]+>/g, " ")).toMatch(/Cycle 2\s+153\s+34\s+0\s+187/);
  });

  it("a State's recommendations grouped by theme", async () => {
    const res = await get("/countries/SVN/recommendations?lang=fr");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Recommandations adressées à Slovénie");
    expect(res.body).toContain('id="theme-E5"');
  });
});

describe("implementation assessments", () => {
  const rec = "/recommendations/upr-info%3AUPRINFO-00001"; // to Algeria
  const senRec = async () => {
    const r = (await get("/api/v1/recommendations?state=SEN&limit=1")).json() as { items: { id: string }[] };
    return `/recommendations/${encodeURIComponent(r.items[0]?.id as string)}`;
  };

  it("a CSO records a confidential assessment; the State reads it without the author's name; the public does not read it", async () => {
    const url = await senRec();
    const cso = await signIn("cso.senegal@demo.passerelle.example");
    const page = await get(url, cso);
    expect(page.body).toContain("Record an assessment");
    const orgId = /name="organizationId"><option value="([^"]+)"/.exec(page.body)?.[1] as string;
    const res = await post(
      `${url}/assessments`,
      {
        _csrf: csrfTokenOf(page.body),
        organizationId: orgId,
        status: "partially_implemented",
        evidence: "Schools reopened in 2021 but girls' return rates stayed low in rural areas (ministry data).",
        assessedOn: "2026-10-01",
        textLang: "en",
        visibility: "state_and_un",
      },
      cso,
    );
    expect(res.statusCode).toBe(303);
    const own = await get(url, cso);
    expect(own.body).toContain("Coalition for the Right to Education (fictional)");
    const state = await get(url, await signIn("focal.senegal@demo.passerelle.example"));
    expect(state.body).toContain("girls' return rates");
    expect(state.body).not.toContain("Coalition for the Right to Education (fictional)</");
    expect(state.body).toContain("identity withheld at the author's request");
    const ohchr = await get(url, await signIn("officer.ohchr@demo.passerelle.example"));
    expect(ohchr.body).toContain("Coalition for the Right to Education (fictional)");
    const anonymous = await get(url);
    expect(anonymous.body).not.toContain("girls' return rates");
  });

  it("a State assesses only its own recommendations, and bad input keeps what was typed", async () => {
    const focal = await signIn("focal.senegal@demo.passerelle.example");
    const algeria = await get(rec, focal);
    expect(algeria.body).not.toContain("Record an assessment");
    const url = await senRec();
    const page = await get(url, focal);
    const orgId = /name="organizationId"><option value="([^"]+)"/.exec(page.body)?.[1] as string;
    const res = await post(
      `${url}/assessments`,
      { _csrf: csrfTokenOf(page.body), organizationId: orgId, status: "implemented", evidence: "short", assessedOn: "2099-01-01" },
      focal,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(">short</textarea>");
    expect(res.body).toContain('href="#field-evidence"');
    const forged = await post(
      `${rec}/assessments`,
      { _csrf: csrfTokenOf(page.body), organizationId: orgId, status: "implemented", evidence: "A long enough evidence text.", assessedOn: "2026-01-01" },
      focal,
    );
    expect(forged.statusCode).toBe(403);
  });
});
