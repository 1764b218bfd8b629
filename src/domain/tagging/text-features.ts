import type { FeatureSpace } from "./tag-model.js";

// TF-IDF text features shared by the tagging model and matching (issue 7 §4): word unigrams and bigrams, and
// character 4–5-grams inside words (they carry inflections and compounds: "ratif" in ratify/ratification).
// Sublinear term frequency, smoothed idf, unit length — the usual strong baseline for short policy texts.

/** A sparse vector: feature indices (ascending) and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const CHAR_GRAMS = [4, 5] as const;

/** Lower-cased word tokens, apostrophes folded; numbers kept (resolution 1325, ILO 189 are informative). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize("NFKC").toLowerCase().matchAll(WORD)) out.push(m[0].replace("’", "'"));
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

/** The vocabulary of a corpus: keys seen in at least `minDocs` documents, in a stable (sorted) order. */
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

/** The TF-IDF vector of one text (unknown keys ignored), L2-normalised; empty when nothing is known. */
export function vectorize(text: string, space: FeatureSpace, index: Map<string, number>): SparseVector {
  const counts = new Map<number, number>();
  for (const k of featureKeysOf(text)) {
    const i = index.get(k);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const indices = Int32Array.from(counts.keys()).sort();
  const values = new Float32Array(indices.length);
  let norm = 0;
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j] as number;
    const v = (1 + Math.log(counts.get(i) as number)) * (space.idf[i] as number);
    values[j] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < values.length; j++) values[j] = (values[j] as number) * inv;
  }
  return { indices, values };
}
