import type { ClosureScale } from "../../store/schema-education.js";
import { ISCED_LEVELS } from "../cooperation/vocabularies.js";
import { EARLIEST_CLOSURE_DAY, REMOTE_MODALITIES, STATUS_CODES } from "./closure-schemas.js";

// The per-value rules of a school-closure file (docs/closures.md, "Validation"). Pure functions: each returns the
// value read or the message that says what is wrong with it; the line and the column are added by the caller.

export type Rule<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Rule<T> => ({ ok: true, value });
const fail = <T>(message: string): Rule<T> => ({ ok: false, message });

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date known to be valid: what gap and run detection count with. */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

/** The ISO date of a day number. */
export function isoOfDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A day as the file writes it — dd/mm/yyyy for UNESCO (days over 12 occur, so never mm/dd), yyyy-mm-dd for OxCGRT
 * and the national template — as an ISO date. The date must exist in the calendar (31/02/2020 does not) and fall
 * between EARLIEST_CLOSURE_DAY and `today`.
 */
export function parseClosureDate(text: string, style: "dmy" | "iso", today: string): Rule<string> {
  const t = text.trim();
  const m = (style === "dmy" ? DMY : YMD).exec(t);
  if (!m) return fail(`"${t}" is not a date written ${style === "dmy" ? "dd/mm/yyyy (e.g. 16/03/2020)" : "yyyy-mm-dd (e.g. 2020-03-16)"}`);
  const [y, mo, d] = style === "dmy" ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]];
  const iso = `${y}-${mo}-${d}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return fail(`"${t}" is not a day of the calendar`);
  if (iso < EARLIEST_CLOSURE_DAY) return fail(`"${t}" is before ${EARLIEST_CLOSURE_DAY}, earlier than any COVID-19 school closure`);
  if (iso > today) return fail(`"${t}" is in the future`);
  return ok(iso);
}

/** A status word of the scale (exact after trimming), as its code in closure_statuses. */
export function parseStatusWord(scale: ClosureScale, text: string): Rule<number> {
  const word = text.trim();
  const codes = STATUS_CODES[scale];
  const code = codes[word];
  if (code !== undefined) return ok(code);
  const words = Object.keys(codes);
  const near = words.find((w) => w.toLowerCase() === word.toLowerCase().replace(/\s+/g, " "));
  const expected = words.map((w) => `"${w}"`).join(", ");
  if (word === "") return fail(`is empty; expected one of ${expected}`);
  return fail(`unknown status "${word}"${near ? ` (did you mean "${near}"?)` : ""}; expected one of ${expected}`);
}

export type C1Value = { status: number; flag: number | null; flagMissing: boolean } | { status: null };

/**
 * OxCGRT codebook C1 "School closing": a value 0–3, or blank when there is no data (the row carries nothing).
 * The flag (0 targeted, 1 general) goes with values 1–3 only; a missing flag on 1–3 is accepted (flagMissing).
 */
export function parseC1(valueText: string, flagText: string): Rule<C1Value> & { field?: "c1_school_closing" | "c1_flag" } {
  const value = valueText.trim();
  const flag = flagText.trim();
  if (value === "") return flag === "" ? ok({ status: null }) : { ...fail(`flag "${flag}" given without a C1 value`), field: "c1_flag" };
  if (!/^[0-3]$/.test(value))
    return { ...fail(`"${value}" is not a C1 value; expected 0, 1, 2 or 3 (OxCGRT codebook), or blank for no data`), field: "c1_school_closing" };
  const status = Number(value);
  if (flag === "") return ok({ status, flag: null, flagMissing: status > 0 });
  if (flag !== "0" && flag !== "1") return { ...fail(`"${flag}" is not a C1 flag; expected 0 (targeted), 1 (general) or blank`), field: "c1_flag" };
  if (status === 0) return { ...fail(`a flag (${flag}) is given with C1 value 0; the flag is blank when there are no measures`), field: "c1_flag" };
  return ok({ status, flag: Number(flag), flagMissing: false });
}

/** An ISO 3166 alpha-3 code as written in the files (upper case after trimming). */
export function parseIso3(text: string): Rule<string> {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? ok(code) : fail(`"${text.trim()}" is not an ISO alpha-3 country code`);
}

/** A learner count: a non-negative whole number, or blank (not given). */
export function parseLearners(text: string): Rule<number | null> {
  const t = text.trim();
  if (t === "") return ok(null);
  if (!/^\d+$/.test(t)) return fail(`"${t}" is not a whole number of learners`);
  const n = Number(t);
  return Number.isSafeInteger(n) ? ok(n) : fail(`"${t}" is too large`);
}

/** Learners by sex and in total: the total may not be below female + male when all three are given. */
export function checkLearnerTotals(female: number | null, male: number | null, total: number | null): string | null {
  if (female === null || male === null || total === null) return null;
  return total < female + male ? `the total ${total} is less than female + male (${female + male})` : null;
}

/** The ISCED 2011 level of a national row ('' = all levels or not given). */
export function parseIsced(text: string): Rule<string> {
  const t = text.trim();
  if (t === "" || (ISCED_LEVELS as readonly string[]).includes(t)) return ok(t);
  return fail(`"${t}" is not an ISCED 2011 level; expected ${ISCED_LEVELS.join(", ")} or blank`);
}

/** Distance-learning modalities (R24), ';'-separated codes; blank = not given. */
export function parseModalities(text: string): Rule<string[] | null> {
  const t = text.trim();
  if (t === "") return ok(null);
  const codes = t.split(";").map((c) => c.trim());
  const unknown = codes.filter((c) => !REMOTE_MODALITIES.includes(c));
  if (unknown.length > 0) return fail(`unknown modality ${unknown.map((c) => `"${c}"`).join(", ")}; expected codes among ${REMOTE_MODALITIES.join(", ")}`);
  return ok([...new Set(codes)]);
}

/** A sub-national unit code of a national row ('' = the whole country). */
export function parseUnit(text: string): Rule<string> {
  const t = text.trim();
  return t.length <= 64 ? ok(t) : fail("is longer than 64 characters");
}
