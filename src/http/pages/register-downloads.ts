import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { STATUS_NAMES } from "../../domain/activities/activity-status.js";
import { notFound } from "../../domain/core/app-error.js";
import type { Breakdown, OfferRow, YearBreakdown } from "../../domain/transparency/register-schemas.js";
import {
  getCountryRegister,
  getProviderRegister,
  getRegisterSummary,
  iterateCountryRegisterActivities,
  listCountryRegisterActivities,
} from "../../domain/transparency/register-service.js";
import { TABLE_EXTENSIONS, TABLE_FORMATS, type TableFormat, tableFileName } from "../../exports/hxl.js";
import {
  type BreakdownDimension,
  type BreakdownDownloadRow,
  breakdownColumns,
  type CountDownloadRow,
  FLOW_YEAR_COLUMNS,
  type FlowYearDownloadRow,
  offerColumns,
  REQUEST_COUNT_COLUMNS,
  registerActivityColumns,
  STATE_SUMMARY_COLUMNS,
  YEAR_COLUMNS,
  type YearDownloadRow,
} from "../../exports/register-tables.js";
import { translator } from "../../web/i18n/i18n.js";
import type { ServerDeps } from "../server.js";
import { sendTable, tableFormatOfPath } from "../table-download.js";
import { codeLabels } from "./page-labels.js";
import { field } from "./render.js";

// Downloads of every register table (issue 5 item 4) as CSV, HXL-tagged CSV and JSON, beside their pages, with the
// same filters and visibility as the pages: /transparency/states.csv, /transparency/countries/SEN/by-provider.hxl.csv,
// /transparency/providers/ohchr/by-year.json … Names and labels are in English, the tables' stable language.

const en = translator("en");

/** "by-provider.hxl.csv" → { table: "by-provider", format: "hxl" }. */
function splitFile(file: string): { table: string; format: TableFormat } | null {
  const format = tableFormatOfPath(file);
  return format ? { table: file.slice(0, -TABLE_EXTENSIONS[format].length), format } : null;
}

type Labels = Awaited<ReturnType<typeof codeLabels>>;

function nameOf(dimension: BreakdownDimension, code: string, labelOf: string | null, labels: Labels): string {
  switch (dimension) {
    case "provider":
      return labelOf ?? code;
    case "state":
      return labelOf ?? labels.country(code);
    case "theme":
      return code === "" ? "No theme" : labels.theme(code);
    case "modality":
      return code === "" ? "No modality" : en(`vocab.modality.${code}` as Parameters<typeof en>[0]);
    case "status":
      return STATUS_NAMES[Number(code) as keyof typeof STATUS_NAMES] ?? code;
  }
}

function breakdownRows(dimension: BreakdownDimension, b: Breakdown, labels: Labels): BreakdownDownloadRow[] {
  return [
    ...b.rows.map((r) => ({
      rowType: "cell" as const,
      code: dimension === "provider" ? (r.slug ?? r.key) : r.key,
      name: nameOf(dimension, r.key, r.label, labels),
      figures: r,
    })),
    ...(b.notBrokenDown
      ? [{ rowType: "withheld_not_broken_down" as const, code: "", name: "Withheld activities not broken down", figures: b.notBrokenDown }]
      : []),
  ];
}

function yearRows(y: YearBreakdown): YearDownloadRow[] {
  return [
    ...y.rows.map((r) => ({ rowType: "cell" as const, ...r })),
    ...(y.notBrokenDown ? [{ ...y.notBrokenDown, rowType: "withheld_not_broken_down" as const }] : []),
  ];
}

const named = (rows: OfferRow[], name: (r: OfferRow) => string) => rows.map((r) => ({ ...r, name: name(r) }));

export function registerRegisterDownloads(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  const origin = (request: FastifyRequest) => (deps.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, "");
  const send = <T>(
    request: FastifyRequest,
    reply: FastifyReply,
    format: TableFormat,
    filename: string,
    columns: Parameters<typeof sendTable<T>>[3]["columns"],
    rows: T[] | AsyncIterable<T[]>,
  ) => sendTable<T>(db, request, reply, { format, filename, columns, rows });

  // The two world-wide tables take the /transparency page's filters.
  const summaryOf = (request: FastifyRequest) =>
    getRegisterSummary(db, request.viewer, {
      region: field(request.query, "region"),
      year: field(request.query, "year"),
      provider: field(request.query, "provider"),
      theme: field(request.query, "theme"),
    });

  for (const format of TABLE_FORMATS) {
    app.get(`/transparency/${tableFileName("states", format)}`, async (request, reply) => {
      const summary = await summaryOf(request);
      return send(request, reply, format, "register-states", STATE_SUMMARY_COLUMNS, summary.rows);
    });
    app.get(`/transparency/${tableFileName("years", format)}`, async (request, reply) => {
      const summary = await summaryOf(request);
      const rest = summary.byYearNotBrokenDown;
      const rows: FlowYearDownloadRow[] = [
        ...summary.byYear.map((y) => ({ rowType: "cell" as const, year: y.year, committed: y.committed, disbursed: y.disbursed })),
        ...(rest ? [{ rowType: "withheld_not_broken_down" as const, year: "", committed: rest.committed, disbursed: rest.disbursed }] : []),
      ];
      return send(request, reply, format, "register-years", FLOW_YEAR_COLUMNS, rows);
    });
  }

  app.get("/transparency/countries/:iso3/:file", async (request, reply) => {
    const { iso3, file } = request.params as { iso3: string; file: string };
    const split = splitFile(file);
    if (!split) throw notFound("Download", file);
    const { table, format } = split;
    const name = `register-${iso3}-${table}`;
    if (table === "activities") {
      const q = request.query;
      const query = {
        q: field(q, "q"),
        provider: field(q, "provider"),
        theme: field(q, "theme"),
        modality: field(q, "modality"),
        status: field(q, "status"),
        year: field(q, "year"),
      };
      // Checked before anything is sent: a bad filter or an unknown State is a clear 4xx, not a broken download.
      await listCountryRegisterActivities(db, request.viewer, iso3, { ...query, limit: 1 });
      const columns = registerActivityColumns((s) => STATUS_NAMES[s as keyof typeof STATUS_NAMES] ?? String(s), origin(request));
      return send(request, reply, format, name, columns, iterateCountryRegisterActivities(db, request.viewer, iso3, query));
    }
    const [r, labels] = await Promise.all([getCountryRegister(db, request.viewer, iso3), codeLabels(db, "en")]);
    const dimension = table.startsWith("by-") ? (table.slice(3) as BreakdownDimension) : null;
    const breakdowns: Partial<Record<BreakdownDimension, Breakdown>> = {
      provider: r.activities.byProvider,
      theme: r.activities.byTheme,
      modality: r.activities.byModality,
      status: r.activities.byStatus,
    };
    if (dimension && breakdowns[dimension])
      return send(request, reply, format, name, breakdownColumns(dimension), breakdownRows(dimension, breakdowns[dimension], labels));
    if (table === "by-year") return send(request, reply, format, name, YEAR_COLUMNS, yearRows(r.activities.byYear));
    if (table === "offers")
      return send(
        request,
        reply,
        format,
        name,
        offerColumns("provider"),
        named(r.offers.byProvider, (o) => o.label ?? o.key),
      );
    if (table === "requests") {
      const rows: CountDownloadRow[] = [
        ...r.requests.byStatus.map((c) => ({
          dimension: "status" as const,
          code: c.key,
          name: en(`req.status.${c.key}` as Parameters<typeof en>[0]),
          count: c.count,
        })),
        ...r.requests.byYear.map((c) => ({ dimension: "year" as const, code: c.key, name: c.key, count: c.count })),
        ...r.requests.byTheme.map((c) => ({ dimension: "theme" as const, code: c.key, name: c.key === "" ? "No theme" : labels.theme(c.key), count: c.count })),
      ];
      return send(request, reply, format, name, REQUEST_COUNT_COLUMNS, rows);
    }
    throw notFound("Download", file);
  });

  app.get("/transparency/providers/:slug/:file", async (request, reply) => {
    const { slug, file } = request.params as { slug: string; file: string };
    const split = splitFile(file);
    if (!split) throw notFound("Download", file);
    const { table, format } = split;
    const [r, labels] = await Promise.all([getProviderRegister(db, request.viewer, slug), codeLabels(db, "en")]);
    const name = `register-${slug}-${table}`;
    if (table === "by-state") return send(request, reply, format, name, breakdownColumns("state"), breakdownRows("state", r.activities.byState, labels));
    if (table === "by-theme") return send(request, reply, format, name, breakdownColumns("theme"), breakdownRows("theme", r.activities.byTheme, labels));
    if (table === "by-year") return send(request, reply, format, name, YEAR_COLUMNS, yearRows(r.activities.byYear));
    if (table === "offers")
      return send(
        request,
        reply,
        format,
        name,
        offerColumns("state"),
        named(r.offers.byState, (o) => (o.key ? (o.label ?? labels.country(o.key)) : "No State (open offer)")),
      );
    throw notFound("Download", file);
  });
}
