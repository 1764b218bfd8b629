import type { Tx } from "../../store/audit-store.js";
import {
  addRecommendationFacets,
  deleteDecidedRecommendationTheme,
  findMappedThemes,
  findUhriThemeLabel,
  insertRecommendationTheme,
  listSourceThemeRows,
  removeRecommendationFacets,
} from "../../store/tag-subject-store.js";
import { uhriLevel2Code } from "../recommendations/recommendation-rules.js";

// What "official" means on a recommendation (issue 7): an accepted or human tag joins the row's facet arrays (issues,
// theme_codes, sdg_goals) that search, facets and exports read, and its themes with provenance 'algorithm' or 'human'
// (recommendation_themes, migration 0003). SDG goals have no theme row: the goal itself is the record.

export type TagSchemeName = "upr-info" | "uhri" | "sdg";

export async function makeOfficial(trx: Tx, recommendationId: string, scheme: TagSchemeName, code: string, provenance: "algorithm" | "human"): Promise<void> {
  if (scheme === "sdg") {
    await addRecommendationFacets(trx, recommendationId, { issues: [], themeCodes: [], sdgGoals: [Number(code)] });
    return;
  }
  if (scheme === "upr-info") {
    await addRecommendationFacets(trx, recommendationId, { issues: [code], themeCodes: [], sdgGoals: [] });
    await insertRecommendationTheme(trx, { recommendationId, scheme, code: null, label: code, provenance });
    return;
  }
  await addRecommendationFacets(trx, recommendationId, { issues: [], themeCodes: [code], sdgGoals: [] });
  await insertRecommendationTheme(trx, { recommendationId, scheme, code, label: (await findUhriThemeLabel(trx, code)) ?? code, provenance });
}

/** Takes a decided tag off the record again (a reviewer reverses an acceptance). */
export async function revokeOfficial(trx: Tx, recommendationId: string, scheme: TagSchemeName, code: string): Promise<void> {
  if (scheme === "sdg") {
    await removeRecommendationFacets(trx, recommendationId, { issues: [], themeCodes: [], sdgGoals: [Number(code)] });
    return;
  }
  await removeRecommendationFacets(trx, recommendationId, {
    issues: scheme === "upr-info" ? [code] : [],
    themeCodes: scheme === "uhri" ? [code] : [],
    sdgGoals: [],
  });
  const label = scheme === "uhri" ? ((await findUhriThemeLabel(trx, code)) ?? code) : code;
  await deleteDecidedRecommendationTheme(trx, recommendationId, scheme, label);
}

/**
 * Whether the source itself gives this tag (a later re-import may have brought a code a reviewer had accepted): then
 * reversing the acceptance leaves it on the record. UHRI themes come from the source's own themes or, as the import
 * derives them, from its UPR Info issues through the reviewed mapping. The source's SDG goals are not kept apart from
 * the row, so an accepted goal is taken off when its acceptance is reversed.
 */
export async function sourceBacksTag(trx: Tx, recommendationId: string, scheme: TagSchemeName, code: string): Promise<boolean> {
  if (scheme === "sdg") return false;
  const rows = await listSourceThemeRows(trx, recommendationId);
  if (scheme === "upr-info") return rows.some((r) => r.scheme === "upr-info" && r.label === code);
  if (rows.some((r) => r.scheme === "uhri" && r.code !== null && uhriLevel2Code(r.code) === code)) return true;
  const mapped = await findMappedThemes(
    trx,
    rows.filter((r) => r.scheme === "upr-info").map((r) => r.label),
  );
  return mapped.includes(code);
}
