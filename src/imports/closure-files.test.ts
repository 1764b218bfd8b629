import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { detectClosureFormat, hashClosureFile, streamClosureFile } from "./closure-files.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "closure-files-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function read(file: string) {
  const rows: { line: number; fields: readonly string[] }[] = [];
  const result = await streamClosureFile(file, { onRow: (fields, line) => rows.push({ line, fields: [...fields] }) });
  return { ...result, rows };
}

describe("detectClosureFormat", () => {
  it.each([
    [["Date", "ISO", "Country", "Status", "Note"], "unesco_status"],
    [["Date", "ISO", "Country", "Scale", "Note"], "unesco_scale"],
    [["country_code", "country_name", "date", "c1_school_closing", "c1_flag"], "oxcgrt_c1"],
    [["date", "iso3", "unit", "isced", "status", "learners_female", "learners_male", "learners_total", "remote_modalities", "note"], "national"],
    [[" Note", "Status ", "Country", "ISO", "Date"], "unesco_status"],
  ])("%j is %s", (header, format) => {
    expect(detectClosureFormat(header)?.format).toBe(format);
  });

  it.each([[["Date", "ISO", "Country", "Status"]], [["Date", "ISO", "Country", "Status", "Note", "Extra"]], [["id", "name"]]])("%j is none", (header) => {
    expect(detectClosureFormat(header)).toBeNull();
  });
});

describe("streamClosureFile", () => {
  it("hands on rows in the format's column order with the line each starts on (CRLF, quoted line breaks, empty lines)", async () => {
    const file = write(
      "reordered.csv",
      'Note,Date,ISO,Country,Status\r\n"two\r\nlines",16/03/2020,FRA,France,Fully open\r\n\r\n,17/03/2020,FRA,France,Fully open\r\n',
    );
    const r = await read(file);
    expect(r.format).toBe("unesco_status");
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, fields: ["16/03/2020", "FRA", "France", "Fully open", "two\r\nlines"] },
      { line: 5, fields: ["17/03/2020", "FRA", "France", "Fully open", ""] },
    ]);
    expect(r.rowsRead).toBe(2);
  });

  it("reads gzipped copies and a byte-order mark", async () => {
    const file = write("bom.csv.gz", gzipSync(Buffer.from("\uFEFFcountry_code,country_name,date,c1_school_closing,c1_flag\nFRA,France,2020-03-01,0,\n")));
    const r = await read(file);
    expect(r.format).toBe("oxcgrt_c1");
    expect(r.rows).toEqual([{ line: 2, fields: ["FRA", "France", "2020-03-01", "0", ""] }]);
  });

  it("reports a row with the wrong number of fields and does not hand it on", async () => {
    const r = await read(write("short.csv", "Date,ISO,Country,Status,Note\n16/03/2020,FRA,France\n17/03/2020,FRA,France,Fully open,\n"));
    expect(r.problems).toEqual([{ line: 2, field: "row", message: "has 3 field(s), the header has 5" }]);
    expect(r.rows.map((x) => x.line)).toEqual([3]);
  });

  it.each([
    ["empty.csv", "", /^the file is empty; expected a header: Date,ISO,Country,Status,Note \| /],
    ["blank.csv", "\n\n", /^the file has no header row; expected /],
    [
      "other.csv",
      "id,name\n1,a\n",
      /^not a school-closures file: the header is "id,name"; expected Date,ISO,Country,Status,Note \| Date,ISO,Country,Scale,Note \| /,
    ],
    ["quote.csv", 'Date,ISO,Country,Status,Note\n16/03/2020,FRA,"France,Fully open,\n', /^unreadable CSV: /],
  ])("refuses %s", async (name, content, message) => {
    const r = await read(write(name, content));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.message).toMatch(message);
  });

  it("reports a broken gzip file as unreadable", async () => {
    const r = await read(write("broken.csv.gz", gzipSync(Buffer.from("Date,ISO,Country,Status,Note\n")).subarray(0, 12)));
    expect(r.problems[0]?.message).toMatch(/^unreadable CSV: /);
  });
});

describe("hashClosureFile", () => {
  it("hashes the content, the same for a file and its gzipped copy", async () => {
    const content = "Date,ISO,Country,Status,Note\n16/03/2020,FRA,France,Fully open,\n";
    const plain = await hashClosureFile(write("h.csv", content));
    const gz = await hashClosureFile(write("h.csv.gz", gzipSync(Buffer.from(content))));
    expect(gz).toEqual(plain);
    expect(plain.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
