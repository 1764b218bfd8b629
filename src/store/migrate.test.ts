import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, readMigrationFiles } from "./migrate.js";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function tempMigrations(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-migrations-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("migration files", () => {
  it("are numbered 0001, 0002 … without gaps in the repository", () => {
    const files = readMigrationFiles(MIGRATIONS_DIR);
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.map((f) => f.version)).toEqual(files.map((_, i) => i + 1));
    expect(files[0]?.file).toBe("0001_create_reference_data.sql");
  });

  it.each([
    [{ "0001_a.sql": "", "0003_c.sql": "" }, /expected number 0002/],
    [{ "0001_a.sql": "", "0001_b.sql": "" }, /expected number 0002/],
    [{ "0002_a.sql": "" }, /expected number 0001/],
    [{ "1_a.sql": "" }, /does not match/],
    [{ "0001_Bad-Name.sql": "" }, /does not match/],
  ])("refuse a broken set %#", (files, message) => {
    expect(() => readMigrationFiles(tempMigrations(files))).toThrow(message);
  });
});
