import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IatiReadEvent, type ReadOptions, readIatiActivities } from "./iati-activity-reader.js";
import { fromCents, isoDate, toCents, utcSeconds } from "./iati-values.js";

// The streaming reader: activities cut out at the right place and line whatever the chunking, line endings and
// characters; files refused before anything is handed out.

const activity = (id: string, extra = "") =>
  `<iati-activity last-updated-datetime="2024-01-01T00:00:00Z">\n  <iati-identifier>${id}</iati-identifier>${extra}\n</iati-activity>`;

async function readAll(chunks: (string | Buffer)[], options: ReadOptions = {}): Promise<IatiReadEvent[]> {
  const out: IatiReadEvent[] = [];
  for await (const e of readIatiActivities({ stream: Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c))) }, options)) out.push(e);
  return out;
}

const activities = (events: IatiReadEvent[]) => events.flatMap((e) => (e.kind === "activity" ? [e] : []));

function splitAt(text: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    parts.push(text.subarray(last, p));
    last = p;
  }
  parts.push(text.subarray(last));
  return parts.filter((p) => p.length > 0);
}

describe("readIatiActivities", () => {
  it("cuts each activity at its line whatever the chunks, line endings and characters (astral, multi-byte)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), async (cuts, crlf) => {
        const body = [
          '<?xml version="1.0" encoding="UTF-8"?>',
          "<!-- a comment with <iati-activity> inside -->",
          '<iati-activities version="2.03" xmlns:x="urn:x">',
          activity("AA-1", "\n  <title><narrative>Éducation 𝄞 教育</narrative></title>"),
          "",
          activity("AA-2", '<x:ext a="1"><iati-identifier>not mine</iati-identifier></x:ext>'),
          "<iati-activity\nlast-updated-datetime='2024-01-01T00:00:00Z'><iati-identifier>AA-3</iati-identifier></iati-activity>",
          "</iati-activities>",
        ].join(crlf ? "\r\n" : "\n");
        const events = await readAll(splitAt(Buffer.from(body), cuts), { validate: false });
        const found = activities(events).map((a) => [a.identifier, a.line, a.endLine]);
        expect(found).toEqual([
          ["AA-1", 4, 7],
          ["AA-2", 9, 11],
          ["AA-3", 12, 13],
        ]);
        const first = activities(events)[0];
        expect(first?.element.children.find((c) => c.name === "title")?.children[0]?.text).toBe("Éducation 𝄞 教育");
        // Elements of other namespaces are extensions, not IATI data.
        expect(activities(events)[1]?.element.children.map((c) => c.name)).toEqual(["iati-identifier"]);
        expect(events[0]).toEqual({ kind: "header", version: "2.03", generatedDatetime: null });
        expect(events.at(-1)).toMatchObject({ kind: "end", activities: 3, bytes: Buffer.byteLength(body) });
      }),
      { numRuns: 60 },
    );
  });

  it("reads gzip whatever the name, drops a UTF-8 BOM, and reports schema issues on the file's lines", async () => {
    const xml = `\uFEFF<iati-activities version="2.03">\n${activity("AA-1")}\n</iati-activities>\n`;
    const events = await readAll([gzipSync(Buffer.from(xml))]);
    const [a] = activities(events);
    expect(a?.identifier).toBe("AA-1");
    // Missing reporting-org, title, …: reported on the activity's line (2), not the fragment's (1).
    expect(a?.issues.length).toBeGreaterThan(0);
    expect(a?.issues.every((i) => i.line >= 2 && i.line <= 4)).toBe(true);
    expect(a?.issues[0]?.message).toMatch(/Missing child element|This element is not expected/);
  });

  it.each([
    ["declared ISO-8859-1", ['<?xml version="1.0" encoding="ISO-8859-1"?><iati-activities version="2.03"/>'], /declares encoding="ISO-8859-1"/],
    ["UTF-16 BOM", [Buffer.from([0xff, 0xfe, 0x3c, 0x00])], /encoded in UTF-16/],
    [
      "bytes that are not UTF-8",
      [Buffer.concat([Buffer.from('<iati-activities version="2.03">caf'), Buffer.from([0xe9]), Buffer.from("</iati-activities>")])],
      /not valid UTF-8/,
    ],
    ["a broken gzip stream", [Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02])], /gzipped but cannot be unpacked/],
    ["an empty file", [""], /The file is empty/],
    ["text only", ["hello"], /not well-formed XML: line 1/],
  ])("refuses %s", async (_name, chunks, message) => {
    await expect(readAll(chunks as (string | Buffer)[])).rejects.toThrow(message);
  });

  it("refuses an activity over the limit while streaming, and text outside activities over the limit", async () => {
    const big = function* () {
      yield '<iati-activities version="2.03">\n<iati-activity><iati-identifier>AA-1</iati-identifier><title><narrative>';
      for (let i = 0; i < 40; i++) yield "x".repeat(1000);
      yield "</narrative></title></iati-activity></iati-activities>";
    };
    await expect(readAll([...big()], { maxActivityChars: 20_000 })).rejects.toThrow(
      "The activity starting at line 2 is larger than 20,000 characters, the limit for one activity (the file as a whole may be of any size)",
    );
    const outside = ['<iati-activities version="2.03"><!--', "y".repeat(30_000), "--></iati-activities>"];
    await expect(readAll(outside, { maxActivityChars: 20_000 })).rejects.toThrow("More than 20,000 characters of text outside any activity");
  });
});

describe("value parsing", () => {
  it.each([
    ["2021-05-24T14:50:54", "2021-05-24T14:50:54Z"],
    ["2021-05-24T14:50:54.999Z", "2021-05-24T14:50:54Z"],
    ["2010-04-01T10:00:00-04:00", "2010-04-01T14:00:00Z"],
    ["2021-05-24", null],
  ])("utcSeconds(%s) = %s", (input, expected) => expect(utcSeconds(input)).toBe(expected));

  it.each([
    ["2020-02-29", "2020-02-29"],
    ["2021-02-29", null],
    ["2020-01-31Z", "2020-01-31"],
    ["5000000", null],
  ])("isoDate(%s) = %s", (input, expected) => expect(isoDate(input)).toBe(expected));

  it.each([
    ["1000", "1000.00"],
    [" 12.5 ", "12.50"],
    ["-0.005", "-0.01"],
    ["0.004", "0.00"],
    ["+3.145", "3.15"],
    [".5", "0.50"],
  ])("toCents(%s) prints %s (numeric(18,2) rounding)", (input, expected) => expect(fromCents(toCents(input) as bigint)).toBe(expected));

  it("keeps exact cents for any decimal, where floats would not", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (cents) => {
        expect(toCents(fromCents(cents))).toBe(cents);
      }),
    );
    expect(toCents("abc")).toBeNull();
    expect(toCents("1e5")).toBeNull();
  });
});
