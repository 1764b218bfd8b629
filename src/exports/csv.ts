// RFC 4180 CSV for downloads. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed
// with an apostrophe (OWASP "CSV injection"), since these files are opened in Excel by most users.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = Array.isArray(value) ? value.join("|") : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** Streams a header and rows page by page, so a 250,000-row download never sits in memory whole. */
export async function* csvDocument<T>(columns: { header: string; value: (row: T) => unknown }[], pages: AsyncIterable<T[]>): AsyncGenerator<string> {
  // A UTF-8 byte-order mark so Excel opens accented and non-Latin text correctly.
  yield `\uFEFF${csvLine(columns.map((c) => c.header))}`;
  for await (const page of pages) yield page.map((row) => csvLine(columns.map((c) => c.value(row)))).join("");
}
