import fs from "node:fs";
import { strToU8, zipSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RecommendationImportRowSchema, type RecommendationImportRow } from "../domain/recommendations/recommendation-schemas.js";
import { DEFAULT_RESOURCES_DIR } from "./resources-path.js";
import { parseUhriCsv, parseUhriDocx, parseUhriFile, parseUhriTheme, recommendingStatesInText } from "./uhri-thematic-list.js";

const DIR = `${DEFAULT_RESOURCES_DIR}uhri-slovenia/`;
const CSV_FILE = `${DIR}slovenia_upr_thematic_recommendations_c2-c3.csv`;
const UPR20 = `${DIR}UPR20__Slovenia_ThematicListRecommendations_E.docx`;
const UPR34 = `${DIR}UPR34_Slovenia_Thematic_list_of_Recommendations.docx`;
const HEADER =
  "cycle,session,state_under_review,wg_report,paragraph,recommendation,recommending_states,position,source_of_position,section_theme,themes,groups_of_persons,sdgs";

const csv = parseUhriCsv(fs.readFileSync(CSV_FILE, "utf8"), { fileName: "slovenia.csv" });
const docx20 = parseUhriFile(UPR20);
const docx34 = parseUhriFile(new Uint8Array(fs.readFileSync(UPR34)), "UPR34_Slovenia_Thematic_list_of_Recommendations.docx");
const byKey = (rows: RecommendationImportRow[]) => new Map(rows.map((r) => [r.sourceKey, r]));

/** A minimal .docx around one body (w:document namespace only: the reader does not need the rest). */
function docx(body: string, header = "UPR of Slovenia (3rd Cycle - 34th Session)"): Uint8Array {
  const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`;
  return zipSync({
    "word/document.xml": strToU8(`<w:document ${w}><w:body>${body}</w:body></w:document>`),
    "word/header1.xml": strToU8(`<w:hdr ${w}><w:p><w:r><w:t>${header}</w:t></w:r></w:p></w:hdr>`),
  });
}
const cell = (...paragraphs: string[]) => `<w:tc>${paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join("")}</w:tc>`;
const row = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;
const TABLE_HEAD = row(cell("Recommendation"), cell("Position"), cell("Full list of themes"), cell("Assessment/comments on level of implementation"));

describe("parseUhriCsv on the real Slovenia file (cycles 2 and 3)", () => {
  it("reads all 378 recommendations without problems, each a valid import row", () => {
    expect(csv.problems).toEqual([]);
    expect(csv.rows).toHaveLength(378);
    for (const r of csv.rows) expect(RecommendationImportRowSchema.parse(r)).toEqual(r);
    expect(new Set(csv.rows.map((r) => r.sourceKey)).size).toBe(378);
    expect(csv.rows.map((r) => r.line)).toEqual(Array.from({ length: 378 }, (_, i) => i + 2));
    expect(parseUhriFile(CSV_FILE)).toEqual({ rows: csv.rows, problems: [] });
  });

  it("maps the first row field by field", () => {
    expect(csv.rows[0]).toEqual({
      line: 2,
      sourceDataset: "uhri",
      sourceKey: "Slovenia:20:115.1",
      mechanism: "upr",
      cycle: 2,
      session: 20,
      stateUnderReview: "Slovenia",
      recommendingStates: [{ name: "Croatia", regionalGroup: null }],
      paragraph: "115.1",
      documentSymbol: "A/HRC/28/15",
      text: "Take further steps for the ratification of several international treaties in the field of human rights that were signed by Slovenia since the first UPR cycle (Croatia);",
      textLanguage: "en",
      positionWord: "Supported",
      positionSourceDocument: "A/HRC/28/15/Add.1 - Para. 3",
      actionCategory: null,
      uprInfoIssues: [],
      uhriThemes: [{ code: "A12", label: "Acceptance of international norms" }],
      groupsOfPersons: ["general"],
      sdgGoals: [],
      sdgTargets: [],
    });
  });

  it("reads a cycle-3 row: label-only themes, groups of persons, SDG goals, the word Noted", () => {
    const r = byKey(csv.rows).get("Slovenia:34:122.155");
    expect(r).toMatchObject({
      line: 378,
      cycle: 3,
      documentSymbol: "A/HRC/43/15",
      positionWord: "Noted",
      positionSourceDocument: "A/HRC/43/15/Add.1 - Para.5",
      uhriThemes: [{ code: null, label: "Rights related to name, identity & nationality" }],
      groupsOfPersons: ["stateless persons", "non-citizens"],
      sdgGoals: [16],
    });
    expect(byKey(csv.rows).get("Slovenia:34:121.9")?.sdgGoals).toEqual([10, 16]);
    expect(csv.rows.filter((r) => r.positionWord === "Noted")).toHaveLength(54);
  });
});

describe("parseUhriDocx on the real Word documents", () => {
  it("reads UPR20 (163) and UPR34 (215) without problems, session and cycle from the page header", () => {
    expect(docx20.problems).toEqual([]);
    expect(docx34.problems).toEqual([]);
    expect(docx20.rows).toHaveLength(163);
    expect(docx34.rows).toHaveLength(215);
    expect(docx20.rows[0]).toMatchObject({
      line: 3,
      sourceKey: "Slovenia:20:115.1",
      cycle: 2,
      session: 20,
      documentSymbol: "A/HRC/28/15",
      positionWord: "Supported",
    });
    expect(docx34.rows[0]).toMatchObject({ line: 3, sourceKey: "Slovenia:34:121.1", cycle: 3, session: 34, documentSymbol: "A/HRC/43/15", sdgGoals: [16] });
    expect(docx34.rows[0]?.recommendingStates.map((s) => s.name)).toEqual(["France", "Lithuania"]);
  });

  it("gives the same recommendations as the CSV derived from it, field by field", () => {
    const fromCsv = byKey(csv.rows);
    const fromDocx = byKey([...docx20.rows, ...docx34.rows]);
    expect([...fromDocx.keys()].sort()).toEqual([...fromCsv.keys()].sort());
    const differences: Record<string, string[]> = {};
    for (const [key, d] of fromDocx) {
      const c = fromCsv.get(key) as RecommendationImportRow;
      for (const field of Object.keys(d) as (keyof RecommendationImportRow)[]) {
        if (field === "line" || JSON.stringify(d[field]) === JSON.stringify(c[field])) continue;
        differences[field] = [...(differences[field] ?? []), key];
      }
      // The text is identical, not just equal modulo whitespace (the CSV keeps the documents' double spaces).
      expect(d.text).toBe(c.text);
    }
    // The one disagreement: merged recommendations ("… (Egypt); … (Peru); … (Azerbaijan);"). The CSV's
    // recommending_states keeps only the last State; the document text names them all, and so does the docx reader.
    expect(Object.keys(differences)).toEqual(["recommendingStates"]);
    expect(differences.recommendingStates?.sort()).toEqual(
      ["Slovenia:20:115.38", "Slovenia:20:115.106", "Slovenia:20:115.124", "Slovenia:34:121.2", "Slovenia:34:122.3", "Slovenia:34:122.11"].sort(),
    );
    for (const key of differences.recommendingStates ?? []) {
      const docxNames = fromDocx.get(key)?.recommendingStates.map((s) => s.name) ?? [];
      expect(docxNames.slice(-1)).toEqual(fromCsv.get(key)?.recommendingStates.map((s) => s.name));
    }
    expect(fromDocx.get("Slovenia:20:115.38")?.recommendingStates.map((s) => s.name)).toEqual(["Egypt", "Peru", "Azerbaijan"]);
  });
});

describe("field readers", () => {
  it("splits a legacy UHRI code from its label, and keeps label-only themes", () => {
    expect(parseUhriTheme("D51 Administration of justice & fair trial")).toEqual({ code: "D51", label: "Administration of justice & fair trial" });
    expect(parseUhriTheme("A5 Human rights education, trainings and awareness raising")?.code).toBe("A5");
    expect(parseUhriTheme("Equality & non-discrimination")).toEqual({ code: null, label: "Equality & non-discrimination" });
  });

  it("finds the recommending States at the end of each merged recommendation", () => {
    expect(recommendingStatesInText("Ratify the Protocol (Spain, Tunisia, Portugal);")).toEqual(["Spain", "Tunisia", "Portugal"]);
    expect(recommendingStatesInText("compensate them (Venezuela (Bolivarian Republic of));")).toEqual(["Venezuela (Bolivarian Republic of)"]);
    expect(recommendingStatesInText("Forced Labour Convention, 1930 (No. 29) (United Kingdom of Great Britain and Northern Ireland);")).toEqual([
      "United Kingdom of Great Britain and Northern Ireland",
    ]);
    expect(recommendingStatesInText("Ratify it (Ukraine); Ratify the Convention (CEDAW); and more (Peru);take (Slovakia)")).toEqual([
      "Ukraine",
      "Peru",
      "Slovakia",
    ]);
    expect(recommendingStatesInText("No State named (in the middle) here.")).toEqual([]);
  });
});

describe("bad input", () => {
  it("refuses an empty file, naming what was expected", () => {
    for (const result of [parseUhriCsv(""), parseUhriFile(new Uint8Array(), "x.csv"), parseUhriDocx(new Uint8Array())]) {
      expect(result.rows).toEqual([]);
      expect(result.problems).toEqual([{ line: 1, field: "file", message: expect.stringMatching(/empty.*expected .*thematic list/) }]);
    }
  });

  it("refuses a UPR Info export, saying what it looks like", () => {
    const { rows, problems } = parseUhriCsv(
      "id,cycle,session,state_under_review,recommendation,recommending_state,response\nU1,1,1,Algeria,Do it,Kuwait,Accepted\n",
    );
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 1, field: "file", message: expect.stringMatching(/not an OHCHR UHRI thematic list CSV.*UPR Info export.*lacks wg_report, paragraph/) },
    ]);
  });

  it("reports a row with an empty recommendation at the line where the record starts", () => {
    const text = `${HEADER}\n2,20,Slovenia,A/HRC/28/15,115.1,"Two\nlines (Croatia);",Croatia,Supported,,,,,\n\n2,20,Slovenia,A/HRC/28/15,115.2,,Belgium,Noted,,,,,\n2,20,Slovenia,A/HRC/28/15,115.3,Ok (Peru);,Peru,,,,,,"4 - Quality Education|Zero"\n`;
    const { rows, problems } = parseUhriCsv(text);
    expect(rows.map((r) => [r.line, r.paragraph, r.text])).toEqual([[2, "115.1", "Two\nlines (Croatia);"]]);
    expect(problems).toEqual([
      { line: 5, field: "recommendation", message: "is empty" },
      { line: 6, field: "sdgs", message: '"Zero" does not start with an SDG number from 1 to 17' },
    ]);
  });

  it("reports cycle/session disagreements, missing keys and unreadable records with their lines", () => {
    const text = `${HEADER}\n3,20,Slovenia,,115.1,A (Peru);,Peru,,,,,,\n2,,Slovenia,,115.2,B (Peru);,Peru,,,,,,\n2,20,Slovenia,,115.3,C,,,,,,,\n2,20,Slovenia\n2,20,Slovenia,,115.4,"D (Peru);,Peru,,,,,,\n`;
    const { rows, problems } = parseUhriCsv(text);
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, "cycle"],
      [3, "session"],
      [4, "recommending_states"],
      [5, "row"],
      [6, "row"],
    ]);
  });

  it("counts lines the same with Windows line ends, and refuses a missing file", () => {
    const text = `${HEADER}\r\n2,20,Slovenia,,115.1,"A\r\nB (Peru);",Peru,,,,,,\r\n\r\n2,20,Slovenia,,115.2,,Peru,,,,,,\r\n`;
    expect(parseUhriCsv(text).problems).toEqual([{ line: 5, field: "recommendation", message: "is empty" }]);
    expect(parseUhriCsv(text.replaceAll("\r\n", "\n")).problems).toEqual([{ line: 5, field: "recommendation", message: "is empty" }]);
    expect(parseUhriCsv(text.replaceAll("\r\n", "\r")).problems).toEqual([{ line: 5, field: "recommendation", message: "is empty" }]);
    expect(parseUhriFile("/nonexistent/uhri.csv").problems).toEqual([
      { line: 1, field: "file", message: expect.stringMatching(/^uhri\.csv: cannot read the file \(ENOENT\)/) },
    ]);
  });

  it("refuses a PDF, an old .doc, a truncated ZIP and a .docx without the table", () => {
    const pdf = parseUhriFile(strToU8("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "list.pdf");
    expect(pdf.problems).toEqual([{ line: 1, field: "file", message: expect.stringMatching(/^list\.pdf: this is a PDF; expected .*\.docx/) }]);
    expect(parseUhriFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "old.doc").problems[0]?.message).toMatch(/old binary Office/);
    const truncated = parseUhriFile(new Uint8Array(fs.readFileSync(UPR20)).subarray(0, 10_000), "UPR20.docx");
    expect(truncated.problems).toEqual([{ line: 1, field: "file", message: expect.stringMatching(/damaged or truncated.*expected/) }]);
    const noTable = parseUhriDocx(docx("<w:p><w:r><w:t>Just text</w:t></w:r></w:p>"));
    expect(noTable.problems).toEqual([
      { line: 1, field: "file", message: expect.stringMatching(/no table headed Recommendation \| Position .*found 0 table/) },
    ]);
  });

  it("reads a small document and names bad table rows by their number", () => {
    const body = `<w:tbl>${TABLE_HEAD}${row(`<w:tc><w:tcPr><w:gridSpan w:val="4"/></w:tcPr><w:p><w:r><w:t>Theme: D6 Rights related to name, identity, nationality</w:t></w:r></w:p></w:tc>`)}${row(
      cell("122.156 Continue efforts (Slovakia);", "Source of Position: A/HRC/43/15/Add.1 - Para.3"),
      cell("Supported"),
      cell("- Equality &amp; non-discrimination", "SDGs: ", "- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS", "Affected persons: ", "- stateless persons"),
      cell(""),
    )}${row(cell("Continue without a number (Peru);"), cell("Noted"), cell(""), cell(""))}${row(cell("122.9 Text (Peru);"), cell("Partially supported"), cell("Mechanisms:"), cell(""))}</w:tbl>`;
    const { rows, problems } = parseUhriDocx(docx(body));
    expect(rows).toEqual([
      expect.objectContaining({
        line: 3,
        sourceKey: "Slovenia:34:122.156",
        text: "Continue efforts (Slovakia);",
        documentSymbol: "A/HRC/43/15",
        uhriThemes: [
          { code: "D6", label: "Rights related to name, identity, nationality" },
          { code: null, label: "Equality & non-discrimination" },
        ],
        sdgGoals: [16],
        groupsOfPersons: ["stateless persons"],
      }),
    ]);
    expect(problems).toEqual([
      { line: 4, field: "recommendation", message: expect.stringMatching(/^table row 4: does not start with a paragraph number/) },
      { line: 5, field: "themes", message: 'table row 5: unknown list heading "Mechanisms:" (expected SDGs: or Affected persons:)' },
    ]);
  });

  it("takes the session from the file name when the page header does not say it, and refuses when nothing does", () => {
    const body = `<w:tbl>${TABLE_HEAD}${row(cell("115.1 Text (Peru);", "Source of position: A/HRC/28/15/Add.1 - Para. 3"), cell("Supported"), cell("A12 Acceptance of international norms"), cell(""))}</w:tbl>`;
    const named = parseUhriDocx(docx(body, "Thematic list"), { fileName: "UPR20__Slovenia_ThematicListRecommendations_E.docx" });
    expect(named.rows[0]).toMatchObject({ sourceKey: "Slovenia:20:115.1", cycle: 2, session: 20 });
    const anonymous = parseUhriDocx(docx(body, "Thematic list"), { fileName: "list.docx" });
    expect(anonymous.problems).toEqual([
      { line: 1, field: "file", message: expect.stringMatching(/^list\.docx: cannot tell the State under review and UPR session/) },
    ]);
  });

  it("never throws on arbitrary text: it returns problems instead", () => {
    const csvish = fc.array(fc.constantFrom(",", '"', "\n", "\r", "|", "a", "1", " ", "115.1", "Supported", `${HEADER}\n`, "2,20,Slovenia"), { maxLength: 60 });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 300 }),
          csvish.map((parts) => parts.join("")),
        ),
        (text) => {
          const result = parseUhriCsv(text);
          expect(Array.isArray(result.rows) && Array.isArray(result.problems)).toBe(true);
          expect(result.rows.length + result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) expect(p.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
