import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { TABLE_EXTENSIONS, type TableColumn, type TableFormat, tableDocument, tableFileName } from "../exports/hxl.js";
import type { Db } from "../store/db.js";
import { answerFromCache } from "./public-cache.js";

export type { TableColumn, TableFormat } from "../exports/hxl.js";

export type TableDownload<T> = {
  format: TableFormat;
  /** Stable base file name without extension, e.g. "activities" → activities.csv / activities.hxl.csv / activities.json. */
  filename: string;
  columns: readonly TableColumn<T>[];
  /**
   * The rows, or pages of them. Pass a lazy async generator for large tables: it is only started after the ETag
   * check, so a 304 costs no query, and pages are written as they come.
   */
  rows: readonly T[] | AsyncIterable<T[]>;
};

const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: "text/csv; charset=utf-8",
  // HXL-tagged CSV is CSV (HXL 1.1 §2); the .hxl.csv file name tells HXL tools what it holds.
  hxl: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/**
 * Sends a public table as CSV, HXL-tagged CSV or JSON with ETag and Cache-Control (answerFromCache; the variant is
 * format and language), a stable attachment file name, streamed page by page. Answers 304 without a body when the
 * client's copy is current. The caller filters the rows for the viewer (visibility in SQL) before they get here.
 */
export async function sendTable<T>(db: Db, request: FastifyRequest, reply: FastifyReply, download: TableDownload<T>): Promise<FastifyReply> {
  if (await answerFromCache(db, request, reply, `${download.format}|${request.lang ?? "en"}`)) return reply;
  const name = tableFileName(download.filename, download.format);
  reply.type(CONTENT_TYPES[download.format]).header("content-disposition", `attachment; filename="${name}"`).header("x-content-type-options", "nosniff");
  return reply.send(Readable.from(tableDocument(download.format, download.columns, download.rows)));
}

/** Which format a download URL asks for, from its path's ending (`.hxl.csv` before `.csv`). */
export function tableFormatOfPath(path: string): TableFormat | undefined {
  const bare = path.split("?")[0] ?? "";
  if (bare.endsWith(TABLE_EXTENSIONS.hxl)) return "hxl";
  if (bare.endsWith(TABLE_EXTENSIONS.csv)) return "csv";
  if (bare.endsWith(TABLE_EXTENSIONS.json)) return "json";
  return undefined;
}

/** The three stable download URLs of a table with the same query as the page (paging and language dropped). */
export function tableDownloadHrefs(basePath: string, query: Record<string, string | undefined> = {}): Record<TableFormat, string> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "" && k !== "page" && k !== "lang") params.set(k, v);
  const qs = params.toString();
  const suffix = qs ? `?${qs}` : "";
  return {
    csv: `${basePath}${TABLE_EXTENSIONS.csv}${suffix}`,
    hxl: `${basePath}${TABLE_EXTENSIONS.hxl}${suffix}`,
    json: `${basePath}${TABLE_EXTENSIONS.json}${suffix}`,
  };
}
