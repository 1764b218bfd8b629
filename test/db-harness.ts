import { randomBytes } from "node:crypto";
import type { PGliteInterface } from "@electric-sql/pglite";
import pg from "pg";
import { createMemoryPglite, type DbHandle, openDatabase } from "../src/store/db.js";
import { prepareDatabase } from "../src/domain/setup/setup-service.js";
import { loadRealClosures } from "./closure-fixtures.js";

// Service and database tests run against a real engine: PGlite by default, a PostgreSQL server when
// TEST_DATABASE_URL is set (CI runs both). Each test gets its own database, copied from a template that
// is migrated and loaded with reference data once, because creating and migrating one costs seconds.

export const TEMPLATE_DB = "passerelle_test_template";
export const TEMPLATE_DB_RECOMMENDATIONS = "passerelle_test_template_recs";
/** Templates with the real school closures are made on first use, one per test worker (global-setup drops them). */
export const CLOSURES_TEMPLATE_PREFIX = "passerelle_test_tpl_closures_";
const serverUrl = process.env.TEST_DATABASE_URL;

const pgliteTemplates = new Map<string, Promise<PGliteInterface>>();

/**
 * A fresh database with reference data; with `recommendations: true` also the shipped recommendations
 * (UPR Info, OHCHR lists, pledges), imported once per test worker into a separate template; with `closures: true`
 * also the three real school-closure files (test/closure-fixtures.ts loadRealClosures), likewise once per worker.
 */
export async function createTestDb(options: { recommendations?: boolean; closures?: boolean } = {}): Promise<DbHandle> {
  const withRecommendations = options.recommendations ?? false;
  const withClosures = options.closures ?? false;
  if (!serverUrl) return createPgliteDb(withRecommendations, withClosures);
  const base = withRecommendations ? TEMPLATE_DB_RECOMMENDATIONS : TEMPLATE_DB;
  return createServerDb(serverUrl, withClosures ? await closuresTemplate(serverUrl, base) : base);
}

const serverClosureTemplates = new Map<string, Promise<string>>();

/** A template copied from `base` with the real closures loaded, made once per worker process. */
function closuresTemplate(url: string, base: string): Promise<string> {
  let made = serverClosureTemplates.get(base);
  if (!made) {
    made = (async () => {
      const name = `${CLOSURES_TEMPLATE_PREFIX}${base === TEMPLATE_DB ? "plain" : "recs"}_${process.pid}`;
      await withAdmin(url, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${name} TEMPLATE ${base}`);
      });
      const handle = await openDatabase({ databaseUrl: withDatabase(url, name) });
      try {
        await loadRealClosures(handle.db);
      } finally {
        await handle.close();
      }
      return name;
    })();
    serverClosureTemplates.set(base, made);
  }
  return made;
}

export const testEngine = serverUrl ? "postgres" : "pglite";

async function createPgliteDb(recommendations: boolean, closures: boolean): Promise<DbHandle> {
  const key = `${recommendations ? "recommendations" : "plain"}${closures ? "+closures" : ""}`;
  let template = pgliteTemplates.get(key);
  if (!template) {
    template = (async () => {
      const pglite = await createMemoryPglite();
      const handle = await openDatabase({ pglite });
      await prepareDatabase(handle.db, { demo: false, recommendations });
      if (closures) await loadRealClosures(handle.db);
      return pglite;
    })();
    pgliteTemplates.set(key, template);
  }
  const clone = await (await template).clone();
  return openDatabase({ pglite: clone });
}

async function createServerDb(url: string, template: string): Promise<DbHandle> {
  const name = `passerelle_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(url, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
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
