import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { seedDemoData } from "../src/domain/setup/demo-seed.js";
import { buildServer } from "../src/http/server.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";

export type TestServer = { app: FastifyInstance; handle: DbHandle; close(): Promise<void> };

/** A server over a fresh test database with the demo organizations and accounts (`closures`: and the real
 * school-closure releases, see createTestDb). */
export async function startTestServer(options: { demo?: boolean; recommendations?: boolean; closures?: boolean } = {}): Promise<TestServer> {
  const handle = await createTestDb({ recommendations: options.recommendations, closures: options.closures });
  if (options.demo !== false) await seedDemoData(handle.db);
  const app = await buildServer({ handle, config: { logLevel: "silent", production: false, publicUrl: undefined }, demo: options.demo !== false });
  await app.ready();
  return {
    app,
    handle,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

/** Cookie header for the next request, from a response's Set-Cookie headers merged with earlier ones. */
export function cookieJar(...responses: LightMyRequestResponse[]): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const r of responses) for (const c of r.cookies as { name: string; value: string }[]) jar[c.name] = c.value;
  return jar;
}

/** The CSRF token embedded in a rendered form. */
export function csrfTokenOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error("no CSRF token in the page");
  return m[1];
}

/** Posts an urlencoded form, as a browser without JavaScript does. */
export function postForm(server: TestServer, url: string, form: Record<string, string>, cookies: Record<string, string>) {
  return server.app.inject({
    method: "POST",
    url,
    payload: new URLSearchParams(form).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    cookies,
  });
}
