import fs from "node:fs";
import path from "node:path";
import { PGlite, type PGliteInterface } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-driver.js";
import type { Database } from "./schema.js";
import { typeParsers } from "./type-parsers.js";

export type Db = Kysely<Database>;

export type DbHandle = {
  db: Db;
  engine: "pglite" | "postgres";
  /** Where the data lives, for messages: a folder or a redacted URL. */
  location: string;
  close(): Promise<void>;
};

export type OpenOptions = { databaseUrl?: string | undefined; dataDir?: string; pglite?: PGliteInterface };

// PGlite keeps its files under <data>/pglite; the data folder itself also holds the lock file.
export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.pglite) return wrapPglite(options.pglite, "(in memory)");
  if (!options.dataDir) throw new Error("openDatabase needs a data folder or a DATABASE_URL");
  const folder = pgliteFolder(options.dataDir);
  fs.mkdirSync(folder, { recursive: true });
  // The create() form: the constructor form silently drops extensions.
  const pglite = await PGlite.create({ dataDir: folder, parsers: typeParsers });
  return wrapPglite(pglite, folder);
}

export async function createMemoryPglite(): Promise<PGlite> {
  return PGlite.create({ parsers: typeParsers });
}

function wrapPglite(pglite: PGliteInterface, location: string): DbHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: "pglite",
    location,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

function openPostgres(url: string): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: string) => typeParsers[oid] ?? pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection that the server terminates (restart, failover, DROP DATABASE … FORCE) emits an
  // error on the pool; without a listener that would crash the process. The next query opens a new connection.
  pool.on("error", () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: "postgres",
    location: redactUrl(url),
    async close() {
      await db.destroy();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}
