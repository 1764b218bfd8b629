import { describe, expect, it } from "vitest";
import { decodeXmlText, parseIatiCodelistXml, toIatiTaxonomy } from "./iati-codelist-xml.js";

const SAMPLE = `<?xml version="1.0"?>
<!-- a comment with <codelist-item> inside must be ignored -->
<codelist name="Sample" xml:lang="en" complete="1" embedded="0">
  <metadata>
    <name><narrative>Sample List</narrative></name>
    <category><narrative>Core</narrative></category>
  </metadata>
  <codelist-items>
    <codelist-item status="active" activation-date="2016-06-01">
      <code>A</code>
      <name>
        <narrative>M&amp;E and
           review</narrative>
        <narrative xml:lang="fr">Suivi &#38; évaluation</narrative>
        <narrative/>
      </name>
      <description><narrative><![CDATA[Raw <text> & more]]></narrative></description>
      <category>111</category>
    </codelist-item>
    <codelist-item status="withdrawn" withdrawal-date="2018-08-08">
      <code>B</code>
      <name><narrative>Old</narrative></name>
    </codelist-item>
    <codelist-item status="withdrawn">
      <code>C</code>
      <name><narrative>Undated</narrative></name>
    </codelist-item>
  </codelist-items>
</codelist>`;

describe("IATI codelist XML", () => {
  it("reads items, narratives per language, entities, CDATA and attributes", () => {
    const list = parseIatiCodelistXml(SAMPLE, "Sample.xml");
    expect(list.name).toBe("Sample");
    expect(list.title).toEqual({ en: "Sample List" });
    expect(list.category).toBe("Core");
    expect(list.items).toHaveLength(3);
    const [a] = list.items;
    expect(a?.names).toEqual({ en: "M&E and review", fr: "Suivi & évaluation" });
    expect(a?.descriptions).toEqual({ en: "Raw <text> & more" });
    expect(a?.category).toBe("111");
    expect(a?.activationDate).toBe("2016-06-01");
  });

  it("keeps withdrawn items, ended on their withdrawal date (or the fallback)", () => {
    const taxonomy = toIatiTaxonomy(parseIatiCodelistXml(SAMPLE, "Sample.xml"), { datasetVersion: "v", withdrawnFallback: "2030-01-01" });
    expect(taxonomy.id).toBe("iati:Sample");
    expect(taxonomy.version).toBe("v");
    expect(taxonomy.terms.map((t) => [t.code, t.validFrom, t.validTo])).toEqual([
      ["A", "2016-06-01", null],
      ["B", null, "2018-08-08"],
      ["C", null, "2030-01-01"],
    ]);
    expect(taxonomy.terms[0]?.attributes).toEqual({ category: "111", status: "active" });
  });

  it("refuses a file that is not a codelist", () => {
    expect(() => parseIatiCodelistXml("<iati-activities/>", "x.xml")).toThrow(/not an IATI codelist/);
  });

  it("decodes numeric entities and collapses whitespace", () => {
    expect(decodeXmlText("  a&#x20AC;\n  b&lt;c&gt; &quot;d&apos; &unknown; ")).toBe("a€ b<c> \"d' &unknown;");
  });
});
