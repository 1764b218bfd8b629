import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MATCH_WEIGHTS, type OfferMatchFacts, type RequestMatchFacts, scoreMatch } from "../src/domain/matching/match-score.js";
import { suggestedThemeFacts, suggestThemesFromText } from "../src/domain/matching/text-themes.js";
import { rankOffersForRequest } from "../src/domain/matching/matching-service.js";
import { createOffer } from "../src/domain/offers/offer-service.js";
import { transitionOffer } from "../src/domain/offers/offer-transition-service.js";
import { defaultTagModel } from "../src/imports/tag-model-file.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { insertRequest, makeCast, offerInput } from "./offer-fixtures.js";

// Matching reuse of the tagging model (issue 7 §4): themes suggested from a request's needs statement or an offer's
// description complement the chosen themes in a factor of their own, weighed less than chosen themes and naming the
// model; without suggestions every score stays exactly what it was.

const MODEL = "passerelle-upr-issues 2026-11-29.1";
const request = (over: Partial<RequestMatchFacts> = {}): RequestMatchFacts => ({
  id: "r",
  themes: [],
  sdgTargets: [],
  modalities: ["training"],
  continuityNeeds: [],
  workingLanguages: ["fr"],
  iscedLevels: [],
  timeframeStart: null,
  timeframeEnd: null,
  region: null,
  addressedProviderIds: [],
  soughtCooperationTypes: [],
  ...over,
});
const offer = (over: Partial<OfferMatchFacts> = {}): OfferMatchFacts => ({
  id: "o",
  organizationId: "org",
  themes: [],
  sdgTargets: [],
  modalities: ["training"],
  continuityNeeds: [],
  languages: ["fr"],
  iscedLevels: [],
  regions: [],
  cooperationTypes: [],
  availableFrom: null,
  availableTo: null,
  ...over,
});
const line = (facts: ReturnType<typeof scoreMatch>, factor: string) => facts.explanation.find((e) => e.factor === factor);

describe("themes suggested from the text, in the score", () => {
  it("weighs less than chosen themes", () => {
    expect(MATCH_WEIGHTS.textThemes).toBeLessThan(MATCH_WEIGHTS.themes);
  });

  // [case, request themes, request suggested, offer themes, offer suggested, matched, ratio]
  const TABLE: [string, string[], string[], string[], string[], string[], number | null][] = [
    ["request silent, its needs statement suggests E5 and F3; the offer chose E5", [], ["E5", "F3"], ["E5"], [], ["E5"], 0.75],
    ["the request chose E5; the offer chose nothing but its description suggests E5", ["E5"], [], [], ["E5"], ["E5"], 1],
    ["the request chose E5, its text adds F3; the offer chose E5 and F3", ["E5"], ["F3"], ["E5", "F3"], [], ["F3"], 1],
    ["the text suggests only what both chose: left out", ["E5"], ["E5"], ["E5"], [], [], null],
    ["no text suggests anything: left out", ["E5"], [], ["D5"], [], [], null],
    ["suggestions that match nothing earn nothing", [], ["A1"], ["E5"], ["D5"], [], 0],
  ];
  it.each(TABLE)("%s", (_case, rThemes, rSuggested, oThemes, oSuggested, matched, ratio) => {
    const m = scoreMatch(
      request({ themes: rThemes, suggestedThemes: rSuggested, suggestedBy: rSuggested.length ? MODEL : null }),
      offer({ themes: oThemes, suggestedThemes: oSuggested, suggestedBy: oSuggested.length ? MODEL : null }),
    );
    const item = line(m, "textThemes");
    if (ratio === null) {
      expect(item).toBeUndefined();
      return;
    }
    expect(item?.matched).toEqual(matched);
    expect(item?.suggestedBy).toBe(MODEL);
    expect(item?.points).toBeCloseTo((item?.weight ?? 0) * ratio, 1);
  });

  it("names the model only on its own line, never on what people chose", () => {
    const m = scoreMatch(request({ themes: ["E5"], suggestedThemes: ["F3"], suggestedBy: MODEL }), offer({ themes: ["E5", "F3"] }));
    expect(m.explanation.filter((e) => e.suggestedBy).map((e) => e.factor)).toEqual(["textThemes"]);
    expect(line(m, "themes")?.suggestedBy).toBeUndefined();
  });

  const codes = fc.uniqueArray(fc.constantFrom("A1", "D5", "E5", "F1", "F3"), { maxLength: 5 });
  it("leaves every score unchanged when no text suggests a theme", () => {
    fc.assert(
      fc.property(codes, codes, (rThemes, oThemes) => {
        const plain = scoreMatch(request({ themes: rThemes }), offer({ themes: oThemes }));
        expect(scoreMatch(request({ themes: rThemes, suggestedThemes: [], suggestedBy: null }), offer({ themes: oThemes, suggestedThemes: [] }))).toEqual(
          plain,
        );
        expect(
          scoreMatch(request({ themes: rThemes, suggestedThemes: rThemes, suggestedBy: MODEL }), offer({ themes: oThemes, suggestedThemes: oThemes })),
        ).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });

  it("stays within 0–100 with points adding up, and an offer's suggested theme the request asks for never lowers the score", () => {
    fc.assert(
      fc.property(codes, codes, codes, codes, fc.constantFrom("A1", "D5", "E5", "F1", "F3"), (rThemes, rSuggested, oThemes, oSuggested, extra) => {
        const r = request({ themes: rThemes, suggestedThemes: rSuggested, suggestedBy: MODEL });
        const m = scoreMatch(r, offer({ themes: oThemes, suggestedThemes: oSuggested }));
        expect(m.score).toBeGreaterThanOrEqual(0);
        expect(m.score).toBeLessThanOrEqual(100);
        expect(Math.abs(m.explanation.reduce((s, e) => s + e.points, 0) - m.score)).toBeLessThanOrEqual(0.01 * m.explanation.length + 1e-9);
        // Once the factor is in the score (some text suggests a theme nobody chose), more coverage only adds points.
        const present = oSuggested.some((c) => !oThemes.includes(c)) || rSuggested.some((c) => !rThemes.includes(c));
        if (present && [...rThemes, ...rSuggested].includes(extra) && !oThemes.includes(extra)) {
          const more = scoreMatch(r, offer({ themes: oThemes, suggestedThemes: [...oSuggested, extra] }));
          expect(more.score).toBeGreaterThanOrEqual(m.score);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("themes suggested from a text by the committed model", () => {
  const model = defaultTagModel();
  it("reads a needs statement about teachers and girls' schooling as education and children's and women's rights", () => {
    const found = suggestThemesFromText("Train 2,000 teachers to teach by radio and mobile phone; bring girls back to school after the closures.", model);
    expect(found?.model).toBe(`${model.name} ${model.version}`);
    expect(found?.codes).toContain("E5");
  });

  it("suggests nothing for an empty text or a text in a language the model does not read", () => {
    expect(suggestThemesFromText("   ", model)).toBeNull();
    expect(suggestThemesFromText("Former 2 000 enseignants à enseigner par la radio et ramener les filles à l'école après les fermetures.", model)).toBeNull();
    expect(suggestedThemeFacts("", model)).toEqual({ suggestedThemes: [], suggestedBy: null });
  });

  it("works without a model: nothing is suggested", () => {
    expect(suggestThemesFromText("Train teachers.", null)).toBeNull();
  });
});

describe("ranking offers for a request whose State chose no theme", () => {
  let handle: DbHandle;
  afterAll(async () => {
    await handle?.close();
  });
  let requestId: string;
  let offerId: string;
  beforeAll(async () => {
    handle = await createTestDb();
    const cast = await makeCast(handle.db);
    requestId = await insertRequest(handle.db, { stateIso3: "SEN", organizationId: cast.senegal.organizationId, themes: [], visibility: "public" });
    await handle.db
      .updateTable("assistance_requests")
      .set({ needs_statement: "Train 2,000 teachers to teach by radio and mobile phone; bring girls back to school after the closures." })
      .where("id", "=", requestId)
      .execute();
    offerId = (await createOffer(handle.db, cast.unesco.viewer, offerInput(cast.unesco.organizationId, { themes: ["E5"], visibility: "public" }))).id;
    await transitionOffer(handle.db, cast.unesco.viewer, offerId, { to: "published" });
  }, 120_000);

  it("scores the themes read from the needs statement, names the model, and leaves the chosen-themes factor out", async () => {
    const model = defaultTagModel();
    const ranked = await rankOffersForRequest(handle.db, { userId: null, displayName: null, memberships: [] }, requestId);
    const match = ranked.offers.find((o) => o.offerId === offerId);
    expect(match?.explanation.find((e) => e.factor === "themes")).toBeUndefined();
    const text = match?.explanation.find((e) => e.factor === "textThemes");
    expect(text?.matched).toContain("E5");
    expect(text?.suggestedBy).toBe(`${model.name} ${model.version}`);
    expect(text?.points).toBeGreaterThan(0);
  });
});
