import { z } from "zod";

// Money in the register (R14: "amounts in USD and original currency"). Amounts stay decimal strings end to end; where
// the domain adds partial sums the database already made, it adds integer cents as BigInt, never floats.

export const MEASURES = ["budget", "committed", "disbursed"] as const;
export type Measure = (typeof MEASURES)[number];

export const DecimalStringSchema = z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal number such as 1250.50");

export const AmountSchema = z.object({ currency: z.string(), amount: DecimalStringSchema });
export type Amount = z.infer<typeof AmountSchema>;

export const MoneySchema = z
  .object({
    usd: DecimalStringSchema.describe("Sum in US dollars of every amount that could be converted (two decimals)"),
    byCurrency: z.array(AmountSchema).describe("The same amounts in their original currencies"),
    unconverted: z.array(AmountSchema).describe("Amounts in currencies without any exchange rate: not in `usd`, never guessed"),
    nearestYear: z.boolean().describe("Some amounts were converted with the rate of the nearest year that has one"),
    currenciesIncomplete: z
      .boolean()
      .describe("Withheld activities with amounts in several currencies count in `usd` only (their split by currency would single them out)"),
  })
  .describe("Money");
export type Money = z.infer<typeof MoneySchema>;

export const ZERO_MONEY: Money = { usd: "0.00", byCurrency: [], unconverted: [], nearestYear: false, currenciesIncomplete: false };

/** "1250.5" → 125050n. Amounts come from numeric(18, 2) columns: more than two decimals is a programming error. */
export function toCents(decimal: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2})0*)?$/.exec(decimal.trim());
  if (!m) throw new Error(`Not an amount with at most two decimals: ${decimal}`);
  const cents = BigInt(m[2] ?? "0") * 100n + BigInt((m[3] ?? "").padEnd(2, "0") || "0");
  return m[1] === "-" ? -cents : cents;
}

/** 125050n → "1250.50". */
export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** Adds up amounts of one measure; `withheld` parts of several currencies join the US dollar sum only. */
export class MoneyTotal {
  private usdCents = 0n;
  private readonly currencies = new Map<string, bigint>();
  private readonly unconvertedCents = new Map<string, bigint>();
  private nearest = false;
  private incomplete = false;

  /** Adds one unit's parts (one row per currency). */
  add(parts: readonly { currency: string; amount: string; usd: string | null; nearest: boolean }[], withheld: boolean): void {
    const split = !withheld || new Set(parts.map((p) => p.currency)).size <= 1;
    for (const p of parts) {
      if (p.nearest) this.nearest = true;
      if (p.usd !== null) this.usdCents += toCents(p.usd);
      if (!split) {
        // A withheld group with amounts in several currencies: its split by currency is not published, and the part
        // in a currency without a rate cannot be published at all.
        this.incomplete = true;
        continue;
      }
      const target = p.usd === null ? this.unconvertedCents : this.currencies;
      target.set(p.currency, (target.get(p.currency) ?? 0n) + toCents(p.amount));
    }
  }

  addMoney(m: Money): void {
    this.usdCents += toCents(m.usd);
    for (const a of m.byCurrency) this.currencies.set(a.currency, (this.currencies.get(a.currency) ?? 0n) + toCents(a.amount));
    for (const a of m.unconverted) this.unconvertedCents.set(a.currency, (this.unconvertedCents.get(a.currency) ?? 0n) + toCents(a.amount));
    this.nearest ||= m.nearestYear;
    this.incomplete ||= m.currenciesIncomplete;
  }

  result(): Money {
    const list = (m: Map<string, bigint>) =>
      [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, cents]) => ({ currency, amount: fromCents(cents) }));
    return {
      usd: fromCents(this.usdCents),
      byCurrency: list(this.currencies),
      unconverted: list(this.unconvertedCents),
      nearestYear: this.nearest,
      currenciesIncomplete: this.incomplete,
    };
  }
}

export function sumMoney(items: readonly Money[]): Money {
  const total = new MoneyTotal();
  for (const m of items) total.addMoney(m);
  return total.result();
}
