import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkLearnerTotals,
  dayNumber,
  isoOfDayNumber,
  parseC1,
  parseClosureDate,
  parseIsced,
  parseIso3,
  parseLearners,
  parseModalities,
  parseStatusWord,
} from "./closure-rules.js";

const TODAY = "2024-06-30";

describe("parseClosureDate", () => {
  it.each([
    ["16/02/2020", "dmy", "2020-02-16"],
    ["29/02/2020", "dmy", "2020-02-29"],
    [" 15/02/2021 ", "dmy", "2021-02-15"],
    ["2020-01-01", "iso", "2020-01-01"],
    ["2022-05-16", "iso", "2022-05-16"],
  ] as const)("reads %s (%s) as %s", (text, style, iso) => {
    expect(parseClosureDate(text, style, TODAY)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ["31/02/2020", "dmy", '"31/02/2020" is not a day of the calendar'],
    ["29/02/2021", "dmy", '"29/02/2021" is not a day of the calendar'],
    ["00/03/2020", "dmy", '"00/03/2020" is not a day of the calendar'],
    ["16/13/2020", "dmy", '"16/13/2020" is not a day of the calendar'],
    ["2/3/2020", "dmy", '"2/3/2020" is not a date written dd/mm/yyyy (e.g. 16/03/2020)'],
    ["2020-03-02", "dmy", '"2020-03-02" is not a date written dd/mm/yyyy (e.g. 16/03/2020)'],
    ["03/16/2020", "dmy", '"03/16/2020" is not a day of the calendar'],
    ["2020-13-01", "iso", '"2020-13-01" is not a day of the calendar'],
    ["2020-02-30", "iso", '"2020-02-30" is not a day of the calendar'],
    ["2020/03/02", "iso", '"2020/03/02" is not a date written yyyy-mm-dd (e.g. 2020-03-16)'],
    ["16/03/2020", "iso", '"16/03/2020" is not a date written yyyy-mm-dd (e.g. 2020-03-16)'],
    ["", "iso", '"" is not a date written yyyy-mm-dd (e.g. 2020-03-16)'],
    ["2019-11-30", "iso", '"2019-11-30" is before 2019-12-01, earlier than any COVID-19 school closure'],
    ["2024-07-01", "iso", '"2024-07-01" is in the future'],
  ] as const)("refuses %s (%s)", (text, style, message) => {
    expect(parseClosureDate(text, style, TODAY)).toEqual({ ok: false, message });
  });

  it("round-trips every real calendar day in range, in both styles", () => {
    const from = dayNumber("2019-12-01");
    const to = dayNumber(TODAY);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (n) => {
        const iso = isoOfDayNumber(n);
        const dmy = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
        expect(parseClosureDate(iso, "iso", TODAY)).toEqual({ ok: true, value: iso });
        expect(parseClosureDate(dmy, "dmy", TODAY)).toEqual({ ok: true, value: iso });
        expect(dayNumber(iso)).toBe(n);
      }),
    );
  });

  it("never accepts a string that is not an existing day", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const r = parseClosureDate(text, "iso", TODAY);
        if (r.ok) expect(isoOfDayNumber(dayNumber(r.value))).toBe(r.value);
      }),
    );
  });
});

describe("parseStatusWord", () => {
  it.each([
    ["unesco_status", "Fully open", 0],
    ["unesco_status", "Partially open", 1],
    ["unesco_status", "Closed due to COVID-19", 2],
    ["unesco_status", " Academic break ", 3],
    ["unesco_scale", "Open", 0],
    ["unesco_scale", "Localized", 1],
    ["unesco_scale", "National", 2],
    ["oxcgrt_c1", "3", 3],
  ] as const)("%s: %s is %i", (scale, word, code) => {
    expect(parseStatusWord(scale, word)).toEqual({ ok: true, value: code });
  });

  it.each([
    ["unesco_status", "Closed", 'unknown status "Closed"; expected one of "Fully open", "Partially open", "Closed due to COVID-19", "Academic break"'],
    [
      "unesco_status",
      "closed due to covid-19",
      'unknown status "closed due to covid-19" (did you mean "Closed due to COVID-19"?); expected one of "Fully open", "Partially open", "Closed due to COVID-19", "Academic break"',
    ],
    ["unesco_status", "National", 'unknown status "National"; expected one of "Fully open", "Partially open", "Closed due to COVID-19", "Academic break"'],
    ["unesco_scale", "Fully open", 'unknown status "Fully open"; expected one of "Open", "Localized", "National"'],
    ["unesco_scale", "Localised", 'unknown status "Localised"; expected one of "Open", "Localized", "National"'],
    ["unesco_scale", "", 'is empty; expected one of "Open", "Localized", "National"'],
  ] as const)("%s refuses %j", (scale, word, message) => {
    expect(parseStatusWord(scale, word)).toEqual({ ok: false, message });
  });
});

describe("parseC1 (OxCGRT codebook C1)", () => {
  it.each([
    ["0", "", { status: 0, flag: null, flagMissing: false }],
    ["1", "1", { status: 1, flag: 1, flagMissing: false }],
    ["2", "0", { status: 2, flag: 0, flagMissing: false }],
    ["3", "1", { status: 3, flag: 1, flagMissing: false }],
    ["3", "", { status: 3, flag: null, flagMissing: true }],
    ["", "", { status: null }],
  ])("value %j flag %j", (value, flag, expected) => {
    expect(parseC1(value, flag)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["4", "1", "c1_school_closing", '"4" is not a C1 value; expected 0, 1, 2 or 3 (OxCGRT codebook), or blank for no data'],
    ["1.0", "1", "c1_school_closing", '"1.0" is not a C1 value; expected 0, 1, 2 or 3 (OxCGRT codebook), or blank for no data'],
    ["-1", "", "c1_school_closing", '"-1" is not a C1 value; expected 0, 1, 2 or 3 (OxCGRT codebook), or blank for no data'],
    ["0", "1", "c1_flag", "a flag (1) is given with C1 value 0; the flag is blank when there are no measures"],
    ["2", "2", "c1_flag", '"2" is not a C1 flag; expected 0 (targeted), 1 (general) or blank'],
    ["", "1", "c1_flag", 'flag "1" given without a C1 value'],
  ])("refuses value %j flag %j", (value, flag, field, message) => {
    expect(parseC1(value, flag)).toEqual({ ok: false, message, field });
  });
});

describe("national template values", () => {
  it.each([
    ["FRA", { ok: true, value: "FRA" }],
    [" sen ", { ok: true, value: "SEN" }],
    ["FR", { ok: false, message: '"FR" is not an ISO alpha-3 country code' }],
    ["F1A", { ok: false, message: '"F1A" is not an ISO alpha-3 country code' }],
  ])("ISO code %j", (text, expected) => {
    expect(parseIso3(text)).toEqual(expected);
  });

  it.each([
    ["", { ok: true, value: null }],
    ["0", { ok: true, value: 0 }],
    ["3200000", { ok: true, value: 3_200_000 }],
    ["-5", { ok: false, message: '"-5" is not a whole number of learners' }],
    ["1.5", { ok: false, message: '"1.5" is not a whole number of learners' }],
    ["1,000", { ok: false, message: '"1,000" is not a whole number of learners' }],
    ["99999999999999999999", { ok: false, message: '"99999999999999999999" is too large' }],
  ])("learners %j", (text, expected) => {
    expect(parseLearners(text)).toEqual(expected);
  });

  it.each([
    [100, 100, 200, null],
    [100, 100, 250, null],
    [100, 100, 150, "the total 150 is less than female + male (200)"],
    [null, 100, 50, null],
    [100, null, null, null],
  ])("female %j male %j total %j", (f, m, t, expected) => {
    expect(checkLearnerTotals(f, m, t)).toBe(expected);
  });

  it.each([
    ["", { ok: true, value: "" }],
    ["0", { ok: true, value: "0" }],
    ["8", { ok: true, value: "8" }],
    ["9", { ok: false, message: '"9" is not an ISCED 2011 level; expected 0, 1, 2, 3, 4, 5, 6, 7, 8 or blank' }],
    ["primary", { ok: false, message: '"primary" is not an ISCED 2011 level; expected 0, 1, 2, 3, 4, 5, 6, 7, 8 or blank' }],
  ])("ISCED %j", (text, expected) => {
    expect(parseIsced(text)).toEqual(expected);
  });

  it.each([
    ["", { ok: true, value: null }],
    ["radio", { ok: true, value: ["radio"] }],
    ["radio; television;radio", { ok: true, value: ["radio", "television"] }],
    [
      "internet",
      { ok: false, message: 'unknown modality "internet"; expected codes among online_platform, television, radio, mobile_phone, take_home_packages' },
    ],
    [
      "radio;teacher_training",
      { ok: false, message: 'unknown modality "teacher_training"; expected codes among online_platform, television, radio, mobile_phone, take_home_packages' },
    ],
  ])("modalities %j", (text, expected) => {
    expect(parseModalities(text)).toEqual(expected);
  });
});
