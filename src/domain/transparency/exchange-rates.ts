import { z } from "zod";

// Yearly exchange rates to the US dollar (R14: amounts in USD beside the original currency). A rate is the number of
// units of a currency per US dollar, as OCHA FTS records it for each flow ("exchangeRate": EUR 0.824 means
// 1 USD = 0.824 EUR). The conversion rule, which the register pages state in words:
// - an amount converts with the rate of its currency for the year of its own date (a transaction: its transaction
//   date; a budget: the planned start, else the actual start, else the year it was recorded; an offer's budget: the
//   start of its availability, else the year it was published or recorded);
// - if that year has no rate, the nearest year that has one is used (the earlier of two equally near), and the figure
//   says so;
// - a currency with no rate at all is not converted: it is shown apart, in its own currency, never guessed.
// The store implements the rule in SQL (store/exchange-rate-sql.ts); amounts are rounded to the cent one by one.

export const EXCHANGE_RATE_SOURCE_FTS = "OCHA FTS incoming funding flows (sample): mean of the rates recorded per flow";

/** Decimal places kept for a rate (exchange_rates.units_per_usd is numeric(20, 8)). */
export const RATE_DECIMALS = 8;

export const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code of three capital letters, such as EUR");

export const RateSchema = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,8})?$/, "must be a positive decimal number with at most 8 decimals, such as 0.8934")
  .refine((v) => /[1-9]/.test(v), "must be greater than zero");

export const ExchangeRateInputSchema = z.object({
  currency: CurrencyCodeSchema.refine((c) => c !== "USD", "USD needs no rate: one US dollar is one US dollar"),
  year: z.coerce.number().int("must be a whole year").min(1950, "must be 1950 or later").max(2100, "must be 2100 or earlier"),
  unitsPerUsd: RateSchema,
  observations: z.number().int().min(1).default(1),
  source: z.string().trim().min(3, "must say where the rate comes from").max(500),
});
export type ExchangeRateInput = z.infer<typeof ExchangeRateInputSchema>;

export type RateObservation = { currency: string; year: number; unitsPerUsd: string };

const SCALE = 10n ** BigInt(RATE_DECIMALS);

function toScaled(rate: string): bigint {
  const [whole = "0", fraction = ""] = rate.split(".");
  if (fraction.length > RATE_DECIMALS) throw new Error(`A rate has more than ${RATE_DECIMALS} decimals: ${rate}`);
  return BigInt(whole) * SCALE + BigInt(fraction.padEnd(RATE_DECIMALS, "0"));
}

function fromScaled(v: bigint): string {
  const fraction = (v % SCALE).toString().padStart(RATE_DECIMALS, "0").replace(/0+$/, "");
  return fraction ? `${v / SCALE}.${fraction}` : `${v / SCALE}`;
}

/**
 * The mean rate per currency and year, rounded half up to 8 decimals, with the number of observations it rests on.
 * Exact (integer arithmetic): the same file always gives the same rates.
 */
export function meanRates(observations: readonly RateObservation[], source: string): ExchangeRateInput[] {
  const sums = new Map<string, { currency: string; year: number; total: bigint; n: number }>();
  for (const o of observations) {
    const key = `${o.currency}:${o.year}`;
    const s = sums.get(key) ?? { currency: o.currency, year: o.year, total: 0n, n: 0 };
    s.total += toScaled(o.unitsPerUsd);
    s.n += 1;
    sums.set(key, s);
  }
  return [...sums.values()]
    .sort((a, b) => a.currency.localeCompare(b.currency) || a.year - b.year)
    .map((s) => ({
      currency: s.currency,
      year: s.year,
      unitsPerUsd: fromScaled((s.total * 2n + BigInt(s.n)) / (2n * BigInt(s.n))),
      observations: s.n,
      source,
    }));
}
