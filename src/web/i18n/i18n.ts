import { IntlMessageFormat } from "intl-messageformat";
import { ar } from "./ar.js";
import { type Catalog, en, type MessageKey } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { ru } from "./ru.js";
import { zh } from "./zh.js";

export type { MessageKey } from "./en.js";

// The six official UN languages, in the UN's own order of listing.
export const LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type Lang = (typeof LANGUAGES)[number];

export const LANGUAGE_INFO: Record<Lang, { nativeName: string; dir: "ltr" | "rtl" }> = {
  ar: { nativeName: "العربية", dir: "rtl" },
  zh: { nativeName: "中文", dir: "ltr" },
  en: { nativeName: "English", dir: "ltr" },
  fr: { nativeName: "Français", dir: "ltr" },
  ru: { nativeName: "Русский", dir: "ltr" },
  es: { nativeName: "Español", dir: "ltr" },
};

export const CATALOGS: Record<Lang, Catalog> = { ar, zh, en, fr, ru, es };

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const formatters = new Map<string, IntlMessageFormat>();

/** A translate function for one language; missing messages fall back to English, never to a raw key. */
export function translator(lang: Lang): Translate {
  return (key, values) => {
    const own = CATALOGS[lang][key];
    const source = own ?? en[key];
    const locale = own ? lang : "en";
    if (!values) return source;
    const cacheKey = `${locale}\u0000${key}`;
    let fmt = formatters.get(cacheKey);
    if (!fmt) {
      fmt = new IntlMessageFormat(source, locale);
      formatters.set(cacheKey, fmt);
    }
    return String(fmt.format(values));
  };
}

export function missingKeys(lang: Lang): MessageKey[] {
  return (Object.keys(en) as MessageKey[]).filter((k) => CATALOGS[lang][k] === undefined);
}

/** Picks the best UI language from an Accept-Language header (q-values respected). */
export function negotiateLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { base: (tag ?? "").toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.base).find(isLang);
}

export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang).format(n);
}

export function formatDate(lang: Lang, isoDate: string | Date): string {
  const d = typeof isoDate === "string" ? new Date(`${isoDate.slice(0, 10)}T00:00:00Z`) : isoDate;
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(d);
}
