import { sql } from "kysely";
import { chunks } from "./chunks.js";
import type { Db } from "./db.js";

// Writes of the recommendations registry. Imports pass records already validated and resolved by the domain.

export type RecommendationRecord = {
  id: string;
  mechanism: string;
  sourceDataset: string;
  cycle: number | null;
  session: number | null;
  stateIso3: string;
  stateNameAsGiven: string;
  paragraph: string | null;
  documentSymbol: string | null;
  text: string;
  textLang: string;
  actionCategory: number | null;
  position: string;
  positionWord: string | null;
  positionSourceDocument: string | null;
  recommendingIso3s: string[];
  recommendingGroups: string[];
  themeCodes: string[];
  issues: string[];
  persons: string[];
  sdgGoals: number[];
  sdgTargets: string[];
  year: number | null;
  contentHash: string;
  sources: { iso3: string | null; nameAsGiven: string; regionalGroupAsGiven: string | null }[];
  themes: { scheme: "uhri" | "upr-info"; code: string | null; label: string; provenance: "source" | "mapping" }[];
};

export type StoredState = { contentHash: string; position: string; positionWord: string | null };

/** What is already stored for these ids: decides imported / updated / unchanged without rewriting rows. */
export async function findStoredStates(db: Db, ids: string[]): Promise<Map<string, StoredState>> {
  const found = new Map<string, StoredState>();
  for (const chunk of chunks(ids, 5000)) {
    const rows = await db.selectFrom("recommendations").select(["id", "content_hash", "position", "position_word"]).where("id", "in", chunk).execute();
    for (const r of rows) found.set(r.id, { contentHash: r.content_hash, position: r.position, positionWord: r.position_word });
  }
  return found;
}

/**
 * Inserts new and replaces changed recommendations with their recommending States and themes. A position that
 * differs from the stored one is appended to the history (never overwritten, R15).
 */
export async function saveRecommendations(db: Db, records: RecommendationRecord[], stored: Map<string, StoredState>): Promise<void> {
  for (const batch of chunks(records, 400)) {
    await db
      .insertInto("recommendations")
      .values(
        batch.map((r) => ({
          id: r.id,
          mechanism: r.mechanism,
          source_dataset: r.sourceDataset,
          cycle: r.cycle,
          session: r.session,
          state_iso3: r.stateIso3,
          state_name_as_given: r.stateNameAsGiven,
          paragraph: r.paragraph,
          document_symbol: r.documentSymbol,
          text: r.text,
          text_lang: r.textLang,
          action_category: r.actionCategory,
          position: r.position,
          position_word: r.positionWord,
          recommending_iso3s: r.recommendingIso3s,
          recommending_groups: r.recommendingGroups,
          theme_codes: r.themeCodes,
          issues: r.issues,
          persons: r.persons,
          sdg_goals: r.sdgGoals,
          sdg_targets: r.sdgTargets,
          year: r.year,
          content_hash: r.contentHash,
          facet_tokens: facetTokensOf(r),
        })),
      )
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          mechanism: eb.ref("excluded.mechanism"),
          cycle: eb.ref("excluded.cycle"),
          session: eb.ref("excluded.session"),
          state_iso3: eb.ref("excluded.state_iso3"),
          state_name_as_given: eb.ref("excluded.state_name_as_given"),
          paragraph: eb.ref("excluded.paragraph"),
          document_symbol: eb.ref("excluded.document_symbol"),
          text: eb.ref("excluded.text"),
          text_lang: eb.ref("excluded.text_lang"),
          action_category: eb.ref("excluded.action_category"),
          position: eb.ref("excluded.position"),
          position_word: eb.ref("excluded.position_word"),
          recommending_iso3s: eb.ref("excluded.recommending_iso3s"),
          recommending_groups: eb.ref("excluded.recommending_groups"),
          theme_codes: eb.ref("excluded.theme_codes"),
          issues: eb.ref("excluded.issues"),
          persons: eb.ref("excluded.persons"),
          sdg_goals: eb.ref("excluded.sdg_goals"),
          sdg_targets: eb.ref("excluded.sdg_targets"),
          year: eb.ref("excluded.year"),
          content_hash: eb.ref("excluded.content_hash"),
          facet_tokens: eb.ref("excluded.facet_tokens"),
          updated_at: sql`now()`,
        })),
      )
      .execute();
    const replaced = batch.filter((r) => stored.has(r.id)).map((r) => r.id);
    if (replaced.length > 0) {
      await db.deleteFrom("recommendation_sources").where("recommendation_id", "in", replaced).execute();
      await db.deleteFrom("recommendation_themes").where("recommendation_id", "in", replaced).where("provenance", "in", ["source", "mapping"]).execute();
    }
    const sources = batch.flatMap((r) =>
      r.sources.map((s, i) => ({
        recommendation_id: r.id,
        ordinal: i + 1,
        iso3: s.iso3,
        name_as_given: s.nameAsGiven,
        regional_group_as_given: s.regionalGroupAsGiven,
      })),
    );
    for (const part of chunks(sources, 2000)) await db.insertInto("recommendation_sources").values(part).execute();
    const themes = batch.flatMap((r) =>
      r.themes.map((t) => ({ recommendation_id: r.id, scheme: t.scheme, code: t.code, label: t.label, provenance: t.provenance })),
    );
    for (const part of chunks(themes, 2000)) {
      await db
        .insertInto("recommendation_themes")
        .values(part)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const positions = batch
      .filter((r) => {
        const before = stored.get(r.id);
        return !before || before.position !== r.position || before.positionWord !== r.positionWord;
      })
      .map((r) => ({
        recommendation_id: r.id,
        position: r.position,
        position_word: r.positionWord,
        source_document: r.positionSourceDocument,
        source_dataset: r.sourceDataset,
      }));
    for (const part of chunks(positions, 2000)) await db.insertInto("recommendation_positions").values(part).execute();
  }
}

export async function saveThemeMappings(db: Db, mappings: { issue: string; code: string }[]): Promise<void> {
  if (mappings.length === 0) return;
  await db
    .insertInto("theme_mappings")
    .values(mappings.map((m) => ({ upr_info_issue: m.issue, uhri_code: m.code, note: null })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The row's facet values as 'facet:value' tokens (migration 0004 explains why). */
export function facetTokensOf(r: RecommendationRecord): string[] {
  return [
    `state:${r.stateIso3}`,
    `position:${r.position}`,
    ...(r.cycle === null ? [] : [`cycle:${r.cycle}`]),
    ...(r.session === null ? [] : [`session:${r.session}`]),
    ...r.recommendingIso3s.map((v) => `recommending:${v}`),
    ...r.recommendingGroups.map((v) => `group:${v}`),
    ...r.themeCodes.map((v) => `theme:${v}`),
    ...r.issues.map((v) => `issue:${v}`),
    ...r.sdgGoals.map((v) => `sdg:${v}`),
    ...r.persons.map((v) => `persons:${v}`),
  ];
}

/**
 * Recomputes the whole-registry facet counts shown when no filter is set, refreshes the planner statistics (PGlite
 * runs no autovacuum) and bumps the registry version that search caches key on.
 */
export async function refreshFacetCounts(db: Db): Promise<void> {
  await sql`ANALYZE recommendations`.execute(db);
  await sql`UPDATE settings SET value = (coalesce(nullif(value, ''), '0')::bigint + 1)::text WHERE key = 'recommendations_version'`.execute(db);
  await db.deleteFrom("recommendation_facet_counts").execute();
  await sql`
    INSERT INTO recommendation_facet_counts (facet, value, n)
    SELECT 'state', state_iso3, count(*) FROM recommendations GROUP BY state_iso3
    UNION ALL SELECT 'cycle', cycle::text, count(*) FROM recommendations WHERE cycle IS NOT NULL GROUP BY cycle
    UNION ALL SELECT 'session', session::text, count(*) FROM recommendations WHERE session IS NOT NULL GROUP BY session
    UNION ALL SELECT 'position', position, count(*) FROM recommendations GROUP BY position
    UNION ALL SELECT 'mechanism', mechanism, count(*) FROM recommendations GROUP BY mechanism
    UNION ALL SELECT 'recommending', v, count(*) FROM recommendations, unnest(recommending_iso3s) v GROUP BY v
    UNION ALL SELECT 'group', v, count(*) FROM recommendations, unnest(recommending_groups) v GROUP BY v
    UNION ALL SELECT 'theme', v, count(*) FROM recommendations, unnest(theme_codes) v GROUP BY v
    UNION ALL SELECT 'issue', v, count(*) FROM recommendations, unnest(issues) v GROUP BY v
    UNION ALL SELECT 'sdg', v::text, count(*) FROM recommendations, unnest(sdg_goals) v GROUP BY v
    UNION ALL SELECT 'persons', v, count(*) FROM recommendations, unnest(persons) v GROUP BY v
    UNION ALL SELECT 'lang', text_lang, count(*) FROM recommendations GROUP BY text_lang
    UNION ALL SELECT 'total', 'all', count(*) FROM recommendations
  `.execute(db);
}

export type PledgeRecord = {
  id: string;
  sourceDataset: string;
  cycle: number | null;
  session: number | null;
  stateIso3: string;
  text: string;
  textLang: string;
  pledgeType: string | null;
  actionCategory: number | null;
  issues: string[];
  contentHash: string;
};

export async function findStoredPledgeHashes(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom("voluntary_pledges").select(["id", "content_hash"]).execute();
  return new Map(rows.map((r) => [r.id, r.content_hash]));
}

export async function savePledges(db: Db, records: PledgeRecord[]): Promise<void> {
  for (const batch of chunks(records, 500)) {
    await db
      .insertInto("voluntary_pledges")
      .values(
        batch.map((p) => ({
          id: p.id,
          source_dataset: p.sourceDataset,
          cycle: p.cycle,
          session: p.session,
          state_iso3: p.stateIso3,
          text: p.text,
          text_lang: p.textLang,
          pledge_type: p.pledgeType,
          action_category: p.actionCategory,
          issues: p.issues,
          content_hash: p.contentHash,
        })),
      )
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          cycle: eb.ref("excluded.cycle"),
          session: eb.ref("excluded.session"),
          state_iso3: eb.ref("excluded.state_iso3"),
          text: eb.ref("excluded.text"),
          text_lang: eb.ref("excluded.text_lang"),
          pledge_type: eb.ref("excluded.pledge_type"),
          action_category: eb.ref("excluded.action_category"),
          issues: eb.ref("excluded.issues"),
          content_hash: eb.ref("excluded.content_hash"),
        })),
      )
      .execute();
  }
}

export async function listSessionYears(db: Db): Promise<Map<number, number>> {
  const rows = await db.selectFrom("upr_sessions").select(["session", "year"]).execute();
  return new Map(rows.map((r) => [r.session, r.year]));
}

export async function listCountryGroups(db: Db): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom("countries").select(["iso3", "regional_group"]).execute();
  return new Map(rows.map((r) => [r.iso3, r.regional_group]));
}
