import type { FieldProblem } from "../core/app-error.js";
import { normalizeName } from "../reference/names.js";
import {
  checkLearnerTotals,
  dayNumber,
  isoOfDayNumber,
  parseC1,
  parseClosureDate,
  parseIsced,
  parseIso3,
  parseLearners,
  parseModalities,
  parseStatusWord,
  parseUnit,
} from "./closure-rules.js";
import { CLOSURE_FORMAT_SPECS, type ClosureFormat, type ClosureWarning, STATUS_CODES } from "./closure-schemas.js";

// Checks a school-closure file row by row while it streams, and keeps what will be stored as columns (one array per
// column: 264,535 rows cost no per-row objects). The file-wide rules — one value per country-day, unknown country
// codes, country names that do not match their code, days missing inside a series — are decided at the end, with
// one grouped message per country or code rather than one per line (docs/closures.md, "Validation").

/** The observations to store, column by column (index i of every array is one row). */
export type ClosureColumnsOut = {
  iso3: string[];
  unit: string[];
  isced: string[];
  day: string[];
  status: number[];
  flag: (number | null)[];
  learnersFemale: (number | null)[];
  learnersMale: (number | null)[];
  learnersTotal: (number | null)[];
  /** ';'-joined modality codes, null when not given. */
  modalities: (string | null)[];
  note: (string | null)[];
  line: number[];
};

export type CountryReference = { nameEn: string; names: ReadonlySet<string> };

export type ClosureValidationResult = {
  rows: ClosureColumnsOut;
  rowsRead: number;
  rowsSkipped: number;
  coverageFrom: string;
  coverageTo: string;
  errors: FieldProblem[];
  errorCount: number;
  warnings: ClosureWarning[];
};

const MAX_ERRORS = 500;

type Span = { count: number; first: number; last: number };
const widen = (spans: Map<string, Span>, key: string, line: number) => {
  const s = spans.get(key);
  if (s) {
    s.count++;
    s.last = line;
  } else spans.set(key, { count: 1, first: line, last: line });
};
const linesOf = (s: Span) => (s.first === s.last ? `line ${s.first}` : `lines ${s.first}–${s.last}`);

/** A checker for one file: feed it every record (fields in the format's header order), then call finish(). */
export function createClosureValidator(
  format: ClosureFormat,
  context: {
    countries: ReadonlyMap<string, CountryReference>;
    nameOwners: ReadonlyMap<string, string>;
    today: string;
    skipUnknownCountries: boolean;
    skipDuplicates: boolean;
  },
) {
  const spec = CLOSURE_FORMAT_SPECS[format];
  const rows: ClosureColumnsOut = {
    iso3: [],
    unit: [],
    isced: [],
    day: [],
    status: [],
    flag: [],
    learnersFemale: [],
    learnersMale: [],
    learnersTotal: [],
    modalities: [],
    note: [],
    line: [],
  };
  const errors: FieldProblem[] = [];
  let errorCount = 0;
  const warnings: ClosureWarning[] = [];
  const error = (line: number, field: string, message: string) => {
    errorCount++;
    if (errors.length < MAX_ERRORS) errors.push({ line, field, message });
  };
  const dates = new Map<string, ReturnType<typeof parseClosureDate>>();
  const unknownCodes = new Map<string, Span>();
  const noData = new Map<string, Span>();
  const flagMissing = new Map<string, Span>();
  const names = new Map<string, Span & { verdict: string | null }>();
  const firstOfKey = new Map<string, number>();
  const levelsOf = new Map<string, { levels: boolean; line: number }>();
  const series = new Map<string, { days: number[]; lines: number[] }>();
  const skippedDuplicates: ClosureWarning[] = [];
  let rowsRead = 0;
  let rowsSkipped = 0;
  let minDay = "";
  let maxDay = "";

  const dateOf = (text: string) => {
    let r = dates.get(text);
    if (!r) {
      r = parseClosureDate(text, spec.dateStyle, context.today);
      dates.set(text, r);
    }
    return r;
  };

  function checkName(iso3: string, given: string, line: number) {
    const name = given.trim();
    if (name === "") return;
    const key = `${iso3}\u0000${name}`;
    const known = names.get(key);
    if (known) {
      known.count++;
      known.last = line;
      return;
    }
    names.set(key, { count: 1, first: line, last: line, verdict: nameVerdict(iso3, name) });
  }

  function nameVerdict(iso3: string, name: string): string | null {
    const country = context.countries.get(iso3) as CountryReference;
    const n = normalizeName(name);
    if (country.names.has(n)) return null;
    const owner = context.nameOwners.get(n);
    if (owner && owner !== iso3)
      return `the country name "${name}" is the name of ${owner}, not of ${iso3} (${country.nameEn}); the rows are kept under ${iso3}`;
    // Short forms and misspellings of the same country ("Lao PDR", "Svalbard", "Sint Marteen") are not a mismatch.
    const first = n.split(" ")[0] as string;
    for (const known of country.names) if (known.startsWith(`${n} `) || n.startsWith(`${known} `) || known.split(" ")[0] === first) return null;
    return `the country name "${name}" is not a known name of ${iso3} (${country.nameEn}); the rows are kept under ${iso3}`;
  }

  function add(fields: readonly string[], line: number): void {
    rowsRead++;
    const f = (i: number) => fields[i] as string;
    const national = format === "national";
    const oxcgrt = format === "oxcgrt_c1";
    const [dateText, isoText] = national ? [f(0), f(1)] : oxcgrt ? [f(2), f(0)] : [f(0), f(1)];
    const dateField = spec.header[national ? 0 : oxcgrt ? 2 : 0] as string;
    const isoField = spec.header[oxcgrt ? 0 : 1] as string;
    let bad = false;
    const date = dateOf(dateText);
    if (!date.ok) {
      error(line, dateField, date.message);
      bad = true;
    }
    const iso = parseIso3(isoText);
    if (!iso.ok) {
      error(line, isoField, iso.message);
      bad = true;
    } else if (!context.countries.has(iso.value)) {
      widen(unknownCodes, iso.value, line);
      return;
    }
    let status: number | null = null;
    let flag: number | null = null;
    let unit = "";
    let isced = "";
    let learners: [number | null, number | null, number | null] = [null, null, null];
    let modalities: string | null = null;
    let note: string | null = null;
    if (oxcgrt) {
      const c1 = parseC1(f(3), f(4));
      if (!c1.ok) {
        error(line, c1.field ?? "c1_school_closing", c1.message);
        bad = true;
      } else if (c1.value.status !== null) {
        status = c1.value.status;
        flag = c1.value.flag;
        if (c1.value.flagMissing && iso.ok) widen(flagMissing, iso.value, line);
      }
    } else {
      const statusIndex = national ? 4 : 3;
      const s = parseStatusWord(spec.scale, f(statusIndex));
      if (!s.ok) {
        error(line, spec.header[statusIndex] as string, s.message);
        bad = true;
      } else status = s.value;
      note = f(national ? 9 : 4).trim() || null;
    }
    if (national) {
      const u = parseUnit(f(2));
      const l = parseIsced(f(3));
      const counts = [parseLearners(f(5)), parseLearners(f(6)), parseLearners(f(7))];
      const m = parseModalities(f(8));
      if (!u.ok) error(line, "unit", u.message);
      else unit = u.value;
      if (!l.ok) error(line, "isced", l.message);
      else isced = l.value;
      counts.forEach((c, i) => {
        if (!c.ok) error(line, spec.header[5 + i] as string, c.message);
      });
      if (!m.ok) error(line, "remote_modalities", m.message);
      else modalities = m.value ? m.value.join(";") : null;
      bad ||= !u.ok || !l.ok || !m.ok || counts.some((c) => !c.ok);
      learners = counts.map((c) => (c.ok ? c.value : null)) as typeof learners;
      const totals = checkLearnerTotals(...learners);
      if (totals) {
        error(line, "learners_total", totals);
        bad = true;
      }
    }
    if (!iso.ok || !date.ok) return;
    if (!national) checkName(iso.value, f(oxcgrt ? 1 : 2), line);
    const seriesKey = `${iso.value}|${unit}|${isced}`;
    const dayNum = dayNumber(date.value);
    const s = series.get(seriesKey);
    if (s) {
      s.days.push(dayNum);
      s.lines.push(line);
    } else series.set(seriesKey, { days: [dayNum], lines: [line] });
    if (bad) return;
    if (status === null) {
      // OxCGRT: a blank C1 is "no data" for that day, never 0 (OxCGRT codebook).
      widen(noData, iso.value, line);
      rowsSkipped++;
      return;
    }
    const key = `${seriesKey}|${dayNum}`;
    const first = firstOfKey.get(key);
    if (first !== undefined) {
      const index = first;
      const earlierLine = rows.line[index] as number;
      const earlierStatus = rows.status[index] as number;
      const words = Object.keys(STATUS_CODES[spec.scale]);
      const what = `${iso.value}${unit ? ` ${unit}` : ""}${isced ? ` ISCED ${isced}` : ""} on ${date.value}`;
      const conflict =
        earlierStatus === status ? "with the same status" : `with a conflicting status ("${words[earlierStatus]}" there, "${words[status]}" here)`;
      const message = `${what} is already given on line ${earlierLine}, ${conflict}`;
      if (context.skipDuplicates) {
        skippedDuplicates.push({ line, field: dateField, message: `${message}; this row was skipped, the first kept` });
        rowsSkipped++;
      } else error(line, dateField, `${message}: one value per country and day in a release`);
      return;
    }
    if (national) {
      // A country-day is given either as one all-levels row (isced blank) or level by level, never both: the
      // global counts add learners over the rows of a day.
      const dayKey = `${iso.value}|${unit}|${dayNum}`;
      const shape = levelsOf.get(dayKey);
      if (shape && shape.levels !== (isced !== "")) {
        error(line, "isced", `${iso.value} on ${date.value} is given for all levels (isced blank) and by level (line ${shape.line}); give one or the other`);
        return;
      }
      if (!shape) levelsOf.set(dayKey, { levels: isced !== "", line });
    }
    firstOfKey.set(key, rows.line.length);
    rows.iso3.push(iso.value);
    rows.unit.push(unit);
    rows.isced.push(isced);
    rows.day.push(date.value);
    rows.status.push(status);
    rows.flag.push(flag);
    rows.learnersFemale.push(learners[0]);
    rows.learnersMale.push(learners[1]);
    rows.learnersTotal.push(learners[2]);
    rows.modalities.push(modalities);
    rows.note.push(note);
    rows.line.push(line);
    if (minDay === "" || date.value < minDay) minDay = date.value;
    if (date.value > maxDay) maxDay = date.value;
  }

  function finish(): ClosureValidationResult {
    const isoField = format === "oxcgrt_c1" ? "country_code" : format === "national" ? "iso3" : "ISO";
    const unknown: FieldProblem[] = [];
    for (const [code, s] of unknownCodes) {
      const message = `${code} is not a country code Passerelle knows (M49 list): ${s.count} row(s), ${linesOf(s)}`;
      if (context.skipUnknownCountries) {
        warnings.push({ line: s.first, field: isoField, message: `${message}; skipped` });
        rowsSkipped += s.count;
      } else unknown.push({ line: s.first, field: isoField, message: `${message}; to import the other rows, use --skip-unknown-countries` });
    }
    // One message per unknown code, first: they are the likeliest reason for a refusal.
    errorCount += unknown.length;
    errors.unshift(...unknown);
    for (const [code, s] of noData)
      warnings.push({ line: s.first, field: "c1_school_closing", message: `${code}: ${s.count} row(s) with no C1 value (no data), ${linesOf(s)}; skipped` });
    for (const [code, s] of flagMissing)
      warnings.push({ line: s.first, field: "c1_flag", message: `${code}: ${s.count} row(s) with C1 1–3 but no flag, ${linesOf(s)}; stored without a flag` });
    for (const [, s] of names)
      if (s.verdict)
        warnings.push({ line: s.first, field: format === "oxcgrt_c1" ? "country_name" : "Country", message: `${s.verdict}: ${s.count} row(s), ${linesOf(s)}` });
    warnings.push(...gapWarnings(series, format === "oxcgrt_c1" ? "date" : format === "national" ? "date" : "Date"));
    warnings.push(...skippedDuplicates);
    if (errorCount === 0 && rows.line.length === 0)
      error(rowsRead === 0 ? 1 : 2, "file", rowsRead === 0 ? "the file has a header but no rows" : "no row of the file has a value to store");
    return { rows, rowsRead, rowsSkipped, coverageFrom: minDay, coverageTo: maxDay, errors, errorCount, warnings };
  }

  return { add, finish };
}

/** Days missing inside each series (after its first row, before its last): one warning per series. */
function gapWarnings(series: ReadonlyMap<string, { days: number[]; lines: number[] }>, field: string): ClosureWarning[] {
  const out: ClosureWarning[] = [];
  for (const [key, s] of series) {
    const order = s.days.map((_, i) => i).sort((a, b) => (s.days[a] as number) - (s.days[b] as number));
    let missing = 0;
    let gaps = 0;
    let first: { from: number; to: number; before: number; after: number } | null = null;
    for (let k = 1; k < order.length; k++) {
      const prev = s.days[order[k - 1] as number] as number;
      const next = s.days[order[k] as number] as number;
      if (next - prev <= 1) continue;
      gaps++;
      missing += next - prev - 1;
      first ??= { from: prev + 1, to: next - 1, before: s.lines[order[k - 1] as number] as number, after: s.lines[order[k] as number] as number };
    }
    if (!first) continue;
    const [iso3, unit, isced] = key.split("|");
    const who = `${iso3}${unit ? ` ${unit}` : ""}${isced ? ` ISCED ${isced}` : ""}`;
    const range = first.from === first.to ? isoOfDayNumber(first.from) : `${isoOfDayNumber(first.from)} to ${isoOfDayNumber(first.to)}`;
    out.push({
      line: first.after,
      field,
      message: `${who}: ${missing} day(s) missing in ${gaps} gap(s), the first ${range} (between lines ${first.before} and ${first.after}); not reported, not filled in`,
    });
  }
  return out;
}
