import { z } from "zod";
import type { Db } from "../../store/db.js";
import {
  configsFor,
  countRecommendationFacets,
  countRecommendationRows,
  countStatePositions,
  FACETS,
  type FacetCounts,
  type FacetName,
  findRecommendationRow,
  findRecommendationRowsByIds,
  listStatePledgeRows,
  listTextLanguages,
  parseSearchText,
  type RecommendationFilter,
  type RecommendationListRow,
  readRegistryVersion,
  readSearchIndexRows,
  searchRecommendationRows,
} from "../../store/recommendation-read-store.js";
import { notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { PositionSchema } from "./recommendation-schemas.js";
import { type FacetCount, type SearchIndex, SearchIndexBuilder } from "./search-index.js";
import { parseTsQuery, type TsQuery } from "./tsquery.js";

// Query parameters accept one value or a repeated parameter (?state=SEN&state=MLI) or a comma list.
const list = <O>(item: z.ZodType<O, string>) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      v === undefined
        ? []
        : (Array.isArray(v) ? v : [v])
            .flatMap((s) => s.split(","))
            .map((s) => s.trim())
            .filter(Boolean),
    )
    .pipe(z.array(item).max(50, "at most 50 values"));
const Int = (min: number, max: number) => z.string().regex(/^\d+$/, "must be whole numbers").transform(Number).pipe(z.number().int().min(min).max(max));

const Iso3 = z
  .string()
  .toUpperCase()
  .pipe(z.string().regex(/^[A-Z]{3}$/, "must be ISO alpha-3 codes"));

export const RecommendationQuerySchema = z.object({
  q: z.string().max(500, "must be at most 500 characters").optional(),
  state: list(Iso3),
  recommending: list(Iso3),
  group: list(z.enum(["AFG", "APG", "EEG", "GRULAC", "WEOG"])),
  cycle: list(Int(1, 10)),
  session: list(Int(1, 200)),
  position: list(PositionSchema),
  theme: list(z.string().regex(/^[A-H]\d$/, "must be UHRI theme codes such as E5")),
  issue: list(z.string().min(1).max(100)),
  sdg: list(Int(1, 17)),
  persons: list(z.string().regex(/^[a-z0-9-]+$/, "must be group-of-persons codes such as girls")),
  order: z.enum(["relevance", "date"]).default("relevance"),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type RecommendationQuery = z.input<typeof RecommendationQuerySchema>;
export type ParsedRecommendationQuery = z.output<typeof RecommendationQuerySchema>;

export const RecommendationSummarySchema = z.object({
  id: z.string(),
  mechanism: z.string(),
  stateIso3: z.string(),
  cycle: z.number().nullable(),
  session: z.number().nullable(),
  year: z.number().nullable(),
  paragraph: z.string().nullable(),
  documentSymbol: z.string().nullable(),
  text: z.string(),
  textLang: z.string(),
  position: PositionSchema,
  positionWord: z.string().nullable().describe("The source's own word, e.g. 'Accepted' in older data"),
  recommendingStates: z.array(z.string()),
  themes: z.array(z.string()).describe("UHRI level-2 theme codes"),
  issues: z.array(z.string()).describe("UPR Info issue labels"),
  sdgGoals: z.array(z.number()),
  persons: z.array(z.string()),
  source: z.string(),
});
export type RecommendationSummary = z.infer<typeof RecommendationSummarySchema>;

export const FacetValueSchema = z.object({ value: z.string(), count: z.number().int() });
export const RecommendationSearchResultSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(RecommendationSummarySchema),
  facets: z.object(
    Object.fromEntries(FACETS.map((f) => [f, z.array(FacetValueSchema)])) as Record<(typeof FACETS)[number], z.ZodArray<typeof FacetValueSchema>>,
  ),
});
export type RecommendationSearchResult = z.infer<typeof RecommendationSearchResultSchema> & { headlines: Map<string, string> };

export function toFilter(q: ParsedRecommendationQuery): RecommendationFilter {
  return {
    q: q.q,
    states: q.state,
    recommending: q.recommending,
    groups: q.group,
    cycles: q.cycle,
    sessions: q.session,
    positions: q.position,
    themes: q.theme,
    issues: q.issue,
    sdgGoals: q.sdg,
    persons: q.persons,
  };
}

const FACET_LIMIT = 60;
const INDEX_BATCH = 5000;

/** Full-text and faceted search over the registry (R15, R30): results, total and facet counts. */
export async function searchRecommendations(db: Db, query: RecommendationQuery, options: { headlines?: boolean } = {}): Promise<RecommendationSearchResult> {
  return searchParsedRecommendations(db, parseInput(RecommendationQuerySchema, query), options);
}

/** The same search for a query already validated by the HTTP layer's schema. */
export async function searchParsedRecommendations(
  db: Db,
  q: ParsedRecommendationQuery,
  options: { headlines?: boolean } = {},
): Promise<RecommendationSearchResult> {
  const state = await registryState(db);
  // The registry only changes on import: a repeated search (the same words, filters and page) is answered from memory.
  const key = `${options.headlines ? 1 : 0}\u0000${JSON.stringify(q)}`;
  const hit = state.resultCache.get(key);
  if (hit) {
    state.resultCache.delete(key);
    state.resultCache.set(key, hit);
    return hit;
  }
  const text = q.q?.trim() || undefined;
  const highlight = text && options.headlines ? { q: text, configs: state.configs } : undefined;
  const matched = await matchInIndex(db, state, q);
  let rows: RecommendationListRow[];
  let counts: { total: number; facets: FacetCounts };
  if (matched) {
    const { index, rows: hits, query } = matched;
    const page = index.order(hits, q.order, query, q.offset, q.limit);
    rows = await findRecommendationRowsByIds(
      db,
      page.map((r) => index.idOf(r)),
      highlight,
    );
    counts = toFacetCounts(hits === index.allRows ? await allFacetCounts(index) : index.countFacets(hits), hits.length);
  } else {
    // A query shape the index leaves to PostgreSQL (see search-index.ts).
    const filter = toFilter(q);
    [rows, counts] = await Promise.all([
      searchRecommendationRows(db, filter, { order: q.order, limit: q.limit, offset: q.offset, headline: !!highlight, configs: state.configs }),
      countRecommendationFacets(db, filter, state.configs),
    ]);
  }
  const facets = Object.fromEntries(
    Object.entries(counts.facets).map(([k, v]) => [k, k === "session" ? v : v.slice(0, FACET_LIMIT)]),
  ) as RecommendationSearchResult["facets"];
  const result = {
    total: counts.total,
    limit: q.limit,
    offset: q.offset,
    items: rows.map(toSummary),
    facets,
    headlines: new Map(rows.filter((r) => r.headline).map((r) => [r.id, r.headline as string])),
  };
  state.resultCache.set(key, result);
  if (state.resultCache.size > RESULT_CACHE_SIZE) state.resultCache.delete(state.resultCache.keys().next().value as string);
  return result;
}

/** The rows of the registry a query matches, from the in-process index; undefined when SQL must answer. */
async function matchInIndex(db: Db, state: RegistryState, q: ParsedRecommendationQuery) {
  const index = await indexOf(db, state);
  const text = q.q?.trim();
  let query: TsQuery | null | undefined;
  if (text) {
    try {
      query = parseTsQuery(await parseSearchText(db, text, state.configs));
    } catch (e) {
      if (e instanceof SyntaxError) return undefined;
      throw e;
    }
  }
  const f = toFilter(q);
  const rows = index.match(query, {
    state: f.states ?? [],
    recommending: f.recommending ?? [],
    group: f.groups ?? [],
    cycle: (f.cycles ?? []).map(String),
    session: (f.sessions ?? []).map(String),
    position: f.positions ?? [],
    theme: f.themes ?? [],
    issue: f.issues ?? [],
    sdg: (f.sdgGoals ?? []).map(String),
    persons: f.persons ?? [],
  });
  return rows && { index, rows, query };
}

function toFacetCounts(list: FacetCount[], total: number): { total: number; facets: FacetCounts } {
  const facets = Object.fromEntries(FACETS.map((name) => [name, [] as { value: string; count: number }[]])) as FacetCounts;
  for (const c of list) if ((FACETS as readonly string[]).includes(c.facet)) facets[c.facet as FacetName].push({ value: c.value, count: c.count });
  for (const values of Object.values(facets)) values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { total, facets };
}

const RESULT_CACHE_SIZE = 500;
type RegistryState = {
  version: string;
  configs: string[];
  resultCache: Map<string, RecommendationSearchResult>;
  index?: Promise<SearchIndex>;
};
// Per database (a process may hold several, e.g. tests); a new registry version drops the cached results and index.
const registries = new WeakMap<Db, RegistryState>();
const allCounts = new WeakMap<SearchIndex, FacetCount[]>();

/** The registry's version (bumped by each import, in any process) and the text-search configurations it needs. */
async function registryState(db: Db): Promise<RegistryState> {
  const version = await readRegistryVersion(db);
  let state = registries.get(db);
  if (state?.version !== version) {
    state = { version, configs: configsFor(await listTextLanguages(db)), resultCache: new Map() };
    registries.set(db, state);
  }
  return state;
}

/** The registry's search index, built on first use after each import; concurrent searches wait for the same build. */
function indexOf(db: Db, state: RegistryState): Promise<SearchIndex> {
  if (!state.index) {
    state.index = buildSearchIndex(db);
    // A failed build (e.g. the database closing) is retried by the next search rather than cached.
    state.index.catch(() => {
      state.index = undefined;
    });
  }
  return state.index;
}

async function buildSearchIndex(db: Db): Promise<SearchIndex> {
  const builder = new SearchIndexBuilder();
  let after: string | null = null;
  for (;;) {
    const batch = await readSearchIndexRows(db, after, INDEX_BATCH);
    for (const row of batch) builder.add(row);
    if (batch.length < INDEX_BATCH) return builder.finish();
    after = (batch[batch.length - 1] as { id: string }).id;
  }
}

async function allFacetCounts(index: SearchIndex): Promise<FacetCount[]> {
  let counts = allCounts.get(index);
  if (!counts) {
    counts = index.countFacets(index.allRows);
    allCounts.set(index, counts);
  }
  return counts;
}

/** Builds the search index ahead of the first search (a server calls this once it listens). */
export async function warmRecommendationSearch(db: Db): Promise<number> {
  return (await indexOf(db, await registryState(db))).size;
}

/** Every matching row, page by page, for CSV downloads of a whole result set. */
export async function* iterateRecommendations(db: Db, q: ParsedRecommendationQuery, pageSize = 2000): AsyncGenerator<RecommendationSummary[]> {
  const state = await registryState(db);
  const matched = await matchInIndex(db, state, q);
  if (matched) {
    const { index, rows, query } = matched;
    const ordered = index.order(rows, q.order, query, 0, rows.length);
    for (let from = 0; from < ordered.length; from += pageSize) {
      const ids = ordered.slice(from, from + pageSize).map((r) => index.idOf(r));
      yield (await findRecommendationRowsByIds(db, ids)).map(toSummary);
    }
    return;
  }
  const filter = toFilter(q);
  for (let offset = 0; ; offset += pageSize) {
    const rows = await searchRecommendationRows(db, filter, { order: q.order, limit: pageSize, offset, headline: false, configs: state.configs });
    if (rows.length === 0) return;
    yield rows.map(toSummary);
    if (rows.length < pageSize) return;
  }
}

function toSummary(r: RecommendationListRow): RecommendationSummary {
  return {
    id: r.id,
    mechanism: r.mechanism,
    stateIso3: r.stateIso3,
    cycle: r.cycle,
    session: r.session,
    year: r.year,
    paragraph: r.paragraph,
    documentSymbol: r.documentSymbol,
    text: r.text,
    textLang: r.textLang,
    position: PositionSchema.parse(r.position),
    positionWord: r.positionWord,
    recommendingStates: r.recommendingIso3s,
    themes: r.themeCodes,
    issues: r.issues,
    sdgGoals: r.sdgGoals,
    persons: r.persons,
    source: r.sourceDataset,
  };
}

export const RecommendationDetailSchema = RecommendationSummarySchema.extend({
  stateNameAsGiven: z.string(),
  actionCategory: z.number().nullable(),
  sdgTargets: z.array(z.string()),
  recommendingStatesAsGiven: z.array(z.object({ iso3: z.string().nullable(), name: z.string(), regionalGroup: z.string().nullable() })),
  sourceThemes: z.array(z.object({ scheme: z.string(), code: z.string().nullable(), label: z.string(), provenance: z.string() })),
  positionHistory: z.array(
    z.object({
      position: PositionSchema,
      positionWord: z.string().nullable(),
      sourceDocument: z.string().nullable(),
      source: z.string(),
      recordedAt: z.date(),
    }),
  ),
  updatedAt: z.date(),
});
export type RecommendationDetail = z.infer<typeof RecommendationDetailSchema>;

export async function getRecommendation(db: Db, id: string): Promise<RecommendationDetail> {
  const r = await findRecommendationRow(db, id);
  if (!r) throw notFound("Recommendation", id);
  return {
    ...toSummary(r),
    stateNameAsGiven: r.stateNameAsGiven,
    actionCategory: r.actionCategory,
    sdgTargets: r.sdgTargets,
    recommendingStatesAsGiven: r.sources.map((s) => ({ iso3: s.iso3, name: s.nameAsGiven, regionalGroup: s.regionalGroupAsGiven })),
    sourceThemes: r.themes,
    positionHistory: r.positions.map((p) => ({
      position: PositionSchema.parse(p.position),
      positionWord: p.positionWord,
      sourceDocument: p.sourceDocument,
      source: p.sourceDataset,
      recordedAt: p.recordedAt,
    })),
    updatedAt: r.updatedAt,
  };
}

/** Voluntary pledges a State made at its reviews (UPR Info), newest session first. */
export function listStatePledges(db: Db, iso3: string) {
  return listStatePledgeRows(db, iso3);
}

export function countRecommendations(db: Db): Promise<number> {
  return countRecommendationRows(db);
}

export async function summarizeStatePositions(db: Db, iso3: string) {
  return countStatePositions(db, iso3);
}
