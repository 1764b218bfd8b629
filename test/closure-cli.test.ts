import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closureFixture } from "./closure-fixtures.js";
import { testEngine } from "./db-harness.js";

// `passerelle import closures` as an operator runs it: exit codes, the printed report, --json, idempotence.
const BIN = path.resolve(import.meta.dirname, "../bin/passerelle.js");
const env = { ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent", PASSERELLE_SEED_DEMO: "no" };
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe.skipIf(testEngine === "postgres")("passerelle import closures", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-closures-cli-"));
    expect(run(["--data", dataDir, "seed"]).code).toBe(0);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("refuses a file with unknown codes (exit 2, nothing written), imports it with --skip-unknown-countries, then finds it", () => {
    const file = closureFixture("oxcgrt-good.csv");
    const refused = run(["--data", dataDir, "import", "closures", file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("country_code (line 9): RKS is not a country code Passerelle knows (M49 list): 2 row(s), lines 9–10");

    const imported = run(["--data", dataDir, "--json", "import", "closures", file, "--skip-unknown-countries"]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ file: "oxcgrt-good.csv", status: "imported", releaseId: 1, format: "oxcgrt_c1", rowsStored: 4 });

    const again = run(["--data", dataDir, "import", "closures", file, "--skip-unknown-countries"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("oxcgrt-good.csv: already imported as release 1; nothing written.");
    expect(again.stdout).toContain("Rows:     10 read, 4 stored, 6 skipped");
    expect(again.stdout).toContain("line 7: COM: 2 row(s) with no C1 value (no data), lines 7–8; skipped");
  });

  it("needs --publisher for the national template", () => {
    const refused = run(["--data", dataDir, "import", "closures", closureFixture("national-good.csv"), "--dry-run"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("publisher: is required for the national template");
    const dry = run([
      "--data",
      dataDir,
      "import",
      "closures",
      closureFixture("national-good.csv"),
      "--dry-run",
      "--publisher",
      "Ministère de l'Éducation nationale",
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("national-good.csv: dry run — nothing written. Would store 5 row(s).");
  });
});
