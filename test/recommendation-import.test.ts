import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAuditEvents } from "../src/domain/audit/audit-queries.js";
import { importRecommendations } from "../src/domain/recommendations/recommendation-import-service.js";
import { getRecommendation } from "../src/domain/recommendations/recommendation-search.js";
import { parseUprInfoPledges, parseUprInfoRecommendations } from "../src/imports/upr-info-csv.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { TEST_ACTOR } from "./factories.js";

// The real UPR Info export shipped in resources/, cut into small files for each case.
const REAL = gunzipSync(fs.readFileSync(path.resolve(import.meta.dirname, "../resources/upr-info/upr_recommendations_sessions01-17.csv.gz"))).toString("utf8");
// Records, not lines: some recommendation texts span several lines inside quotes.
const [HEADER_FIELDS, ...RECORDS] = parse(REAL) as string[][];
const quote = (fields: string[]) => fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(",");
const HEADER = (HEADER_FIELDS as string[]).join(",");
const LINES = RECORDS.map(quote);
const col = (name: string) => (HEADER_FIELDS as string[]).indexOf(name);
const withField = (index: number, name: string, value: string) => quote(RECORDS[index]!.map((f, i) => (i === col(name) ? value : f)));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-import-"));
function fixture(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
const firstRows = (n: number) => `${HEADER}\n${LINES.slice(0, n).join("\n")}\n`;

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function importFile(file: string, dryRun = false) {
  const parsed = await parseUprInfoRecommendations(file);
  return importRecommendations(handle.db, TEST_ACTOR, parsed, { dryRun, fileName: path.basename(file) });
}
const count = async () =>
  Number(
    (
      await handle.db
        .selectFrom("recommendations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("UPR Info import", () => {
  it("a dry run reports what would change and writes nothing", async () => {
    const report = await importFile(fixture("dry.csv", firstRows(30)), true);
    expect(report).toMatchObject({ imported: 30, updated: 0, unchanged: 0, errors: [], dryRun: true });
    expect(await count()).toBe(0);
  });

  it("imports rows with their position word kept and themes mapped; a second import changes nothing", async () => {
    const file = fixture("first.csv", firstRows(250));
    const auditBefore = await countAuditEvents(handle.db);
    expect(await importFile(file)).toMatchObject({ imported: 250, updated: 0, unchanged: 0, errors: [] });
    expect(await countAuditEvents(handle.db)).toBe(auditBefore + 1);
    const r = await getRecommendation(handle.db, "upr-info:UPRINFO-00002");
    expect(r).toMatchObject({
      stateIso3: "DZA",
      cycle: 1,
      session: 1,
      year: 2008,
      position: "supported",
      positionWord: "Accepted",
      recommendingStates: ["CUB"],
    });
    expect(r.issues).toEqual(["ESC rights - general", "Right to health"]);
    expect(r.themes).toEqual(["E1", "E4"]);
    expect(r.positionHistory).toHaveLength(1);
    // Same file again: stable ids, nothing rewritten, nothing audited.
    expect(await importFile(file)).toMatchObject({ imported: 0, updated: 0, unchanged: 250 });
    expect(await count()).toBe(250);
    expect(await countAuditEvents(handle.db)).toBe(auditBefore + 1);
  });

  it("updates a changed row and appends a changed position to the history", async () => {
    const changed = `${HEADER}\n${[LINES[0], withField(1, "response", "Noted"), ...LINES.slice(2, 250)].join("\n")}\n`;
    expect(changed).not.toBe(firstRows(250));
    expect(await importFile(fixture("changed.csv", changed))).toMatchObject({ imported: 0, updated: 1, unchanged: 249 });
    const r = await getRecommendation(handle.db, "upr-info:UPRINFO-00002");
    expect(r.position).toBe("noted");
    expect(r.positionHistory.map((p) => p.positionWord)).toEqual(["Accepted", "Noted"]);
  });

  it("reads the raw Mac Roman files with CR line ends", async () => {
    // Row UPRINFO-00219 has non-ASCII characters: they must survive the decoding.
    const rows = [HEADER, ...LINES.slice(210, 225)].join("\r");
    const file = fixture("macroman.csv", iconv.encode(`${rows}\r`, "macintosh"));
    const parsed = await parseUprInfoRecommendations(file);
    expect(parsed.encoding).toBe("macintosh");
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(15);
    const utf8 = (await parseUprInfoRecommendations(fixture("utf8.csv", `${[HEADER, ...LINES.slice(210, 225)].join("\n")}\n`))).rows;
    expect(parsed.rows.map((r) => r.text)).toEqual(utf8.map((r) => r.text));
    expect(parsed.rows.find((r) => r.sourceKey === "UPRINFO-00219")?.text).toMatch(/[^ -~]/);
  });

  it.each([
    ["an empty file", "", /the file is empty/],
    [
      "another format (voluntary pledges)",
      "id,cycle,session,state_under_review,sur_regional_group,sur_organisations,pledge,type,action_category,issues\nX,1,1,Algeria,Africa,,text,Voluntary Pledge,4,\n",
      /not a UPR Info recommendations export .*: the header lacks recommendation, recommending_state, response/,
    ],
    ["a binary file", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe]), /not a UPR Info recommendations export/],
  ])("refuses %s with a clear message and writes nothing", async (_name, content, message) => {
    const before = await count();
    const report = await importFile(fixture(`bad-${Math.random()}.csv`, content));
    expect(report.errors[0]?.message).toMatch(message);
    expect(report.errors[0]?.line).toBe(1);
    expect(report.imported + report.updated).toBe(0);
    expect(await count()).toBe(before);
  });

  it("stops on an unknown State, naming the line and the closest known names, and writes nothing", async () => {
    const rows = LINES.slice(300, 310);
    rows[4] = withField(304, "state_under_review", "Atlantis");
    rows[7] = withField(307, "state_under_review", "Frnace");
    rows[8] = withField(308, "state_under_review", "(Unknown)");
    const before = await count();
    const report = await importFile(fixture("unknown.csv", `${HEADER}\n${rows.join("\n")}\n`));
    expect(report.errors.map((e) => [e.line, e.field])).toEqual([
      [6, "state_under_review"],
      [9, "state_under_review"],
      [10, "state_under_review"],
    ]);
    expect(report.errors[2]?.message).toBe('"(Unknown)" does not name a State');
    expect(report.errors[1]?.message).toMatch(/unknown State "Frnace"; closest known names: France \(FRA\)/);
    expect(await count()).toBe(before);
  });

  it("reports malformed rows with their line: bad numbers, empty text, wrong field count, duplicate ids", async () => {
    const rows = LINES.slice(400, 406);
    rows[0] = withField(400, "cycle", "one");
    rows[1] = `${rows[1]},extra`;
    rows[2] = rows[3] as string;
    const report = await importFile(fixture("malformed.csv", `${HEADER}\n${rows.join("\n")}\n`));
    expect(report.errors).toEqual([
      { line: 2, field: "cycle", message: '"one" is not a whole number from 1 to 10' },
      { line: 3, field: "row", message: "has 14 fields, the header has 13" },
      expect.objectContaining({ line: 5, field: "id", message: expect.stringMatching(/duplicates the record on line 4/) }),
    ]);
  });

  it("imports voluntary pledges", async () => {
    const parsed = await parseUprInfoPledges(path.resolve(import.meta.dirname, "../resources/upr-info/upr_info_voluntary_pledges_sessions01-19.csv.gz"));
    expect(parsed.rows).toHaveLength(947);
    expect(parsed.rows[0]).toMatchObject({ sourceKey: "UPRINFO-VP-0013", stateUnderReview: "Argentina", actionCategory: 4, pledgeType: "Voluntary Pledge" });
  });
});
