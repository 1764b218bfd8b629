import fs from "node:fs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DEFAULT_RESOURCES_DIR } from "./resources-path.js";
import { decodeXmlEntities, looksLikeZip, parseWordXml, readDocxTables, readDocxText } from "./docx-tables.js";

const W = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`;
const p = (inner: string) => `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${inner}</w:p>`;
const r = (text: string) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
const tc = (inner: string, span?: number) => `<w:tc><w:tcPr>${span ? `<w:gridSpan w:val="${span}"/>` : ""}</w:tcPr>${inner}</w:tc>`;

/** A minimal .docx: [Content_Types].xml, word/document.xml and optional header parts. */
function makeDocx(bodyXml: string, headers: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
    "word/document.xml": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${bodyXml}</w:body></w:document>`),
  };
  for (const [name, text] of Object.entries(headers)) files[`word/${name}`] = strToU8(`<w:hdr ${W}>${p(r(text))}</w:hdr>`);
  return zipSync(files);
}

describe("parseWordXml", () => {
  it("reads cells paragraph by paragraph, with tabs, breaks, entities and smart quotes", () => {
    const xml = `<w:document ${W}><w:body>${p(r("Before the table"))}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>
      <w:tr>${tc(p(r("A &amp; B")))}${tc(p(r("“erased”")))}</w:tr>
      <w:tr>${tc(p(`${r("one")}<w:r><w:tab/><w:t>two</w:t><w:br/><w:t>three</w:t></w:r>`) + p(r("second &#x2013; para")))}${tc(p(""))}</w:tr>
    </w:tbl>${p(r("After"))}</w:body></w:document>`;
    const { tables, paragraphs } = parseWordXml(xml);
    expect(paragraphs).toEqual(["Before the table", "After"]);
    expect(tables).toEqual([
      [
        ["A & B", "“erased”"],
        ["one\ttwo\nthree\nsecond – para", ""],
      ],
    ]);
  });

  it("pads a spanned cell so that index i is grid column i", () => {
    const xml = `<w:tbl><w:tr>${tc(p(r("Theme: A12 Acceptance of international norms")), 3)}</w:tr><w:tr>${tc(p(r("a")))}${tc(p(r("b")), 2)}</w:tr></w:tbl>`;
    expect(parseWordXml(xml).tables[0]).toEqual([
      ["Theme: A12 Acceptance of international norms", "", ""],
      ["a", "b", ""],
    ]);
  });

  it("keeps only what is shown: no deleted text, field codes, text-box fallbacks; hyphens as shown", () => {
    const xml = p(
      `${r("keep")}<w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r>` +
        `<w:r><w:noBreakHyphen/><w:softHyphen/><w:t>x</w:t></w:r>` +
        `<mc:AlternateContent><mc:Choice><w:t>box</w:t></mc:Choice><mc:Fallback><w:txbxContent>${p(r("box"))}</w:txbxContent></mc:Fallback></mc:AlternateContent>`,
    );
    expect(parseWordXml(xml).paragraphs).toEqual(["keep-xbox"]);
  });

  it("puts a nested table's text into its cell and returns only top-level tables", () => {
    const inner = `<w:tbl><w:tr>${tc(p(r("inner 1")))}${tc(p(r("inner 2")))}</w:tr></w:tbl>`;
    const xml = `<w:tbl><w:tr>${tc(p(r("outer")) + inner + p(""))}${tc(p(r("next")))}</w:tr></w:tbl>`;
    expect(parseWordXml(xml).tables).toEqual([[["outer\ninner 1\ninner 2\n", "next"]]]);
  });

  it("returns what it read from a part cut short", () => {
    expect(parseWordXml(`<w:tbl><w:tr>${tc(p(r("a")))}</w:tr><w:tr><w:tc><w:p><w:r><w:t>b`).tables).toEqual([[["a"]]]);
  });
});

describe("decodeXmlEntities", () => {
  it("decodes named and numeric references and leaves unknown ones", () => {
    expect(decodeXmlEntities("&lt;a&gt; &quot;&apos; &#8217; &#x201C; &nbsp; &#x110000;")).toBe(`<a> "' ’ “ &nbsp; &#x110000;`);
  });
});

describe("readDocxText", () => {
  it("reads tables, body paragraphs and page headers of a .docx", () => {
    const bytes = makeDocx(`${p(r("Intro"))}<w:tbl><w:tr>${tc(p(r("x")))}</w:tr></w:tbl>`, { "header2.xml": "second", "header1.xml": "UPR of Slovenia" });
    expect(looksLikeZip(bytes)).toBe(true);
    expect(readDocxText(bytes)).toEqual({ tables: [[["x"]]], paragraphs: ["Intro"], headers: ["UPR of Slovenia", "second"], footers: [] });
    expect(readDocxTables(bytes)).toEqual([[["x"]]]);
  });

  it("refuses bytes that are not a .docx, naming why", () => {
    expect(() => readDocxText(strToU8("%PDF-1.7"))).toThrow(/ZIP archive/);
    expect(() => readDocxText(zipSync({ "xl/workbook.xml": strToU8("<workbook/>") }))).toThrow(/no word\/document.xml/);
    const real = new Uint8Array(fs.readFileSync(`${DEFAULT_RESOURCES_DIR}uhri-slovenia/UPR34_Slovenia_Thematic_list_of_Recommendations.docx`));
    expect(() => readDocxText(real.subarray(0, 4000))).toThrow(/damaged or truncated/);
  });

  it("reads the real UPR20 list: one table of 4 columns, the review named in the page header", () => {
    const bytes = new Uint8Array(fs.readFileSync(`${DEFAULT_RESOURCES_DIR}uhri-slovenia/UPR20__Slovenia_ThematicListRecommendations_E.docx`));
    const doc = readDocxText(bytes);
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]?.[0]).toEqual(["Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation"]);
    expect(doc.tables[0]?.[1]).toEqual(["Theme: A12 Acceptance of international norms", "", "", ""]);
    expect(doc.headers[0]).toMatch(/^UPR of Slovenia \(2nd Cycle – 20th session\)/);
  });
});
