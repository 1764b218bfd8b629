import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine } from "./db-harness.js";

const EXAMPLES = path.resolve(import.meta.dirname, "../resources/iati/examples");
const UNDP = path.join(EXAMPLES, "undp_covid19_activities_100.xml.gz");

// The command as an operator runs it (embedded engine: a real process on a real data folder, as test/cli.test.ts).
describe.skipIf(testEngine === "postgres")("passerelle import iati", () => {
  const BIN = path.resolve(import.meta.dirname, "../bin/passerelle.js");
  const env = { ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent", PASSERELLE_SEED_DEMO: "no" };
  let dataDir: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, "--data", dataDir, ...args], { encoding: "utf8", env, timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-iati-cli-"));
    expect(run("seed").code).toBe(0);
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("imports, lists what it skipped with lines and reasons, and changes nothing the second time", () => {
    const first = run("import", "iati", UNDP);
    expect(first.code).toBe(0);
    expect(first.stdout.split("\n").slice(0, 6)).toEqual([
      "undp_covid19_activities_100.xml.gz (IATI 2.03): Created 96, updated 0, unchanged 0, skipped 4.",
      "Skipped:",
      "  line 2113 XM-DAC-41114-PROJECT-00126947: the activity is for regions only (no recipient-country): Passerelle records one recipient State per activity",
      "  line 3785 XM-DAC-41114-PROJECT-00126835: the activity is for regions only (no recipient-country): Passerelle records one recipient State per activity",
      "  line 3835 XM-DAC-41114-PROJECT-00126834: the activity is for regions only (no recipient-country): Passerelle records one recipient State per activity",
      '  line 5161 XM-DAC-41114-PROJECT-00126779: line 5207: recipient-country "XK" is not a State Passerelle knows (UN M49 countries and areas, by ISO 3166-1 code)',
    ]);
    const again = run("--json", "import", "iati", UNDP);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ version: "2.03", created: 0, updated: 0, unchanged: 96, skipped: 4, dryRun: false });
  });

  it("exits 2 on a refused file, naming the problem and its line, and 5 on a missing one", () => {
    const legacy = run("import", "iati", path.join(EXAMPLES, "legacy-1.x", "test-data_activities_worldbank.xml"));
    expect(legacy.code).toBe(2);
    expect(legacy.stderr).toContain(
      'Error: IATI 1.x files are not supported: convert the file to 2.03 (the root element has version="1.0", line 2; Passerelle reads IATI 2.01, 2.02 and 2.03)',
    );
    expect(legacy.stderr).toContain("  - file (line 2): IATI 1.x");
    const json = run("--json", "import", "iati", path.join(EXAMPLES, "legacy-1.x", "samples_worked-example.xml"));
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: "invalid_input", problems: [{ field: "file", message: "IATI 1.x", line: 3 }] });
    expect(run("import", "iati", path.join(dataDir, "missing.xml")).code).toBe(5);
  });
});
