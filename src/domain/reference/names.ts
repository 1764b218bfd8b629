// Country names arrive spelled many ways ("Cote d'Ivoire", "Côte d’Ivoire", "COTE D’IVOIRE", "Guinea Bissau"):
// imported files (UPR Info, OHCHR thematic lists, IATI) are matched on one normalized form.

const APOSTROPHES = /['’‘ʼʻ`´′]/g;
const MARKS = /\p{M}/gu;
// Punctuation, symbols, separators and control characters all become one space.
const SEPARATORS = /[\p{P}\p{S}\p{Z}\p{C}\s]+/gu;

/**
 * Lower case, no diacritics, no apostrophes (any variant), every other punctuation as a space, whitespace
 * collapsed. Case folding goes lower → upper → lower so that "ẞ"/"ß"/"SS" and "ı"/"I" fold alike.
 */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .normalize("NFKD")
    .replace(MARKS, "")
    .replace(APOSTROPHES, "")
    .replace(SEPARATORS, " ")
    .trim();
}

export type NameEntry = { iso3: string; name: string; normalized: string };
export type ExactMatch = { status: "matched"; iso3: string; matchedName: string } | { status: "ambiguous"; candidates: NameCandidate[] };
export type NameCandidate = { iso3: string; name: string; score: number };

function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient over character trigrams (as PostgreSQL's pg_trgm does): 0 = nothing shared, 1 = same. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ga = trigrams(a);
  const gb = trigrams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of ga) {
    shared += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * The closest countries to a name nobody spells exactly like the reference: best score per country, highest
 * first. A name that contains a whole known name (or is contained in one) gets a bonus, so "Republic of
 * Korea (the)" still finds KOR before trigram noise.
 */
export function rankNameCandidates(query: string, entries: readonly NameEntry[], limit = 5): NameCandidate[] {
  const q = normalizeName(query);
  if (q === "") return [];
  const best = new Map<string, NameCandidate>();
  for (const e of entries) {
    let score = nameSimilarity(q, e.normalized);
    if (e.normalized.length >= 4 && (q.includes(e.normalized) || e.normalized.includes(q))) score = Math.max(score, 0.6) + 0.2;
    // 1 means "the same name"; a containment is strong evidence, not identity.
    score = Math.min(0.99, score);
    const prev = best.get(e.iso3);
    if (!prev || score > prev.score) best.set(e.iso3, { iso3: e.iso3, name: e.name, score });
  }
  return [...best.values()]
    .sort((x, y) => y.score - x.score || x.iso3.localeCompare(y.iso3))
    .slice(0, limit)
    .map((c) => ({ ...c, score: Math.round(c.score * 1000) / 1000 }));
}

/**
 * From the names whose normalized form equals the query's: one country → matched; several (the same
 * spelling names two countries in different sources or languages) → the one with an official name, else
 * ambiguous; none → null.
 */
export function pickExactMatch(query: string, exact: readonly (NameEntry & { official: boolean })[]): ExactMatch | null {
  const countries = [...new Set(exact.map((e) => e.iso3))];
  if (countries.length === 0) return null;
  const official = [...new Set(exact.filter((e) => e.official).map((e) => e.iso3))];
  const winner = countries.length === 1 ? countries[0] : official.length === 1 ? official[0] : undefined;
  if (winner !== undefined) {
    const names = exact.filter((e) => e.iso3 === winner);
    return { status: "matched", iso3: winner, matchedName: (names.find((e) => e.official) ?? names[0])?.name ?? query };
  }
  return { status: "ambiguous", candidates: countries.map((iso3) => ({ iso3, name: exact.find((e) => e.iso3 === iso3)?.name ?? query, score: 1 })) };
}
