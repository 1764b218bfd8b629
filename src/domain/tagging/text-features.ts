import type { FeatureSpace } from "./tag-model.js";

// TF-IDF text features shared by the tagging model and matching (issue 7 §4): word 1-, 2- and 3-grams, and
// character 5-grams inside words of four letters or more (they carry inflections and compounds: "ratif" in
// ratify/ratification). Sublinear term frequency, smoothed idf, unit length — the usual strong baseline for short
// policy texts. Measured on held-out sessions (docs/tagging.md): trigrams +0.003 micro-F1; 4- or 6-grams no gain.

/** A sparse vector: feature indices (ascending) and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Many sparse vectors in three flat arrays (compressed sparse rows): what the solver reads, and what threads share. */
export interface SparseRows {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function toSparseRows(vectors: readonly SparseVector[]): SparseRows {
  const nnz = vectors.reduce((s, v) => s + v.indices.length, 0);
  const indptr = new Int32Array(vectors.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  vectors.forEach((v, i) => {
    indptr[i] = at;
    indices.set(v.indices, at);
    values.set(v.values, at);
    at += v.indices.length;
  });
  indptr[vectors.length] = at;
  return { indptr, indices, values };
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const CHAR_GRAMS = [5] as const;

const NON_ASCII = /[^\0-\x7f]/;

// The last text tokenized: suggesting tags reads a text twice in a row (language check, then features).
let last: { text: string; tokens: readonly string[] } = { text: "", tokens: [] };

/** Lower-cased word tokens, apostrophes folded; numbers kept (resolution 1325, ILO 189 are informative). */
export function tokenize(text: string): readonly string[] {
  if (text === last.text) return last.tokens;
  let tokens: string[];
  if (!NON_ASCII.test(text)) tokens = tokenizeAscii(text);
  else {
    tokens = [];
    for (const m of text.normalize("NFKC").toLowerCase().matchAll(WORD)) tokens.push(m[0].replace("’", "'"));
  }
  last = { text, tokens };
  return tokens;
}

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAsciiAlnum = (c: number) => isAsciiLetter(c) || (c >= 48 && c <= 57);

/**
 * WORD's tokens for an ASCII text (most recommendations), by a scan instead of a Unicode regular expression:
 * scoring speed (issue 7). NFKC leaves ASCII unchanged. A test holds it equal to the general path.
 */
function tokenizeAscii(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  const n = lower.length;
  let i = 0;
  while (i < n) {
    if (!isAsciiAlnum(lower.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isAsciiAlnum(lower.charCodeAt(i))) i++;
    if (lower.charCodeAt(i) === 39 && isAsciiLetter(lower.charCodeAt(i + 1))) {
      i++;
      while (i < n && isAsciiLetter(lower.charCodeAt(i))) i++;
    }
    out.push(lower.slice(start, i));
  }
  return out;
}

/** Every feature key of a text, with repetitions (the term counts). */
export function featureKeysOf(text: string): string[] {
  const words = tokenize(text);
  const keys: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    keys.push(`w:${w}`);
    if (i > 0) keys.push(`b:${words[i - 1]} ${w}`);
    if (i > 1) keys.push(`t:${words[i - 2]} ${words[i - 1]} ${w}`);
    if (w.length < 4) continue;
    const padded = ` ${w} `;
    for (const n of CHAR_GRAMS) for (let s = 0; s + n <= padded.length; s++) keys.push(`c:${padded.slice(s, s + n)}`);
  }
  return keys;
}

function countKeys(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of featureKeysOf(text)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/**
 * The vocabulary of a corpus: keys seen in at least `minDocs` documents, in a stable (sorted) order. With
 * `vectorize`, the plain reference definition of the features: training (corpus form) and scoring (compiled form)
 * are faster forms that the tests hold exactly equal to it.
 */
export function buildFeatureSpace(texts: readonly string[], minDocs = 2): FeatureSpace {
  const df = new Map<string, number>();
  for (const t of texts) for (const k of countKeys(t).keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const keys = [...df.entries()]
    .filter(([, n]) => n >= minDocs)
    .map(([k]) => k)
    .sort();
  const idf = new Float32Array(keys.length);
  const n = texts.length;
  keys.forEach((k, i) => {
    idf[i] = Math.log((1 + n) / (1 + (df.get(k) as number))) + 1;
  });
  return { keys, idf };
}

/** Index of each key, built once per feature space. */
export function indexFeatureSpace(space: FeatureSpace): Map<string, number> {
  return new Map(space.keys.map((k, i) => [k, i]));
}

/** The TF-IDF vector of one text (unknown keys ignored), L2-normalised; empty when nothing is known (reference form). */
export function vectorize(text: string, space: FeatureSpace, index: Map<string, number>): SparseVector {
  const counts = new Map<number, number>();
  for (const k of featureKeysOf(text)) {
    const i = index.get(k);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const indices = Int32Array.from(counts.keys()).sort();
  return normalized(
    indices,
    Array.from(indices, (i) => counts.get(i) as number),
    space,
  );
}

/** Sublinear tf × idf, scaled to unit length. */
function normalized(indices: Int32Array, counts: ArrayLike<number>, space: FeatureSpace): SparseVector {
  const values = new Float32Array(indices.length);
  let norm = 0;
  for (let j = 0; j < indices.length; j++) {
    const count = counts[j] as number;
    // Most counts are 1 (log 0): skipping the logarithm is exact, and faster.
    const v = (count === 1 ? 1 : 1 + Math.log(count)) * (space.idf[indices[j] as number] as number);
    values[j] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < values.length; j++) values[j] = (values[j] as number) * inv;
  }
  return { indices, values };
}

/**
 * A corpus read once: every distinct key with per-document key ids and counts. Training fits several models on
 * subsets of the same texts (folds, the measured model, the published one); reading the strings once makes each
 * fit's feature space and vectors plain array work. Gives exactly what buildFeatureSpace and vectorize give.
 */
export interface Corpus {
  keys: string[];
  docs: { ids: Int32Array; counts: Int32Array }[];
}

export function indexCorpus(texts: readonly string[]): Corpus {
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const docs = texts.map((t) => {
    const counts = new Map<number, number>();
    for (const k of featureKeysOf(t)) {
      let id = ids.get(k);
      if (id === undefined) {
        id = keys.length;
        ids.set(k, id);
        keys.push(k);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return { ids: Int32Array.from(counts.keys()), counts: Int32Array.from(counts.values()) };
  });
  return { keys, docs };
}

/** The feature space of some documents of a corpus, and the corpus-id → feature-index map (-1: not a feature). */
export function corpusFeatureSpace(corpus: Corpus, docs: readonly number[], minDocs = 2): { space: FeatureSpace; local: Int32Array } {
  const df = new Int32Array(corpus.keys.length);
  for (const d of docs) for (const id of (corpus.docs[d] as Corpus["docs"][number]).ids) df[id] = (df[id] as number) + 1;
  const kept: number[] = [];
  for (let id = 0; id < df.length; id++) if ((df[id] as number) >= minDocs) kept.push(id);
  kept.sort((a, b) => ((corpus.keys[a] as string) < (corpus.keys[b] as string) ? -1 : 1));
  const local = new Int32Array(corpus.keys.length).fill(-1);
  const idf = new Float32Array(kept.length);
  kept.forEach((id, i) => {
    local[id] = i;
    idf[i] = Math.log((1 + docs.length) / (1 + (df[id] as number))) + 1;
  });
  return { space: { keys: kept.map((id) => corpus.keys[id] as string), idf }, local };
}

export function vectorizeCorpusDoc(corpus: Corpus, doc: number, space: FeatureSpace, local: Int32Array): SparseVector {
  const { ids, counts } = corpus.docs[doc] as Corpus["docs"][number];
  const pairs: [number, number][] = [];
  for (let j = 0; j < ids.length; j++) {
    const i = local[ids[j] as number] as number;
    if (i >= 0) pairs.push([i, counts[j] as number]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return normalized(
    Int32Array.from(pairs, (p) => p[0]),
    pairs.map((p) => p[1]),
    space,
  );
}

/**
 * The feature space compiled for fast scoring (issue 7: ≥ 20,000 texts/s on one core). Same features as
 * featureKeysOf + vectorize (a property test holds them equal), without building a string per key: character
 * grams of ASCII letters and digits are looked up by a small integer that packs them exactly (no collisions),
 * the other keys by string in per-kind maps. Not shared between threads: it keeps scratch counters.
 */
export interface CompiledFeatures {
  space: FeatureSpace;
  /** Word → feature index, and word → its feature index as the first/second word of a bigram or trigram. */
  words: Map<string, number>;
  /** First word's feature → second word's feature → bigram feature. A bigram seen in k texts has both its words
   * in at least k texts, so both are features (and a trigram's first two words are a bigram feature). */
  bigrams: Map<number, Map<number, number>>;
  /** Bigram feature → last word's feature → trigram feature. */
  trigrams: Map<number, Map<number, number>>;
  packedGrams: Map<number, number>;
  otherGrams: Map<string, number>;
  wordCache: Map<string, WordEntry>;
  /** Reused buffer of feature occurrences (grows as needed). */
  scratch: Int32Array;
}

// Characters of grams in 6 bits: space, apostrophe, digits, a–z (what tokens hold after lower-casing, in ASCII).
// 0 means "not in this alphabet" (é, ß, Arabic …): such grams are looked up by string.
const GRAM_CODES = new Int8Array(128);
GRAM_CODES[32] = 1;
GRAM_CODES[39] = 2;
for (let d = 0; d < 10; d++) GRAM_CODES[48 + d] = 3 + d;
for (let l = 0; l < 26; l++) GRAM_CODES[97 + l] = 13 + l;

/**
 * A 4- or 5-gram as an exact small integer (≤ 30 bits: a V8 small integer, the fastest Map key). 4-grams are
 * below 64^4 and 5-grams at or above it (their first code is ≥ 1), so the two never meet. -1: not packable.
 */
function packGram(text: string, start: number, n: number): number {
  let key = 0;
  for (let k = start; k < start + n; k++) {
    const ch = text.charCodeAt(k);
    const code = ch < 128 ? (GRAM_CODES[ch] as number) : 0;
    if (code === 0) return -1;
    key = key * 64 + code;
  }
  return key;
}

export function compileFeatures(space: FeatureSpace): CompiledFeatures {
  const compiled: CompiledFeatures = {
    space,
    words: new Map(),
    bigrams: new Map(),
    trigrams: new Map(),
    packedGrams: new Map(),
    otherGrams: new Map(),
    wordCache: new Map(),
    scratch: new Int32Array(1024),
  };
  const nest = (outer: Map<number, Map<number, number>>, a: number | undefined, b: number | undefined, i: number) => {
    if (a === undefined || b === undefined) return;
    const inner = outer.get(a) ?? new Map<number, number>();
    outer.set(a, inner);
    inner.set(b, i);
  };
  for (const [i, key] of space.keys.entries()) if (key.startsWith("w:")) compiled.words.set(key.slice(2), i);
  const bigramIndex = new Map<string, number>();
  space.keys.forEach((key, i) => {
    const body = key.slice(2);
    if (key.startsWith("w:")) return;
    if (key.startsWith("b:")) {
      const [a, b] = body.split(" ") as [string, string];
      bigramIndex.set(body, i);
      nest(compiled.bigrams, compiled.words.get(a), compiled.words.get(b), i);
    } else if (key.startsWith("t:")) {
      const cut = body.lastIndexOf(" ");
      nest(compiled.trigrams, bigramIndex.get(body.slice(0, cut)), compiled.words.get(body.slice(cut + 1)), i);
    } else {
      const packed = packGram(body, 0, body.length);
      if (packed >= 0) compiled.packedGrams.set(packed, i);
      else compiled.otherGrams.set(body, i);
    }
  });
  return compiled;
}

const WORD_CACHE_LIMIT = 200_000;

interface WordEntry {
  /** The word's own feature (-1 when not one), which bigrams and trigrams are keyed by. */
  word: number;
  /** Every feature the word brings by itself: the word, its character grams (repeats kept: they count). */
  features: Int32Array;
}

/** What a word brings, found once per word and kept. */
function wordEntry(c: CompiledFeatures, w: string): WordEntry {
  const cached = c.wordCache.get(w);
  if (cached) return cached;
  const found: number[] = [];
  const word = c.words.get(w) ?? -1;
  if (word >= 0) found.push(word);
  if (w.length >= 4) {
    const padded = ` ${w} `;
    for (const n of CHAR_GRAMS) {
      for (let s = 0; s + n <= padded.length; s++) {
        const packed = packGram(padded, s, n);
        const i = packed >= 0 ? c.packedGrams.get(packed) : c.otherGrams.get(padded.slice(s, s + n));
        if (i !== undefined) found.push(i);
      }
    }
  }
  // Bounded: a stream of odd tokens (numbers, typos) must not grow it for ever.
  if (c.wordCache.size >= WORD_CACHE_LIMIT) c.wordCache.clear();
  const entry = { word, features: Int32Array.from(found) };
  c.wordCache.set(w, entry);
  return entry;
}

export function vectorizeCompiled(text: string, c: CompiledFeatures): SparseVector {
  // Every feature occurrence, then sorted: runs of equal indices are the counts (cheaper than a counter array
  // the size of the vocabulary).
  let n = 0;
  let previousWord = -1;
  let previousBigram: number | undefined;
  const words = tokenize(text);
  for (let t = 0; t < words.length; t++) {
    const { word, features } = wordEntry(c, words[t] as string);
    // A word adds at most its own features, a bigram and a trigram.
    if (n + features.length + 2 > c.scratch.length) c.scratch = grow(c.scratch, n + features.length + 2);
    const scratch = c.scratch;
    for (let k = 0; k < features.length; k++) scratch[n++] = features[k] as number;
    const bigram = previousWord < 0 || word < 0 ? undefined : c.bigrams.get(previousWord)?.get(word);
    if (bigram !== undefined) {
      scratch[n++] = bigram;
      const trigram = previousBigram === undefined ? undefined : c.trigrams.get(previousBigram)?.get(word);
      if (trigram !== undefined) scratch[n++] = trigram;
    }
    previousWord = word;
    previousBigram = bigram;
  }
  const sorted = c.scratch.subarray(0, n).sort();
  let distinct = 0;
  for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
  const indices = new Int32Array(distinct);
  const counts = new Int32Array(distinct);
  for (let k = 0, d = -1; k < n; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) indices[++d] = sorted[k] as number;
    counts[d] = (counts[d] as number) + 1;
  }
  return normalized(indices, counts, c.space);
}

const grow = (a: Int32Array, needed: number) => {
  const bigger = new Int32Array(Math.max(a.length * 2, needed));
  bigger.set(a);
  return bigger;
};
