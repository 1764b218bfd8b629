import type { TagModel } from "./tag-model.js";
import { type CompiledFeatures, type SparseVector, compileFeatures, vectorizeCompiled } from "./text-features.js";

// Turning a text into per-label margins, confidences and the selected labels. Shared by evaluation, the CLI,
// the pages and batch tagging so that all of them decide exactly alike.

const compiledFeatures = new WeakMap<TagModel, CompiledFeatures>();

/** A model's features compiled for scoring, once per model (on first use). */
function compiledFeaturesOf(model: TagModel): CompiledFeatures {
  let compiled = compiledFeatures.get(model);
  if (!compiled) {
    compiled = compileFeatures(model.features);
    compiledFeatures.set(model, compiled);
  }
  return compiled;
}

export function vectorizeFor(model: TagModel, text: string): SparseVector {
  return vectorizeCompiled(text, compiledFeaturesOf(model));
}

/** Margins of every label minus its tuned threshold: > 0 means the label passes. */
export function marginsOf(model: TagModel, x: SparseVector, out = new Float64Array(model.labels.length)): Float64Array {
  const labels = model.labels.length;
  for (let l = 0; l < labels; l++) out[l] = (model.bias[l] as number) - (model.thresholds[l] as number);
  const { indices, values } = x;
  const w = model.weights;
  // Two features per pass: half the reads and writes of `out`.
  let j = 0;
  for (; j + 1 < indices.length; j += 2) {
    const a = (indices[j] as number) * labels;
    const b = (indices[j + 1] as number) * labels;
    const va = values[j] as number;
    const vb = values[j + 1] as number;
    for (let l = 0; l < labels; l++) out[l] = (out[l] as number) + (w[a + l] as number) * va + (w[b + l] as number) * vb;
  }
  if (j < indices.length) {
    const a = (indices[j] as number) * labels;
    const va = values[j] as number;
    for (let l = 0; l < labels; l++) out[l] = (out[l] as number) + (w[a + l] as number) * va;
  }
  return out;
}

export const confidenceOf = (model: TagModel, label: number, margin: number) => 1 / (1 + Math.exp(-(model.scales[label] as number) * margin));

/**
 * The labels a model assigns: every label over its threshold, or the single best one when none is — every UPR
 * recommendation carries at least one issue in the UPR Info database.
 */
export function selectLabels(margins: ArrayLike<number>): number[] {
  const chosen: number[] = [];
  let best = 0;
  for (let l = 0; l < margins.length; l++) {
    if ((margins[l] as number) > 0) chosen.push(l);
    if ((margins[l] as number) > (margins[best] as number)) best = l;
  }
  return chosen.length ? chosen : margins.length ? [best] : [];
}

export function predictLabels(model: TagModel, text: string): string[] {
  return selectLabels(marginsOf(model, vectorizeFor(model, text))).map((l) => model.labels[l] as string);
}
