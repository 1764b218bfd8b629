import { parse } from "csv-parse/sync";
import { AppError } from "../domain/core/app-error.js";

export type CsvRow = { /** Line in the file where the record ends (1 = header). */ line: number; values: Record<string, string> };

/**
 * Parses CSV text with a header row into records keyed by column name, keeping each record's line number so
 * that every problem can be reported as "file, line n". Fails when a required column is missing.
 */
export function readCsvRows(text: string, options: { file: string; delimiter?: string; requiredColumns?: readonly string[] }): CsvRow[] {
  let records: { info: { lines: number }; record: Record<string, string> }[];
  try {
    records = parse(text, { columns: true, info: true, bom: true, skip_empty_lines: true, delimiter: options.delimiter ?? "," });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    const message = (e as Error).message;
    throw new AppError("invalid_input", `${options.file}: ${line ? `line ${line}: ` : ""}${message}`, [
      { field: options.file, message, ...(line ? { line } : {}) },
    ]);
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = (options.requiredColumns ?? []).filter((c) => records.length > 0 && !header.includes(c));
  if (missing.length > 0) {
    throw new AppError("invalid_input", `${options.file}: missing column(s) ${missing.join(", ")}`, [
      { field: options.file, message: `missing column(s) ${missing.join(", ")}`, line: 1 },
    ]);
  }
  return records.map((r) => ({ line: r.info.lines, values: r.record }));
}

/** A problem found in one record: reported with its file and line. */
export function rowError(file: string, line: number, message: string): AppError {
  return new AppError("invalid_input", `${file}: line ${line}: ${message}`, [{ field: file, message, line }]);
}
