import path from "node:path";
import { AppError } from "../domain/core/app-error.js";
import { DEFAULT_TRAINING, type TrainingStep, evaluateModel, trainTagModel } from "../domain/tagging/model-training.js";
import { scoreSdgGoals } from "../domain/tagging/sdg-evaluation.js";
import type { EvaluationScores, TagModel } from "../domain/tagging/tag-model.js";
import { suggestTags } from "../domain/tagging/tag-suggest.js";
import { readLabelledRecommendations } from "../imports/labelled-recommendations.js";
import { DEFAULT_RESOURCES_DIR, resolveResourceFile } from "../imports/resources-path.js";
import { DEFAULT_TAG_MODEL_FILE, loadTagModel, writeTagModel } from "../imports/tag-model-file.js";
import { readTagMapping } from "../imports/theme-mapping-file.js";
import { parseUhriFile } from "../imports/uhri-thematic-list.js";
import type { Output } from "./cli-runtime.js";
import { startParallelLabelTrainer } from "./parallel-label-trainer.js";

// `passerelle classify train | eval | suggest` (issue 7). Batch tagging of stored recommendations is
// `passerelle classify tag` (classify-tag-command.ts): it needs the database, these three do not.

export const DEFAULT_TRAINING_FILE = "upr-info/upr_recommendations_sessions01-17.csv";
const SLOVENIA_LIST = "uhri-slovenia/slovenia_upr_thematic_recommendations_c2-c3.csv";
export const MODEL_NAME = "passerelle-upr-issues";
const SLOVENIA_SOURCE = "OHCHR thematic list of recommendations, Slovenia, UPR cycle 3 (SDG goals as OHCHR assigned them)";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const STEP_LABELS: Record<TrainingStep, string> = {
  features: "Reading the texts",
  folds: "Tuning thresholds on held-out sessions",
  measured: "Training the measured model",
  published: "Training the published model",
};

function labelTable(scores: EvaluationScores): string[] {
  const rows = Object.entries(scores.perLabel).sort((a, b) => b[1].support - a[1].support || a[0].localeCompare(b[0]));
  const width = Math.max(5, ...rows.map(([l]) => l.length));
  return [
    `${"label".padEnd(width)}  support  precision  recall     F1`,
    ...rows.map(
      ([l, e]) =>
        `${l.padEnd(width)}  ${String(e.support).padStart(7)}  ${pct(e.precision).padStart(9)}  ${pct(e.recall).padStart(6)}  ${pct(e.f1).padStart(6)}`,
    ),
  ];
}

function summary(scores: EvaluationScores): string[] {
  return [
    `${scores.n} recommendations`,
    `micro  precision ${pct(scores.microPrecision)}  recall ${pct(scores.microRecall)}  F1 ${pct(scores.microF1)}`,
    `macro  precision ${pct(scores.macroPrecision)}  recall ${pct(scores.macroRecall)}  F1 ${pct(scores.macroF1)}`,
  ];
}

/** A dated version: several trainings on the same day get .2, .3 … from the previous model's version. */
function nextVersion(previous: string | null): string {
  const today = new Date().toISOString().slice(0, 10);
  const match = previous?.match(/^(\d{4}-\d{2}-\d{2})\.(\d+)$/);
  return match && match[1] === today ? `${today}.${Number(match[2]) + 1}` : `${today}.1`;
}

function previousVersion(file: string): string | null {
  try {
    return loadTagModel(file).version;
  } catch {
    return null;
  }
}

export interface TrainCommandOptions {
  input?: string;
  out?: string;
  c?: string;
}

export async function runClassifyTrain(options: TrainCommandOptions, out: Output): Promise<void> {
  const input = options.input ?? resolveResourceFile(DEFAULT_RESOURCES_DIR, DEFAULT_TRAINING_FILE);
  const target = options.out ?? DEFAULT_TAG_MODEL_FILE;
  const c = options.c === undefined ? DEFAULT_TRAINING.c : Number(options.c);
  if (!(c > 0)) throw new AppError("invalid_input", `--c must be a positive number, not "${options.c}"`, [{ field: "c", message: "must be > 0" }]);
  const started = Date.now();
  const read = out.progress(100, `Reading ${path.basename(input)}`);
  const file = await readLabelledRecommendations(input, (done, total) => read.update(Math.round((100 * done) / Math.max(total, 1))));
  read.stop();
  if (!file.hasSession) {
    throw new AppError("invalid_input", `${input} has no session column: the model is tuned and measured on held-out sessions`, [
      { field: "session", message: "column missing" },
    ]);
  }
  out.info(`Read ${file.rows.length} labelled recommendations${file.skipped.length ? ` (${file.skipped.length} left out: no text or no label)` : ""}`);
  let bar: ReturnType<Output["progress"]> | undefined;
  let current: TrainingStep | undefined;
  const pool = startParallelLabelTrainer();
  const model = await trainTagModel(
    file.rows,
    { ...DEFAULT_TRAINING, c, name: MODEL_NAME, version: nextVersion(previousVersion(target)), mapping: readTagMapping() },
    (step, done, total) => {
      if (step !== current) {
        bar?.stop();
        bar = out.progress(total, STEP_LABELS[step]);
        current = step;
      }
      bar?.update(done);
    },
    pool.train,
  ).finally(() => pool.close());
  bar?.stop();
  if (model.evaluation) {
    const slovenia = parseUhriFile(resolveResourceFile(DEFAULT_RESOURCES_DIR, SLOVENIA_LIST));
    const cycle3 = slovenia.rows.filter((r) => r.cycle === 3).map((r) => ({ text: r.text, goals: r.sdgGoals }));
    model.evaluation.sdg = scoreSdgGoals(model, cycle3, SLOVENIA_SOURCE);
  }
  const bytes = writeTagModel(model, target);
  const seconds = (Date.now() - started) / 1000;
  const e = model.evaluation;
  out.result(
    [
      `Model ${model.name} ${model.version}: ${model.labels.length} labels, ${model.features.keys.length} features, ${model.trainingRows} recommendations (sessions ${model.trainingSessions})`,
      ...(e ? [e.protocol, ...summary(e), e.sdg ? `SDG goals on ${e.sdg.source}: ${e.sdg.n} recommendations, F1 ${pct(e.sdg.f1)}` : ""] : []),
      `Written to ${target} (${(bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s`,
    ]
      .filter(Boolean)
      .join("\n"),
    {
      name: model.name,
      version: model.version,
      file: target,
      bytes,
      seconds,
      labels: model.labels.length,
      features: model.features.keys.length,
      evaluation: e,
    },
  );
}

export interface EvalCommandOptions {
  input?: string;
  model?: string;
}

export async function runClassifyEval(options: EvalCommandOptions, out: Output): Promise<void> {
  if (!options.input)
    throw new AppError("invalid_input", "--input FILE.csv is required (a CSV with the UPR Info header …,recommendation,…,issues)", [
      { field: "input", message: "is required" },
    ]);
  const model = loadTagModel(options.model ?? DEFAULT_TAG_MODEL_FILE);
  const read = out.progress(100, `Reading ${path.basename(options.input)}`);
  const file = await readLabelledRecommendations(options.input, (done, total) => read.update(Math.round((100 * done) / Math.max(total, 1))));
  read.stop();
  if (!file.rows.length)
    throw new AppError("invalid_input", `${options.input} has no labelled recommendation to evaluate on`, [
      { field: "issues", message: "no row with text and labels" },
    ]);
  const scores = evaluateModel(model, file.rows);
  const unknown = Object.keys(scores.perLabel).filter((l) => !model.labels.includes(l));
  out.result(
    [
      `Model ${model.name} ${model.version} on ${options.input}`,
      ...summary(scores),
      file.skipped.length ? `${file.skipped.length} row(s) left out: no text or no label` : "",
      unknown.length ? `Labels the model does not know (always missed): ${unknown.join(", ")}` : "",
      "",
      ...labelTable(scores),
    ]
      .filter((l, i, all) => l !== "" || (i > 0 && all[i - 1] !== ""))
      .join("\n"),
    { model: { name: model.name, version: model.version }, skipped: file.skipped.length, unknownLabels: unknown, ...scores },
  );
}

export function runClassifySuggest(options: { text?: string; model?: string }, out: Output, model?: TagModel): void {
  const used = model ?? loadTagModel(options.model ?? DEFAULT_TAG_MODEL_FILE);
  const s = suggestTags(used, options.text ?? "");
  out.result(
    [
      `Suggested by ${s.model.name} ${s.model.version} (not official until a reviewer accepts them):`,
      ...s.labels.map((l) => `${l.selected ? "✓" : " "} ${pct(l.confidence).padStart(6)}  ${l.label}`),
      s.themes.length ? `UHRI themes: ${s.themes.map((t) => `${t.code} (${pct(t.confidence)})`).join(", ")}` : "UHRI themes: none",
      s.sdgGoals.length ? `SDG goals: ${s.sdgGoals.map((g) => `${g.goal} (${pct(g.confidence)})`).join(", ")}` : "SDG goals: none",
    ].join("\n"),
    s,
  );
}
