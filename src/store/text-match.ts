// Case- and accent-insensitive word search without extensions (PGlite has no unaccent) and without folding every
// row: the folding happens on the query side. Each searched word becomes a POSIX regular expression in which every
// letter is the class of all its forms — capitals, Latin letters with diacritics, Arabic alef forms and ya/alef
// maqsura, with Arabic vowel marks (tashkeel) and tatweel allowed after any Arabic letter — matched with `~` against
// the stored text as it is. Folding each row with lower()+translate() cost 4.7 s for 10,000 activities on PGlite;
// these expressions cost about 0.1 s.

const LATIN_VARIANTS: Record<string, string> = {
  a: "àáâãäåāăąǎ",
  c: "çćĉċč",
  d: "ďđ",
  e: "èéêëēĕėęě",
  g: "ĝğġģ",
  h: "ĥħ",
  i: "ìíîïĩīĭįıǐ",
  j: "ĵ",
  k: "ķ",
  l: "ĺļľŀł",
  n: "ñńņňŉ",
  o: "òóôõöøōŏőǒ",
  r: "ŕŗř",
  s: "śŝşšș",
  t: "ţťŧț",
  u: "ùúûüũūŭůűųǔ",
  w: "ŵ",
  y: "ýÿŷ",
  z: "źżž",
  е: "ё",
};
/** Letters NFD does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = { ł: "l", ø: "o", đ: "d", ı: "i", ħ: "h", ŧ: "t", ё: "е" };
const ARABIC_VARIANTS: Record<string, string> = { ا: "اأإآٱ", ي: "يى" };
const ARABIC_FOLD: Record<string, string> = { أ: "ا", إ: "ا", آ: "ا", ٱ: "ا", ى: "ي" };
/** Tatweel and the tashkeel vowel marks (U+064B–U+0652): ignored in the query, allowed anywhere in the text. */
const ARABIC_MARKS = "\u0640\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652";
const ARABIC_LETTER = /[\u0620-\u064A\u0671-\u06D3]/;
const APOSTROPHES = "'’ʼ";
// Outside a bracket expression "-" is an ordinary character, in POSIX and JavaScript alike.
const REGEX_SPECIAL = /[.^$*+?()[\]{}|\\]/;

const BASE_OF: Record<string, string> = Object.fromEntries(Object.entries(LATIN_VARIANTS).flatMap(([base, variants]) => [...variants].map((v) => [v, base])));

/** The base letter of one query character: lower case, without diacritics, Arabic letter forms unified. */
function baseOf(ch: string): string {
  const lower = ch.toLowerCase();
  return BASE_OF[lower] ?? UNDECOMPOSED[lower] ?? ARABIC_FOLD[lower] ?? lower;
}

/** Query characters without combining marks (a letter typed as base + mark becomes the base; tashkeel go). No
 * Unicode normalization: it would change characters (CJK compatibility ideographs) the stored text keeps as is. */
function charsOf(word: string): string[] {
  return [...word.replace(/\p{M}/gu, "")].filter((ch) => !ARABIC_MARKS.includes(ch));
}

/** The query word as the classes see it: lower case, diacritics and Arabic marks removed, letter forms unified. */
export function foldWord(word: string): string {
  return charsOf(word).map(baseOf).join("");
}

function classOf(ch: string): string {
  const base = baseOf(ch);
  if (APOSTROPHES.includes(base)) return `[${APOSTROPHES}]`;
  const arabic = ARABIC_VARIANTS[base];
  if (arabic) return `[${arabic}][${ARABIC_MARKS}]*`;
  if (ARABIC_LETTER.test(base)) return `${base}[${ARABIC_MARKS}]*`;
  // The character as typed, its base, and every case and diacritic form of the base (one code point each).
  const forms = new Set([ch, ch.toLowerCase(), base, base.toUpperCase()]);
  for (const v of LATIN_VARIANTS[base] ?? "") forms.add(v).add(v.toUpperCase());
  const single = [...forms].filter((f) => [...f].length === 1);
  if (single.length === 1) return REGEX_SPECIAL.test(ch) ? `\\${ch}` : ch;
  return `[${single.join("")}]`;
}

/** One regular expression per word of `text` (at most 10 words); every one must match. */
export function searchRegexes(text: string): string[] {
  return text
    .split(/\s+/)
    .map(charsOf)
    .filter((chars) => chars.length > 0)
    .slice(0, 10)
    .map((chars) => chars.map(classOf).join(""));
}
