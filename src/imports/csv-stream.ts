import fs from "node:fs";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { gunzipSync } from "node:zlib";
import iconv from "iconv-lite";
import type { ImportProblem } from "../domain/recommendations/recommendation-schemas.js";

export type TextEncoding = "utf-8" | "macintosh" | "windows-1252";

/**
 * Guesses a file's encoding from its first 64 KB: valid UTF-8 (with or without BOM) is UTF-8; otherwise the raw
 * UPR Info exports are Mac Roman (classic Mac OS, CR line ends), which is what we fall back to. An operator can
 * force another one with --encoding.
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  // Drop a possibly cut multi-byte sequence at the end of the sample.
  let end = head.length;
  for (let i = 0; i < 3 && end > 0 && (head[end - 1] as number) >= 0x80; i++) end--;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, end));
    return "utf-8";
  } catch {
    return "macintosh";
  }
}

export type CsvRecord = { line: number; values: Record<string, string> };
export type CsvStreamOptions = {
  /** Columns that must be in the header; their absence means "wrong file". */
  requiredColumns: readonly string[];
  /** What the file was expected to be, for the wrong-format message. */
  expected: string;
  encoding?: TextEncoding;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
};

export type CsvStreamResult = { encoding: TextEncoding; header: string[] };

/**
 * Streams a CSV file with a header row, record by record, keeping the file line where each record starts.
 * Structural problems (wrong header, broken quoting, empty file) are returned as problems with a line, never thrown.
 */
export async function streamCsvFile(
  file: string,
  options: CsvStreamOptions,
  onRecord: (record: CsvRecord) => void | Promise<void>,
): Promise<CsvStreamResult & { problems: ImportProblem[] }> {
  // Gzipped copies (resources/*.csv.gz) are read whole: decompressed they are a few MB; plain files stream.
  const gz = file.endsWith(".gz") ? gunzipSync(fs.readFileSync(file)) : undefined;
  const totalBytes = gz ? gz.length : fs.statSync(file).size;
  if (totalBytes === 0)
    return { encoding: "utf-8", header: [], problems: [{ line: 1, field: "file", message: `the file is empty; expected ${options.expected}` }] };
  let head: Uint8Array;
  if (gz) head = gz.subarray(0, 65_536);
  else {
    const fd = fs.openSync(file, "r");
    const buffer = Buffer.alloc(Math.min(65_536, totalBytes));
    fs.readSync(fd, buffer, 0, buffer.length, 0);
    fs.closeSync(fd);
    head = buffer;
  }
  const encoding = options.encoding ?? detectEncoding(head);

  let bytesRead = 0;
  const raw: Readable = gz ? Readable.from(chunksOf(gz, 65_536)) : fs.createReadStream(file);
  raw.on("data", (chunk: Buffer) => {
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead, totalBytes);
  });
  const text = (encoding === "utf-8" ? raw.setEncoding("utf8") : raw.pipe(iconv.decodeStream(encoding))) as Readable;
  const parser = text.pipe(
    parse({
      bom: true,
      columns: false,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // "\n", "\r\n" and the bare "\r" of classic Mac OS files are all detected.
      record_delimiter: ["\r\n", "\n", "\r"],
    }),
  );

  const problems: ImportProblem[] = [];
  let header: string[] = [];
  let previousEnd = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = previousEnd + 1;
      previousEnd = info.lines;
      if (header.length === 0) {
        header = record.map((h) => h.trim());
        const missing = options.requiredColumns.filter((c) => !header.includes(c));
        if (missing.length > 0) {
          raw.destroy();
          return {
            encoding,
            header,
            problems: [
              {
                line: 1,
                field: "file",
                message: `not ${options.expected}: the header lacks ${missing.join(", ")} (found: ${header.slice(0, 8).join(",")}${header.length > 8 ? ",…" : ""})`,
              },
            ],
          };
        }
        continue;
      }
      if (record.length !== header.length) {
        problems.push({ line, field: "row", message: `has ${record.length} fields, the header has ${header.length}` });
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((h, i) => {
        values[h] = record[i] ?? "";
      });
      await onRecord({ line, values });
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    problems.push({ line: err.lines ?? previousEnd + 1, field: "file", message: `unreadable CSV: ${err.message}` });
  }
  if (header.length === 0) problems.push({ line: 1, field: "file", message: `the file has no header row; expected ${options.expected}` });
  return { encoding, header, problems };
}

function* chunksOf(buffer: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}
