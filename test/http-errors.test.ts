import { afterEach, describe, expect, it } from "vitest";
import { csrfTokenOf, cookieJar, startTestServer, type TestServer } from "./http-harness.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close().catch(() => undefined);
  server = undefined;
});

describe("failures", () => {
  it("a server error shows a page with a reference, and JSON for the API, without internals", async () => {
    server = await startTestServer({ demo: false });
    // Losing the database mid-flight is the realistic 5xx: every query now fails.
    await server.handle.close();
    const page = await server.app.inject({ method: "GET", url: "/?lang=fr" });
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain("Une erreur s'est produite");
    expect(page.body).toMatch(/référence [0-9a-f-]{36}/);
    expect(page.body).not.toMatch(/PGlite|stack|at \w+ \(/);
    const api = await server.app.inject({ method: "GET", url: "/api/v1/organizations" });
    expect(api.statusCode).toBe(500);
    const body = api.json() as { error: { code: string; message: string; reference: string } };
    expect(body.error).toMatchObject({ code: "internal", message: "Internal error" });
    expect(body.error.reference).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("rate-limits sign-in attempts per client address", async () => {
    server = await startTestServer({ demo: false });
    const app = server.app;
    const form = await app.inject({ method: "GET", url: "/login" });
    const token = csrfTokenOf(form.body);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await app.inject({
        method: "POST",
        url: "/login",
        payload: new URLSearchParams({ _csrf: token, email: `nobody${i}@example.org`, password: "whatever it is" }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        cookies: cookieJar(form),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
