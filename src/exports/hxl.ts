import { csvLine } from "./csv.js";

// One description of a public table, written three ways: CSV, HXL-tagged CSV and JSON (issue 5 item 4).
//
// HXL 1.1 (hxlstandard.org/standard/1-1final): a row of hashtags directly under the header row, one per column; a
// hashtag is `#` + a core name, followed by optional attributes `+name`, all lower-case ASCII letters, digits and
// underscores, starting with a letter. An empty cell leaves a column untagged. Tags follow the conventions of the
// OCHA FTS files on HDX (hdx-scraper-fts: `#org+name+funder`, `#value+funding+total+usd`,
// `#value+funding+total+currency`, `#date+year+start`, `#country+code`, …) so the downloads join with FTS data.

/** One column of a public table. `key` is the stable machine name (CSV header and JSON property). */
export type TableColumn<T> = {
  /** Stable machine name: lower snake case; the JSON property name. */
  key: string;
  /** Header row text of the CSV files (English, stable: scripts rely on it). */
  header: string;
  /** HXL hashtag with attributes, e.g. `#org+name+funder`; "" leaves the column untagged. */
  hxl: string;
  value: (row: T) => unknown;
};

export type TableFormat = "csv" | "hxl" | "json";
export const TABLE_FORMATS: readonly TableFormat[] = ["csv", "hxl", "json"];

// HXL 1.1 §4: hashtag = "#" name; attribute = "+" name; name = letter followed by letters, digits, underscores.
const HXL_TAG = /^#[a-z][a-z0-9_]*(\s*\+[a-z][a-z0-9_]*)*$/;
const MACHINE_KEY = /^[a-z][a-z0-9_]*$/;

export function isHxlTag(tag: string): boolean {
  return HXL_TAG.test(tag);
}

/** Refuses a table description a consumer could not rely on: bad keys, duplicate keys, malformed hashtags. */
export function checkColumns<T>(columns: readonly TableColumn<T>[]): void {
  const seen = new Set<string>();
  for (const c of columns) {
    if (!MACHINE_KEY.test(c.key)) throw new Error(`Column key "${c.key}" must be lower snake case`);
    if (seen.has(c.key)) throw new Error(`Column key "${c.key}" is used twice`);
    seen.add(c.key);
    if (c.hxl !== "" && !isHxlTag(c.hxl)) throw new Error(`Column "${c.key}": "${c.hxl}" is not an HXL 1.1 hashtag`);
  }
}

/** Accepts a whole array or pages of rows, so callers can stream from the database or pass a small list. */
export async function* pagesOf<T>(rows: readonly T[] | AsyncIterable<T[]>): AsyncGenerator<T[]> {
  if (Array.isArray(rows)) {
    if (rows.length > 0) yield rows as T[];
    return;
  }
  for await (const page of rows as AsyncIterable<T[]>) yield page;
}

/** CSV (RFC 4180, UTF-8 with BOM, formula cells neutralised by csvCell); the header row carries the column keys. */
export async function* csvTable<T>(columns: readonly TableColumn<T>[], rows: readonly T[] | AsyncIterable<T[]>, hashtags = false): AsyncGenerator<string> {
  checkColumns(columns);
  let head = `\uFEFF${csvLine(columns.map((c) => c.header))}`;
  // HXL 1.1 §3: the hashtag row is the first row whose cells are all hashtags or empty, right under the headers.
  if (hashtags) head += csvLine(columns.map((c) => c.hxl));
  yield head;
  for await (const page of pagesOf(rows)) {
    if (page.length > 0) yield page.map((row) => csvLine(columns.map((c) => c.value(row)))).join("");
  }
}

/** HXL-tagged CSV: the CSV with the hashtag row under the header row. */
export function hxlTable<T>(columns: readonly TableColumn<T>[], rows: readonly T[] | AsyncIterable<T[]>): AsyncGenerator<string> {
  return csvTable(columns, rows, true);
}

/** A JSON cell: arrays stay arrays, dates become ISO 8601 text, money stays a decimal string, absent is null. */
export function jsonCell(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonCell);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}

/**
 * JSON: `{"columns":[{key,header,hxl}], "rows":[{<key>: value}]}`. The column list makes the file self-describing
 * (with the same HXL tags as the CSV); rows are objects keyed by the stable machine keys. Written row by row.
 */
export async function* jsonTable<T>(columns: readonly TableColumn<T>[], rows: readonly T[] | AsyncIterable<T[]>): AsyncGenerator<string> {
  checkColumns(columns);
  const described = columns.map((c) => ({ key: c.key, header: c.header, hxl: c.hxl }));
  yield `{"columns":${JSON.stringify(described)},"rows":[`;
  let first = true;
  for await (const page of pagesOf(rows)) {
    if (page.length === 0) continue;
    const text = page
      .map((row) => {
        const object: Record<string, unknown> = {};
        for (const c of columns) object[c.key] = jsonCell(c.value(row));
        return JSON.stringify(object);
      })
      .join(",\n");
    yield first ? `\n${text}` : `,\n${text}`;
    first = false;
  }
  yield "]}\n";
}

export function tableDocument<T>(format: TableFormat, columns: readonly TableColumn<T>[], rows: readonly T[] | AsyncIterable<T[]>): AsyncGenerator<string> {
  if (format === "json") return jsonTable(columns, rows);
  return csvTable(columns, rows, format === "hxl");
}

/** The file name of a table download: `activities.csv`, `activities.hxl.csv`, `activities.json`. */
export function tableFileName(base: string, format: TableFormat): string {
  return `${base}${TABLE_EXTENSIONS[format]}`;
}

export const TABLE_EXTENSIONS: Record<TableFormat, string> = { csv: ".csv", hxl: ".hxl.csv", json: ".json" };
