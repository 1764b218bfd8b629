import { sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import type { Tx } from "./audit-store.js";
import { chunks } from "./chunks.js";
import { requestVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";

// The subjects of tagging (issue 7): what a recommendation or an assistance request says and which tags it carries
// officially, and the writes that make an accepted tag official on a recommendation.

export type RecommendationTagFacts = {
  id: string;
  sourceDataset: string;
  stateIso3: string;
  session: number | null;
  text: string;
  textLang: string;
  issues: string[];
  themeCodes: string[];
  sdgGoals: number[];
};

export async function findRecommendationTagFacts(db: Db | Tx, id: string, options: { lock?: boolean } = {}): Promise<RecommendationTagFacts | undefined> {
  let q = db
    .selectFrom("recommendations")
    .select(["id", "source_dataset", "state_iso3", "session", "text", "text_lang", "issues", "theme_codes", "sdg_goals"])
    .where("id", "=", id);
  if (options.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return (
    r && {
      id: r.id,
      sourceDataset: r.source_dataset,
      stateIso3: r.state_iso3,
      session: r.session,
      text: r.text,
      textLang: r.text_lang,
      issues: r.issues,
      themeCodes: r.theme_codes,
      sdgGoals: r.sdg_goals,
    }
  );
}

export type RequestTagFacts = {
  id: string;
  stateIso3: string;
  title: string;
  needsStatement: string;
  objectives: string;
  textLang: string;
  themes: string[];
  sdgTargets: string[];
};

/** The request's tagging facts, if the viewer may see it (requestVisibleTo in SQL). */
export async function findVisibleRequestTagFacts(db: Db | Tx, scope: ViewerScope, id: string): Promise<RequestTagFacts | undefined> {
  const r = await db
    .selectFrom("assistance_requests as r")
    .select(["r.id", "r.state_iso3", "r.title", "r.needs_statement", "r.objectives", "r.text_lang", "r.themes", "r.sdg_targets"])
    .where("r.id", "=", id)
    .where(requestVisibleTo(scope, "r"))
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      stateIso3: r.state_iso3,
      title: r.title,
      needsStatement: r.needs_statement,
      objectives: r.objectives,
      textLang: r.text_lang,
      themes: r.themes,
      sdgTargets: r.sdg_targets,
    }
  );
}

/** The source's own themes of a recommendation (what the file said), to tell a source tag from a decided one. */
export async function listSourceThemeRows(db: Db | Tx, id: string): Promise<{ scheme: "uhri" | "upr-info"; code: string | null; label: string }[]> {
  const rows = await db
    .selectFrom("recommendation_themes")
    .select(["scheme", "code", "label"])
    .where("recommendation_id", "=", id)
    .where("provenance", "in", ["source", "mapping"])
    .execute();
  return rows.map((r) => ({ scheme: r.scheme, code: r.code, label: r.label }));
}

/** UHRI codes the reviewed mapping table gives for UPR Info issues (the import's rule, migration 0003). */
export async function findMappedThemes(db: Db | Tx, issues: readonly string[]): Promise<string[]> {
  if (issues.length === 0) return [];
  const rows = await db
    .selectFrom("theme_mappings")
    .select("uhri_code")
    .distinct()
    .where("upr_info_issue", "in", [...issues])
    .orderBy("uhri_code")
    .execute();
  return rows.map((r) => r.uhri_code);
}

/** The English label of a UHRI theme, as recommendation_themes stores labels. */
export async function findUhriThemeLabel(db: Db | Tx, code: string): Promise<string | null> {
  const r = await db
    .selectFrom("taxonomy_terms")
    .select(sql<string | null>`labels->>'en'`.as("label"))
    .where("taxonomy_id", "=", "uhri-theme")
    .where("code", "=", code)
    .orderBy("valid_from", "desc")
    .executeTakeFirst();
  return r?.label ?? null;
}

export type FacetChange = { issues: string[]; themeCodes: string[]; sdgGoals: number[] };

/**
 * Adds official tags to a recommendation's facet arrays and tokens, keeps the whole-registry facet counts right and
 * bumps the registry version, so the search index (rebuilt on a new version) finds the row by its new tags.
 * Values already on the row are left alone.
 */
export async function addRecommendationFacets(trx: Tx, id: string, add: FacetChange): Promise<FacetChange> {
  const row = await findRecommendationTagFacts(trx, id, { lock: true });
  if (!row) return { issues: [], themeCodes: [], sdgGoals: [] };
  const added: FacetChange = {
    issues: add.issues.filter((v) => !row.issues.includes(v)),
    themeCodes: add.themeCodes.filter((v) => !row.themeCodes.includes(v)),
    sdgGoals: add.sdgGoals.filter((v) => !row.sdgGoals.includes(v)),
  };
  if (!added.issues.length && !added.themeCodes.length && !added.sdgGoals.length) return added;
  const tokens = facetTokensOfChange(added);
  await trx
    .updateTable("recommendations")
    .set({
      issues: [...row.issues, ...added.issues],
      theme_codes: [...row.themeCodes, ...added.themeCodes].sort(),
      sdg_goals: [...row.sdgGoals, ...added.sdgGoals].sort((a, b) => a - b),
      facet_tokens: sql`facet_tokens || ${sql.val(tokens)}::text[]`,
      updated_at: sql`now()`,
    })
    .where("id", "=", id)
    .execute();
  await adjustFacetCounts(trx, added, 1);
  await bumpRegistryVersion(trx);
  return added;
}

/** Removes decided tags from a recommendation's facet arrays and tokens (a reviewer reverses an acceptance). */
export async function removeRecommendationFacets(trx: Tx, id: string, remove: FacetChange): Promise<FacetChange> {
  const row = await findRecommendationTagFacts(trx, id, { lock: true });
  if (!row) return { issues: [], themeCodes: [], sdgGoals: [] };
  const removed: FacetChange = {
    issues: remove.issues.filter((v) => row.issues.includes(v)),
    themeCodes: remove.themeCodes.filter((v) => row.themeCodes.includes(v)),
    sdgGoals: remove.sdgGoals.filter((v) => row.sdgGoals.includes(v)),
  };
  if (!removed.issues.length && !removed.themeCodes.length && !removed.sdgGoals.length) return removed;
  const tokens = facetTokensOfChange(removed);
  await trx
    .updateTable("recommendations")
    .set({
      issues: row.issues.filter((v) => !removed.issues.includes(v)),
      theme_codes: row.themeCodes.filter((v) => !removed.themeCodes.includes(v)),
      sdg_goals: row.sdgGoals.filter((v) => !removed.sdgGoals.includes(v)),
      facet_tokens: sql`array(SELECT t FROM unnest(facet_tokens) t WHERE NOT (t = ANY(${sql.val(tokens)}::text[])))`,
      updated_at: sql`now()`,
    })
    .where("id", "=", id)
    .execute();
  await adjustFacetCounts(trx, removed, -1);
  await bumpRegistryVersion(trx);
  return removed;
}

/** Records an official tag among the recommendation's themes with its provenance ('algorithm' or 'human', 0003). */
export async function insertRecommendationTheme(
  trx: Tx,
  t: { recommendationId: string; scheme: "uhri" | "upr-info"; code: string | null; label: string; provenance: "algorithm" | "human" },
): Promise<void> {
  await trx
    .insertInto("recommendation_themes")
    .values({ recommendation_id: t.recommendationId, scheme: t.scheme, code: t.code, label: t.label, provenance: t.provenance })
    .onConflict((oc) => oc.columns(["recommendation_id", "scheme", "label"]).doNothing())
    .execute();
}

export async function deleteDecidedRecommendationTheme(trx: Tx, recommendationId: string, scheme: "uhri" | "upr-info", label: string): Promise<void> {
  await trx
    .deleteFrom("recommendation_themes")
    .where("recommendation_id", "=", recommendationId)
    .where("scheme", "=", scheme)
    .where("label", "=", label)
    .where("provenance", "in", ["algorithm", "human"])
    .execute();
}

function facetTokensOfChange(c: FacetChange): string[] {
  return [...c.themeCodes.map((v) => `theme:${v}`), ...c.issues.map((v) => `issue:${v}`), ...c.sdgGoals.map((v) => `sdg:${v}`)];
}

/** The whole-registry facet counts (migration 0003) moved by one row's change, without recounting 250,000 rows. */
async function adjustFacetCounts(trx: Tx, c: FacetChange, delta: 1 | -1): Promise<void> {
  const values = [
    ...c.themeCodes.map((v) => ({ facet: "theme", value: v, n: delta })),
    ...c.issues.map((v) => ({ facet: "issue", value: v, n: delta })),
    ...c.sdgGoals.map((v) => ({ facet: "sdg", value: String(v), n: delta })),
  ];
  if (values.length === 0) return;
  await trx
    .insertInto("recommendation_facet_counts")
    .values(values)
    .onConflict((oc) => oc.columns(["facet", "value"]).doUpdateSet({ n: sql`recommendation_facet_counts.n + excluded.n` }))
    .execute();
  await trx.deleteFrom("recommendation_facet_counts").where("n", "<=", 0).execute();
}

/** Search caches in every process key on this setting (recommendation-read-store.ts readRegistryVersion). */
async function bumpRegistryVersion(trx: Tx): Promise<void> {
  await sql`UPDATE settings SET value = (coalesce(nullif(value, ''), '0')::bigint + 1)::text WHERE key = 'recommendations_version'`.execute(trx);
}

/**
 * The tags many subjects carry officially on their own record, as `scheme\0code` keys, by subject id: a
 * recommendation's issues, themes and SDG goals; a request's themes and the goals of its SDG targets. A subject
 * that does not exist is absent from the map.
 */
export async function listOfficialCodes(db: Db | Tx, kind: "recommendation" | "request", ids: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const key = (scheme: string, code: string) => `${scheme}\u0000${code}`;
  for (const part of chunks(ids, 5000)) {
    if (kind === "recommendation") {
      const rows = await db.selectFrom("recommendations").select(["id", "issues", "theme_codes", "sdg_goals"]).where("id", "in", part).execute();
      for (const r of rows)
        out.set(
          r.id,
          new Set([...r.issues.map((c) => key("upr-info", c)), ...r.theme_codes.map((c) => key("uhri", c)), ...r.sdg_goals.map((g) => key("sdg", String(g)))]),
        );
    } else {
      const uuids = part.filter((id) => UUID.test(id));
      if (uuids.length === 0) continue;
      const rows = await db.selectFrom("assistance_requests").select(["id", "themes", "sdg_targets"]).where("id", "in", uuids).execute();
      for (const r of rows)
        out.set(r.id, new Set([...r.themes.map((c) => key("uhri", c)), ...goalsOfTargets(r.sdg_targets).map((g) => key("sdg", String(g)))]));
    }
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SDG goals of targets ('4.1', '4.a' → 4), ascending. */
export function goalsOfTargets(targets: readonly string[]): number[] {
  const goals = new Set<number>();
  for (const t of targets) {
    const g = Number(t.split(".")[0]);
    if (Number.isInteger(g) && g >= 1 && g <= 17) goals.add(g);
  }
  return [...goals].sort((a, b) => a - b);
}
