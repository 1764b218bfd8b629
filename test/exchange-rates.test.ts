import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importExchangeRates, listExchangeRates } from "../src/domain/transparency/exchange-rate-service.js";
import { EXCHANGE_RATE_SOURCE_FTS, meanRates } from "../src/domain/transparency/exchange-rates.js";
import { loadReferenceData } from "../src/domain/reference/reference-service.js";
import { parseFtsRateObservations, parseRateFile } from "../src/imports/exchange-rate-files.js";
import { DEFAULT_RESOURCES_DIR } from "../src/imports/resources-path.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb, testEngine } from "./db-harness.js";
import { TEST_ACTOR } from "./factories.js";

// Exchange rates (R14 "amounts in USD and original currency"): the FTS-derived reference dataset, and the official
// rates an administrator imports with `passerelle import rates FILE.csv` (checked row by row, all or nothing, audited).

describe("the FTS sample as yearly mean rates", () => {
  it("takes one observation per flow with a rate, leaves out US dollars and flows without a currency", () => {
    const text = [
      "date,originalCurrency,exchangeRate,amountUSD",
      "2020-03-01,EUR,0.9,100",
      "2020-09-01,EUR,0.8,100",
      "2021-01-01,EUR,0.824,100",
      "2020-04-15,USD,1,14233",
      "2020-05-01,,,472500",
    ].join("\n");
    const observations = parseFtsRateObservations(text, "fts.csv");
    expect(observations).toEqual([
      { currency: "EUR", year: 2020, unitsPerUsd: "0.9" },
      { currency: "EUR", year: 2020, unitsPerUsd: "0.8" },
      { currency: "EUR", year: 2021, unitsPerUsd: "0.824" },
    ]);
    expect(meanRates(observations, "s")).toEqual([
      { currency: "EUR", year: 2020, unitsPerUsd: "0.85", observations: 2, source: "s" },
      { currency: "EUR", year: 2021, unitsPerUsd: "0.824", observations: 1, source: "s" },
    ]);
  });

  it("rounds the mean half up to 8 decimals, exactly", () => {
    const three = ["1", "1", "2"].map((r) => ({ currency: "CHF", year: 2020, unitsPerUsd: r }));
    expect(meanRates(three, "s")[0]?.unitsPerUsd).toBe("1.33333333");
    const half = ["0.00000001", "0.00000002"].map((r) => ({ currency: "CHF", year: 2020, unitsPerUsd: r }));
    expect(meanRates(half, "s")[0]?.unitsPerUsd).toBe("0.00000002");
  });

  it("names the line of a malformed rate", () => {
    expect(() => parseFtsRateObservations("date,originalCurrency,exchangeRate\n2020-01-01,EUR,abc\n", "fts.csv")).toThrow(
      /fts\.csv: line 2: exchangeRate "abc"/,
    );
  });
});

describe("importing official rates", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h?.close());

  const row = (line: number, currency: string, year: string, unitsPerUsd: string, source = "UN operational rates of exchange, January (test)") => ({
    line,
    currency,
    year,
    unitsPerUsd,
    source,
  });

  it.each([
    ["an unknown currency", [row(2, "ZZZ", "2024", "1.5")], { line: 2, field: "currency", message: "ZZZ is not in the IATI Currency codelist (ISO 4217)" }],
    ["a lower-case code", [row(2, "eur", "2024", "0.9")], { line: 2, field: "currency" }],
    ["USD itself", [row(2, "USD", "2024", "1")], { line: 2, field: "currency", message: "USD needs no rate: one US dollar is one US dollar" }],
    ["a year out of range", [row(2, "EUR", "1900", "0.9")], { line: 2, field: "year", message: "must be 1950 or later" }],
    ["a rate of zero", [row(2, "EUR", "2024", "0")], { line: 2, field: "units_per_usd", message: "must be greater than zero" }],
    ["a negative rate", [row(3, "EUR", "2024", "-0.9")], { line: 3, field: "units_per_usd" }],
    ["no source", [row(2, "EUR", "2024", "0.9", "")], { line: 2, field: "source" }],
    [
      "the same currency-year twice",
      [row(2, "EUR", "2024", "0.9"), row(3, "EUR", "2024", "0.91")],
      { line: 3, field: "year", message: "EUR 2024 is already given on line 2" },
    ],
  ])("refuses %s, naming line and column, and writes nothing", async (_name, rows, problem) => {
    const before = await listExchangeRates(h.db);
    const error = await importExchangeRates(h.db, TEST_ACTOR, rows, { fileName: "rates.csv" }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/^rates\.csv: \d+ problem\(s\), the first on line \d+.*nothing was written$/),
    });
    expect((error as { problems: unknown[] }).problems).toContainEqual(expect.objectContaining(problem));
    expect(await listExchangeRates(h.db)).toEqual(before);
  });

  it("replaces the currency-years it names, audited; a later reload of the FTS dataset keeps them", async () => {
    const report = await importExchangeRates(h.db, TEST_ACTOR, [row(2, "EUR", "2020", "0.9"), row(3, "EUR", "2024", "0.92")], { fileName: "rates.csv" });
    expect(report).toEqual({ rates: 2, currencies: ["EUR"], replaced: 1, dryRun: false });
    const eur = (await listExchangeRates(h.db, ["EUR"])).filter((r) => r.year >= 2020);
    expect(eur.map((r) => [r.year, r.unitsPerUsd, r.source === EXCHANGE_RATE_SOURCE_FTS])).toEqual([
      [2020, "0.90000000", false],
      [2021, "0.82400000", true],
      [2024, "0.92000000", false],
    ]);
    const audit = await h.db.selectFrom("audit_events").select(["details"]).where("action", "=", "exchange_rates.import").execute();
    expect(audit.at(-1)?.details).toMatchObject({ rates: 2, replaced: 1, currencies: ["EUR"], years: [2020, 2024] });
    // A new version of the FTS dataset (forced here by clearing its hash) reloads its own rows only.
    await h.db
      .updateTable("reference_datasets")
      .set({ content_sha256: "0".repeat(64) })
      .where("id", "=", "exchange-rates")
      .execute();
    const reload = await loadReferenceData(h.db, { resourcesDir: DEFAULT_RESOURCES_DIR });
    expect(reload.datasets.find((d) => d.id === "exchange-rates")).toMatchObject({ status: "loaded", counts: { keptFromOtherSources: 1 } });
    expect((await listExchangeRates(h.db, ["EUR"])).find((r) => r.year === 2020)?.unitsPerUsd).toBe("0.90000000");
  });

  it("reads the administrator's CSV with its lines", () => {
    expect(parseRateFile("currency,year,units_per_usd,source\nEUR,2024,0.92,UN ORE\n", "r.csv")).toEqual([
      { line: 2, currency: "EUR", year: "2024", unitsPerUsd: "0.92", source: "UN ORE" },
    ]);
    expect(() => parseRateFile("currency,year,rate\nEUR,2024,0.9\n", "r.csv")).toThrow(/missing column\(s\) units_per_usd, source/);
  });
});

// The command as an administrator runs it, on a real data folder (embedded engine: the folder is what is under test).
describe.skipIf(testEngine === "postgres")("passerelle import rates", () => {
  const BIN = path.resolve(import.meta.dirname, "../bin/passerelle.js");
  const env = { ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent", PASSERELLE_SEED_DEMO: "no" };
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env, timeout: 180_000 });
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-rates-"));
    expect(run(["--data", path.join(dir, "data"), "seed"]).status).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("imports a valid file, and refuses a bad one with its line numbers and exit code 2", () => {
    const good = path.join(dir, "rates.csv");
    fs.writeFileSync(
      good,
      "currency,year,units_per_usd,source\nXOF,2024,605.5,UN operational rates of exchange (test)\nEUR,2024,0.92,UN operational rates of exchange (test)\n",
    );
    const ok = run(["--data", path.join(dir, "data"), "--json", "import", "rates", good]);
    expect(ok.stderr).not.toMatch(/Error/);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ rates: 2, currencies: ["EUR", "XOF"], replaced: 0, dryRun: false });
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "currency,year,units_per_usd,source\nXOF,2024,605.5,ok source\nXOF,1800,1,ok source\nQQQ,2024,1,ok source\n");
    const refused = run(["--data", path.join(dir, "data"), "import", "rates", bad]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("bad.csv: 2 problem(s), the first on line 3");
    expect(refused.stderr).toMatch(/line 4/);
  });
});
