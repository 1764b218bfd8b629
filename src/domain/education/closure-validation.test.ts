import { describe, expect, it } from "vitest";
import { normalizeName } from "../reference/names.js";
import { deriveClosureDailyCounts } from "./closure-counts.js";
import { deriveClosurePeriods } from "./closure-periods.js";
import type { ClosureFormat } from "./closure-schemas.js";
import { type CountryReference, createClosureValidator } from "./closure-validation.js";

// The file-wide rules, on rows given directly (fields in the format's header order).

const NAMES: Record<string, string[]> = {
  FRA: ["France"],
  UZB: ["Uzbekistan"],
  VEN: ["Venezuela (Bolivarian Republic of)", "Venezuela"],
  LAO: ["Lao People's Democratic Republic", "Laos"],
  SXM: ["Sint Maarten (Dutch part)"],
  SEN: ["Senegal"],
  VUT: ["Vanuatu"],
};
const countries = new Map<string, CountryReference>(
  Object.entries(NAMES).map(([iso3, names]) => [iso3, { nameEn: names[0] as string, names: new Set(names.map(normalizeName)) }]),
);
const nameOwners = new Map(Object.entries(NAMES).flatMap(([iso3, names]) => names.map((n) => [normalizeName(n), iso3] as [string, string])));

function check(format: ClosureFormat, rows: string[][], options: { skipUnknownCountries?: boolean; skipDuplicates?: boolean } = {}) {
  const v = createClosureValidator(format, {
    countries,
    nameOwners,
    today: "2024-01-01",
    skipUnknownCountries: !!options.skipUnknownCountries,
    skipDuplicates: !!options.skipDuplicates,
  });
  rows.forEach((fields, i) => {
    v.add(fields, i + 2);
  });
  return v.finish();
}

describe("duplicated country-days", () => {
  const rows = [
    ["16/03/2020", "UZB", "Uzbekistan", "National", ""],
    ["16/03/2020", "UZB", "Uzbekistan", "National", ""],
    ["17/03/2020", "UZB", "Uzbekistan", "National", ""],
    ["17/03/2020", "UZB", "Uzbekistan", "Localized", ""],
  ];

  it("are refused, citing the first line and whether the status conflicts", () => {
    const r = check("unesco_scale", rows);
    expect(r.errors).toEqual([
      { line: 3, field: "Date", message: "UZB on 2020-03-16 is already given on line 2, with the same status: one value per country and day in a release" },
      {
        line: 5,
        field: "Date",
        message:
          'UZB on 2020-03-17 is already given on line 4, with a conflicting status ("National" there, "Localized" here): one value per country and day in a release',
      },
    ]);
  });

  it("keep the first row and are reported as warnings with skipDuplicates", () => {
    const r = check("unesco_scale", rows, { skipDuplicates: true });
    expect(r.errorCount).toBe(0);
    expect(r.rows.line).toEqual([2, 4]);
    expect(r.rowsSkipped).toBe(2);
    expect(r.warnings.map((w) => w.line)).toEqual([3, 5]);
    expect(r.warnings[0]?.message).toMatch(/this row was skipped, the first kept$/);
  });
});

describe("unknown country codes", () => {
  const rows = [
    ["RKS", "Kosovo", "2020-01-01", "0", ""],
    ["RKS", "Kosovo", "2020-01-02", "3", "1"],
    ["FRA", "France", "2020-01-01", "0", ""],
    ["RKS", "Kosovo", "2020-01-03", "3", "1"],
    ["TWN", "Taiwan", "2020-01-01", "0", ""],
  ];

  it("give one error per code with its row count and first and last line", () => {
    const r = check("oxcgrt_c1", rows);
    expect(r.errorCount).toBe(2);
    expect(r.errors.map((e) => e.message)).toEqual([
      "RKS is not a country code Passerelle knows (M49 list): 3 row(s), lines 2–5; to import the other rows, use --skip-unknown-countries",
      "TWN is not a country code Passerelle knows (M49 list): 1 row(s), line 6; to import the other rows, use --skip-unknown-countries",
    ]);
  });

  it("are skipped with one warning per code with skipUnknownCountries", () => {
    const r = check("oxcgrt_c1", rows, { skipUnknownCountries: true });
    expect(r.errorCount).toBe(0);
    expect(r.rows.iso3).toEqual(["FRA"]);
    expect(r.rowsSkipped).toBe(4);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "RKS is not a country code Passerelle knows (M49 list): 3 row(s), lines 2–5; skipped",
      "TWN is not a country code Passerelle knows (M49 list): 1 row(s), line 6; skipped",
    ]);
  });
});

describe("country names", () => {
  it.each([
    ["France", null],
    ["Venezuela", null],
    ["Lao PDR", null],
    ["Sint Marteen", null],
    ["Uzbekistan ", null],
  ])("%j for its code is no warning", (name) => {
    const iso3 = { France: "FRA", Venezuela: "VEN", "Lao PDR": "LAO", "Sint Marteen": "SXM", "Uzbekistan ": "UZB" }[name] as string;
    expect(check("unesco_status", [["16/03/2020", iso3, name, "Fully open", ""]]).warnings).toEqual([]);
  });

  it("another country's name is a warning (the row is kept under its code)", () => {
    const r = check("unesco_scale", [
      ["16/03/2020", "UZB", "Venezuela", "National", ""],
      ["17/03/2020", "UZB", "Venezuela", "National", ""],
    ]);
    expect(r.errorCount).toBe(0);
    expect(r.rows.iso3).toEqual(["UZB", "UZB"]);
    expect(r.warnings).toEqual([
      {
        line: 2,
        field: "Country",
        message: 'the country name "Venezuela" is the name of VEN, not of UZB (Uzbekistan); the rows are kept under UZB: 2 row(s), lines 2–3',
      },
    ]);
  });

  it("a name unknown for the code is a warning", () => {
    const r = check("oxcgrt_c1", [["SEN", "Gambia", "2020-03-01", "0", ""]]);
    expect(r.warnings[0]?.message).toBe('the country name "Gambia" is not a known name of SEN (Senegal); the rows are kept under SEN: 1 row(s), line 2');
  });
});

describe("gaps and blanks", () => {
  it("a missing day inside a series is a warning with the lines around it, never filled in", () => {
    const r = check("unesco_scale", [
      ["30/03/2020", "VUT", "Vanuatu", "National", ""],
      ["01/04/2020", "VUT", "Vanuatu", "National", ""],
      ["05/04/2020", "VUT", "Vanuatu", "National", ""],
    ]);
    expect(r.rows.line).toEqual([2, 3, 4]);
    expect(r.warnings).toEqual([
      {
        line: 3,
        field: "Date",
        message: "VUT: 4 day(s) missing in 2 gap(s), the first 2020-03-31 (between lines 2 and 3); not reported, not filled in",
      },
    ]);
  });

  it("OxCGRT blank values are no data: skipped, counted, one warning per country, and no gap", () => {
    const r = check("oxcgrt_c1", [
      ["FRA", "France", "2020-03-01", "2", "1"],
      ["FRA", "France", "2020-03-02", "", ""],
      ["FRA", "France", "2020-03-03", "", ""],
      ["FRA", "France", "2020-03-04", "3", ""],
    ]);
    expect(r.rows.status).toEqual([2, 3]);
    expect(r.rowsSkipped).toBe(2);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "FRA: 2 row(s) with no C1 value (no data), lines 3–4; skipped",
      "FRA: 1 row(s) with C1 1–3 but no flag, line 5; stored without a flag",
    ]);
  });
});

describe("empty results", () => {
  it("a file with only blank C1 values has nothing to store", () => {
    const r = check("oxcgrt_c1", [["FRA", "France", "2020-03-01", "", ""]]);
    expect(r.errors).toEqual([{ line: 2, field: "file", message: "no row of the file has a value to store" }]);
  });

  it("a header without rows", () => {
    expect(check("unesco_status", []).errors).toEqual([{ line: 1, field: "file", message: "the file has a header but no rows" }]);
  });
});

describe("national template", () => {
  const header = (date: string, unit: string, isced: string, status: string, f = "", m = "", t = "", rm = "") => [
    date,
    "SEN",
    unit,
    isced,
    status,
    f,
    m,
    t,
    rm,
    "",
  ];

  it("keeps units, levels, learners and modalities", () => {
    const r = check("national", [
      header("2020-03-16", "", "", "Closed due to COVID-19", "10", "12", "25", "radio;television"),
      header("2020-03-16", "SN-DK", "1", "Partially open"),
    ]);
    expect(r.errorCount).toBe(0);
    expect(r.rows).toMatchObject({
      unit: ["", "SN-DK"],
      isced: ["", "1"],
      learnersFemale: [10, null],
      learnersMale: [12, null],
      learnersTotal: [25, null],
      modalities: ["radio;television", null],
    });
  });

  it("a country-day is given for all levels or by level, not both", () => {
    const r = check("national", [header("2020-03-16", "", "", "Fully open"), header("2020-03-16", "", "2", "Fully open")]);
    expect(r.errors).toEqual([
      { line: 3, field: "isced", message: "SEN on 2020-03-16 is given for all levels (isced blank) and by level (line 2); give one or the other" },
    ]);
  });
});

describe("derived forms", () => {
  it("periods are runs of consecutive days with one status, flag and note; a gap or a change starts a new one", () => {
    const r = check("oxcgrt_c1", [
      ["FRA", "France", "2020-03-04", "3", "1"],
      ["FRA", "France", "2020-03-01", "0", ""],
      ["FRA", "France", "2020-03-02", "3", "1"],
      ["FRA", "France", "2020-03-03", "3", "1"],
      ["FRA", "France", "2020-03-05", "3", "0"],
      ["FRA", "France", "2020-03-07", "3", "0"],
      ["SEN", "Senegal", "2020-03-01", "0", ""],
    ]);
    const p = deriveClosurePeriods(r.rows);
    expect(p.iso3.map((iso3, i) => `${iso3} ${p.firstDay[i]}..${p.lastDay[i]} ${p.status[i]}/${p.flag[i]}`)).toEqual([
      "FRA 2020-03-01..2020-03-01 0/null",
      "FRA 2020-03-02..2020-03-04 3/1",
      "FRA 2020-03-05..2020-03-05 3/0",
      "FRA 2020-03-07..2020-03-07 3/0",
      "SEN 2020-03-01..2020-03-01 0/null",
    ]);
  });

  it("daily counts group countries by day, status and group; designations are those valid on the day", () => {
    const r = check("national", [
      ["2020-03-16", "SEN", "", "", "Closed due to COVID-19", "", "", "100", "", ""],
      ["2020-03-17", "SEN", "", "", "Closed due to COVID-19", "", "", "", "", ""],
      ["2020-03-16", "SEN", "SN-DK", "", "Fully open", "", "", "5", "", ""],
      ["2020-03-16", "FRA", "", "1", "Closed due to COVID-19", "", "", "7", "", ""],
      ["2020-03-16", "FRA", "", "2", "Closed due to COVID-19", "", "", "8", "", ""],
    ]);
    const groups = new Map([
      ["SEN", { regionCode: "002", regionalGroup: "AFG", ldc: [{ from: null, to: "2020-03-17" }], sids: [] }],
      ["FRA", { regionCode: "150", regionalGroup: "WEOG", ldc: [], sids: [] }],
    ]);
    const c = deriveClosureDailyCounts(r.rows, groups);
    const rows = c.day.map((day, i) => [day, c.status[i], c.regionCode[i], c.ldc[i], c.countries[i], c.learnersTotal[i], c.learnersCountries[i]]);
    expect(rows).toEqual([
      ["2020-03-16", 2, "002", true, 1, 100, 1],
      ["2020-03-17", 2, "002", false, 1, null, 0],
      ["2020-03-16", 2, "150", false, 1, 15, 1],
    ]);
  });
});
