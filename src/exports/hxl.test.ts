import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkColumns, csvTable, hxlTable, isHxlTag, jsonTable, type TableColumn, tableDocument, tableFileName } from "./hxl.js";

type Row = { id: string; name: string; amount: string | null; years: number[]; at: Date | null };

const COLUMNS: TableColumn<Row>[] = [
  { key: "id", header: "id", hxl: "#activity+code", value: (r) => r.id },
  { key: "name", header: "name", hxl: "#org+name+funder", value: (r) => r.name },
  { key: "amount", header: "amount_usd", hxl: "#value+funding+total+usd", value: (r) => r.amount },
  { key: "years", header: "years", hxl: "#date+year", value: (r) => r.years },
  { key: "note", header: "note", hxl: "", value: (r) => r.at },
];

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const c of chunks) out += c;
  return out;
}

async function* paged(rows: Row[], size: number): AsyncGenerator<Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const ROWS: Row[] = [
  { id: "XM-DAC-41313-SEN-1", name: 'OHCHR, "Dakar" office\nline two', amount: "1250000.50", years: [2025, 2026], at: new Date("2026-01-02T03:04:05Z") },
  { id: '=HYPERLINK("http://evil")', name: "المفوضية السامية لحقوق الإنسان", amount: "-5", years: [], at: null },
  { id: "@SUM(A1)", name: "+cmd", amount: null, years: [2024], at: null },
];

describe("HXL hashtags (HXL 1.1)", () => {
  it.each([
    ["#org+name+funder", true],
    ["#value+funding+total+usd", true],
    ["#date+year+start", true],
    ["#country+code", true],
    ["#activity+id+fts_internal", true],
    ["#org +name", true],
    ["org+name", false],
    ["#Org", false],
    ["#1st", false],
    ["#org+", false],
    ["#org-name", false],
    ["", false],
  ])("%j valid: %s", (tag, valid) => {
    expect(isHxlTag(tag)).toBe(valid);
  });

  it("refuses duplicate keys, non-machine keys and malformed hashtags", () => {
    const base = { header: "h", value: () => 1 };
    expect(() =>
      checkColumns([
        { ...base, key: "a", hxl: "" },
        { ...base, key: "a", hxl: "" },
      ]),
    ).toThrow(/twice/);
    expect(() => checkColumns([{ ...base, key: "Bad Key", hxl: "" }])).toThrow(/snake/);
    expect(() => checkColumns([{ ...base, key: "a", hxl: "org+name" }])).toThrow(/hashtag/);
  });
});

describe("table documents", () => {
  it("CSV: BOM, header row of the columns, formula cells neutralised, quotes/commas/newlines escaped, Arabic intact", async () => {
    const out = await text(csvTable(COLUMNS, paged(ROWS, 2)));
    expect(out.startsWith("\uFEFFid,name,amount_usd,years,note\r\n")).toBe(true);
    const parsed = parse(out.slice(1), { relax_quotes: false }) as string[][];
    expect(parsed).toEqual([
      ["id", "name", "amount_usd", "years", "note"],
      ["XM-DAC-41313-SEN-1", 'OHCHR, "Dakar" office\nline two', "1250000.50", "2025|2026", "2026-01-02T03:04:05.000Z"],
      ['\'=HYPERLINK("http://evil")', "المفوضية السامية لحقوق الإنسان", "'-5", "", ""],
      ["'@SUM(A1)", "'+cmd", "", "2024", ""],
    ]);
  });

  it("HXL: the hashtag row directly under the header row, untagged columns left empty", async () => {
    const out = await text(hxlTable(COLUMNS, ROWS));
    const parsed = parse(out.slice(1)) as string[][];
    expect(parsed[0]).toEqual(["id", "name", "amount_usd", "years", "note"]);
    expect(parsed[1]).toEqual(["#activity+code", "#org+name+funder", "#value+funding+total+usd", "#date+year", ""]);
    expect(parsed.length).toBe(2 + ROWS.length);
    expect(parsed[3]?.[0]).toBe('\'=HYPERLINK("http://evil")');
  });

  it("JSON: self-describing columns, rows keyed by machine keys, values typed (arrays, ISO dates, decimal strings, null)", async () => {
    const out = JSON.parse(await text(jsonTable(COLUMNS, paged(ROWS, 1))));
    expect(out.columns).toEqual(COLUMNS.map((c) => ({ key: c.key, header: c.header, hxl: c.hxl })));
    expect(out.rows).toEqual([
      { id: "XM-DAC-41313-SEN-1", name: 'OHCHR, "Dakar" office\nline two', amount: "1250000.50", years: [2025, 2026], note: "2026-01-02T03:04:05.000Z" },
      // JSON is not opened by spreadsheets: values are kept exactly as they are.
      { id: '=HYPERLINK("http://evil")', name: "المفوضية السامية لحقوق الإنسان", amount: "-5", years: [], note: null },
      { id: "@SUM(A1)", name: "+cmd", amount: null, years: [2024], note: null },
    ]);
  });

  it.each(["csv", "hxl", "json"] as const)("an empty table in %s still carries its header (and hashtag row)", async (format) => {
    const out = await text(tableDocument(format, COLUMNS, []));
    if (format === "json") expect(JSON.parse(out)).toEqual({ columns: expect.any(Array), rows: [] });
    else expect(parse(out.slice(1))).toHaveLength(format === "hxl" ? 2 : 1);
    const fromEmptyPages = await text(
      tableDocument(
        format,
        COLUMNS,
        (async function* () {
          yield [];
        })(),
      ),
    );
    expect(fromEmptyPages).toBe(out);
  });

  it("any text round-trips through CSV and JSON (formula prefixes aside)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: "grapheme" }).filter((s) => !/^[=+\-@\t\r]/.test(s)),
          { maxLength: 6 },
        ),
        async (names) => {
          const rows = names.map((name, i) => ({ id: String(i), name, amount: null, years: [], at: null }));
          const csv = parse((await text(csvTable(COLUMNS, rows))).slice(1)) as string[][];
          expect(csv.slice(1).map((r) => r[1])).toEqual(names);
          const json = JSON.parse(await text(jsonTable(COLUMNS, rows)));
          expect(json.rows.map((r: { name: string }) => r.name)).toEqual(names);
        },
      ),
    );
  });

  it("names files stably", () => {
    expect(tableFileName("activities", "csv")).toBe("activities.csv");
    expect(tableFileName("activities", "hxl")).toBe("activities.hxl.csv");
    expect(tableFileName("activities", "json")).toBe("activities.json");
  });
});
