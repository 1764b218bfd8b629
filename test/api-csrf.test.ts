import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";
import { cookieJar, csrfTokenOf, startTestServer, type TestServer } from "./http-harness.js";

// Every write of the JSON API, as the OpenAPI document lists them: a browser session (cookie) without the CSRF token
// is refused before anything runs, whatever the ids in the path. A route added without the check fails here.
let server: TestServer;
let cookies: Record<string, string>;
let writes: { method: string; url: string }[];

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  const page = await server.app.inject({ url: "/login" });
  const res = await server.app.inject({
    method: "POST",
    url: "/login",
    payload: new URLSearchParams({ _csrf: csrfTokenOf(page.body), email: "focal.senegal@demo.passerelle.example", password: DEMO_PASSWORD }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    cookies: cookieJar(page),
  });
  expect(res.statusCode).toBe(303);
  cookies = { ...cookieJar(page), ...cookieJar(res) };
  const doc = (await server.app.inject({ url: "/api/v1/openapi.json" })).json() as { paths: Record<string, Record<string, unknown>> };
  const someId = "00000000-0000-4000-8000-000000000000";
  writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ["post", "put", "patch", "delete"].includes(m))
      .map((m) => ({ method: m.toUpperCase(), url: `/api/v1${path.replace(/^\/api\/v1/, "").replace(/\{[^}]+\}/g, someId)}` })),
  );
});
afterAll(async () => {
  await server.close();
});

describe("CSRF on API writes made with a browser session", () => {
  it("lists the cooperation writes", () => {
    expect(writes.length).toBeGreaterThanOrEqual(20);
    expect(writes.map((w) => w.url)).toEqual(expect.arrayContaining([expect.stringMatching(/\/api\/v1\/requests$/), expect.stringMatching(/\/consents$/)]));
  });

  it("refuses every one without the token (403), and none fails with a 5xx", async () => {
    const answers = await Promise.all(
      writes.map(async (w) => {
        const res = await server.app.inject({ method: w.method as "POST", url: w.url, cookies, payload: {} });
        return `${w.method} ${w.url} → ${res.statusCode}`;
      }),
    );
    expect(answers.filter((a) => !a.endsWith("→ 403"))).toEqual([]);
  });
});
