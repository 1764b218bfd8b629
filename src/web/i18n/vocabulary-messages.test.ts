import { describe, expect, it } from "vitest";
import { VOCABULARIES, type VocabularyName } from "../../domain/cooperation/vocabularies.js";
import { en } from "./en.js";
import { CATALOGS, LANGUAGES, type MessageKey } from "./i18n.js";

// Every code of every controlled vocabulary has a label and every list a heading, in the six languages (R24).
describe("vocabulary labels", () => {
  const lists = Object.keys(VOCABULARIES) as VocabularyName[];
  const keys = lists.flatMap((list) => [`vocab.${list}.label`, ...VOCABULARIES[list].map((code) => `vocab.${list}.${code}`)]);

  it.each(LANGUAGES)("%s has a label for every code and list", (lang) => {
    const missing = keys.filter((k) => !CATALOGS[lang][k as MessageKey]);
    expect(missing).toEqual([]);
  });

  it("has no label for a code that is not in the vocabulary", () => {
    const known = new Set([...keys, ...lists.map((list) => `vocab.${list}.help`)]);
    expect(Object.keys(en).filter((k) => k.startsWith("vocab.") && !known.has(k))).toEqual([]);
  });

  it("uses the ISCED 2011 and fund names", () => {
    expect(CATALOGS.en["vocab.isced.6" as MessageKey]).toBe("Bachelor's or equivalent level");
    expect(CATALOGS.fr["vocab.isced.2" as MessageKey]).toBe("Premier cycle de l'enseignement secondaire");
    expect(CATALOGS.en["vocab.fund.vftc" as MessageKey]).toBe("Voluntary Fund for Technical Cooperation in the Field of Human Rights");
  });
});
