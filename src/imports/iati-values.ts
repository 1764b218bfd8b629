// Values as IATI 2.03 writes them (xsd:dateTime, xsd:date, xsd:decimal) turned into what Passerelle stores: UTC
// instants to the second, calendar dates, and money as exact cents (never floats), printed like numeric(18,2).

/** numeric(18,2): at most 16 digits before the decimal point. */
export const MAX_CENTS = 10n ** 18n;

/** xsd:dateTime → UTC with seconds and "Z" (a time with no zone is taken as UTC; fractions of a second dropped). */
export function utcSeconds(value: string | null): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const ms = Date.parse(`${m[1]}T${m[2]}${m[3] ?? "Z"}`);
  return Number.isNaN(ms) ? null : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** xsd:date (possibly with a zone) → YYYY-MM-DD, or null when it is not a real date. */
export function isoDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) && Number(m[1]) >= 1 ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** An xsd:decimal in cents, rounded half away from zero as PostgreSQL numeric(18,2) does; null if not a decimal. */
export function toCents(text: string): bigint | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const fraction = (m[3] ?? "").padEnd(3, "0");
  let cents = BigInt(m[2] || "0") * 100n + BigInt(fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) cents += 1n;
  return m[1] === "-" ? -cents : cents;
}

/** Cents as a decimal string with two decimals, the way numeric(18,2) prints it ("-12.50"). */
export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}
