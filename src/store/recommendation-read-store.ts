import { type ExpressionBuilder, type RawBuilder, type Selectable, type SelectQueryBuilder, sql } from "kysely";
import type { Db } from "./db.js";
import type { Database, RecommendationsTable } from "./schema.js";

// Reads of the recommendations registry: full-text search with facets, one recommendation, per-State summaries.
// Recommendations are public mechanism outputs (REQUIREMENTS §5.2): no viewer filter applies to them.

export type RecommendationFilter = {
  q?: string;
  states?: string[];
  recommending?: string[];
  groups?: string[];
  cycles?: number[];
  sessions?: number[];
  positions?: string[];
  themes?: string[];
  issues?: string[];
  sdgGoals?: number[];
  persons?: string[];
};

export const FACETS = ["state", "recommending", "group", "cycle", "session", "position", "theme", "issue", "sdg", "persons"] as const;
export type FacetName = (typeof FACETS)[number];
export type FacetCounts = Record<FacetName, { value: string; count: number }[]>;

// Texts are in several languages (R30): a query is parsed with the configuration of every language the registry
// holds and the alternatives are OR-ed, so "education" finds English stems and "éducation" French ones. Only the
// languages present are used: each extra configuration costs index work and skews the planner's estimates.
// websearch_to_tsquery never raises a syntax error on user input.
const CONFIG_OF: Record<string, string> = { en: "english", fr: "french", es: "spanish", ru: "russian", ar: "arabic" };
export function configsFor(languages: string[]): string[] {
  const configs = new Set(languages.map((l) => CONFIG_OF[l] ?? "simple"));
  if (configs.size === 0) configs.add("simple");
  return [...configs].sort();
}

function tsQuery(q: string, configs: string[]): RawBuilder<string> {
  return sql<string>`(${sql.join(
    configs.map((c) => sql`websearch_to_tsquery(${sql.lit(c)}::regconfig, ${q})`),
    sql` || `,
  )})`;
}

/** Bumped by every import; caches of search results key on it. */
export async function readRegistryVersion(db: Db): Promise<string> {
  const r = await db.selectFrom("settings").select("value").where("key", "=", "recommendations_version").executeTakeFirst();
  return r?.value ?? "0";
}

/** Languages of the registry's texts (precomputed with the facet counts at each import). */
export async function listTextLanguages(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("recommendation_facet_counts").select("value").where("facet", "=", "lang").execute();
  return rows.map((r) => r.value);
}

type Rb = SelectQueryBuilder<Database, "recommendations", object>;

function applyFilter(query: Rb, f: RecommendationFilter, configs: string[]): Rb {
  let q = query;
  const anyOf = <K extends "recommending_iso3s" | "recommending_groups" | "theme_codes" | "issues" | "persons">(col: K, values: string[] | undefined) => {
    if (values?.length) q = q.where(sql<boolean>`${sql.ref(col)} && ${sql.val(values)}::text[]`);
  };
  if (f.q?.trim()) q = q.where(sql<boolean>`search @@ ${tsQuery(f.q.trim(), configs)}`);
  if (f.states?.length) q = q.where("state_iso3", "in", f.states);
  if (f.cycles?.length) q = q.where("cycle", "in", f.cycles);
  if (f.sessions?.length) q = q.where("session", "in", f.sessions);
  if (f.positions?.length) q = q.where("position", "in", f.positions);
  if (f.sdgGoals?.length) q = q.where(sql<boolean>`sdg_goals && ${sql.val(f.sdgGoals)}::int[]`);
  anyOf("recommending_iso3s", f.recommending);
  anyOf("recommending_groups", f.groups);
  anyOf("theme_codes", f.themes);
  anyOf("issues", f.issues);
  anyOf("persons", f.persons);
  return q;
}

/** The text form of the query the registry's configurations parse `q` into ('' when only stop words remain). */
export async function parseSearchText(db: Db, q: string, configs: string[]): Promise<string> {
  const r = await sql<{ q: string }>`SELECT ${tsQuery(q, configs)}::text AS q`.execute(db);
  return r.rows[0]?.q ?? "";
}

/** One batch of rows for the in-process search index, in id order after `afterId` (keyset paging). */
export async function readSearchIndexRows(db: Db, afterId: string | null, limit: number) {
  let query = db
    .selectFrom("recommendations")
    .select(["id", sql<string>`search::text`.as("tsvector"), "facet_tokens", "year", "session", "state_iso3"])
    .orderBy("id")
    .limit(limit);
  if (afterId !== null) query = query.where("id", ">", afterId);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, tsvector: r.tsvector, facetTokens: r.facet_tokens, year: r.year, session: r.session, stateIso3: r.state_iso3 }));
}

const LIST_COLUMNS = [
  "id",
  "mechanism",
  "state_iso3",
  "cycle",
  "session",
  "year",
  "paragraph",
  "document_symbol",
  "text",
  "text_lang",
  "position",
  "position_word",
  "recommending_iso3s",
  "theme_codes",
  "issues",
  "sdg_goals",
  "persons",
  "source_dataset",
] as const;

function headlineOf(text: string, configs: string[]) {
  return sql<string>`ts_headline(passerelle_ts_config(text_lang), text, ${tsQuery(text, configs)}, 'StartSel=${sql.raw("\u0001")}, StopSel=${sql.raw("\u0002")}, HighlightAll=true')`;
}

/** Rows by id, in the order of `ids`; with highlights of `highlight.q` when given. */
export async function findRecommendationRowsByIds(db: Db, ids: string[], highlight?: { q: string; configs: string[] }): Promise<RecommendationListRow[]> {
  if (ids.length === 0) return [];
  let query = db.selectFrom("recommendations").select(LIST_COLUMNS).where("id", "in", ids);
  if (highlight) query = query.select(headlineOf(highlight.q, highlight.configs).as("headline"));
  const rows = await query.execute();
  const byId = new Map(rows.map((r) => [r.id, toListRow(r, (r as { headline?: string }).headline ?? null)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function isUnfiltered(f: RecommendationFilter): boolean {
  return !f.q?.trim() && Object.entries(f).every(([k, v]) => k === "q" || !Array.isArray(v) || v.length === 0);
}

export type RecommendationListRow = {
  id: string;
  mechanism: string;
  stateIso3: string;
  cycle: number | null;
  session: number | null;
  year: number | null;
  paragraph: string | null;
  documentSymbol: string | null;
  text: string;
  textLang: string;
  position: string;
  positionWord: string | null;
  recommendingIso3s: string[];
  themeCodes: string[];
  issues: string[];
  sdgGoals: number[];
  persons: string[];
  sourceDataset: string;
  /** The text with matches wrapped in \u0001 … \u0002 (no markup from the database ever reaches a page). */
  headline: string | null;
};

export async function searchRecommendationRows(
  db: Db,
  f: RecommendationFilter,
  page: { order: "relevance" | "date"; limit: number; offset: number; headline: boolean; configs: string[] },
): Promise<RecommendationListRow[]> {
  const text = f.q?.trim();
  const configs = page.configs;
  let query = applyFilter(db.selectFrom("recommendations"), f, configs).select(LIST_COLUMNS);
  if (text && page.headline) query = query.select(headlineOf(text, configs).as("headline"));
  query =
    text && page.order === "relevance"
      ? query.orderBy(sql`ts_rank(search, ${tsQuery(text, configs)})`, "desc").orderBy("id")
      : query.orderBy(sql`year desc nulls last`).orderBy(sql`session desc nulls last`).orderBy("state_iso3").orderBy("id");
  const rows = await query.limit(page.limit).offset(page.offset).execute();
  return rows.map((r) => toListRow(r, (r as { headline?: string }).headline ?? null));
}

type ListColumns = Pick<
  Selectable<RecommendationsTable>,
  | "id"
  | "mechanism"
  | "state_iso3"
  | "cycle"
  | "session"
  | "year"
  | "paragraph"
  | "document_symbol"
  | "text"
  | "text_lang"
  | "position"
  | "position_word"
  | "recommending_iso3s"
  | "theme_codes"
  | "issues"
  | "sdg_goals"
  | "persons"
  | "source_dataset"
>;

function toListRow(r: ListColumns, headline: string | null): RecommendationListRow {
  return {
    id: r.id,
    mechanism: r.mechanism,
    stateIso3: r.state_iso3,
    cycle: r.cycle,
    session: r.session,
    year: r.year,
    paragraph: r.paragraph,
    documentSymbol: r.document_symbol,
    text: r.text,
    textLang: r.text_lang,
    position: r.position,
    positionWord: r.position_word,
    recommendingIso3s: r.recommending_iso3s,
    themeCodes: r.theme_codes,
    issues: r.issues,
    sdgGoals: r.sdg_goals,
    persons: r.persons,
    sourceDataset: r.source_dataset,
    headline,
  };
}

/**
 * Total and facet counts of the filtered set: one scan of the matched rows' facet tokens and one hash aggregate
 * (migration 0004). The unfiltered registry reads the counts precomputed at import.
 */
export async function countRecommendationFacets(db: Db, f: RecommendationFilter, configs: string[]): Promise<{ total: number; facets: FacetCounts }> {
  let rows: { facet: string; value: string; n: number }[];
  if (isUnfiltered(f)) {
    rows = await db.selectFrom("recommendation_facet_counts").select(["facet", "value", "n"]).execute();
  } else {
    const matched = applyFilter(db.selectFrom("recommendations"), f, configs).select("facet_tokens");
    const result = await sql<{ token: string; n: number }>`
      SELECT t AS token, count(*)::int AS n FROM (${matched}) m, unnest(m.facet_tokens) t GROUP BY t
    `.execute(db);
    rows = result.rows.map((r) => {
      const i = r.token.indexOf(":");
      return { facet: r.token.slice(0, i), value: r.token.slice(i + 1), n: r.n };
    });
  }
  const facets = Object.fromEntries(FACETS.map((name) => [name, [] as { value: string; count: number }[]])) as FacetCounts;
  let total = 0;
  for (const r of rows) {
    if (r.facet === "total") total = Number(r.n);
    else if ((FACETS as readonly string[]).includes(r.facet)) facets[r.facet as FacetName].push({ value: r.value, count: Number(r.n) });
  }
  // Every row has exactly one position: their counts add up to the total of a filtered search.
  if (!isUnfiltered(f)) total = facets.position.reduce((sum, p) => sum + p.count, 0);
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { total, facets };
}

export type RecommendationDetailRow = RecommendationListRow & {
  stateNameAsGiven: string;
  actionCategory: number | null;
  sdgTargets: string[];
  importedAt: Date;
  updatedAt: Date;
  sources: { iso3: string | null; nameAsGiven: string; regionalGroupAsGiven: string | null }[];
  themes: { scheme: string; code: string | null; label: string; provenance: string }[];
  positions: { position: string; positionWord: string | null; sourceDocument: string | null; sourceDataset: string; recordedAt: Date }[];
};

export async function findRecommendationRow(db: Db, id: string): Promise<RecommendationDetailRow | undefined> {
  const r = await db.selectFrom("recommendations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) return undefined;
  const [sources, themes, positions] = await Promise.all([
    db.selectFrom("recommendation_sources").selectAll().where("recommendation_id", "=", id).orderBy("ordinal").execute(),
    db.selectFrom("recommendation_themes").selectAll().where("recommendation_id", "=", id).orderBy("scheme").orderBy("label").execute(),
    db.selectFrom("recommendation_positions").selectAll().where("recommendation_id", "=", id).orderBy("id").execute(),
  ]);
  return {
    ...toListRow(r, null),
    stateNameAsGiven: r.state_name_as_given,
    sdgTargets: r.sdg_targets,
    actionCategory: r.action_category,
    importedAt: r.imported_at,
    updatedAt: r.updated_at,
    sources: sources.map((s) => ({ iso3: s.iso3, nameAsGiven: s.name_as_given, regionalGroupAsGiven: s.regional_group_as_given })),
    themes: themes.map((t) => ({ scheme: t.scheme, code: t.code, label: t.label, provenance: t.provenance })),
    positions: positions.map((p) => ({
      position: p.position,
      positionWord: p.position_word,
      sourceDocument: p.source_document,
      sourceDataset: p.source_dataset,
      recordedAt: p.recorded_at,
    })),
  };
}

/** Counts per cycle and position for one State under review (its page's table and chart). */
export async function countStatePositions(db: Db, iso3: string): Promise<{ cycle: number | null; position: string; n: number }[]> {
  const rows = await db
    .selectFrom("recommendations")
    .select(["cycle", "position", (eb: ExpressionBuilder<Database, "recommendations">) => eb.fn.countAll<number>().as("n")])
    .where("state_iso3", "=", iso3)
    .groupBy(["cycle", "position"])
    .orderBy("cycle")
    .execute();
  return rows.map((r) => ({ cycle: r.cycle, position: r.position, n: Number(r.n) }));
}

export async function countRecommendationRows(db: Db): Promise<number> {
  const r = await db
    .selectFrom("recommendations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type PledgeRow = {
  id: string;
  cycle: number | null;
  session: number | null;
  text: string;
  textLang: string;
  pledgeType: string | null;
  issues: string[];
};

export async function listStatePledgeRows(db: Db, iso3: string): Promise<PledgeRow[]> {
  const rows = await db
    .selectFrom("voluntary_pledges")
    .select(["id", "cycle", "session", "text", "text_lang", "pledge_type", "issues"])
    .where("state_iso3", "=", iso3)
    .orderBy(sql`session desc nulls last`)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, cycle: r.cycle, session: r.session, text: r.text, textLang: r.text_lang, pledgeType: r.pledge_type, issues: r.issues }));
}
