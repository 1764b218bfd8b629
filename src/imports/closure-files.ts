import { createHash } from "node:crypto";
import fs from "node:fs";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";
import { CLOSURE_FORMAT_SPECS, CLOSURE_FORMATS, type ClosureFormat } from "../domain/education/closure-schemas.js";

// Reading school-closure files (docs/closures.md): UNESCO's two CSV releases, OxCGRT's C1 long file and the
// national template, plain or gzipped (the repo's resources/ copies). The file is streamed record by record in
// array mode (no per-row objects: 162,129 OxCGRT rows parse in about 0.3 s), and each record keeps the line of
// the file where it starts, so that every problem names its line.

export type ClosureFileProblem = { line: number; field: string; message: string };

export type ClosureFileRead = {
  /** null when the header is not one of the known formats (the problem says which headers are expected). */
  format: ClosureFormat | null;
  rowsRead: number;
  problems: ClosureFileProblem[];
};

/** Column position of each header name of the detected format. */
export type ClosureColumns = Record<string, number>;

export type ClosureRowHandler = (fields: readonly string[], line: number) => void;

const openBytes = (file: string): Readable => {
  const raw = fs.createReadStream(file);
  if (!file.endsWith(".gz")) return raw;
  const gunzip = createGunzip();
  raw.on("error", (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
};

/** SHA-256 of the file's content (of the uncompressed content for a .gz): what makes an import idempotent. */
export async function hashClosureFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of openBytes(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/** The format whose header this is (names trimmed, any order, extra columns refused), or null. */
export function detectClosureFormat(header: readonly string[]): { format: ClosureFormat; columns: ClosureColumns } | null {
  const names = header.map((h) => h.trim());
  for (const format of CLOSURE_FORMATS) {
    const expected = CLOSURE_FORMAT_SPECS[format].header;
    if (names.length !== expected.length || !expected.every((h) => names.includes(h))) continue;
    return { format, columns: Object.fromEntries(expected.map((h) => [h, names.indexOf(h)])) };
  }
  return null;
}

const EXPECTED_HEADERS = CLOSURE_FORMATS.map((f) => CLOSURE_FORMAT_SPECS[f].header.join(",")).join(" | ");

/**
 * Streams a closure file: detects the format from the header, then hands every record to `onRow` with the columns
 * in the format's header order. Structural problems (empty file, unknown header, a record with the wrong number of
 * fields, broken quoting) are returned, never thrown; a record with the wrong field count is not handed on.
 */
export async function streamClosureFile(
  file: string,
  handlers: { onFormat?: (format: ClosureFormat) => void; onRow: ClosureRowHandler; onProgress?: (bytesRead: number, totalBytes: number) => void },
): Promise<ClosureFileRead> {
  const totalBytes = fs.statSync(file).size;
  if (totalBytes === 0)
    return { format: null, rowsRead: 0, problems: [{ line: 1, field: "file", message: `the file is empty; expected a header: ${EXPECTED_HEADERS}` }] };
  const raw = fs.createReadStream(file);
  let bytesRead = 0;
  raw.on("data", (chunk) => {
    bytesRead += chunk.length;
    handlers.onProgress?.(bytesRead, totalBytes);
  });
  const text = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  // Lines are counted here rather than with csv-parse's `info` (which builds an object per record and more than
  // doubles the parse time): a record takes one line plus the line breaks inside its quoted fields.
  const parser = text.pipe(parse({ bom: true, relax_column_count: true, record_delimiter: ["\r\n", "\n"] }));
  // A broken gzip stream or a read error ends the parse with that error instead of an unhandled event.
  raw.on("error", (e) => parser.destroy(e));
  if (text !== raw) text.on("error", (e: Error) => parser.destroy(e));

  const problems: ClosureFileProblem[] = [];
  let format: ClosureFormat | null = null;
  let order: number[] = [];
  let inOrder = true;
  let rowsRead = 0;
  let nextLine = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = nextLine;
      nextLine++;
      for (const value of record) if (value.includes("\n")) nextLine += value.split("\n").length - 1;
      if (record.length === 1 && record[0] === "") continue; // an empty line
      if (format === null) {
        const detected = detectClosureFormat(record);
        if (!detected) {
          raw.destroy();
          const found = record.slice(0, 10).join(",");
          return {
            format: null,
            rowsRead: 0,
            problems: [{ line, field: "file", message: `not a school-closures file: the header is "${found}"; expected ${EXPECTED_HEADERS}` }],
          };
        }
        format = detected.format;
        order = CLOSURE_FORMAT_SPECS[format].header.map((h) => detected.columns[h] as number);
        inOrder = order.every((position, i) => position === i);
        handlers.onFormat?.(format);
        continue;
      }
      rowsRead++;
      if (record.length !== order.length) {
        problems.push({ line, field: "row", message: `has ${record.length} field(s), the header has ${order.length}` });
        continue;
      }
      handlers.onRow(inOrder ? record : order.map((i) => record[i] as string), line);
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    problems.push({ line: err.lines ?? nextLine, field: "file", message: `unreadable CSV: ${err.message}` });
  }
  if (format === null && problems.length === 0) problems.push({ line: 1, field: "file", message: `the file has no header row; expected ${EXPECTED_HEADERS}` });
  return { format, rowsRead, problems };
}
