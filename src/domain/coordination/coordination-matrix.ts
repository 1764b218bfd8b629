import type { CoordinationActivity, ProviderRef } from "./coordination-types.js";

// "Who does what" (R16): providers — the reporting provider and the organizations implementing (IATI role 4) — by
// UHRI theme group (the letter of the theme code: A cross-cutting … E economic, social and cultural rights …).

/** The column for activities without a UHRI theme. */
export const NO_THEME = "-";

export type MatrixRow = { provider: ProviderRef; counts: Record<string, number>; total: number };
export type ProviderMatrix = { themeGroups: string[]; rows: MatrixRow[]; columnTotals: Record<string, number>; activityCount: number };

export function themeGroupsOf(themes: readonly string[]): string[] {
  const groups = [...new Set(themes.map((t) => t.charAt(0).toUpperCase()).filter((g) => /^[A-H]$/.test(g)))].sort();
  return groups.length > 0 ? groups : [NO_THEME];
}

/**
 * One row per provider, one column per theme group present. A cell counts the provider's activities with at least one
 * theme in the group; the row total counts each activity once, so it can be smaller than the sum of its cells.
 */
export function buildProviderMatrix(activities: readonly CoordinationActivity[]): ProviderMatrix {
  const rows = new Map<string, { provider: ProviderRef; counts: Record<string, number>; activities: Set<string> }>();
  const columns = new Map<string, Set<string>>();
  for (const a of activities) {
    const groups = themeGroupsOf(a.themes);
    for (const g of groups) (columns.get(g) ?? columns.set(g, new Set()).get(g))?.add(a.id);
    const providers = new Map([a.provider, ...a.implementers].map((p) => [p.key, p]));
    for (const p of providers.values()) {
      const row = rows.get(p.key) ?? { provider: p, counts: {}, activities: new Set<string>() };
      rows.set(p.key, row);
      row.activities.add(a.id);
      for (const g of groups) row.counts[g] = (row.counts[g] ?? 0) + 1;
    }
  }
  const themeGroups = [...columns.keys()].sort((a, b) => (a === NO_THEME ? 1 : b === NO_THEME ? -1 : a.localeCompare(b)));
  return {
    themeGroups,
    rows: [...rows.values()]
      .map((r) => ({ provider: r.provider, counts: r.counts, total: r.activities.size }))
      .sort((a, b) => b.total - a.total || a.provider.name.localeCompare(b.provider.name)),
    columnTotals: Object.fromEntries([...columns].map(([g, ids]) => [g, ids.size])),
    activityCount: activities.length,
  };
}
