import { tokenize } from "./text-features.js";

// Which language a text is in, well enough to refuse what the model cannot read (issue 7: "say so, do not
// guess"). The model is trained on English UPR Info texts; a French or Arabic recommendation would get confident
// nonsense. Script first (Arabic, Cyrillic, Han …), then, for Latin script, function words of the languages UPR
// documents are written in.

export type DetectedLanguage = { code: string; name: string } | null;

const SCRIPTS: { code: string; name: string; pattern: RegExp }[] = [
  { code: "ar", name: "Arabic", pattern: /\p{Script=Arabic}/u },
  { code: "ru", name: "Russian (Cyrillic script)", pattern: /\p{Script=Cyrillic}/u },
  { code: "zh", name: "Chinese", pattern: /\p{Script=Han}/u },
  { code: "ja", name: "Japanese", pattern: /[\p{Script=Hiragana}\p{Script=Katakana}]/u },
  { code: "ko", name: "Korean", pattern: /\p{Script=Hangul}/u },
  { code: "el", name: "Greek", pattern: /\p{Script=Greek}/u },
  { code: "he", name: "Hebrew", pattern: /\p{Script=Hebrew}/u },
];

const FUNCTION_WORDS: Record<string, { name: string; words: string[] }> = {
  en: {
    name: "English",
    words: ["the", "and", "of", "to", "in", "for", "with", "its", "on", "all", "that", "by", "as", "is", "are", "be", "from", "which", "this", "their"],
  },
  fr: {
    name: "French",
    words: ["le", "la", "les", "des", "du", "et", "pour", "dans", "une", "sur", "aux", "au", "par", "que", "qui", "ses", "est", "ce", "avec", "de"],
  },
  es: {
    name: "Spanish",
    words: ["el", "los", "las", "del", "y", "para", "en", "una", "por", "con", "que", "sus", "su", "al", "es", "lo", "como", "de", "la", "se"],
  },
  pt: {
    name: "Portuguese",
    words: ["o", "os", "as", "do", "da", "dos", "das", "e", "para", "em", "uma", "por", "com", "que", "seus", "suas", "ao", "no", "na", "de"],
  },
  de: {
    name: "German",
    words: ["der", "die", "das", "und", "zu", "den", "von", "mit", "für", "im", "ist", "des", "auf", "eine", "ein", "nicht", "sich", "dem", "auch", "zur"],
  },
  it: {
    name: "Italian",
    words: ["il", "gli", "della", "delle", "dei", "e", "per", "nel", "nella", "una", "con", "che", "sono", "alla", "di", "la", "le", "del", "al", "sua"],
  },
};

const LETTER = /\p{L}/gu;

/** The language of a text when it can be told; null for too little text to tell. */
export function detectLanguage(text: string): DetectedLanguage {
  const letters = text.match(LETTER) ?? [];
  if (letters.length === 0) return null;
  for (const s of SCRIPTS) {
    const inScript = letters.filter((c) => s.pattern.test(c)).length;
    if (inScript / letters.length > 0.3) return { code: s.code, name: s.name };
  }
  const words = tokenize(text);
  let best: { code: string; hits: number } = { code: "en", hits: 0 };
  let english = 0;
  for (const [code, { words: list }] of Object.entries(FUNCTION_WORDS)) {
    const set = new Set(list);
    const hits = words.filter((w) => set.has(w)).length;
    if (code === "en") english = hits;
    if (hits > best.hits) best = { code, hits };
  }
  // Short imperative English ("Ratify CEDAW") has no function words: Latin script without a clear rival is English.
  if (best.code === "en" || best.hits < 2 || best.hits <= english) return { code: "en", name: "English" };
  return { code: best.code, name: (FUNCTION_WORDS[best.code] as { name: string }).name };
}
