import { describe, expect, it } from "vitest";
import { normalizeName } from "../reference/names.js";
import { classifyPosition, cycleOfSession, deriveThemeCodes, uhriLevel2Code, type ThemeMappings } from "./recommendation-rules.js";

describe("classifyPosition", () => {
  it.each([
    ["Accepted", "supported"],
    ["Supported", "supported"],
    ["supported ", "supported"],
    ["Noted", "noted"],
    ["Partially supported", "partially_supported"],
    ["Partially accepted", "partially_supported"],
    ["Pending", "pending"],
    [null, "pending"],
    ["", "pending"],
    ["Supported/Noted", "unclear"],
    ["Will consider", "unclear"],
    ["No clear position", "unclear"],
  ] as const)("%s → %s (never coerced)", (word, expected) => {
    expect(classifyPosition(word)).toBe(expected);
  });
});

describe("UHRI codes", () => {
  it.each([
    ["A12", "A1"],
    ["D51", "D5"],
    ["A3", "A3"],
    ["g1", "G1"],
    ["Z9", null],
    ["A123", null],
  ])("%s → %s", (code, expected) => {
    expect(uhriLevel2Code(code)).toBe(expected);
  });

  it("maps source themes and UPR Info issues, listing what it could not map", () => {
    const mappings: ThemeMappings = {
      uprInfoIssues: new Map([
        ["Right to education", ["E5"]],
        ["Other", []],
      ]),
      uhriLabels: new Map([[normalizeName("Equality & non-discrimination"), "B3"]]),
      personLabels: new Map(),
    };
    const r = deriveThemeCodes(
      [
        { code: "A12", label: "Acceptance of international norms" },
        { code: null, label: "Equality & non-discrimination" },
        { code: null, label: "Something new" },
      ],
      ["Right to education", "Other", "Unknown issue"],
      mappings,
    );
    expect(r.codes).toEqual(["A1", "B3", "E5"]);
    expect(r.unmapped).toEqual(["Something new", "Unknown issue"]);
  });
});

describe("cycleOfSession", () => {
  it.each([
    [1, 1],
    [12, 1],
    [13, 2],
    [26, 2],
    [27, 3],
    [40, 3],
    [41, 4],
  ])("session %i is in cycle %i", (session, cycle) => {
    expect(cycleOfSession(session)).toBe(cycle);
  });
});
