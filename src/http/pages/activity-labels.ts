import { listTaxonomyTerms } from "../../domain/reference/reference-service.js";
import type { Db } from "../../store/db.js";
import type { Lang } from "../../web/i18n/i18n.js";

// Labels of the IATI codelists an activity page shows (DAC sectors, document categories, currencies), in the page's
// language where the codelist has it (IATI publishes English and some French), else English. Kept a few minutes.

export type ActivityCodeLabels = {
  sector(code: string): string;
  documentCategory(code: string): string;
  currencies: { code: string; label: string }[];
  documentCategories: { code: string; label: string }[];
  themes: { code: string; label: string }[];
};

const TTL_MS = 5 * 60 * 1000;
const cache = new Map<Lang, { at: number; labels: Promise<ActivityCodeLabels> }>();

export function activityCodeLabels(db: Db, lang: Lang): Promise<ActivityCodeLabels> {
  const hit = cache.get(lang);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.labels;
  const labels = build(db, lang);
  cache.set(lang, { at: Date.now(), labels });
  labels.catch(() => cache.delete(lang));
  return labels;
}

async function build(db: Db, lang: Lang): Promise<ActivityCodeLabels> {
  const [sectors, categories, currencies, themes] = await Promise.all([
    listTaxonomyTerms(db, "iati:Sector", { all: true }),
    listTaxonomyTerms(db, "iati:DocumentCategory"),
    listTaxonomyTerms(db, "iati:Currency"),
    listTaxonomyTerms(db, "uhri-theme"),
  ]);
  const label = (t: { labels: Record<string, string>; code: string }) => t.labels[lang] ?? t.labels.en ?? t.code;
  const sectorNames = new Map(sectors.map((t) => [t.code, label(t)]));
  const categoryNames = new Map(categories.map((t) => [t.code, label(t)]));
  return {
    sector: (code) => (sectorNames.has(code) ? `${code} ${sectorNames.get(code)}` : code),
    documentCategory: (code) => (categoryNames.has(code) ? `${code} ${categoryNames.get(code)}` : code),
    currencies: currencies.map((t) => ({ code: t.code, label: `${t.code} — ${label(t)}` })).sort((a, b) => a.code.localeCompare(b.code)),
    documentCategories: categories.map((t) => ({ code: t.code, label: `${t.code} ${label(t)}` })),
    // Level-2 UHRI themes only (A1 …), the codes records carry.
    themes: themes.filter((t) => /^[A-H]\d$/.test(t.code)).map((t) => ({ code: t.code, label: `${t.code} ${label(t)}` })),
  };
}
