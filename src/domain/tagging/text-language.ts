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

const LETTER = /\p{L}/u;
const LANGUAGES_OF_WORD = new Map<string, string[]>();
for (const [code, { words }] of Object.entries(FUNCTION_WORDS)) for (const w of words) LANGUAGES_OF_WORD.set(w, [...(LANGUAGES_OF_WORD.get(w) ?? []), code]);

/** Letters by script. ASCII and Latin-1 letters are counted without a regular expression (most texts are only that). */
function countScripts(text: string): { letters: number; byScript: Map<string, number> } {
  let letters = 0;
  const byScript = new Map<string, number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      letters++;
      continue;
    }
    if (c < 0xc0) continue;
    // Outside ASCII: the whole code point (a surrogate pair for Han extensions) goes through the regular expressions.
    const ch = String.fromCodePoint(text.codePointAt(i) as number);
    if (ch.length === 2) i++;
    if (!LETTER.test(ch)) continue;
    letters++;
    const script = SCRIPTS.find((s) => s.pattern.test(ch));
    if (script) byScript.set(script.code, (byScript.get(script.code) ?? 0) + 1);
  }
  return { letters, byScript };
}

/** The language of a text when it can be told; null for too little text to tell. */
export function detectLanguage(text: string): DetectedLanguage {
  const { letters, byScript } = countScripts(text);
  if (letters === 0) return null;
  for (const s of SCRIPTS) if ((byScript.get(s.code) ?? 0) / letters > 0.3) return { code: s.code, name: s.name };
  const hits = new Map<string, number>();
  for (const w of tokenize(text)) for (const code of LANGUAGES_OF_WORD.get(w) ?? []) hits.set(code, (hits.get(code) ?? 0) + 1);
  const english = hits.get("en") ?? 0;
  let best = { code: "en", hits: english };
  for (const [code, n] of hits) if (n > best.hits) best = { code, hits: n };
  // Short imperative English ("Ratify CEDAW") has no function words, and English texts quote foreign-looking
  // words ("ILO Conventions No. 138 and no. 182"): only a clear rival makes a text not English.
  if (best.code === "en" || best.hits < 2 || best.hits <= 2 * english) return { code: "en", name: "English" };
  return { code: best.code, name: (FUNCTION_WORDS[best.code] as { name: string }).name };
}
