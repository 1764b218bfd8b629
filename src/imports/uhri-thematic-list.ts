import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { cycleOfSession } from "../domain/recommendations/recommendation-rules.js";
import {
  type ImportProblem,
  type RecommendationImportRow,
  RecommendationImportRowSchema,
  type SourceTheme,
} from "../domain/recommendations/recommendation-schemas.js";
import { type DocxText, looksLikeZip, readDocxText } from "./docx-tables.js";

// OHCHR "thematic list of recommendations" (Universal Human Rights Index, uhri.ohchr.org): the Word document a State
// receives after its UPR review, one table of recommendations grouped under "Theme: …" rows, and the CSV derived from
// it (resources/uhri-slovenia). Both formats give the same rows. Choices made for both:
// - text is the recommendation as written, trimmed only: the recommending State(s) in parentheses stay at its end
//   ("… (Croatia);"), as in the CSV;
// - the section theme ("Theme: …" row, CSV section_theme) is always among uhriThemes, first if the source omits it
//   from the full list (the row schema has no separate field for it);
// - a row with any problem is not returned: its problems say why, with the line (CSV) or table row (DOCX).

export type UhriParseResult = { rows: RecommendationImportRow[]; problems: ImportProblem[] };
type Options = { fileName?: string };

const CSV_COLUMNS = ["cycle", "session", "state_under_review", "wg_report", "paragraph", "recommendation", "recommending_states", "position"] as const;
const CSV_EXPECTED = `an OHCHR UHRI thematic list CSV (header cycle,session,state_under_review,wg_report,paragraph,recommendation,recommending_states,position,source_of_position,section_theme,themes,groups_of_persons,sdgs)`;
const DOCX_EXPECTED = `an OHCHR UHRI thematic list of recommendations (.docx with a table headed Recommendation | Position | Full list of themes, or its .csv)`;

/** What every row carries whatever the format; the builder adds the rest. */
type RowFields = Omit<
  RecommendationImportRow,
  "sourceDataset" | "sourceKey" | "mechanism" | "textLanguage" | "actionCategory" | "uprInfoIssues" | "sdgTargets"
>;

// ---------------------------------------------------------------- shared field readers

/** "A12 Acceptance of international norms" → {code "A12", label …}; legacy UHRI codes are a letter A–H and 1–2 digits. */
export function parseUhriTheme(raw: string): SourceTheme | null {
  const s = raw.trim().replace(/\s+/g, " ");
  if (s === "") return null;
  const m = /^([A-H]\d{1,2})\s+(\S.*)$/.exec(s);
  return m ? { code: m[1] as string, label: m[2] as string } : { code: null, label: s };
}

/** "16 - Peace, Justice And Strong Institutions" (CSV) or "16 - PEACE, JUSTICE …" (UPR34 docx) → 16; others reported. */
function sdgGoalsOf(items: string[], report: (message: string) => void): number[] {
  const goals = new Set<number>();
  for (const item of items) {
    const m = /^(\d{1,2})(?!\d)/.exec(item.trim());
    const n = m ? Number(m[1]) : Number.NaN;
    if (n >= 1 && n <= 17) goals.add(n);
    else report(`"${item}" does not start with an SDG number from 1 to 17`);
  }
  return [...goals];
}

/**
 * The recommending States named in parentheses at the end of each merged recommendation: "… (Ukraine); Increase …
 * (Slovakia);" names both, "(France) (Lithuania);" both, "(Venezuela (Bolivarian Republic of));" one. A group with a
 * digit ("Convention, 1930 (No. 29) (United Kingdom …)") or an all-capital acronym ("(CEDAW);") is not a State.
 */
export function recommendingStatesInText(text: string): string[] {
  const groups: { start: number; end: number; content: string }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(" && depth++ === 0) start = i;
    else if (text[i] === ")" && depth > 0 && --depth === 0) groups.push({ start, end: i + 1, content: text.slice(start + 1, i) });
  }
  const names: string[] = [];
  const isState = (c: string) => !/\d/.test(c) && !/^[A-Z]{2,}$/.test(c.trim()) && c.trim() !== "";
  for (let g = 0; g < groups.length; g++) {
    const after = text.slice((groups[g] as { end: number }).end);
    if (/^\s*\(/.test(after)) continue; // not the last group of its run
    if (!/^\s*([;.]|$)/.test(after)) continue; // a run that does not end a recommendation
    let first = g;
    while (first > 0 && /^\s*$/.test(text.slice((groups[first - 1] as { end: number }).end, (groups[first] as { start: number }).start))) first--;
    const run = groups.slice(first, g + 1);
    let k = run.length;
    while (k > 0 && isState((run[k - 1] as { content: string }).content)) k--;
    for (const group of run.slice(k)) names.push(...splitTopLevelCommas(group.content));
  }
  return [...new Set(names)];
}

function splitTopLevelCommas(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = s[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if ((c === "," && depth === 0) || i === s.length) {
      parts.push(s.slice(from, i).trim());
      from = i + 1;
    }
  }
  return parts.filter(Boolean);
}

/** The WG report symbol a source of position refers to: "A/HRC/28/15/Add.1 - Para. 3" → A/HRC/28/15. */
function reportSymbolOf(source: string | null): string | null {
  const m = /^(A\/HRC\/\d+\/\d+)(\/Add\.\d+)?(?![\d/])/i.exec((source ?? "").trim());
  return m ? (m[1] as string).toUpperCase() : null;
}

const splitList = (v: string | undefined) =>
  (v ?? "")
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);

/** Adds the section theme first when the full list lacks it; drops repeated themes. */
function withSectionTheme(themes: SourceTheme[], section: SourceTheme | null): SourceTheme[] {
  const all = section && !themes.some((t) => t.code === section.code && t.label === section.label) ? [section, ...themes] : themes;
  const seen = new Set<string>();
  return all.filter((t) => !seen.has(`${t.code}|${t.label}`) && seen.add(`${t.code}|${t.label}`));
}

/** Builds and validates one row; on any problem returns null after recording it (with `where` in the message). */
function buildRow(f: RowFields, where: string, problems: ImportProblem[]): RecommendationImportRow | null {
  const before = problems.length;
  const add = (field: string, message: string) => problems.push({ line: f.line, field, message: `${where}${message}` });
  if (f.session !== null && f.cycle !== null && f.session <= 54 && cycleOfSession(f.session) !== f.cycle) {
    add("cycle", `cycle ${f.cycle} does not match session ${f.session} (cycle ${cycleOfSession(f.session)})`);
  }
  if (f.session === null) add("session", "is empty: the session is part of the recommendation's stable key");
  if (!f.paragraph) add("paragraph", "is empty: the paragraph number is part of the recommendation's stable key");
  if (f.recommendingStates.length === 0) add("recommending_states", "no recommending State");
  if (problems.length > before) return null;
  const row: RecommendationImportRow = {
    ...f,
    sourceDataset: "uhri",
    // State name as given (resolved to ISO codes by the import service), WG session, paragraph: "Slovenia:20:115.1".
    sourceKey: `${f.stateUnderReview.trim()}:${f.session}:${f.paragraph}`,
    mechanism: "upr",
    textLanguage: "en", // these OHCHR lists are published in English
    actionCategory: null,
    uprInfoIssues: [],
    sdgTargets: [],
  };
  const checked = RecommendationImportRowSchema.safeParse(row);
  if (checked.success) return checked.data;
  for (const issue of checked.error.issues) add(issue.path.join(".") || "row", issue.message);
  return null;
}

// ---------------------------------------------------------------- CSV

/**
 * File lines by UTF-8 byte offset. csv-parse's own `info.lines` counts a CRLF inside a quoted field as two lines and
 * its `raw` drops delimiter bytes, so lines are found from `info.bytes` (exact, in UTF-8 bytes, BOM included) instead.
 */
function lineIndex(text: string) {
  const buf = Buffer.from(text, "utf8");
  const starts = [0]; // byte offset where each line begins; "\r\n", "\r" and "\n" each end a line
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a || (buf[i] === 0x0d && buf[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  const lineAt = (byte: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= byte) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return {
    lineAt,
    // The record's last byte is on its last line; the line breaks inside its quoted fields are the lines it spans.
    recordStart: (endByte: number, fields: string[]) =>
      lineAt(Math.max(0, endByte - 1)) - fields.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g) ?? []).length, 0),
    // The first non-blank line from a byte offset on (a skipped record starts after the blank lines before it).
    startAfter: (byte: number) => {
      let b = byte;
      while (b < buf.length && (buf[b] === 0x0a || buf[b] === 0x0d)) b++;
      return lineAt(Math.min(b, Math.max(0, buf.length - 1)));
    },
  };
}

export function parseUhriCsv(text: string, options: Options = {}): UhriParseResult {
  const label = options.fileName ? `${options.fileName}: ` : "";
  const problems: ImportProblem[] = [];
  if (text.replace(/^\uFEFF/, "").trim() === "")
    return { rows: [], problems: [{ line: 1, field: "file", message: `${label}the file is empty; expected ${CSV_EXPECTED}` }] };
  let records: { record: string[]; info: { bytes: number } }[] = [];
  const lines = lineIndex(text);
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // An unreadable record starts after the last good one (csv-parse's bytes_records).
      on_skip: (err) => {
        const line = lines.startAfter((err as { bytes_records?: number } | undefined)?.bytes_records ?? 0);
        problems.push({ line, field: "row", message: `unreadable CSV record: ${err?.message ?? "unknown error"}` });
        return undefined;
      },
    }) as unknown as typeof records;
  } catch (e) {
    return { rows: [], problems: [{ line: (e as { lines?: number }).lines ?? 1, field: "file", message: `${label}unreadable CSV: ${(e as Error).message}` }] };
  }
  const header = (records[0]?.record ?? []).map((h) => h.trim());
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const uprInfo = header.includes("id") && header.includes("recommending_state") ? " (this looks like a UPR Info export)" : "";
    const found = header.length > 0 ? header.slice(0, 8).join(",") + (header.length > 8 ? ",…" : "") : "no header";
    return {
      rows: [],
      problems: [{ line: 1, field: "file", message: `${label}not ${CSV_EXPECTED}${uprInfo}: the header lacks ${missing.join(", ")} (found: ${found})` }],
    };
  }
  const rows: RecommendationImportRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = lines.recordStart(info.bytes, record);
    if (record.length !== header.length) {
      problems.push({ line, field: "row", message: `has ${record.length} fields, the header has ${header.length}` });
      continue;
    }
    const v = Object.fromEntries(header.map((h, i) => [h, (record[i] ?? "").trim()])) as Record<string, string>;
    const before = problems.length;
    const int = (field: string, max: number): number | null => {
      const s = v[field] ?? "";
      if (s === "") return null;
      const n = Number(s);
      if (Number.isInteger(n) && n >= 1 && n <= max) return n;
      problems.push({ line, field, message: `"${s}" is not a whole number from 1 to ${max}` });
      return null;
    };
    const session = int("session", 200);
    const givenCycle = int("cycle", 10);
    if (!v.recommendation) problems.push({ line, field: "recommendation", message: "is empty" });
    if (!v.state_under_review) problems.push({ line, field: "state_under_review", message: "is empty" });
    const sdgGoals = sdgGoalsOf(splitList(v.sdgs), (message) => problems.push({ line, field: "sdgs", message }));
    if (problems.length > before) continue;
    const row = buildRow(
      {
        line,
        cycle: givenCycle ?? (session === null ? null : cycleOfSession(session)),
        session,
        stateUnderReview: v.state_under_review as string,
        recommendingStates: splitList(v.recommending_states).map((name) => ({ name, regionalGroup: null })),
        paragraph: v.paragraph || null,
        documentSymbol: v.wg_report || null,
        text: v.recommendation as string,
        positionWord: v.position || null,
        positionSourceDocument: v.source_of_position || null,
        uhriThemes: withSectionTheme(splitList(v.themes).map(parseUhriTheme) as SourceTheme[], parseUhriTheme(v.section_theme ?? "")),
        groupsOfPersons: splitList(v.groups_of_persons),
        sdgGoals,
      },
      "",
      problems,
    );
    if (row) rows.push(row);
  }
  if (records.length <= 1 && problems.length === 0) problems.push({ line: 2, field: "file", message: `${label}the file has a header but no recommendations` });
  // Unreadable records were reported while parsing: list every problem in file order.
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}

// ---------------------------------------------------------------- DOCX

/** "UPR of Slovenia (2nd Cycle – 20th session)" (UPR20 page header), "UPR of Slovenia (3rd Cycle - 34th Session)" (UPR34). */
function reviewOf(doc: DocxText, fileName: string | undefined): { state: string | null; cycle: number | null; session: number | null } {
  for (const p of [...doc.headers, ...doc.paragraphs, ...doc.footers]) {
    const m = /UPR of\s+(.+?)\s*\(\s*(\d+)\s*(?:st|nd|rd|th)?\s+cycle\s*[-–—,]\s*(\d+)\s*(?:st|nd|rd|th)?\s+session\s*\)/i.exec(p);
    if (m) return { state: (m[1] as string).trim(), cycle: Number(m[2]), session: Number(m[3]) };
  }
  // Without that header, OHCHR's file names still say it: "UPR20__Slovenia_ThematicListRecommendations_E.docx".
  const f = /UPR\s*-?(\d{1,3})_+([^_]+)_/i.exec(path.basename(fileName ?? ""));
  const session = f ? Number(f[1]) : null;
  return { state: f ? (f[2] as string).trim() : null, cycle: session ? cycleOfSession(session) : null, session };
}

type Columns = { recommendation: number; position: number; themes: number };

/** Column indexes from a header row (same headers in UPR20 and UPR34: Recommendation | Position | Full list of themes | Assessment…). */
function columnsOf(header: string[]): Columns | null {
  const find = (re: RegExp) => header.findIndex((h) => re.test(h.trim()));
  const c = { recommendation: find(/^recommendations?$/i), position: find(/^position$/i), themes: find(/themes/i) };
  return c.recommendation >= 0 && c.position >= 0 && c.themes >= 0 ? c : null;
}

/** The "Full list of themes" cell: theme lines, then "SDGs:" and "Affected persons:" lists; "- " bullets in UPR34. */
function readThemesCell(cell: string): { themes: string[]; sdgs: string[]; persons: string[]; unknown: string[] } {
  const out = { themes: [] as string[], sdgs: [] as string[], persons: [] as string[], unknown: [] as string[] };
  let list = out.themes;
  for (const rawLine of cell.split("\n")) {
    const line = rawLine.trim();
    if (line === "") continue;
    if (/^SDGs?\s*:$/i.test(line)) list = out.sdgs;
    else if (/^Affected persons\s*:$/i.test(line)) list = out.persons;
    else if (/^[^-].*:$/.test(line)) {
      out.unknown.push(line);
      list = [];
    } else list.push(line.replace(/^[-–•]\s*/, ""));
  }
  return out;
}

export function parseUhriDocx(bytes: Uint8Array, options: Options = {}): UhriParseResult {
  const label = options.fileName ? `${options.fileName}: ` : "";
  const fileProblem = (message: string): UhriParseResult => ({ rows: [], problems: [{ line: 1, field: "file", message: `${label}${message}` }] });
  if (bytes.length === 0) return fileProblem(`the file is empty; expected ${DOCX_EXPECTED}`);
  let doc: DocxText;
  try {
    doc = readDocxText(bytes);
  } catch (e) {
    return fileProblem(`${(e as Error).message}; expected ${DOCX_EXPECTED}`);
  }
  const table = doc.tables.find((t) => t[0] !== undefined && columnsOf(t[0]) !== null);
  if (!table)
    return fileProblem(`no table headed Recommendation | Position | Full list of themes (found ${doc.tables.length} table(s)); expected ${DOCX_EXPECTED}`);
  const columns = columnsOf(table[0] as string[]) as Columns;
  const review = reviewOf(doc, options.fileName);
  if (review.state === null || review.session === null) {
    return fileProblem(
      'cannot tell the State under review and UPR session: neither the page header ("UPR of <State> (<n>th Cycle – <n>th session)") nor the file name (UPR<session>_<State>_…) says them',
    );
  }
  const problems: ImportProblem[] = [];
  const rows: RecommendationImportRow[] = [];
  const fields: RowFields[] = [];
  let section: SourceTheme | null = null;
  table.forEach((cells, i) => {
    const line = i + 1; // 1-based table row number
    const where = `table row ${line}: `;
    if (i === 0 || columnsOf(cells) !== null) return; // the header row (Word may repeat it on each page)
    const filled = cells.map((c) => c.trim()).filter(Boolean);
    if (filled.length === 0) return;
    const themeRow = /^Theme\s*:\s*(.*)$/is.exec(filled[0] as string);
    if (themeRow && filled.length === 1) {
      section = parseUhriTheme(themeRow[1] as string);
      return;
    }
    const before = problems.length;
    const add = (field: string, message: string) => problems.push({ line, field, message: `${where}${message}` });
    const lines = (cells[columns.recommendation] ?? "").split("\n");
    const sourceAt = lines.findIndex((l) => /^\s*Source of position\s*:/i.test(l));
    const source = sourceAt >= 0 ? (lines[sourceAt] as string).replace(/^\s*Source of position\s*:/i, "").trim() || null : null;
    const body = (sourceAt >= 0 ? lines.slice(0, sourceAt) : lines).join("\n").trim();
    const m = /^(\d+(?:\.\d+)+)\.?\s+([\s\S]*)$/.exec(body);
    if (body === "") add("recommendation", "is empty");
    else if (!m) add("recommendation", `does not start with a paragraph number such as 115.1: "${body.slice(0, 40)}"`);
    const text = (m?.[2] ?? "").trim();
    if (m && text === "") add("recommendation", "has a paragraph number but no text");
    const cell = readThemesCell(cells[columns.themes] ?? "");
    for (const u of cell.unknown) add("themes", `unknown list heading "${u}" (expected SDGs: or Affected persons:)`);
    const sdgGoals = sdgGoalsOf(cell.sdgs, (message) => add("sdgs", message));
    const states = recommendingStatesInText(text);
    if (text !== "" && states.length === 0) add("recommending_states", "no recommending State in parentheses at the end of the text");
    if (problems.length > before) return;
    fields.push({
      line,
      cycle: review.cycle,
      session: review.session,
      stateUnderReview: review.state as string,
      recommendingStates: states.map((name) => ({ name, regionalGroup: null })),
      paragraph: (m as RegExpExecArray)[1] as string,
      documentSymbol: null, // set below, from the whole document
      text,
      positionWord: (cells[columns.position] ?? "").trim() || null,
      positionSourceDocument: source,
      uhriThemes: withSectionTheme(cell.themes.map(parseUhriTheme) as SourceTheme[], section),
      groupsOfPersons: cell.persons,
      sdgGoals,
    });
  });
  // The document never names its WG report; every source of position is that report (UPR34: "A/HRC/43/15 - Para 121")
  // or its addendum (UPR20: "A/HRC/28/15/Add.1 - Para. 3"). One base symbol for all of them is the WG report;
  // anything else (a plenary record, two symbols) leaves it unknown (null) rather than guessed.
  const bases = new Set(fields.map((f) => reportSymbolOf(f.positionSourceDocument)));
  const documentSymbol = bases.size === 1 ? ([...bases][0] ?? null) : null;
  for (const f of fields) {
    const row = buildRow({ ...f, documentSymbol }, `table row ${f.line}: `, problems);
    if (row) rows.push(row);
  }
  if (fields.length === 0 && problems.length === 0)
    problems.push({ line: 1, field: "file", message: `${label}the recommendations table has no recommendations` });
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}

// ---------------------------------------------------------------- either

/** Reads a thematic list by its content: a ZIP ("PK\x03\x04") is the .docx, text is the .csv; anything else is refused. */
export function parseUhriFile(input: string | Uint8Array, fileName?: string): UhriParseResult {
  const name = typeof input === "string" ? (fileName ?? path.basename(input)) : (fileName ?? "");
  const options = name ? { fileName: name } : {};
  const label = name ? `${name}: ` : "";
  const refuse = (what: string): UhriParseResult => ({
    rows: [],
    problems: [{ line: 1, field: "file", message: `${label}${what}; expected ${DOCX_EXPECTED}` }],
  });
  let bytes: Uint8Array;
  try {
    bytes = typeof input === "string" ? new Uint8Array(fs.readFileSync(input)) : input;
  } catch (e) {
    return refuse(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (bytes.length === 0) return refuse("the file is empty");
  if (looksLikeZip(bytes) || /\.docx$/i.test(name)) return parseUhriDocx(bytes, options);
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 8));
  if (head.startsWith("%PDF")) return refuse("this is a PDF");
  if (head.startsWith("\xD0\xCF\x11\xE0")) return refuse("this is an old binary Office file (.doc/.xls): save it as .docx");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refuse("the file is neither a .docx nor UTF-8 text");
  }
  if (text.includes("\u0000")) return refuse("the file is binary, not CSV text");
  return parseUhriCsv(text, options);
}
