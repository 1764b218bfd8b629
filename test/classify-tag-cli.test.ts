import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/store/db.js";
import { testEngine } from "./db-harness.js";

// `passerelle classify tag` as an operator runs it: a real process on a real data folder with the OHCHR thematic list
// of Slovenia (UPR 34) imported. Embedded engine only, like test/cli.test.ts.
const BIN = path.resolve(import.meta.dirname, "../bin/passerelle.js");
const LIST = path.resolve(import.meta.dirname, "../resources/uhri-slovenia/UPR34_Slovenia_Thematic_list_of_Recommendations.docx");
const env = { ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent", PASSERELLE_SEED_DEMO: "no" };

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env, timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(testEngine === "postgres")("passerelle classify tag", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-classify-"));
    expect(run(["--data", dataDir, "seed"]).code).toBe(0);
    const imported = run(["--data", dataDir, "--json", "import", "uhri", LIST]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).imported).toBeGreaterThan(100);
  }, 240_000);
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores suggestions for the imported list, then a re-run with --all changes nothing", async () => {
    const first = run(["--data", dataDir, "--json", "classify", "tag", "--source", "uhri", "--state", "svn"]);
    expect(first.stderr).not.toMatch(/Error/);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ model: { name: "passerelle-upr-issues" }, skipped: 0 });
    expect(report.tagged).toBe(report.total);
    expect(report.suggestions).toBeGreaterThan(report.total);

    const again = JSON.parse(run(["--data", dataDir, "--json", "classify", "tag", "--all"]).stdout);
    expect(again).toMatchObject({ total: report.total, tagged: report.total, suggestions: 0, replaced: 0 });
    // Without --all only recommendations with nothing stored are tagged: none is left.
    expect(JSON.parse(run(["--data", dataDir, "--json", "classify", "tag"]).stdout)).toMatchObject({ total: 0, suggestions: 0 });

    const handle = await openDatabase({ dataDir });
    try {
      const rows = await handle.db.selectFrom("tag_suggestions").select(["status", "origin"]).execute();
      expect(rows).toHaveLength(report.suggestions);
      expect(rows.every((r) => r.status === "suggested" && r.origin === "model")).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it("prints a human summary with the rate and where the suggestions wait", () => {
    const r = run(["--data", dataDir, "classify", "tag", "--all", "--session", "34"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Tagged \d+ of \d+ recommendation\(s\) in [\d.]+ s \(\d+\/s\): 0 new suggestion\(s\), 0 replaced/m);
  });

  it("refuses bad options with the field and exit code 2, and a missing model file with how to rebuild (exit 9)", () => {
    const badState = run(["--data", dataDir, "--json", "classify", "tag", "--state", "Slovenia"]);
    expect(badState.code).toBe(2);
    expect(JSON.parse(badState.stdout).error.problems[0].field).toBe("state");
    const badSession = run(["--data", dataDir, "classify", "tag", "--session", "x"]);
    expect(badSession.code).toBe(2);
    expect(badSession.stderr).toMatch(/--session must be a UPR Working Group session number/);
    const badSource = run(["--data", dataDir, "classify", "tag", "--source", "ohchr"]);
    expect(badSource.code).not.toBe(0);
    expect(badSource.stderr).toMatch(/upr-info, uhri/);
    const missing = run(["--data", dataDir, "classify", "tag", "--model", path.join(dataDir, "no-such-model.bin.br")]);
    expect(missing.code).toBe(9);
    expect(missing.stderr).toMatch(/classify train/);
  });
});
