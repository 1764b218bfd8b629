import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ADDRESSED_PROVIDER,
  cooperationTypesSought,
  MATCH_WEIGHTS,
  type OfferMatchFacts,
  type RequestMatchFacts,
  rankByScore,
  scoreMatch,
} from "../src/domain/matching/match-score.js";

// The matching engine is pure: properties over random facts (fast-check) and tables for the explanation's content.

const THEMES = ["A5", "B3", "D5", "E1", "E5", "F1", "F3", "F4"];
const TARGETS = ["4.1", "4.2", "4.5", "4.7", "4.a", "4.c", "5.1", "16.10"];
const MODALITIES = ["advisory_services", "training", "expert_mission", "workshop", "grant"];
const LANGUAGES = ["ar", "en", "es", "fr", "pt", "ru", "zh"];
const REGIONS = ["world", "002", "202", "011", "014", "019", "419", "142", "150"];
const COOPERATION = ["multilateral", "regional", "bilateral", "south_south", "triangular"];
const ISCED = ["0", "1", "2", "3", "5"];
const CONTINUITY = ["radio", "television", "teacher_training", "online_platform"];

const someOf = (xs: string[]) => fc.uniqueArray(fc.constantFrom(...xs), { maxLength: xs.length });
const isoDate = fc.integer({ min: 0, max: 3 * 365 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const dateRange = fc.option(fc.tuple(isoDate, isoDate), { nil: null }).map((r) => (r ? (r[0] <= r[1] ? r : [r[1], r[0]]) : [null, null]));

const requestArb: fc.Arbitrary<RequestMatchFacts> = fc
  .record({
    themes: someOf(THEMES),
    sdgTargets: someOf(TARGETS),
    modalities: someOf(MODALITIES),
    continuityNeeds: someOf(CONTINUITY),
    workingLanguages: someOf(LANGUAGES),
    iscedLevels: someOf(ISCED),
    range: dateRange,
    region: fc.constantFrom(
      { regionCode: "002", subregionCode: "202", intermediateRegionCode: "011" },
      { regionCode: "019", subregionCode: "419", intermediateRegionCode: "005" },
      { regionCode: "142", subregionCode: "034", intermediateRegionCode: null },
    ),
    addressed: fc.uniqueArray(fc.constantFrom("org-a", "org-b", "org-c"), { maxLength: 3 }),
    sought: someOf(COOPERATION),
  })
  .map((r) => ({
    id: "request",
    themes: r.themes,
    sdgTargets: r.sdgTargets,
    modalities: r.modalities,
    continuityNeeds: r.continuityNeeds,
    workingLanguages: r.workingLanguages,
    iscedLevels: r.iscedLevels,
    timeframeStart: r.range[0] ?? null,
    timeframeEnd: r.range[1] ?? null,
    region: r.region,
    addressedProviderIds: r.addressed,
    soughtCooperationTypes: r.sought,
  }));

const offerArb: fc.Arbitrary<OfferMatchFacts> = fc
  .record({
    organizationId: fc.constantFrom("org-a", "org-b", "org-d"),
    themes: someOf(THEMES),
    sdgTargets: someOf(TARGETS),
    modalities: someOf(MODALITIES),
    continuityNeeds: someOf(CONTINUITY),
    languages: someOf(LANGUAGES),
    iscedLevels: someOf(ISCED),
    regions: someOf(REGIONS),
    cooperationTypes: someOf(COOPERATION),
    range: dateRange,
  })
  .map((o) => ({ id: "offer", ...o, availableFrom: o.range[0] ?? null, availableTo: o.range[1] ?? null }));

const reversed = <T extends Record<string, unknown>>(facts: T): T =>
  Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, Array.isArray(v) ? [...v].reverse() : v])) as T;

describe("match score properties", () => {
  it("is within 0–100, and the points of the explanation add up to it", () => {
    fc.assert(
      fc.property(requestArb, offerArb, (r, o) => {
        const { score, explanation } = scoreMatch(r, o);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        const points = explanation.reduce((s, e) => s + e.points, 0);
        expect(Math.abs(points - score)).toBeLessThanOrEqual(0.01 * explanation.length + 1e-9);
        for (const e of explanation) expect(e.points).toBeLessThanOrEqual(e.weight + 1e-9);
      }),
      { numRuns: 500 },
    );
  });

  it("symmetric facts give identical scores: order and duplicates of codes, and the offer's id, change nothing", () => {
    fc.assert(
      fc.property(requestArb, offerArb, (r, o) => {
        const base = scoreMatch(r, o);
        expect(scoreMatch(reversed(r), reversed(o))).toEqual(base);
        expect(scoreMatch(r, { ...o, id: "another-offer", themes: [...o.themes, ...o.themes] })).toEqual(base);
        expect(scoreMatch({ ...r, themes: [...r.themes, ...r.themes] }, o)).toEqual(base);
      }),
      { numRuns: 300 },
    );
  });

  it("adding a theme the request asks for never lowers the score (on either side)", () => {
    fc.assert(
      fc.property(requestArb, offerArb, fc.constantFrom(...THEMES), (r, o, theme) => {
        const before = scoreMatch(r, o).score;
        const asked = r.themes.includes(theme) ? r : { ...r, themes: [...r.themes, theme] };
        expect(scoreMatch(asked, { ...o, themes: [...o.themes, theme] }).score).toBeGreaterThanOrEqual(scoreMatch(asked, o).score);
        if (r.themes.includes(theme)) expect(scoreMatch(r, { ...o, themes: [...o.themes, theme] }).score).toBeGreaterThanOrEqual(before);
        if (o.themes.includes(theme)) expect(scoreMatch({ ...r, themes: [...r.themes, theme] }, o).score).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it("more coverage of any list never lowers the score", () => {
    const lists = ["sdgTargets", "modalities", "languages", "regions", "iscedLevels", "continuityNeeds", "cooperationTypes"] as const;
    const pools: Record<(typeof lists)[number], string[]> = {
      sdgTargets: TARGETS,
      modalities: MODALITIES,
      languages: LANGUAGES,
      regions: REGIONS,
      iscedLevels: ISCED,
      continuityNeeds: CONTINUITY,
      cooperationTypes: COOPERATION,
    };
    fc.assert(
      fc.property(requestArb, offerArb, fc.constantFrom(...lists), fc.nat(), (r, o, list, pick) => {
        const pool = pools[list];
        const code = pool[pick % pool.length] as string;
        expect(scoreMatch(r, { ...o, [list]: [...o[list], code] }).score).toBeGreaterThanOrEqual(scoreMatch(r, o).score);
      }),
      { numRuns: 500 },
    );
  });

  it("ranks by score descending, then id, whatever the input order", () => {
    fc.assert(
      fc.property(requestArb, fc.array(offerArb, { minLength: 1, maxLength: 12 }), (r, offers) => {
        const withIds = offers.map((o, i) => ({ ...o, id: `offer-${String(i % 5).padStart(2, "0")}-${i}` }));
        const ranked = rankByScore(withIds, (o) => scoreMatch(r, o)).map((x) => x.item.id);
        expect(rankByScore([...withIds].reverse(), (o) => scoreMatch(r, o)).map((x) => x.item.id)).toEqual(ranked);
        const scores = rankByScore(withIds, (o) => scoreMatch(r, o)).map((x) => x.match.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }),
      { numRuns: 200 },
    );
  });
});

const senegalRequest: RequestMatchFacts = {
  id: "r1",
  themes: ["E5", "F3"],
  sdgTargets: ["4.c", "4.5"],
  modalities: ["training"],
  continuityNeeds: ["teacher_training"],
  workingLanguages: ["fr"],
  iscedLevels: ["1", "2"],
  timeframeStart: "2027-03-01",
  timeframeEnd: "2027-12-31",
  region: { regionCode: "002", subregionCode: "202", intermediateRegionCode: "011" },
  addressedProviderIds: ["ohchr", "unesco"],
  soughtCooperationTypes: cooperationTypesSought(["un_entity"]),
};

const unescoOffer: OfferMatchFacts = {
  id: "o1",
  organizationId: "unesco",
  themes: ["E5"],
  sdgTargets: ["4.c", "4.1"],
  modalities: ["training", "advisory_services"],
  continuityNeeds: ["teacher_training"],
  languages: ["fr", "en"],
  iscedLevels: ["1", "2", "3"],
  regions: ["202"],
  cooperationTypes: ["multilateral"],
  availableFrom: "2027-01-01",
  availableTo: "2028-06-30",
};

const factor = (r: RequestMatchFacts, o: OfferMatchFacts, name: string) => scoreMatch(r, o).explanation.find((e) => e.factor === name);

describe("match explanation", () => {
  it("a full match scores 100 and names every matched code", () => {
    const m = scoreMatch(senegalRequest, { ...unescoOffer, themes: ["E5", "F3"], sdgTargets: ["4.c", "4.5"], regions: ["011"] });
    expect(m.score).toBe(100);
    expect(m.explanation.map((e) => [e.factor, e.matched])).toEqual([
      ["themes", ["E5", "F3"]],
      ["sdgTargets", ["4.5", "4.c"]],
      ["modalities", ["training"]],
      ["languages", ["fr"]],
      ["region", ["011"]],
      ["timing", ["2027-03-01/2027-12-31"]],
      ["continuityNeeds", ["teacher_training"]],
      ["cooperation", [ADDRESSED_PROVIDER, "multilateral"]],
      ["isced", ["1", "2"]],
    ]);
    expect(m.explanation.reduce((s, e) => s + e.weight, 0)).toBeCloseTo(100, 6);
  });

  it.each<[string, Partial<RequestMatchFacts>, Partial<OfferMatchFacts>, string, { matched: string[]; partial: string[]; share: number }]>([
    ["half the themes", {}, { themes: ["E5", "A5"] }, "themes", { matched: ["E5"], partial: [], share: 0.75 }],
    ["no theme", {}, { themes: ["D5"] }, "themes", { matched: [], partial: [], share: 0 }],
    ["exact SDG target beats same goal", {}, { sdgTargets: ["4.c", "4.1"] }, "sdgTargets", { matched: ["4.c"], partial: ["4.5"], share: 0.875 }],
    ["same SDG goal only", {}, { sdgTargets: ["4.1"] }, "sdgTargets", { matched: [], partial: ["4.5", "4.c"], share: 0.75 }],
    ["another SDG goal", {}, { sdgTargets: ["16.10"] }, "sdgTargets", { matched: [], partial: [], share: 0 }],
    ["region by intermediate region", {}, { regions: ["011"] }, "region", { matched: ["011"], partial: [], share: 1 }],
    ["region by continent", {}, { regions: ["002"] }, "region", { matched: [], partial: ["002"], share: 0.9 }],
    ["world-wide offer", {}, { regions: ["world"] }, "region", { matched: [], partial: ["world"], share: 0.75 }],
    ["another region", {}, { regions: ["150"] }, "region", { matched: [], partial: [], share: 0 }],
    ["no common language", {}, { languages: ["en", "es"] }, "languages", { matched: [], partial: [], share: 0 }],
    [
      "timing covering half",
      {},
      { availableFrom: "2027-08-01", availableTo: null },
      "timing",
      { matched: ["2027-08-01/2027-12-31"], partial: [], share: 0.5 + 0.5 * (153 / 306) },
    ],
    ["timing without overlap", {}, { availableFrom: "2028-01-01", availableTo: null }, "timing", { matched: [], partial: [], share: 0 }],
    [
      "open-ended request, dated offer",
      { timeframeEnd: null },
      { availableTo: "2027-06-30" },
      "timing",
      { matched: ["2027-03-01/2027-06-30"], partial: [], share: 1 },
    ],
    [
      "South-South offer to a request addressed to States",
      { addressedProviderIds: ["bra"], soughtCooperationTypes: cooperationTypesSought(["government"]) },
      { organizationId: "mex", cooperationTypes: ["south_south"] },
      "cooperation",
      { matched: ["south_south"], partial: [], share: 0.75 },
    ],
    [
      "multilateral offer to a request addressed to a State",
      { addressedProviderIds: ["bra"], soughtCooperationTypes: cooperationTypesSought(["government"]) },
      {},
      "cooperation",
      { matched: [], partial: [], share: 0 },
    ],
  ])("%s", (_label, requestChange, offerChange, name, expected) => {
    const r = { ...senegalRequest, ...requestChange };
    const f = factor(r, { ...unescoOffer, ...offerChange }, name);
    expect(f).toBeDefined();
    expect({ matched: f?.matched, partial: f?.partial }).toEqual({ matched: expected.matched, partial: expected.partial });
    expect(f?.points).toBeCloseTo((f?.weight ?? 0) * expected.share, 1);
  });

  it("leaves out what the request does not ask and scales the other weights to 100", () => {
    const silent: RequestMatchFacts = { ...senegalRequest, continuityNeeds: [], iscedLevels: [], timeframeStart: null, timeframeEnd: null };
    const m = scoreMatch(silent, unescoOffer);
    expect(m.explanation.map((e) => e.factor)).toEqual(["themes", "sdgTargets", "modalities", "languages", "region", "cooperation"]);
    const kept =
      MATCH_WEIGHTS.themes + MATCH_WEIGHTS.sdgTargets + MATCH_WEIGHTS.modalities + MATCH_WEIGHTS.languages + MATCH_WEIGHTS.region + MATCH_WEIGHTS.cooperation;
    expect(m.explanation[0]?.weight).toBeCloseTo((MATCH_WEIGHTS.themes * 100) / kept, 2);
  });

  it("a request that asks nothing in particular scores nothing, and says so with an empty explanation", () => {
    const empty: RequestMatchFacts = {
      ...senegalRequest,
      themes: [],
      sdgTargets: [],
      modalities: [],
      continuityNeeds: [],
      workingLanguages: [],
      iscedLevels: [],
      timeframeStart: null,
      timeframeEnd: null,
      region: null,
      addressedProviderIds: [],
      soughtCooperationTypes: [],
    };
    expect(scoreMatch(empty, unescoOffer)).toEqual({ score: 0, explanation: [] });
  });

  it("derives the cooperation sought from the providers addressed", () => {
    expect(cooperationTypesSought(["un_entity", "ohchr_field_presence"])).toEqual(["multilateral"]);
    expect(cooperationTypesSought(["regional_organization"])).toEqual(["regional"]);
    expect(cooperationTypesSought(["government"])).toEqual(["bilateral", "bilateral_dialogue", "north_south", "south_south", "triangular"]);
    expect(cooperationTypesSought(["nhri"])).toEqual([]);
  });
});
