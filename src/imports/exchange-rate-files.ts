import type { RateObservation } from "../domain/transparency/exchange-rates.js";
import { type CsvRow, readCsvRows, rowError } from "./csv-read.js";

// Readers of exchange-rate files (no database access): the OCHA FTS incoming-funding sample shipped in resources/,
// whose flows each record their original currency and rate, and the simple CSV an administrator may import with
// official rates (`passerelle import rates FILE.csv`).

export const FTS_RATES_FILE = "iati/fts/hdx-fts-incoming-funding-sample.hxl.csv";

/**
 * One observation per FTS flow that records a rate: `originalCurrency`, `exchangeRate` (units of that currency per
 * US dollar) and the flow's `date`. Flows in US dollars (rate 1 by definition) and flows without a currency or a
 * rate are left out. A malformed value is an error with its line: the shipped file is expected to be clean.
 */
export function parseFtsRateObservations(text: string, file: string): RateObservation[] {
  const rows = readCsvRows(text, { file, requiredColumns: ["date", "originalCurrency", "exchangeRate"] });
  const observations: RateObservation[] = [];
  for (const { line, values } of rows) {
    const currency = (values.originalCurrency ?? "").trim();
    const rate = (values.exchangeRate ?? "").trim();
    if (currency === "" || rate === "" || currency === "USD") continue;
    if (!/^[A-Z]{3}$/.test(currency)) throw rowError(file, line, `originalCurrency "${currency}" is not a currency code`);
    if (!/^\d+(\.\d{1,8})?$/.test(rate) || !/[1-9]/.test(rate)) throw rowError(file, line, `exchangeRate "${rate}" is not a positive rate`);
    const year = Number((values.date ?? "").slice(0, 4));
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.date ?? "") || year < 1950) throw rowError(file, line, `date "${values.date ?? ""}" is not a date`);
    observations.push({ currency, year, unitsPerUsd: rate });
  }
  return observations;
}

export const RATE_FILE_COLUMNS = ["currency", "year", "units_per_usd", "source"] as const;

export type RateFileRow = { line: number; currency: string; year: string; unitsPerUsd: string; source: string };

/** The rows of an administrator's rate file (header: currency,year,units_per_usd,source), each with its line. */
export function parseRateFile(text: string, file: string): RateFileRow[] {
  return readCsvRows(text, { file, requiredColumns: RATE_FILE_COLUMNS }).map((r: CsvRow) => ({
    line: r.line,
    currency: (r.values.currency ?? "").trim(),
    year: (r.values.year ?? "").trim(),
    unitsPerUsd: (r.values.units_per_usd ?? "").trim(),
    source: (r.values.source ?? "").trim(),
  }));
}
