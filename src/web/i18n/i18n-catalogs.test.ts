import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import { CATALOGS, formatNumber, LANGUAGES, missingKeys, negotiateLanguage, translator } from "./i18n.js";

describe("message catalogs", () => {
  it.each(LANGUAGES)("%s is complete", (lang) => {
    const missing = missingKeys(lang);
    expect(missing, `${lang}: ${missing.length} of ${Object.keys(en).length} messages missing`).toEqual([]);
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(CATALOGS[lang][key], `${lang}:${key}`).toBeTruthy();
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

  it("formats plurals with each language's categories", () => {
    const ar = translator("ar");
    expect(ar("organizations.count", { count: 0 })).toBe("لا توجد أي منظمة.");
    expect(ar("organizations.count", { count: 1 })).toBe("منظمة واحدة");
    expect(ar("organizations.count", { count: 2 })).toBe("منظمتان");
    expect(ar("organizations.count", { count: 5 })).toBe("5 منظمات");
    expect(ar("home.count.unMembers", { count: 193 })).toBe("193 دولة عضوا في الأمم المتحدة");
    const ru = translator("ru");
    expect(ru("home.count.unMembers", { count: 193 })).toBe("193 государства — члена ООН");
    expect(ru("home.count.organizations", { count: 21 })).toBe("21 организация");
    expect(ru("home.count.organizations", { count: 11 })).toBe("11 организаций");
    expect(translator("es")("home.count.sids", { count: 39 })).toBe("39 pequeños Estados insulares en desarrollo");
    expect(translator("zh")("home.count.ldc", { count: 44 })).toBe("44个最不发达国家");
  });

  // The home page shows the number large and strips it from the sentence, so it must be there to strip.
  it.each(LANGUAGES)("%s: home counts contain the number for typical totals", (lang) => {
    const t = translator(lang);
    const keys = (Object.keys(en) as (keyof typeof en)[]).filter((k) => k.startsWith("home.count."));
    for (const key of keys)
      for (const count of [0, 3, 11, 39, 44, 100, 169, 193, 248, 1234])
        expect(t(key, { count }), `${lang}:${key}:${count}`).toContain(formatNumber(lang, count));
  });

  it("falls back to English for a missing message, never to the key", () => {
    const saved = CATALOGS.zh["home.lead"];
    delete CATALOGS.zh["home.lead"];
    try {
      expect(translator("zh")("home.lead")).toBe(en["home.lead"]);
    } finally {
      CATALOGS.zh["home.lead"] = saved;
    }
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
