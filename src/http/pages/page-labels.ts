import { listCountries, listTaxonomyTerms } from "../../domain/reference/reference-service.js";
import type { Db } from "../../store/db.js";
import type { Lang } from "../../web/i18n/i18n.js";

// Human labels for the codes recommendations carry (countries, UHRI themes, SDG goals, groups of persons), in the
// page's language where the reference data has it. Reference data changes rarely: kept for a few minutes.
export type CodeLabels = {
  country(iso3: string): string;
  theme(code: string): string;
  sdg(goal: string | number): string;
  persons(code: string): string;
};

const TTL_MS = 5 * 60 * 1000;
const cache = new Map<string, { at: number; labels: Promise<CodeLabels> }>();

export function codeLabels(db: Db, lang: Lang): Promise<CodeLabels> {
  const hit = cache.get(lang);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.labels;
  const labels = buildLabels(db, lang);
  cache.set(lang, { at: Date.now(), labels });
  labels.catch(() => cache.delete(lang));
  return labels;
}

async function buildLabels(db: Db, lang: Lang): Promise<CodeLabels> {
  const [countries, themes, goals, persons] = await Promise.all([
    listCountries(db, { lang, limit: 500 }),
    listTaxonomyTerms(db, "uhri-theme", { all: true }),
    listTaxonomyTerms(db, "sdg-goal", { all: true }),
    listTaxonomyTerms(db, "uhri-persons", { all: true }),
  ]);
  const byCode = (terms: typeof themes) => new Map(terms.map((t) => [t.code, t.labels[lang] ?? t.labels.en ?? t.code]));
  const countryNames = new Map(countries.items.map((c) => [c.iso3, c.localName ?? c.name]));
  const themeNames = byCode(themes);
  const goalNames = byCode(goals);
  const personNames = byCode(persons);
  return {
    country: (iso3) => countryNames.get(iso3) ?? iso3,
    theme: (code) => (themeNames.has(code) ? `${code} ${themeNames.get(code)}` : code),
    sdg: (goal) => `${goal}. ${goalNames.get(String(goal)) ?? ""}`.trim(),
    persons: (code) => personNames.get(code) ?? code,
  };
}
