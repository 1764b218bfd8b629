import { parse } from "csv-parse/sync";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "../src/domain/access/viewer.js";
import { type TableColumn, sendTable, tableDownloadHrefs, tableFormatOfPath } from "../src/http/table-download.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeOrganization } from "./factories.js";

type Row = { code: string; name: string };
const COLUMNS: TableColumn<Row>[] = [
  { key: "code", header: "code", hxl: "#country+code", value: (r) => r.code },
  { key: "name", header: "name", hxl: "#country+name", value: (r) => r.name },
];
const ROWS: Row[] = [
  { code: "SEN", name: "Sénégal, République du" },
  { code: "EGY", name: "مصر" },
  { code: "=1+2", name: 'say "hi"\nbye' },
];

let handle: DbHandle;
let app: FastifyInstance;
let pagesStarted = 0;

beforeAll(async () => {
  handle = await createTestDb();
  app = Fastify();
  app.decorateRequest("viewer", null as unknown as typeof ANONYMOUS);
  app.decorateRequest("lang", null as unknown as "en");
  app.addHook("onRequest", async (request) => {
    request.viewer = ANONYMOUS;
    request.lang = "en";
  });
  for (const suffix of [".csv", ".hxl.csv", ".json"]) {
    app.get(`/things${suffix}`, (request, reply) => {
      const format = tableFormatOfPath(request.url);
      if (!format) throw new Error("no format");
      async function* pages() {
        pagesStarted += 1;
        yield ROWS.slice(0, 2);
        yield ROWS.slice(2);
      }
      return sendTable(handle.db, request, reply, { format, filename: "things", columns: COLUMNS, rows: pages() });
    });
  }
  app.get("/empty.csv", (request, reply) => sendTable(handle.db, request, reply, { format: "hxl", filename: "empty", columns: COLUMNS, rows: [] }));
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await handle.close();
});

describe("sendTable", () => {
  it.each([
    ["/things.csv", "text/csv; charset=utf-8", 'attachment; filename="things.csv"'],
    ["/things.hxl.csv", "text/csv; charset=utf-8", 'attachment; filename="things.hxl.csv"'],
    ["/things.json", "application/json; charset=utf-8", 'attachment; filename="things.json"'],
  ])("%s: content type, stable file name, ETag and public cache headers", async (url, type, disposition) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(type);
    expect(res.headers["content-disposition"]).toBe(disposition);
    expect(res.headers.etag).toMatch(/^W\/"/);
    expect(res.headers["cache-control"]).toBe("public, max-age=300, must-revalidate");
  });

  it("streams every page; CSV cells are escaped and formula-safe; HXL adds the hashtag row", async () => {
    const csv = parse((await app.inject({ url: "/things.csv" })).body.replace(/^\uFEFF/, "")) as string[][];
    expect(csv).toEqual([
      ["code", "name"],
      ["SEN", "Sénégal, République du"],
      ["EGY", "مصر"],
      ["'=1+2", 'say "hi"\nbye'],
    ]);
    const hxl = parse((await app.inject({ url: "/things.hxl.csv" })).body.replace(/^\uFEFF/, "")) as string[][];
    expect(hxl[1]).toEqual(["#country+code", "#country+name"]);
    expect(hxl.slice(2)).toEqual(csv.slice(1));
    const json = (await app.inject({ url: "/things.json" })).json();
    expect(json.rows).toEqual(ROWS);
  });

  it("answers 304 to a current If-None-Match without reading rows, and 200 again once data changed", async () => {
    const first = await app.inject({ url: "/things.csv" });
    const etag = String(first.headers.etag);
    const before = pagesStarted;
    const again = await app.inject({ url: "/things.csv", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(pagesStarted).toBe(before);
    // Each format and each query is its own representation.
    expect((await app.inject({ url: "/things.json" })).headers.etag).not.toBe(etag);
    expect((await app.inject({ url: "/things.csv?x=1" })).headers.etag).not.toBe(etag);
    await makeOrganization(handle.db);
    const changed = await app.inject({ url: "/things.csv", headers: { "if-none-match": etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("sends an empty table with its header and hashtag rows", async () => {
    const res = await app.inject({ url: "/empty.csv" });
    expect(res.body).toBe("\uFEFFcode,name\r\n#country+code,#country+name\r\n");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="empty.hxl.csv"');
  });

  it("builds download URLs carrying the page's query without paging or language", () => {
    expect(tableDownloadHrefs("/activities", { country: "SEN", page: "3", lang: "fr", q: "" })).toEqual({
      csv: "/activities.csv?country=SEN",
      hxl: "/activities.hxl.csv?country=SEN",
      json: "/activities.json?country=SEN",
    });
    expect(tableFormatOfPath("/a.hxl.csv?x=.json")).toBe("hxl");
    expect(tableFormatOfPath("/a.csv")).toBe("csv");
    expect(tableFormatOfPath("/a.json")).toBe("json");
    expect(tableFormatOfPath("/a")).toBeUndefined();
  });
});
