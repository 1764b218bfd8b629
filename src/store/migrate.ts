import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Db } from "./db.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations/", import.meta.url));
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export type MigrationFile = { version: number; name: string; file: string; sql: string; checksum: string };
export type MigrationReport = { applied: string[]; alreadyApplied: number };

export class MigrationError extends Error {
  override name = "MigrationError";
}

// Numbered plain-SQL files, forward-only: 0001_x.sql, 0002_y.sql … with no gap and no duplicate number.
export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const files = names.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`Migration file name "${file}" does not match NNNN_snake_case_name.sql`);
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    return {
      version: Number(match[1]),
      name: match[2] as string,
      file,
      sql: text,
      checksum: createHash("sha256").update(text).digest("hex"),
    };
  });
  files.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationError(`Migration numbering is broken at "${m.file}": expected number ${String(i + 1).padStart(4, "0")}`);
    }
  });
  return files;
}

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  const files = readMigrationFiles(dir);
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  const applied: string[] = [];
  let alreadyApplied = 0;
  await db.transaction().execute(async (trx) => {
    // Two server processes starting together on one PostgreSQL server must not both migrate.
    await sql`SELECT pg_advisory_xact_lock(724501)`.execute(trx);
    const done = new Map((await trx.selectFrom("schema_migrations").select(["version", "checksum", "name"]).execute()).map((r) => [r.version, r]));
    for (const [version, row] of done) {
      const file = files.find((f) => f.version === version);
      if (!file)
        throw new MigrationError(`The database has migration ${version} (${row.name}) that this code does not know: is the code older than the database?`);
      if (file.checksum !== row.checksum) {
        throw new MigrationError(`Migration ${file.file} was edited after it was applied; migrations are forward-only: add a new file instead`);
      }
    }
    for (const file of files) {
      if (done.has(file.version)) {
        alreadyApplied++;
        continue;
      }
      try {
        await sql.raw(file.sql).execute(trx);
      } catch (e) {
        throw new MigrationError(`Migration ${file.file} failed: ${(e as Error).message}`);
      }
      await trx.insertInto("schema_migrations").values({ version: file.version, name: file.name, checksum: file.checksum }).execute();
      applied.push(file.file);
    }
  });
  return { applied, alreadyApplied };
}

export async function schemaExists(db: Db): Promise<boolean> {
  const r = await sql<{ present: boolean }>`SELECT to_regclass('public.organizations') IS NOT NULL AS present`.execute(db);
  return r.rows[0]?.present === true;
}

export async function countAppliedMigrations(db: Db): Promise<number> {
  const r = await db
    .selectFrom("schema_migrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
