import { describe, expect, it } from "vitest";
import { normalizeName } from "../domain/reference/names.js";
import { readCsvRows } from "./csv-read.js";
import { CLDR_NAME_SOURCE, OBSERVER_STATES } from "./country-files.js";
import { type ParsedDataset, parseDataset, REFERENCE_DATASETS, type ReferenceDatasetId, readDatasetSource } from "./reference-files.js";
import { DEFAULT_RESOURCES_DIR, readResourceText } from "./resources-path.js";

// These tests read the real files in resources/ (the copies of UNSD, IATI, OHCHR data) and check real values.

function parsed<I extends ReferenceDatasetId>(id: I): ParsedDataset & { id: I } {
  return parseDataset(readDatasetSource(DEFAULT_RESOURCES_DIR, id)) as ParsedDataset & { id: I };
}

describe("UNSD M49 countries", () => {
  const m49 = parsed("m49");
  const designationsOf = (iso3: string) => m49.designations.filter((d) => d.iso3 === iso3).map((d) => d.designation);

  it("has 248 areas, 193 UN Member States and the two observer States", () => {
    expect(m49.countries).toHaveLength(248);
    expect(m49.designations.filter((d) => d.designation === "un_member")).toHaveLength(193);
    expect(
      m49.designations
        .filter((d) => d.designation === "un_observer")
        .map((d) => d.iso3)
        .sort(),
    ).toEqual(["PSE", "VAT"]);
    expect([...OBSERVER_STATES].sort()).toEqual(["PSE", "VAT"]);
    expect(designationsOf("VAT")).toEqual(["un_observer"]);
  });

  it("keeps M49 codes as 3 characters with leading zeros", () => {
    expect(m49.countries.find((c) => c.iso3 === "DZA")?.m49).toBe("012");
    const sen = m49.countries.find((c) => c.iso3 === "SEN");
    expect(sen).toMatchObject({ m49: "686", iso2: "SN", regionalGroup: "AFG", regionName: "Africa", intermediateRegionName: "Western Africa" });
    expect(designationsOf("SEN")).toEqual(["un_member", "ldc"]);
    expect(m49.designations.find((d) => d.iso3 === "SEN")?.source).toMatch(/^UNSD M49 \(dataset version sha256:[0-9a-f]{12}\)$/);
  });

  it("counts LDCs, LLDCs and SIDS as the file does", () => {
    expect(m49.designations.filter((d) => d.designation === "ldc")).toHaveLength(44);
    expect(m49.designations.filter((d) => d.designation === "lldc")).toHaveLength(32);
    expect(m49.designations.filter((d) => d.designation === "sids")).toHaveLength(53);
  });

  it("keeps the electoral group and notes a State listed in two groups", () => {
    expect(m49.countries.find((c) => c.iso3 === "AUS")).toMatchObject({
      regionalGroup: "WEOG",
      regionalGroupNote: "Asia-Pacific Group; Western European and Others Group",
    });
    expect(m49.countries.find((c) => c.iso3 === "ARM")?.regionalGroup).toBe("EEG");
    expect(m49.countries.filter((c) => c.regionalGroup !== null)).toHaveLength(193);
  });

  it("names each area in English (official) and in the other UN languages from CLDR (not official)", () => {
    const civ = m49.names.filter((n) => n.iso3 === "CIV");
    expect(civ.find((n) => n.lang === "en" && n.kind === "short")).toMatchObject({ name: "Côte d’Ivoire", official: true, source: "UNSD M49" });
    expect(civ.find((n) => n.kind === "alias")?.name).toBe("Cote d'Ivoire");
    for (const lang of ["ar", "es", "fr", "ru", "zh"]) {
      expect(civ.find((n) => n.lang === lang)).toMatchObject({ official: false, source: CLDR_NAME_SOURCE });
    }
    expect(m49.names.find((n) => n.iso3 === "SWZ" && n.kind === "alias")?.name).toBe("Swaziland");
  });
});

describe("country name aliases", () => {
  it("maps variants to ISO3, skips rows without one and merges sources of duplicates", () => {
    const { names } = parsed("country-aliases");
    expect(names.find((n) => n.name === "Swaziland")?.iso3).toBe("SWZ");
    expect(names.find((n) => n.name === "Islamic Republic of Iran")?.iso3).toBe("IRN");
    expect(names.some((n) => n.name === "(Unknown)")).toBe(false);
    const nl = names.filter((n) => n.name === "Netherlands");
    expect(nl).toHaveLength(1);
    expect(nl[0]?.source).toBe("UPR Info (rochelleterman/uprs); OHCHR thematic lists (Slovenia)");
    expect(names.every((n) => n.lang === "en" && n.kind === "alias" && !n.official && n.normalized === normalizeName(n.name))).toBe(true);
  });
});

describe("SDG framework", () => {
  const { taxonomies } = parsed("sdg");
  const byId = (id: string) => taxonomies.find((t) => t.id === id);

  it("has 17 goals, 169 targets and 251 indicators", () => {
    expect(byId("sdg-goal")?.terms).toHaveLength(17);
    expect(byId("sdg-target")?.terms).toHaveLength(169);
    expect(byId("sdg-indicator")?.terms).toHaveLength(251);
  });

  it("links targets to goals and indicators to targets", () => {
    expect(byId("sdg-goal")?.terms.find((t) => t.code === "4")?.labels.en).toBe("Quality education");
    expect(byId("sdg-target")?.terms.find((t) => t.code === "4.c")?.parentCode).toBe("4");
    expect(byId("sdg-indicator")?.terms.find((t) => t.code === "4.1.1")).toMatchObject({ parentCode: "4.1", attributes: { unsdCode: "C040101" } });
  });
});

describe("UHRI taxonomies", () => {
  it("puts the level-2 themes under their group letters", () => {
    const [themes] = parsed("uhri-themes").taxonomies;
    expect(themes?.id).toBe("uhri-theme");
    expect(themes?.terms.find((t) => t.code === "E5")).toMatchObject({ parentCode: "E", labels: { en: "Right to education", fr: "Droit à l'éducation" } });
    expect(themes?.terms.filter((t) => t.parentCode === null).map((t) => t.code)).toEqual(["A", "B", "D", "E", "F", "G", "H"]);
    expect(themes?.terms.filter((t) => t.parentCode !== null)).toHaveLength(39);
  });

  it("lists the 36 groups of persons with slug codes", () => {
    const [persons] = parsed("uhri-persons").taxonomies;
    expect(persons?.terms).toHaveLength(36);
    expect(persons?.terms.every((t) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(t.code))).toBe(true);
    expect(persons?.terms.find((t) => t.code === "girls")).toMatchObject({ labels: { en: "Girls", fr: "Filles" }, attributes: { educationCritical: true } });
  });
});

describe("IATI codelists", () => {
  const { taxonomies, version } = parsed("iati-codelists");
  const list = (name: string) => taxonomies.find((t) => t.id === `iati:${name}`);

  it("loads the 28 codelists with the Standard version", () => {
    expect(taxonomies).toHaveLength(28);
    expect(version).toMatch(/^IATI Standard 2\.03 codelists \(sha256:[0-9a-f]{12}\)$/);
  });

  it("keeps the French labels exactly as the file has them (ActivityStatus 3 and 4)", () => {
    const status = list("ActivityStatus");
    expect(status?.terms.map((t) => t.code)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(status?.terms.find((t) => t.code === "2")?.labels).toEqual({ en: "Implementation", fr: "Actif" });
    expect(status?.terms.find((t) => t.code === "3")?.labels).toEqual({ en: "Finalisation", fr: "Finalisation" });
    expect(status?.terms.find((t) => t.code === "4")?.labels).toEqual({ en: "Closed", fr: "Fermé" });
    expect(status?.terms.find((t) => t.code === "3")?.descriptions.en).toContain("pending financial sign off or M&E");
  });

  it("reads the gzipped Sector list with categories, and ends withdrawn currencies on their date", () => {
    expect(list("Sector")?.terms.find((t) => t.code === "15160")?.attributes.category).toBe("151");
    expect(list("Sector")?.terms.find((t) => t.code === "11110")?.labels.fr).toBe("Politique de l'éducation et gestion administrative");
    expect(list("Currency")?.terms.find((t) => t.code === "BYR")?.validTo).toBe("2018-08-08");
    expect(list("Currency")?.terms.find((t) => t.code === "XOF")?.validTo).toBeNull();
  });
});

describe("languages and UPR sessions", () => {
  it("has the six UN languages, Arabic right to left, then ISO 639-1 codes from IATI", () => {
    const { languages } = parsed("languages");
    const un = languages.filter((l) => l.unOfficial);
    expect(un.map((l) => l.code)).toEqual(["ar", "zh", "en", "fr", "ru", "es"]);
    expect(un.find((l) => l.code === "ar")).toMatchObject({ direction: "rtl", nativeName: "العربية" });
    expect(languages.find((l) => l.code === "de")).toMatchObject({ unOfficial: false, nameEn: "German", nameFr: "allemand", nativeName: "Deutsch" });
    expect(languages.find((l) => l.code === "he")?.direction).toBe("rtl");
    expect(new Set(languages.map((l) => l.code)).size).toBe(languages.length);
  });

  it("takes sessions as the file lists them, with the cycle from the ranges", () => {
    const { cycles, sessions } = parsed("upr-sessions");
    expect(cycles.map((c) => [c.cycle, c.firstSession, c.lastSession])).toEqual([
      [1, 1, 12],
      [2, 13, 26],
      [3, 27, 40],
      [4, 41, 54],
    ]);
    expect(sessions).toHaveLength(53);
    expect(sessions.find((s) => s.session === 1)).toEqual({ session: 1, cycle: 1, year: 2008 });
    expect(sessions.find((s) => s.session === 27)?.cycle).toBe(3);
    expect(sessions.some((s) => s.session === 54)).toBe(false);
  });
});

describe("dataset sources", () => {
  it("hash every dataset's files, reproducibly", () => {
    for (const def of REFERENCE_DATASETS) {
      const a = readDatasetSource(DEFAULT_RESOURCES_DIR, def.id);
      expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(readDatasetSource(DEFAULT_RESOURCES_DIR, def.id).sha256).toBe(a.sha256);
    }
  });

  it("read gzipped resources transparently", () => {
    const text = readResourceText(DEFAULT_RESOURCES_DIR, "upr-info/upr_recommendations_sessions01-17.csv");
    expect(text.startsWith("id,cycle,session,state_under_review")).toBe(true);
  });

  it("report CSV problems with their line number", () => {
    expect(() => readCsvRows('a,b\n1,2\n3,"4\n', { file: "x.csv" })).toThrow(/x\.csv: line \d/);
    expect(() => readCsvRows("a,b\n1,2\n", { file: "x.csv", requiredColumns: ["c"] })).toThrow(/missing column\(s\) c/);
  });
});
