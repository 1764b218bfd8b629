import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nameSimilarity, normalizeName, pickExactMatch, rankNameCandidates } from "./names.js";

// Realistic name text: Latin with diacritics, Greek, Cyrillic, Arabic, CJK, punctuation and apostrophe variants.
const ranges: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x4ff],
  [0x600, 0x6ff],
  [0x1e00, 0x1eff],
  [0x2010, 0x2027],
  [0x4e00, 0x4eff],
];
const nameChar = fc.oneof(...ranges.map(([a, b]) => fc.integer({ min: a, max: b }).map((c) => String.fromCodePoint(c))));
const nameText = fc.string({ unit: nameChar, maxLength: 40 });

describe("normalizeName", () => {
  it("folds the spellings files use for one country into one form", () => {
    expect(normalizeName("Côte d’Ivoire")).toBe("cote divoire");
    expect(normalizeName("Cote d'Ivoire")).toBe("cote divoire");
    expect(normalizeName("  CÔTE D`IVOIRE ")).toBe("cote divoire");
    expect(normalizeName("Guinea-Bissau")).toBe(normalizeName("Guinea Bissau"));
    expect(normalizeName("Bolivia (Plurinational State of)")).toBe("bolivia plurinational state of");
    expect(normalizeName("Türkiye")).toBe("turkiye");
    expect(normalizeName("Кот-д’Ивуар")).toBe("кот дивуар");
  });

  it("is idempotent (any Unicode)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => normalizeName(normalizeName(s)) === normalizeName(s)),
      { numRuns: 2000 },
    );
  });

  it("ignores case", () => {
    fc.assert(
      fc.property(nameText, (s) => normalizeName(s.toUpperCase()) === normalizeName(s) && normalizeName(s.toLowerCase()) === normalizeName(s)),
      { numRuns: 2000 },
    );
  });

  it("ignores diacritics", () => {
    fc.assert(
      fc.property(nameText, (s) => {
        const stripped = s.normalize("NFD").replace(/\p{M}/gu, "");
        return normalizeName(stripped) === normalizeName(s);
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves no leading, trailing or doubled space and no punctuation", () => {
    fc.assert(
      fc.property(nameText, (s) => {
        const n = normalizeName(s);
        return n === n.trim() && !n.includes("  ") && !/[\p{P}\p{S}]/u.test(n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("matching names", () => {
  const entries = [
    { iso3: "KOR", name: "Republic of Korea", normalized: "republic of korea", official: true },
    { iso3: "PRK", name: "Democratic People's Republic of Korea", normalized: "democratic peoples republic of korea", official: true },
    { iso3: "SWZ", name: "Eswatini", normalized: "eswatini", official: true },
  ];

  it("scores identical names 1 and unrelated ones near 0", () => {
    expect(nameSimilarity("eswatini", "eswatini")).toBe(1);
    expect(nameSimilarity("eswatini", "xyz")).toBe(0);
  });

  it("ranks the closest country first, one entry per country", () => {
    const ranked = rankNameCandidates("Republic of Korea (the)", entries);
    expect(ranked[0]?.iso3).toBe("KOR");
    expect(ranked[0]?.score).toBeLessThan(1);
    expect(new Set(ranked.map((c) => c.iso3)).size).toBe(ranked.length);
  });

  it("prefers an official name when one spelling names two countries", () => {
    const exact = [
      { iso3: "AAA", name: "Same", normalized: "same", official: false },
      { iso3: "BBB", name: "Same", normalized: "same", official: true },
    ];
    expect(pickExactMatch("same", exact)).toEqual({ status: "matched", iso3: "BBB", matchedName: "Same" });
    expect(
      pickExactMatch(
        "same",
        exact.map((e) => ({ ...e, official: false })),
      )?.status,
    ).toBe("ambiguous");
    expect(pickExactMatch("none", [])).toBeNull();
  });
});
