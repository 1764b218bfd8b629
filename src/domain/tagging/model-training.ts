import { AppError } from "../core/app-error.js";
import { type TrainOptions, trainBinarySvm } from "./linear-trainer.js";
import { marginsOf, selectLabels, vectorizeFor } from "./label-scoring.js";
import { bestF1Threshold, scoreMultiLabel } from "./tag-metrics.js";
import { TAG_MODEL_FORMAT, type EvaluationScores, type TagMapping, type TagModel } from "./tag-model.js";
import { type SparseVector, buildFeatureSpace, indexFeatureSpace, vectorize } from "./text-features.js";

// Training protocol (issue 7): identical texts recur across States and sessions, so every split is by session,
// never random. With sessions s1 < … < sN: train on all but the last four, tune each label's threshold on the
// next two, measure on the last two (the published accuracy); the published model is then retrained on every
// session with the tuned thresholds — more sessions help more than re-tuning does (measured: docs/tagging.md).

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
  mapping: TagMapping;
  /** Skip the measured run (train the published model only; thresholds are then tuned on the last two sessions). */
  evaluate: boolean;
}

export const DEFAULT_TRAINING: Omit<TrainingSettings, "name" | "version" | "mapping"> = { c: 1, minDocs: 2, seed: 20201007, evaluate: true };

export type TrainingStep = "features" | "train" | "tune" | "test" | "final";
export type TrainingProgress = (step: TrainingStep, done: number, total: number) => void;

interface SessionSplit {
  train: LabelledText[];
  tune: LabelledText[];
  test: LabelledText[];
  sessions: { train: number[]; tune: number[]; test: number[] };
}

const span = (s: number[]) => (s.length === 0 ? "" : s.length === 1 ? `${s[0]}` : `${s[0]}–${s[s.length - 1]}`);

export function splitBySession(rows: readonly LabelledText[]): SessionSplit {
  const sessions = [...new Set(rows.map((r) => r.session).filter((s): s is number => s !== null))].sort((a, b) => a - b);
  if (sessions.length < 5) {
    throw new AppError(
      "invalid_input",
      `Training needs at least 5 distinct sessions to tune and measure on held-out sessions; the file has ${sessions.length}`,
      [{ field: "session", message: "too few distinct sessions" }],
    );
  }
  const test = sessions.slice(-2);
  const tune = sessions.slice(-4, -2);
  const train = sessions.slice(0, -4);
  const pick = (set: number[]) => rows.filter((r) => r.session !== null && set.includes(r.session));
  return { train: pick(train), tune: pick(tune), test: pick(test), sessions: { train, tune, test } };
}

function labelSetOf(rows: readonly LabelledText[]): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) for (const l of r.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l]) => l);
}

export interface Fitted {
  model: TagModel;
  vectorsOf: (rows: readonly LabelledText[]) => SparseVector[];
}

export function fit(
  rows: readonly LabelledText[],
  labels: string[],
  settings: TrainingSettings,
  progress?: TrainingProgress,
  step: TrainingStep = "train",
): Fitted {
  const space = buildFeatureSpace(
    rows.map((r) => r.text),
    settings.minDocs,
  );
  const index = indexFeatureSpace(space);
  const vectorsOf = (rs: readonly LabelledText[]) => rs.map((r) => vectorize(r.text, space, index));
  const x = vectorsOf(rows);
  const options: TrainOptions = { c: settings.c, seed: settings.seed };
  const weights = new Float32Array(space.keys.length * labels.length);
  const bias = new Float32Array(labels.length);
  labels.forEach((label, l) => {
    const positive = Uint8Array.from(rows, (r) => (r.labels.includes(label) ? 1 : 0));
    const classifier = trainBinarySvm(x, positive, space.keys.length, options);
    for (let f = 0; f < space.keys.length; f++) weights[f * labels.length + l] = classifier.weights[f] as number;
    bias[l] = classifier.bias;
    progress?.(step, l + 1, labels.length);
  });
  const model: TagModel = {
    format: TAG_MODEL_FORMAT,
    name: settings.name,
    version: settings.version,
    trainedAt: new Date().toISOString(),
    trainingRows: rows.length,
    trainingSessions: "",
    labels,
    features: space,
    weights,
    bias,
    thresholds: new Float32Array(labels.length),
    scales: new Float32Array(labels.length).fill(1),
    mapping: settings.mapping,
    evaluation: null,
  };
  return { model, vectorsOf };
}

/** Logistic scale s so that sigmoid(s · margin) is calibrated on the tuning rows (0.5 stays at the threshold). */
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

/** Per-label thresholds (best F1) and confidence scales from held-out rows; thresholds are written into the model. */
export function tune(fitted: Fitted, rows: readonly LabelledText[], progress?: TrainingProgress): void {
  const { model } = fitted;
  const x = fitted.vectorsOf(rows);
  const margins = x.map((v) => marginsOf(model, v));
  model.labels.forEach((label, l) => {
    const scores = Float64Array.from(margins, (m) => m[l] as number);
    const positive = Uint8Array.from(rows, (r) => (r.labels.includes(label) ? 1 : 0));
    const { threshold } = bestF1Threshold(scores, positive);
    // A label never seen in the tuning sessions keeps the SVM's own boundary.
    const t = Number.isFinite(threshold) ? threshold : 0;
    model.thresholds[l] = t;
    model.scales[l] = fitScale(
      scores.map((s) => s - t),
      positive,
    );
    progress?.("tune", l + 1, model.labels.length);
  });
}

/** Scores a model on labelled rows with the product's own decision rule. */
export function evaluateModel(model: TagModel, rows: readonly LabelledText[], vectors?: SparseVector[]): EvaluationScores {
  const predicted = rows.map((r, i) => selectLabels(marginsOf(model, vectors?.[i] ?? vectorizeFor(model, r.text))).map((l) => model.labels[l] as string));
  return scoreMultiLabel(
    rows.map((r) => r.labels),
    predicted,
    model.labels,
  );
}

/** Trains the published model, measuring it first on held-out sessions. */
export function trainTagModel(rows: readonly LabelledText[], settings: TrainingSettings, progress?: TrainingProgress): TagModel {
  const split = splitBySession(rows);
  const labels = labelSetOf(rows);
  const measured = fit(split.train, labels, settings, progress, "train");
  tune(measured, split.tune, progress);
  let evaluation: TagModel["evaluation"] = null;
  if (settings.evaluate) {
    const scores = evaluateModel(measured.model, split.test, measured.vectorsOf(split.test));
    progress?.("test", 1, 1);
    evaluation = {
      ...scores,
      protocol: `Trained on sessions ${span(split.sessions.train)}, thresholds tuned on sessions ${span(split.sessions.tune)}, measured on sessions ${span(split.sessions.test)} (never seen in training or tuning).`,
      trainSessions: span(split.sessions.train),
      tuneSessions: span(split.sessions.tune),
      testSessions: span(split.sessions.test),
      sdg: null,
    };
  }
  const published = fit(rows, labels, settings, progress, "final");
  published.model.thresholds.set(measured.model.thresholds);
  published.model.scales.set(measured.model.scales);
  const all = [...split.sessions.train, ...split.sessions.tune, ...split.sessions.test];
  return { ...published.model, trainingSessions: span(all), evaluation };
}
