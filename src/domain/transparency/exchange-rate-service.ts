import { listKnownTermCodes } from "../../store/activity-store.js";
import type { Db } from "../../store/db.js";
import { listExchangeRateRows, upsertRates } from "../../store/exchange-rate-store.js";
import { type Actor, runAudited } from "../audit/audit-service.js";
import { AppError, type FieldProblem } from "../core/app-error.js";
import { todayIso } from "../core/dates.js";
import { toProblems } from "../core/validate.js";
import { type ExchangeRateInput, ExchangeRateInputSchema } from "./exchange-rates.js";

// Exchange rates an administrator imports (`passerelle import rates FILE.csv`), e.g. the UN operational rates of
// exchange: every row checked first and reported with its line, then all written in one audited transaction or none.

export type RateRowInput = { line: number; currency: string; year: string; unitsPerUsd: string; source: string };
export type RateImportReport = { rates: number; currencies: string[]; replaced: number; dryRun: boolean };

const COLUMN_OF: Record<string, string> = { currency: "currency", year: "year", unitsPerUsd: "units_per_usd", source: "source" };

function validateRows(rows: readonly RateRowInput[], knownCurrencies: ReadonlySet<string>): { rates: ExchangeRateInput[]; problems: FieldProblem[] } {
  const rates: ExchangeRateInput[] = [];
  const problems: FieldProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const parsed = ExchangeRateInputSchema.safeParse({ ...row, year: row.year === "" ? undefined : row.year });
    if (!parsed.success) {
      for (const p of toProblems(parsed.error)) problems.push({ field: COLUMN_OF[p.field] ?? p.field, message: p.message, line: row.line });
      continue;
    }
    const rate = parsed.data;
    if (!knownCurrencies.has(rate.currency))
      problems.push({ field: "currency", message: `${rate.currency} is not in the IATI Currency codelist (ISO 4217)`, line: row.line });
    const key = `${rate.currency}:${rate.year}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) problems.push({ field: "year", message: `${rate.currency} ${rate.year} is already given on line ${earlier}`, line: row.line });
    else firstLine.set(key, row.line);
    rates.push(rate);
  }
  return { rates, problems };
}

/** Imports rates, replacing the currency-years they name. All or nothing; problems name their line and column. */
export async function importExchangeRates(
  db: Db,
  actor: Actor,
  rows: readonly RateRowInput[],
  options: { fileName: string; dryRun?: boolean },
): Promise<RateImportReport> {
  if (rows.length === 0) throw new AppError("invalid_input", `${options.fileName}: no rates in the file`, [{ field: options.fileName, message: "no rows" }]);
  const codes = [...new Set(rows.map((r) => r.currency).filter((c) => /^[A-Z]{3}$/.test(c)))];
  const known = await listKnownTermCodes(db, "iati:Currency", codes, todayIso());
  const { rates, problems } = validateRows(rows, known);
  if (problems.length > 0) {
    const first = problems[0] as FieldProblem;
    throw new AppError(
      "invalid_input",
      `${options.fileName}: ${problems.length} problem(s), the first on line ${first.line}: ${first.field} ${first.message}; nothing was written`,
      problems,
    );
  }
  const currencies = [...new Set(rates.map((r) => r.currency))].sort();
  if (options.dryRun) return { rates: rates.length, currencies, replaced: 0, dryRun: true };
  return runAudited(db, actor, async (w) => {
    const { replaced } = await upsertRates(w.trx, rates);
    await w.audit({
      action: "exchange_rates.import",
      entityType: "exchange_rates",
      entityId: options.fileName,
      details: { rates: rates.length, replaced, currencies, years: [...new Set(rates.map((r) => r.year))].sort() },
    });
    return { rates: rates.length, currencies, replaced, dryRun: false };
  });
}

export type ExchangeRate = { currency: string; year: number; unitsPerUsd: string; observations: number; source: string };

/** The rates known for some currencies (all when none given), by currency and year: the register's conversion notes. */
export async function listExchangeRates(db: Db, currencies?: readonly string[]): Promise<ExchangeRate[]> {
  return (await listExchangeRateRows(db, currencies)).map((r) => ({
    currency: r.currency,
    year: r.year,
    unitsPerUsd: r.unitsPerUsd,
    observations: r.observations,
    source: r.source,
  }));
}
