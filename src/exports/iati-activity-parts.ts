import { AGE_BANDS, DISABILITY_STATUSES, LOCATIONS, SEXES } from "../domain/activities/activity-codes.js";
import type {
  IatiActivity,
  IatiBudget,
  IatiDocument,
  IatiIndicator,
  IatiIndicatorValue,
  IatiOrgRef,
  IatiParticipant,
  IatiResult,
  IatiTransaction,
} from "../domain/transparency/iati-activity.js";

// What an IATI activity file derives from an IatiActivity beyond copying fields (docs/iati.md): budget periods,
// sector percentages, document formats, indicator periods, and the content orders of repeated elements. Pure
// functions, shared by the XML writer (iati-activity-xml.ts) and the Rulesets checks (domain/transparency/iati-rules.ts).

// ---- Budgets (IATI 2.03 budget; Rulesets 7.5.3: a budget period is at most one year) ----

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
/** Days since 1970-01-01 → YYYY-MM-DD, by arithmetic (H. Hinnant's civil_from_days): called for every date written. */
function fromDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}
/** The same day `years` later; 29 February rolls to 1 March in a year without one. */
const addYears = (iso: string, years: number) => Date.UTC(Number(iso.slice(0, 4)) + years, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

/** A period of at most one year: it ends before the anniversary of its start (Rulesets 7.5.3). */
export function isAtMostOneYear(start: string, end: string): boolean {
  return toDay(end) < addYears(start, 1);
}

export type BudgetPeriod = { start: string; end: string; amount: string };

const CENTS = /^(\d+)(?:\.(\d{1,2}))?$/;

/** A non-negative decimal amount with at most two decimals as integer cents (never through a float). */
export function toCents(amount: string): bigint {
  const m = CENTS.exec(amount.trim());
  if (!m) throw new Error(`Not an amount with at most two decimals: ${amount}`);
  return BigInt(m[1] as string) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}

export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/**
 * Spreads `amount` from `start` to `end` (inclusive) over periods of at most one year: each runs from an
 * anniversary of the start to the day before the next one, the last to `end`. Each period gets the share of its
 * days, in whole cents rounded down, and the last one the remainder, so the periods add up to the amount exactly.
 * Empty when the end is before the start.
 */
export function splitBudget(amount: string, start: string, end: string): BudgetPeriod[] {
  const first = toDay(start);
  const last = toDay(end);
  if (!(last >= first)) return [];
  const spans: { from: number; to: number }[] = [];
  for (let k = 0, from = first; from <= last; k++) {
    const next = addYears(start, k + 1);
    spans.push({ from, to: Math.min(next - 1, last) });
    from = next;
  }
  const total = toCents(amount);
  const days = BigInt(last - first + 1);
  let given = 0n;
  return spans.map((s, i) => {
    const cents = i === spans.length - 1 ? total - given : (total * BigInt(s.to - s.from + 1)) / days;
    given += cents;
    return { start: fromDay(s.from), end: fromDay(s.to), amount: fromCents(cents) };
  });
}

/** The budgets an activity is published with (docs/iati.md): original (1), indicative (1), in the default currency. */
export function iatiBudgets(a: IatiActivity): IatiBudget[] {
  const start = a.plannedStart ?? a.actualStart;
  const end = a.plannedEnd ?? a.actualEnd;
  if (a.budgetAmount === null || !start || !end) return [];
  return splitBudget(a.budgetAmount, start, end).map((p) => ({
    type: 1,
    status: 1,
    periodStart: p.start,
    periodEnd: p.end,
    valueDate: p.start,
    amount: p.amount,
    currency: a.defaultCurrency,
  }));
}

// ---- Sectors (Rulesets 2.1.2: percentages within a vocabulary sum to 100) ----

/** `count` equal percentages to two decimals, the remainder on the last: 3 → 33.33, 33.33, 33.34. */
export function sectorPercentages(count: number): string[] {
  if (count <= 0) return [];
  const each = Math.floor(10_000 / count);
  return Array.from({ length: count }, (_, i) => formatHundredths(i === count - 1 ? 10_000 - each * (count - 1) : each));
}

function formatHundredths(h: number): string {
  const whole = Math.floor(h / 100);
  const rest = h % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}

/** Distinct values in their first order (a code is published once). */
export const distinct = (codes: readonly string[]): string[] => [...new Set(codes)];

// ---- Documents ----

const FORMATS: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** IATI FileFormat (an IANA media type) from the extension of the URL's path; a web page otherwise. */
export function documentFormat(url: string): string {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return "text/html";
  }
  const ext = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase() ?? "";
  return FORMATS[ext] ?? "text/html";
}

/** Code-unit order, the same on every machine (no locale). */
const byText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0);
const byNumber = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a - b);
const byAmount = (a: string, b: string) => {
  const x = toCents(a);
  const y = toCents(b);
  return x === y ? 0 : x < y ? -1 : 1;
};

// ---- Results: periods with the target and one actual per value ----

export type IndicatorPeriod = { start: string; end: string; target: string | null; actuals: IatiIndicatorValue[] };

const isTotal = (v: IatiIndicatorValue) => v.sex === "total" && v.ageBand === "total" && v.disability === "total" && v.location === "total";
const rank = (list: readonly string[], value: string) => {
  const i = list.indexOf(value);
  return i === -1 ? list.length : i;
};
function compareCells(a: IatiIndicatorValue, b: IatiIndicatorValue): number {
  return (
    Number(isTotal(b)) - Number(isTotal(a)) ||
    rank(SEXES, a.sex) - rank(SEXES, b.sex) ||
    rank(AGE_BANDS, a.ageBand) - rank(AGE_BANDS, b.ageBand) ||
    byText(a.ageBand, b.ageBand) ||
    rank(DISABILITY_STATUSES, a.disability) - rank(DISABILITY_STATUSES, b.disability) ||
    rank(LOCATIONS, a.location) - rank(LOCATIONS, b.location) ||
    byText(a.location, b.location) ||
    byText(a.value, b.value)
  );
}
export const sorted = <T>(xs: readonly T[], compare: (a: T, b: T) => number): T[] => [...xs].sort(compare);

// The orders of repeated elements (docs/iati.md): by content, so that the order rows come in never matters.
export const participantOrder = (a: IatiParticipant, b: IatiParticipant) =>
  a.role - b.role || byText(a.name, b.name) || byText(a.ref, b.ref) || byText(a.type, b.type);
const orgOrder = (a: IatiOrgRef | null, b: IatiOrgRef | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : byText(a.name, b.name) || byText(a.ref, b.ref);
export const transactionOrder = (a: IatiTransaction, b: IatiTransaction) =>
  byText(a.date, b.date) ||
  a.type - b.type ||
  byText(a.valueDate, b.valueDate) ||
  byText(a.currency, b.currency) ||
  byAmount(a.amount, b.amount) ||
  byText(a.description, b.description) ||
  orgOrder(a.provider, b.provider) ||
  orgOrder(a.receiver, b.receiver);
export const documentOrder = (a: IatiDocument, b: IatiDocument) =>
  byText(a.documentDate, b.documentDate) ||
  byText(a.title, b.title) ||
  byText(a.url, b.url) ||
  byText(a.category, b.category) ||
  byText(a.language, b.language);
export const resultOrder = (a: IatiResult, b: IatiResult) => byText(a.title, b.title) || a.type - b.type || byText(a.description, b.description);
export const indicatorOrder = (a: IatiIndicator, b: IatiIndicator) =>
  byText(a.title, b.title) ||
  a.measure - b.measure ||
  byNumber(a.baselineYear, b.baselineYear) ||
  byText(a.baselineValue, b.baselineValue) ||
  byText(a.targetValue, b.targetValue) ||
  byText(a.targetDate, b.targetDate);

/** Where the indicator's target goes: its target date, else the activity's planned (else actual) end. */
export function targetDateOf(a: IatiActivity, indicator: IatiIndicator): string | null {
  return indicator.targetDate ?? a.plannedEnd ?? a.actualEnd;
}

/** The periods of an indicator as written (docs/iati.md "Results"), in date order. */
export function indicatorPeriods(a: IatiActivity, indicator: IatiIndicator): IndicatorPeriod[] {
  const byPeriod = new Map<string, IndicatorPeriod>();
  for (const v of indicator.values) {
    const key = `${v.periodStart}/${v.periodEnd}`;
    const p = byPeriod.get(key) ?? { start: v.periodStart, end: v.periodEnd, target: null, actuals: [] };
    p.actuals.push(v);
    byPeriod.set(key, p);
  }
  const periods = [...byPeriod.values()].sort((x, y) => byText(x.start, y.start) || byText(x.end, y.end));
  for (const p of periods) p.actuals.sort(compareCells);
  const targetDate = targetDateOf(a, indicator);
  if (indicator.targetValue !== null && targetDate) {
    const home = periods.find((p) => p.end === targetDate);
    if (home) home.target = indicator.targetValue;
    else {
      const activityStart = a.plannedStart ?? a.actualStart;
      const start = activityStart && activityStart <= targetDate ? activityStart : targetDate;
      periods.push({ start, end: targetDate, target: indicator.targetValue, actuals: [] });
      periods.sort((x, y) => byText(x.start, y.start) || byText(x.end, y.end));
    }
  }
  return periods;
}
