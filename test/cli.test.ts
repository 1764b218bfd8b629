import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/store/db.js";
import { testEngine } from "./db-harness.js";

// The CLI as an operator runs it: a real process on a real data folder. Embedded engine only (the lock
// and the folder are what is under test); the same commands run on a server through DATABASE_URL.
const BIN = path.resolve(import.meta.dirname, "../bin/passerelle.js");
const env = { ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent", PASSERELLE_SEED_DEMO: "no" };

function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", input: options.input ?? "", env: { ...env, ...options.env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(testEngine === "postgres")("passerelle CLI", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-cli-"));
    const seeded = run(["--data", dataDir, "--json", "seed", "--demo"]);
    expect(seeded.stderr).not.toMatch(/Error/);
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({
      demo: { status: "seeded", users: 14 },
      cooperation: { status: "seeded", requests: 2, offers: 3, activities: 2 },
      transparency: { status: "seeded", withheld: 3, imported: 96 },
      closures: { status: "seeded", releases: 3, rows: 76_860 + 25_545 + 157_176 },
      monitoring: { status: "seeded", mechanisms: 2, series: 2, values: 21 },
    });
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates a user with a role and a token for it", () => {
    const added = run(
      [
        "--data",
        dataDir,
        "--json",
        "user",
        "add",
        "--email",
        "ops@example.org",
        "--name",
        "Ops",
        "--org",
        "ohchr",
        "--role",
        "ohchr_officer",
        "--password-stdin",
      ],
      {
        input: "a long enough passphrase\n",
      },
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ email: "ops@example.org", organization: "ohchr", role: "ohchr_officer" });
    const token = run(["--data", dataDir, "--json", "token", "create", "--user", "ops@example.org", "--expires-days", "30"]);
    expect(token.code).toBe(0);
    expect(JSON.parse(token.stdout).token).toMatch(/^pat_/);
  });

  it.each([
    [["user", "add", "--email", "not-an-email", "--name", "X"], 2, /email: must be an e-mail address/],
    [
      ["user", "add", "--email", "x@example.org", "--name", "X", "--org", "sen-nhri", "--role", "state_focal_point"],
      7,
      /cannot be held in a nhri organization/,
    ],
    [["token", "create", "--user", "nobody@example.org"], 5, /No user has the e-mail nobody@example.org/],
    [["user", "add", "--email", "focal.senegal@demo.passerelle.example", "--name", "Dup"], 6, /already exists/],
  ])("maps domain errors to exit codes: %j", (args, code, message) => {
    const r = run(["--data", dataDir, ...args]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it("imports a UPR Info file idempotently, with --json counts, and refuses a bad file writing nothing", () => {
    const lines = gunzipSync(fs.readFileSync(path.resolve(import.meta.dirname, "../resources/upr-info/upr_recommendations_sessions01-17.csv.gz")))
      .toString("utf8")
      .split("\n");
    const good = path.join(dataDir, "first20.csv");
    // New ids: the demo seed already holds the shipped rows.
    fs.writeFileSync(good, `${lines.slice(0, 21).join("\n").replaceAll("UPRINFO-", "CLITEST-")}\n`);
    const first = run(["--data", dataDir, "--json", "import", "upr-info", good]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ imported: 20, updated: 0, unchanged: 0, errors: [] });
    expect(JSON.parse(run(["--data", dataDir, "--json", "import", "upr-info", good]).stdout)).toEqual({ imported: 0, updated: 0, unchanged: 20, errors: [] });
    const bad = path.join(dataDir, "bad.csv");
    fs.writeFileSync(bad, `${lines[0]}\n${(lines[1] as string).replace("Algeria", "Atlantis")}\n`);
    const refused = run(["--data", dataDir, "--json", "import", "upr-info", bad]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.problems).toEqual([expect.objectContaining({ field: "state_under_review", line: 2 })]);
    expect(run(["--data", dataDir, "import", "upr-info", path.join(dataDir, "missing.csv")]).code).toBe(5);
  });

  it("lists every configuration problem and exits 78", () => {
    const r = run(["--data", dataDir, "migrate"], { env: { PORT: "abc", DATABASE_URL: "mysql://x" } });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/DATABASE_URL/);
  });

  it("refuses a data folder another process holds, naming it", async () => {
    const holder = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(path.join(dataDir, "passerelle.lock"), JSON.stringify({ pid: holder.pid, purpose: "passerelle serve", since: "2026-01-01T00:00:00Z" }));
      const r = run(["--data", dataDir, "migrate"]);
      expect(r.code).toBe(9);
      expect(r.stderr).toContain(`in use by process ${holder.pid} (passerelle serve`);
    } finally {
      holder.kill();
      fs.rmSync(path.join(dataDir, "passerelle.lock"), { force: true });
    }
    // A lock left by a dead process is stale and taken over.
    fs.writeFileSync(path.join(dataDir, "passerelle.lock"), JSON.stringify({ pid: 999_999, purpose: "crashed" }));
    expect(run(["--data", dataDir, "migrate"]).code).toBe(0);
  });

  it("verifies the audit log and names the first altered row", async () => {
    const ok = run(["--data", dataDir, "--json", "audit", "verify"]);
    expect(ok.code).toBe(0);
    const { count } = JSON.parse(ok.stdout) as { count: number };
    expect(count).toBeGreaterThan(20);

    const handle = await openDatabase({ dataDir });
    try {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(handle.db);
      await sql`UPDATE audit_events SET actor_label = 'forged' WHERE seq = 7`.execute(handle.db);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`.execute(handle.db);
    } finally {
      await handle.close();
    }
    const broken = run(["--data", dataDir, "audit", "verify"]);
    expect(broken.code).toBe(7);
    expect(broken.stderr).toContain("broken at row 7");
  });
});
