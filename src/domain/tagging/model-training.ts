import { AppError } from "../core/app-error.js";
import { marginsOf, selectLabels, vectorizeFor } from "./label-scoring.js";
import { type LinearClassifier, type TrainOptions, trainBinarySvm } from "./linear-trainer.js";
import { bestF1Threshold, scoreMultiLabel } from "./tag-metrics.js";
import { type EvaluationScores, TAG_MODEL_FORMAT, type TagMapping, type TagModel } from "./tag-model.js";
import { type Corpus, type SparseRows, type SparseVector, corpusFeatureSpace, indexCorpus, toSparseRows, vectorizeCorpusDoc } from "./text-features.js";

// Training protocol (issue 7). Identical texts recur across States and sessions, so every split is by session,
// never random. With sessions s1 < … < sN:
// - development sessions s1…sN-2, test sessions sN-1, sN (never used to train or tune the measured model);
// - thresholds: each label's F1-best cut on margins of models that did not see the rows — the two latest
//   development sessions (the closest in time to what comes next) and, pooled, the older ones held out in two
//   halves; the two cuts are averaged (measured on this data: recent-only or pooled-only cuts are worse);
// - the measured model is trained on all development sessions and scored on the test sessions: that is the
//   published accuracy. The published model is then trained on every session with the same thresholds.

export interface LabelledText {
  text: string;
  labels: string[];
  session: number | null;
}

export interface TrainingSettings {
  name: string;
  version: string;
  c: number;
  minDocs: number;
  seed: number;
  evidenceScaling?: TrainOptions["evidenceScaling"];
  mapping: TagMapping;
}

// C and the scaling were chosen on sessions 1–13 with thresholds from 14–15 (never on the test sessions).
export const DEFAULT_TRAINING: Omit<TrainingSettings, "name" | "version" | "mapping"> = {
  c: 0.4,
  minDocs: 2,
  seed: 20201007,
  evidenceScaling: { power: 0.75, smoothing: 1 },
};

export type TrainingStep = "features" | "folds" | "measured" | "published";
export type TrainingProgress = (step: TrainingStep, done: number, total: number) => void;

/** Trains one binary classifier per positives vector; the CLI passes one that spreads labels over CPU cores. */
export type LabelTrainer = (
  rows: SparseRows,
  positives: readonly Uint8Array[],
  dimension: number,
  options: TrainOptions,
  onLabel: () => void,
) => Promise<LinearClassifier[]>;

export const trainLabelsInline: LabelTrainer = async (rows, positives, dimension, options, onLabel) =>
  positives.map((p) => {
    const c = trainBinarySvm(rows, p, dimension, options);
    onLabel();
    return c;
  });

interface SessionPlan {
  train: number[];
  tune: number[];
  test: number[];
}

const span = (s: readonly number[]) => (s.length === 0 ? "" : s.length === 1 ? `${s[0]}` : `${s[0]}–${s[s.length - 1]}`);
const list = (s: readonly number[]) => (s.length > 4 ? `${s.slice(0, 3).join(", ")} … ${s[s.length - 1]}` : s.join(", "));

export function planSessions(rows: readonly LabelledText[]): SessionPlan {
  const sessions = [...new Set(rows.map((r) => r.session).filter((s): s is number => s !== null))].sort((a, b) => a - b);
  if (sessions.length < 5) {
    throw new AppError(
      "invalid_input",
      `Training needs at least 5 distinct sessions to tune and measure on held-out sessions; the file has ${sessions.length}`,
      [{ field: "session", message: "too few distinct sessions" }],
    );
  }
  return { train: sessions.slice(0, -4), tune: sessions.slice(-4, -2), test: sessions.slice(-2) };
}

function labelSetOf(rows: readonly LabelledText[]): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) for (const l of r.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l]) => l);
}

interface Trainer {
  rows: readonly LabelledText[];
  corpus: Corpus;
  labels: string[];
  settings: TrainingSettings;
  trainLabels: LabelTrainer;
  progress?: TrainingProgress;
}

/** Fits a model on some rows (indices into the trainer's rows); thresholds 0 and scales 1 until tuned. */
async function fit(t: Trainer, docs: readonly number[], step: TrainingStep): Promise<{ model: TagModel; vectorsOf: (d: readonly number[]) => SparseVector[] }> {
  const { space, local } = corpusFeatureSpace(t.corpus, docs, t.settings.minDocs);
  const vectorsOf = (d: readonly number[]) => d.map((i) => vectorizeCorpusDoc(t.corpus, i, space, local));
  const labelsCount = t.labels.length;
  const positives = t.labels.map((label) => Uint8Array.from(docs, (i) => ((t.rows[i] as LabelledText).labels.includes(label) ? 1 : 0)));
  let done = 0;
  const classifiers = await t.trainLabels(
    toSparseRows(vectorsOf(docs)),
    positives,
    space.keys.length,
    { c: t.settings.c, seed: t.settings.seed, evidenceScaling: t.settings.evidenceScaling },
    () => t.progress?.(step, ++done, labelsCount),
  );
  const weights = new Float32Array(space.keys.length * labelsCount);
  const bias = new Float32Array(labelsCount);
  classifiers.forEach((c, l) => {
    bias[l] = c.bias;
    for (let f = 0; f < space.keys.length; f++) weights[f * labelsCount + l] = c.weights[f] as number;
  });
  const model: TagModel = {
    format: TAG_MODEL_FORMAT,
    name: t.settings.name,
    version: t.settings.version,
    trainedAt: new Date().toISOString(),
    trainingRows: docs.length,
    trainingSessions: "",
    labels: t.labels,
    features: space,
    weights,
    bias,
    thresholds: new Float32Array(labelsCount),
    scales: new Float32Array(labelsCount).fill(1),
    mapping: t.settings.mapping,
    evaluation: null,
  };
  return { model, vectorsOf };
}

/** Held-out margins (label-major) of the given rows from a model trained on `trainDocs`. */
async function heldOutMargins(t: Trainer, trainDocs: readonly number[], heldDocs: readonly number[]): Promise<Float64Array[]> {
  const { model, vectorsOf } = await fit(t, trainDocs, "folds");
  const perRow = vectorsOf(heldDocs).map((v) => marginsOf(model, v));
  return t.labels.map((_, l) => Float64Array.from(perRow, (m) => m[l] as number));
}

const positivesOf = (t: Trainer, docs: readonly number[], label: string) =>
  Uint8Array.from(docs, (i) => ((t.rows[i] as LabelledText).labels.includes(label) ? 1 : 0));

function cutOf(scores: Float64Array, positive: Uint8Array): number | null {
  const { threshold } = bestF1Threshold(scores, positive);
  return Number.isFinite(threshold) ? threshold : null;
}

/** Logistic scale s so that sigmoid(s · margin) is calibrated on held-out rows (0.5 stays at the threshold). */
function fitScale(margins: Float64Array, positive: Uint8Array): number {
  let best = { s: 1, loss: Number.POSITIVE_INFINITY };
  for (let k = 0; k <= 60; k++) {
    const s = 0.5 * 1.1 ** k;
    let loss = 0;
    for (let i = 0; i < margins.length; i++) {
      const z = s * (margins[i] as number) * (positive[i] ? 1 : -1);
      loss += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
    }
    if (loss < best.loss) best = { s, loss };
  }
  return best.s;
}

/** Thresholds and confidence scales for a model trained on the development sessions (see the protocol above). */
async function tuneThresholds(t: Trainer, plan: SessionPlan): Promise<{ thresholds: Float32Array; scales: Float32Array }> {
  const docsIn = (sessions: readonly number[]) => t.rows.flatMap((r, i) => (r.session !== null && sessions.includes(r.session) ? [i] : []));
  const older = [plan.train.filter((_, k) => k % 2 === 0), plan.train.filter((_, k) => k % 2 === 1)];
  const blocks = [plan.tune, ...older.filter((b) => b.length)];
  const dev = [...plan.train, ...plan.tune];
  const held = blocks.map((b) => docsIn(b));
  const margins: Float64Array[][] = [];
  for (const [k, b] of blocks.entries()) margins.push(await heldOutMargins(t, docsIn(dev.filter((s) => !b.includes(s))), held[k] as number[]));
  const thresholds = new Float32Array(t.labels.length);
  const scales = new Float32Array(t.labels.length);
  t.labels.forEach((label, l) => {
    const recent = { m: (margins[0] as Float64Array[])[l] as Float64Array, y: positivesOf(t, held[0] as number[], label) };
    const pooledM = Float64Array.from(margins.flatMap((m) => [...(m[l] as Float64Array)]));
    const pooledY = Uint8Array.from(held.flatMap((d) => [...positivesOf(t, d, label)]));
    const cuts = [cutOf(recent.m, recent.y), cutOf(pooledM, pooledY)].filter((c): c is number => c !== null);
    // A label never seen in held-out rows keeps the SVM's own boundary.
    const cut = cuts.length ? cuts.reduce((a, b) => a + b, 0) / cuts.length : 0;
    thresholds[l] = cut;
    scales[l] = fitScale(
      pooledM.map((m) => m - cut),
      pooledY,
    );
  });
  return { thresholds, scales };
}

const labelKey = (label: string) =>
  label
    .normalize("NFKC")
    .replace(/[‘’`´]/g, "'")
    .replace(/[‐‑‒–—]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();

/**
 * A file's labels as the model spells them when they differ only in case, spacing, dashes or apostrophes
 * ("Women’s rights", "rights of the child"): other exports of the UPR Info database are not always typed alike.
 * A label the model does not know at all is kept as written (it counts as missed).
 */
export function canonicalLabels(model: TagModel, labels: readonly string[]): string[] {
  const known = new Map(model.labels.map((l) => [labelKey(l), l]));
  return [...new Set(labels.map((l) => known.get(labelKey(l)) ?? l.trim()))];
}

/** Scores a model on labelled rows with the product's own decision rule. */
export function evaluateModel(model: TagModel, rows: readonly LabelledText[], vectors?: readonly SparseVector[]): EvaluationScores {
  const predicted = rows.map((r, i) => selectLabels(marginsOf(model, vectors?.[i] ?? vectorizeFor(model, r.text))).map((l) => model.labels[l] as string));
  return scoreMultiLabel(
    rows.map((r) => canonicalLabels(model, r.labels)),
    predicted,
    model.labels,
  );
}

/** Trains the published model after measuring the same procedure on held-out sessions. Deterministic. */
export async function trainTagModel(
  rows: readonly LabelledText[],
  settings: TrainingSettings,
  progress?: TrainingProgress,
  trainLabels: LabelTrainer = trainLabelsInline,
): Promise<TagModel> {
  const plan = planSessions(rows);
  progress?.("features", 0, 1);
  const t: Trainer = { rows, corpus: indexCorpus(rows.map((r) => r.text)), labels: labelSetOf(rows), settings, trainLabels, progress };
  progress?.("features", 1, 1);
  const { thresholds, scales } = await tuneThresholds(t, plan);
  const docsIn = (sessions: readonly number[]) => rows.flatMap((r, i) => (r.session !== null && sessions.includes(r.session) ? [i] : []));
  const dev = [...plan.train, ...plan.tune];
  const measured = await fit(t, docsIn(dev), "measured");
  measured.model.thresholds.set(thresholds);
  const testDocs = docsIn(plan.test);
  const scores = evaluateModel(
    measured.model,
    testDocs.map((i) => rows[i] as LabelledText),
    measured.vectorsOf(testDocs),
  );
  const published = await fit(
    t,
    rows.map((_, i) => i),
    "published",
  );
  published.model.thresholds.set(thresholds);
  published.model.scales.set(scales);
  return {
    ...published.model,
    trainingSessions: span([...dev, ...plan.test]),
    evaluation: {
      ...scores,
      protocol: `Measured on sessions ${span(plan.test)}, which the measured model never saw: trained on sessions ${span(dev)}; each label's threshold tuned on held-out development sessions (${span(plan.tune)}, and ${list(plan.train)} in two halves). The published model is the same procedure trained on every session (${span([...dev, ...plan.test])}).`,
      trainSessions: span(dev),
      tuneSessions: span(dev),
      testSessions: span(plan.test),
      sdg: null,
    },
  };
}
