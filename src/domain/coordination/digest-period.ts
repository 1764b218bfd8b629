import { AppError } from "../core/app-error.js";

// The digest's period (R16: "scheduled digests to the State focal point (e.g. quarterly)"). Dates are whole days in
// UTC, both included.

export type DigestPeriod = { from: string; to: string };

/** Longest period one digest covers: a year (a leap year included). */
export const MAX_DIGEST_DAYS = 366;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The last full calendar quarter before `today`. */
export function lastQuarter(today: Date): DigestPeriod {
  const y = today.getUTCFullYear();
  const q = Math.floor(today.getUTCMonth() / 3); // this quarter, 0-based
  const startMonth = q === 0 ? 9 : (q - 1) * 3;
  const year = q === 0 ? y - 1 : y;
  const from = new Date(Date.UTC(year, startMonth, 1));
  const to = new Date(Date.UTC(year, startMonth + 3, 0));
  return { from: isoDay(from), to: isoDay(to) };
}

/** The period asked for, or the last quarter; refused with the field at fault when a date is wrong. */
export function resolveDigestPeriod(input: { from?: string | undefined; to?: string | undefined }, today = new Date()): DigestPeriod {
  if (!input.from && !input.to) return lastQuarter(today);
  const problems: { field: string; message: string }[] = [];
  const check = (field: "from" | "to", value: string | undefined) => {
    if (!value) problems.push({ field, message: "must be a date (YYYY-MM-DD)" });
    else if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || isoDay(new Date(`${value}T00:00:00Z`)) !== value)
      problems.push({ field, message: "must be a real date (YYYY-MM-DD)" });
  };
  check("from", input.from);
  check("to", input.to);
  const { from, to } = input as DigestPeriod;
  if (problems.length === 0 && from > to) problems.push({ field: "to", message: "must be on or after the start date" });
  if (problems.length === 0 && daysBetween(from, to) + 1 > MAX_DIGEST_DAYS)
    problems.push({ field: "to", message: `a digest covers at most ${MAX_DIGEST_DAYS} days` });
  if (problems.length > 0) throw new AppError("invalid_input", "The digest period is not valid", problems);
  return { from, to };
}

/** The instants the period spans: [from 00:00 UTC, the day after `to` 00:00 UTC). */
export function periodInstants(p: DigestPeriod): { start: Date; end: Date } {
  const end = new Date(`${p.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: new Date(`${p.from}T00:00:00Z`), end };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
