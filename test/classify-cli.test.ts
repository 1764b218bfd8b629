import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { loadTagModel } from "../src/imports/tag-model-file.js";

// `passerelle classify train | eval | suggest` as an operator runs them: real processes, real files. They need no
// database, so they run the same whatever TEST_DATABASE_URL says.
const BIN = path.resolve(import.meta.dirname, "../bin/passerelle.js");
const RESOURCE = path.resolve(import.meta.dirname, "../resources/upr-info/upr_recommendations_sessions01-17.csv.gz");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-classify-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const allLines = gunzipSync(fs.readFileSync(RESOURCE)).toString("utf8").split("\n");
const header = allLines[0] as string;
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

describe("classify eval", () => {
  it("prints exactly one JSON object with n, micro and macro F1 and the per-label table", () => {
    const r = run(["classify", "eval", "--input", RESOURCE, "--json"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as {
      n: number;
      microF1: number;
      macroF1: number;
      perLabel: Record<string, { f1: number; support: number }>;
    };
    expect(result.n).toBe(33_082);
    for (const v of [result.microF1, result.macroF1]) expect(v > 0.5 && v <= 1).toBe(true);
    expect(Object.keys(result.perLabel)).toHaveLength(54);
    expect(result.perLabel["Technical assistance and cooperation"]?.support).toBe(911);
    expect(result.perLabel["Freedom of movement"]?.support).toBe(97);
  });

  it("prints a human summary and a per-label table without --json", () => {
    const sample = [header, ...allLines.slice(1, 201)].join("\n");
    const r = run(["classify", "eval", "--input", write("sample.csv", sample)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^200 recommendations$/m);
    expect(r.stdout).toMatch(/^micro {2}precision \d+\.\d% {2}recall \d+\.\d% {2}F1 \d+\.\d%$/m);
    expect(r.stdout).toMatch(/^label +support {2}precision {2}recall {5}F1$/m);
  });

  it("reads labels typed differently (case, curly apostrophe, semicolons) as the model's own", () => {
    const file = write(
      "typed.csv",
      'recommendation,issues\n"Adopt a law on gender equality and combat violence against women",Women’s rights\n"Ratify the Convention on the Rights of the Child",international instruments; rights of the child\n',
    );
    const r = run(["classify", "eval", "--json", "--input", file]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { n: number; unknownLabels: string[]; perLabel: Record<string, { support: number }> };
    expect(result.n).toBe(2);
    expect(result.unknownLabels).toEqual([]);
    expect(result.perLabel["Women's rights"]?.support).toBe(1);
    expect(result.perLabel["Rights of the Child"]?.support).toBe(1);
  });

  it.each([
    ["a file without the issues column", "id,session,recommendation\n1,1,Ratify the CRC\n", /issues/],
    ["a file without the recommendation column", "id,session,text,issues\n1,1,Ratify the CRC,International instruments\n", /recommendation/],
    ["an empty file", "", /empty|header/i],
  ])("refuses %s with exit code 2, naming what is missing", (_, content, message) => {
    const r = run(["classify", "eval", "--json", "--input", write("bad.csv", content)]);
    expect(r.code).toBe(2);
    const error = (JSON.parse(r.stdout) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(message);
  });

  it("refuses a missing or outdated model with exit code 9 and how to rebuild it", () => {
    const missing = run(["classify", "eval", "--input", RESOURCE, "--model", path.join(dir, "none.bin.br")]);
    expect(missing.code).toBe(9);
    expect(missing.stderr).toMatch(/does not exist.*passerelle classify train/);
    const notAModel = run(["classify", "suggest", "--text", "Ratify the CRC", "--model", write("junk.bin.br", "junk")]);
    expect(notAModel.code).toBe(9);
    expect(notAModel.stderr).toMatch(/passerelle classify train/);
  });
});

describe("classify suggest", () => {
  it("suggests labels, UHRI themes and SDG goals with confidence", () => {
    const r = run(["classify", "suggest", "--json", "--text", "Abolish the death penalty and ratify the Second Optional Protocol to the ICCPR"]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as {
      labels: { label: string; confidence: number; selected: boolean }[];
      themes: { code: string }[];
      model: { name: string };
    };
    expect(s.labels.filter((l) => l.selected).map((l) => l.label)).toEqual(expect.arrayContaining(["Death penalty", "International instruments"]));
    expect(s.themes.map((t) => t.code)).toContain("D2");
    expect(s.model.name).toBe("passerelle-upr-issues");
  });

  it.each([
    ["", /empty/],
    ["Abolir la peine de mort et ratifier le deuxième protocole facultatif", /French.*English only/],
    ["الغاء عقوبة الإعدام", /Arabic/],
  ])("refuses %j with exit code 2 and says why", (text, message) => {
    const r = run(["classify", "suggest", "--text", text]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("classify train", () => {
  it("trains on held-out sessions, writes a model that loads, and gives the same model twice", () => {
    // Six sessions of real rows: enough for the protocol (train, tune, test), quick to train.
    const bySession = new Map<string, string[]>();
    for (const line of allLines.slice(1)) {
      const session = line.split(",")[2];
      if (!session || !/^[1-6]$/.test(session)) continue;
      const rows = bySession.get(session) ?? [];
      if (rows.length < 120) rows.push(line);
      bySession.set(session, rows);
    }
    const input = write("six-sessions.csv", [header, ...[...bySession.values()].flat()].join("\n"));
    const outA = path.join(dir, "a.bin.br");
    const r = run(["--json", "classify", "train", "--input", input, "--out", outA]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { version: string; evaluation: { n: number; testSessions: string; protocol: string; sdg: { n: number } } };
    expect(result.evaluation).toMatchObject({ n: 240, testSessions: "5–6", sdg: { n: 215 } });
    expect(result.evaluation.protocol).toMatch(/^Measured on sessions 5–6/);
    const model = loadTagModel(outA);
    expect(model.trainingRows).toBe(720);
    const outB = path.join(dir, "b.bin.br");
    expect(run(["classify", "train", "--input", input, "--out", outB]).code).toBe(0);
    expect([...loadTagModel(outB).weights]).toEqual([...model.weights]);
  });

  it("refuses a file with too few sessions, and a bad --c", () => {
    const input = write("two.csv", [header, ...allLines.slice(1, 50)].join("\n"));
    const few = run(["classify", "train", "--input", input, "--out", path.join(dir, "x.bin.br")]);
    expect(few.code).toBe(2);
    expect(few.stderr).toMatch(/at least 5 distinct sessions/);
    expect(run(["classify", "train", "--c", "-1", "--out", path.join(dir, "y.bin.br")]).code).toBe(2);
    expect(fs.existsSync(path.join(dir, "x.bin.br"))).toBe(false);
  });
});
