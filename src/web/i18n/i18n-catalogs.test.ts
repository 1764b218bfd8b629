import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import { CATALOGS, LANGUAGES, missingKeys, negotiateLanguage, translator } from "./i18n.js";

describe("message catalogs", () => {
  it.each(["en", "fr"] as const)("%s is complete", (lang) => {
    expect(missingKeys(lang)).toEqual([]);
  });

  it.each(["ar", "es", "ru", "zh"] as const)("%s: missing keys are listed (English fallback)", (lang) => {
    const missing = missingKeys(lang);
    if (missing.length) console.info(`[i18n] ${lang}: ${missing.length} of ${Object.keys(en).length} messages missing: ${missing.join(", ")}`);
    expect(missing.length).toBeLessThan(Object.keys(en).length);
    // The shell's own words are translated in every language.
    for (const key of ["site.skip", "nav.home", "nav.countries", "lang.label", "nav.signIn"] as const) expect(CATALOGS[lang][key]).toBeTruthy();
  });

  it.each(LANGUAGES)("%s: every message parses and uses the same placeholders as English", (lang) => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(CATALOGS[lang])) {
      expect(() => new IntlMessageFormat(text as string, lang), `${lang}:${key}`).not.toThrow();
      expect(placeholders(text as string), `${lang}:${key}`).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });

  it("formats plurals per language", () => {
    expect(translator("en")("home.count.countries", { count: 1 })).toBe("1 country or area");
    expect(translator("en")("home.count.countries", { count: 248 })).toBe("248 countries and areas");
    expect(translator("fr")("home.count.unMembers", { count: 193 })).toBe("193 États Membres de l'ONU");
  });

  it("falls back to English for a missing message, never to the key", () => {
    expect(translator("zh")("home.lead")).toBe(en["home.lead"]);
  });

  it.each([
    ["fr-CH, fr;q=0.9, en;q=0.8", "fr"],
    ["de-DE, ar;q=0.5", "ar"],
    ["en;q=0.1, zh-Hans;q=0.9", "zh"],
    ["de", undefined],
    [undefined, undefined],
  ])("negotiates %s → %s", (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
