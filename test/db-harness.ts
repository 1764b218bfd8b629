import { randomBytes } from "node:crypto";
import type { PGliteInterface } from "@electric-sql/pglite";
import pg from "pg";
import { createMemoryPglite, type DbHandle, openDatabase } from "../src/store/db.js";
import { prepareDatabase } from "../src/domain/setup/setup-service.js";

// Service and database tests run against a real engine: PGlite by default, a PostgreSQL server when
// TEST_DATABASE_URL is set (CI runs both). Each test gets its own database, copied from a template that
// is migrated and loaded with reference data once, because creating and migrating one costs seconds.

export const TEMPLATE_DB = "passerelle_test_template";
const serverUrl = process.env.TEST_DATABASE_URL;

let pgliteTemplate: Promise<PGliteInterface> | undefined;

export async function createTestDb(): Promise<DbHandle> {
  return serverUrl ? createServerDb(serverUrl) : createPgliteDb();
}

export const testEngine = serverUrl ? "postgres" : "pglite";

async function createPgliteDb(): Promise<DbHandle> {
  pgliteTemplate ??= (async () => {
    const pglite = await createMemoryPglite();
    const handle = await openDatabase({ pglite });
    await prepareDatabase(handle.db, { demo: false });
    return pglite;
  })();
  const clone = await (await pgliteTemplate).clone();
  return openDatabase({ pglite: clone });
}

async function createServerDb(url: string): Promise<DbHandle> {
  const name = `passerelle_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(url, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
  const handle = await openDatabase({ databaseUrl: withDatabase(url, name) });
  return {
    ...handle,
    async close() {
      await handle.close();
      await withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
