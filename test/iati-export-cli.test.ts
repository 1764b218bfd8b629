import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iatiValidator, validateXmlText } from "../src/imports/iati-schema.js";
import { openDatabase } from "../src/store/db.js";
import { testEngine } from "./db-harness.js";

// `passerelle export iati` and `export iati-org` as an operator runs them, on the demo data in a real data folder:
// the files are valid, the summary names what was left out and why, bad options exit non-zero and write nothing.
const BIN = path.resolve(import.meta.dirname, "../bin/passerelle.js");
const env = { ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent" };

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env, timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(testEngine === "postgres")("passerelle export", () => {
  let dataDir: string;
  let outDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-export-cli-"));
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-export-out-"));
    const seeded = run(["--data", dataDir, "--json", "seed", "--demo"]);
    expect(seeded.code, seeded.stderr).toBe(0);
    // A DAC sector and a description make the public demo activities publishable (Rulesets 6.2.2, 4.4.1),
    // whatever the demo holds today; the withheld ones stay out.
    const handle = await openDatabase({ dataDir });
    try {
      await sql`UPDATE activities SET dac_sectors = '{15160}' WHERE cardinality(dac_sectors) = 0`.execute(handle.db);
      await sql`UPDATE activities SET description = 'Demonstration activity.' WHERE btrim(description) = ''`.execute(handle.db);
    } finally {
      await handle.close();
    }
  });
  afterAll(() => {
    for (const dir of [dataDir, outDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes a valid IATI activity file of the demo data and reports what it left out, with --json", () => {
    const out = path.join(outDir, "activities.xml");
    const r = run(["--data", dataDir, "--json", "export", "iati", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { file: string; bytes: number; exported: number; excluded: { id: string; reason: string }[] };
    expect(report.file).toBe(out);
    expect(report.exported).toBeGreaterThan(0);
    expect(report.bytes).toBe(fs.statSync(out).size);
    expect(report.excluded.length).toBeGreaterThan(0);
    expect(report.excluded.every((x) => x.reason === "details withheld by the State")).toBe(true);
    expect(validateXmlText(iatiValidator("activities", "2.03"), fs.readFileSync(out, "utf8"))).toEqual([]);
    expect(fs.readdirSync(outDir).filter((f) => f.includes(".partial"))).toEqual([]);
  });

  it("filters by provider and country, and prints a human summary", () => {
    const out = path.join(outDir, "ohchr-sen.xml");
    const r = run(["--data", dataDir, "export", "iati", "--out", out, "--provider", "ohchr", "--country", "sen"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Exported \d+ activit(y|ies) to .*ohchr-sen\.xml \(/);
    const xml = fs.readFileSync(out, "utf8");
    expect(xml).toContain('<iati-activities version="2.03"');
    expect([...xml.matchAll(/<recipient-country code="([A-Z]{2})"/g)].every((m) => m[1] === "SN")).toBe(true);
    expect([...xml.matchAll(/<reporting-org ref="([^"]+)"/g)].every((m) => m[1] === "XM-DAC-41313")).toBe(true);
  });

  it("writes a provider's organisation file", () => {
    const out = path.join(outDir, "ohchr-org.xml");
    const r = run(["--data", dataDir, "--json", "export", "iati-org", "--provider", "ohchr", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: out, identifier: "XM-DAC-41313" });
    expect(validateXmlText(iatiValidator("organisations", "2.03"), fs.readFileSync(out, "utf8"))).toEqual([]);
  });

  it.each([
    [["export", "iati", "--out", "OUT", "--country", "XXX"], 2, /Unknown country "XXX"/],
    [["export", "iati", "--out", "/nonexistent-folder/x.xml"], 2, /folder \/nonexistent-folder does not exist/],
    [["export", "iati-org", "--provider", "nobody", "--out", "OUT"], 5, /No provider "nobody" is listed publicly/],
  ])("refuses %j with exit code %i, writing nothing", (args, code, message) => {
    const out = path.join(outDir, `refused-${code}.xml`);
    const r = run(["--data", dataDir, ...args.map((a) => (a === "OUT" ? out : a))]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });
});
