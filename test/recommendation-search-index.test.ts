import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRecommendations } from "../src/domain/recommendations/recommendation-import-service.js";
import type { RecommendationImportRow } from "../src/domain/recommendations/recommendation-schemas.js";
import { type RecommendationQuery, RecommendationQuerySchema, searchRecommendations, toFilter } from "../src/domain/recommendations/recommendation-search.js";
import type { DbHandle } from "../src/store/db.js";
import { type SearchIndex, SearchIndexBuilder } from "../src/domain/recommendations/search-index.js";
import { parseTsQuery } from "../src/domain/recommendations/tsquery.js";
import {
  configsFor,
  countRecommendationFacets,
  listTextLanguages,
  parseSearchText,
  readSearchIndexRows,
  searchRecommendationRows,
} from "../src/store/recommendation-read-store.js";
import { createTestDb } from "./db-harness.js";
import { TEST_ACTOR } from "./factories.js";

// The in-process search index (search-index.ts) must match exactly the rows PostgreSQL matches with
// `search @@ websearch_to_tsquery(...)` and the facet filters: every query here runs both ways on the real registry.

let handle: DbHandle;
let configs: string[];
let index: SearchIndex;

// A few texts in other languages, so queries are parsed with several configurations at once (R30).
const OTHER_LANGUAGES: [string, string][] = [
  ["fr", "Garantir le droit à l'éducation des filles et l'accès des enfants handicapés à l'école."],
  ["es", "Garantizar el derecho a la educación de las niñas y erradicar la tortura."],
  ["ru", "Обеспечить право на образование для девочек и детей-инвалидов."],
  ["ar", "ضمان الحق في التعليم للفتيات"],
  ["zh", "保障女童受教育的权利"],
];

beforeAll(async () => {
  handle = await createTestDb({ recommendations: true });
  const rows: RecommendationImportRow[] = OTHER_LANGUAGES.map(([lang, text], i) => ({
    line: i + 2,
    sourceDataset: "uhri",
    sourceKey: `index-test-${lang}`,
    mechanism: "upr",
    cycle: 3,
    session: 31,
    stateUnderReview: "Senegal",
    recommendingStates: [{ name: "France", regionalGroup: "WEOG" }],
    paragraph: `1.${i}`,
    documentSymbol: null,
    text,
    textLanguage: lang,
    positionWord: "Supported",
    positionSourceDocument: null,
    actionCategory: null,
    uprInfoIssues: [],
    uhriThemes: [{ code: "E5", label: "Right to education" }],
    groupsOfPersons: ["girls"],
    sdgGoals: [4],
    sdgTargets: [],
  }));
  const report = await importRecommendations(handle.db, TEST_ACTOR, { rows, problems: [] }, { dryRun: false, fileName: "index-test" });
  expect(report.imported).toBe(OTHER_LANGUAGES.length);
  configs = configsFor(await listTextLanguages(handle.db));
  const builder = new SearchIndexBuilder();
  for (const row of await readSearchIndexRows(handle.db, null, 100_000)) builder.add(row);
  index = builder.finish();
});
afterAll(async () => {
  await handle.close();
});

/** The same query answered by SQL alone (the engine's own matching and counting). */
async function searchInSql(query: RecommendationQuery) {
  const q = RecommendationQuerySchema.parse(query);
  const filter = toFilter(q);
  const [rows, counts] = await Promise.all([
    searchRecommendationRows(handle.db, filter, { order: q.order, limit: q.limit, offset: q.offset, headline: false, configs }),
    countRecommendationFacets(handle.db, filter, configs),
  ]);
  return { total: counts.total, facets: counts.facets, ids: rows.map((r) => r.id) };
}

async function expectSameAsSql(query: RecommendationQuery) {
  // The index itself answers (no fallback to SQL) every query websearch_to_tsquery produces from user input.
  if (query.q) {
    const parsed = parseTsQuery(await parseSearchText(handle.db, query.q, configs));
    const rows = index.match(parsed, {});
    expect(rows, `index evaluates ${query.q}`).toBeDefined();
    if (Object.keys(query).length === 1) expect(rows?.length).toBe((await searchInSql(query)).total);
  }
  const [viaIndex, viaSql] = await Promise.all([searchRecommendations(handle.db, { ...query, limit: 200 }), searchInSql({ ...query, limit: 200 })]);
  expect(viaIndex.total, `total for ${JSON.stringify(query)}`).toBe(viaSql.total);
  for (const [facet, values] of Object.entries(viaSql.facets)) {
    expect(viaIndex.facets[facet as keyof typeof viaIndex.facets], `${facet} counts for ${JSON.stringify(query)}`).toEqual(
      facet === "session" ? values : values.slice(0, 60),
    );
  }
  // Membership: every row the index returns is one PostgreSQL matches (compared as sets: relevance orders differ).
  if (viaSql.total <= 200) expect(new Set(viaIndex.items.map((i) => i.id))).toEqual(new Set(viaSql.ids));
  return { viaIndex, viaSql };
}

describe("search index agrees with PostgreSQL full-text search", () => {
  it.each([
    "torture",
    "women",
    "girls education",
    '"right to education"',
    '"death penalty"',
    '"death penalty" -women',
    "torture or trafficking",
    '"right to education" or "freedom of expression" -girls',
    "well-being",
    '"well-being of children"',
    "O'Brien",
    "-women",
    "the",
    "the of and",
    "Paris Principles",
    '"Convention against Torture" "Optional Protocol"',
    "éducation filles",
    "educación tortura",
    "образование девочек",
    "التعليم",
    "保障女童受教育的权利",
    "e-mail 3.5 http://www.ohchr.org",
    "'):(&|!",
    "zzzzzz",
    "children or",
    '"women" "girls" -"violence"',
  ])("%s", async (q) => {
    await expectSameAsSql({ q });
  });

  it.each<RecommendationQuery>([
    { state: "SEN" },
    { state: ["SEN", "MLI"], position: "supported" },
    { q: "education", theme: "E5", cycle: "2" },
    { q: "death penalty", group: ["WEOG", "EEG"] },
    { q: "children", recommending: "FRA", session: ["17", "3"] },
    { q: "girls", persons: "girls", sdg: "4" },
    { issue: "Women's rights", position: "noted" },
    { state: "ZZZ" },
  ])("with filters %j", async (query) => {
    await expectSameAsSql(query);
  });

  it("orders by date exactly as SQL does, page after page", async () => {
    for (const query of [
      { q: "education", order: "date" as const, offset: 40 },
      { state: "SEN", order: "date" as const },
      { order: "date" as const, offset: 1000 },
    ]) {
      const [viaIndex, viaSql] = await Promise.all([searchRecommendations(handle.db, { ...query, limit: 50 }), searchInSql({ ...query, limit: 50 })]);
      expect(viaIndex.items.map((i) => i.id)).toEqual(viaSql.ids);
    }
  });

  it("ranks rows that contain the searched words more often, or in shorter texts, first", async () => {
    const r = await searchRecommendations(handle.db, { q: "torture", limit: 20 });
    const density = (text: string) => (text.match(/tortur/gi)?.length ?? 0) / text.split(/\s+/).length;
    const first = r.items.slice(0, 5).map((i) => density(i.text));
    const last = r.items.slice(-5).map((i) => density(i.text));
    expect(Math.min(...first)).toBeGreaterThanOrEqual(Math.max(...last));
  });

  it("agrees on random combinations of real words, phrases, exclusions and alternatives", async () => {
    const words = [
      "women",
      "children",
      "education",
      "torture",
      "rights",
      "girls",
      "death",
      "penalty",
      "violence",
      "national",
      "human",
      "the",
      "of",
      "to",
      "persons",
      "disabilities",
      "Roma",
      "migrants",
      "éducation",
      "law",
    ];
    const term = fc.oneof(
      fc.constantFrom(...words),
      fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 4 }).map((w) => `"${w.join(" ")}"`),
      fc.constantFrom(...words).map((w) => `-${w}`),
      fc.constant("or"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(term, { minLength: 1, maxLength: 4 }), async (terms) => {
        await expectSameAsSql({ q: terms.join(" ") });
      }),
      { numRuns: 60, seed: 20261129 },
    );
  });
});
