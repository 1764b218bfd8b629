import { type RawBuilder, sql } from "kysely";

// The conversion rule of domain/transparency/exchange-rates.ts in SQL, for any query that shows US dollars:
// the rate of the amount's currency for its year, else of the nearest year that has one (the earlier of two equally
// near), none for a currency without any rate. Each amount is rounded to the cent on its own, so that sums of
// converted amounts add up exactly across a table's cells and its total.

/**
 * A CTE body giving, for every distinct (currency, year) of `pairs` (a query with columns currency, year), the rate
 * to use and the year it belongs to: `SELECT currency, year, units_per_usd, rate_year`. Rates are looked up once per
 * pair rather than once per amount.
 */
export function ratesFor(pairs: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    SELECT p.currency, p.year, r.units_per_usd, r.year AS rate_year
      FROM (SELECT DISTINCT currency, year FROM (${pairs}) AS q WHERE currency <> 'USD') AS p
      LEFT JOIN LATERAL (
        SELECT er.units_per_usd, er.year FROM exchange_rates er
         WHERE er.currency = p.currency
         ORDER BY abs(er.year - p.year), er.year
         LIMIT 1) AS r ON true`;
}

/** The amount in US dollars (two decimals), or NULL when its currency has no rate at all. `rate` is a ratesFor row. */
export function usdOf(amount: RawBuilder<unknown>, currency: RawBuilder<unknown>, rate: string): RawBuilder<string | null> {
  const r = sql.ref(`${rate}.units_per_usd`);
  return sql<string | null>`(CASE WHEN ${currency} = 'USD' THEN ${amount} WHEN ${r} IS NULL THEN NULL ELSE round(${amount} / ${r}, 2) END)`;
}

/** True when the amount was converted with another year's rate. */
export function nearestYearOf(year: RawBuilder<unknown>, rate: string): RawBuilder<boolean> {
  const ry = sql.ref(`${rate}.rate_year`);
  return sql<boolean>`(${ry} IS NOT NULL AND ${ry} <> ${year})`;
}
