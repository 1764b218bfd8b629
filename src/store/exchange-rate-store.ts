import { sql } from "kysely";
import type { ExchangeRateInput } from "../domain/transparency/exchange-rates.js";
import type { Tx } from "./audit-store.js";
import { chunks } from "./chunks.js";
import type { Db } from "./db.js";

// Yearly exchange rates (migration 0006). Two writers: the reference dataset derived from the FTS sample, which
// replaces only its own rows, and an administrator's import of official rates, which replaces the currency-years it
// names whatever their source (an official rate is never overwritten by the derived one afterwards).

export type ExchangeRateRow = { currency: string; year: number; unitsPerUsd: string; observations: number; source: string };

const values = (rates: readonly ExchangeRateInput[]) =>
  rates.map((r) => ({ currency: r.currency, year: r.year, units_per_usd: r.unitsPerUsd, observations: r.observations, source: r.source }));

/** The derived dataset's rows: its old rows go, its new ones come, rows of any other source stay as they are. */
export async function replaceRatesOfSource(
  trx: Tx,
  source: string,
  rates: readonly ExchangeRateInput[],
): Promise<{ written: number; keptFromOtherSources: number }> {
  await trx.deleteFrom("exchange_rates").where("source", "=", source).execute();
  let written = 0;
  for (const chunk of chunks(rates, 500)) {
    const r = await trx
      .insertInto("exchange_rates")
      .values(values(chunk))
      .onConflict((oc) => oc.columns(["currency", "year"]).doNothing())
      .executeTakeFirst();
    written += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return { written, keptFromOtherSources: rates.length - written };
}

/** An administrator's rates: each currency-year named is replaced. Returns how many existed before. */
export async function upsertRates(trx: Tx, rates: readonly ExchangeRateInput[]): Promise<{ replaced: number }> {
  let replaced = 0;
  for (const chunk of chunks(rates, 500)) {
    const existing = await trx
      .selectFrom("exchange_rates")
      .select(sql<number>`count(*)::int`.as("n"))
      .where(sql<boolean>`(currency, year) IN (${sql.join(chunk.map((r) => sql`(${r.currency}, ${r.year})`))})`)
      .executeTakeFirstOrThrow();
    replaced += existing.n;
    await trx
      .insertInto("exchange_rates")
      .values(values(chunk))
      .onConflict((oc) =>
        oc.columns(["currency", "year"]).doUpdateSet({
          units_per_usd: sql`excluded.units_per_usd`,
          observations: sql`excluded.observations`,
          source: sql`excluded.source`,
        }),
      )
      .execute();
  }
  return { replaced };
}

export async function listExchangeRateRows(db: Db, currencies?: readonly string[]): Promise<ExchangeRateRow[]> {
  let q = db.selectFrom("exchange_rates").select(["currency", "year", "units_per_usd", "observations", "source"]);
  if (currencies) {
    if (currencies.length === 0) return [];
    q = q.where("currency", "in", [...currencies]);
  }
  const rows = await q.orderBy("currency").orderBy("year").execute();
  return rows.map((r) => ({ currency: r.currency, year: r.year, unitsPerUsd: r.units_per_usd, observations: r.observations, source: r.source }));
}
