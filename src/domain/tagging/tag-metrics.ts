import type { EvaluationScores, LabelEvaluation } from "./tag-model.js";

// Multi-label scores as scikit-learn defines them: micro = from the pooled counts over all labels; macro = the
// plain mean over labels of the per-label value. A label with no gold example and no prediction in the evaluated
// set has no defined score and is left out of the macro mean (it would otherwise count as 0 or 1 arbitrarily).

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function scoreMultiLabel(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[], labels: readonly string[]): EvaluationScores {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (let i = 0; i < gold.length; i++) {
    const g = new Set(gold[i]);
    const p = new Set(predicted[i]);
    for (const l of p) add(g.has(l) ? tp : fp, l);
    for (const l of g) if (!p.has(l)) add(fn, l);
  }
  const all = [...new Set([...labels, ...tp.keys(), ...fp.keys(), ...fn.keys()])];
  const perLabel: Record<string, LabelEvaluation> = {};
  let sumTp = 0;
  let sumFp = 0;
  let sumFn = 0;
  const defined: LabelEvaluation[] = [];
  for (const l of all) {
    const t = tp.get(l) ?? 0;
    const f = fp.get(l) ?? 0;
    const m = fn.get(l) ?? 0;
    sumTp += t;
    sumFp += f;
    sumFn += m;
    const precision = ratio(t, t + f);
    const recall = ratio(t, t + m);
    const e = { precision, recall, f1: f1Of(precision, recall), support: t + m };
    perLabel[l] = e;
    if (t + f + m > 0) defined.push(e);
  }
  const mean = (k: keyof LabelEvaluation) =>
    ratio(
      defined.reduce((s, e) => s + e[k], 0),
      defined.length,
    );
  const microPrecision = ratio(sumTp, sumTp + sumFp);
  const microRecall = ratio(sumTp, sumTp + sumFn);
  return {
    n: gold.length,
    microPrecision,
    microRecall,
    microF1: f1Of(microPrecision, microRecall),
    macroPrecision: mean("precision"),
    macroRecall: mean("recall"),
    macroF1: mean("f1"),
    perLabel,
  };
}

/** The threshold on a score that maximises F1 for one label (ties: the higher threshold, fewer false alarms). */
export function bestF1Threshold(scores: ArrayLike<number>, positive: ArrayLike<number>): { threshold: number; f1: number } {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let totalPositive = 0;
  for (let i = 0; i < n; i++) totalPositive += positive[i] ? 1 : 0;
  if (totalPositive === 0) return { threshold: Number.POSITIVE_INFINITY, f1: 0 };
  let tp = 0;
  let best = { threshold: 0, f1: -1 };
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    if (positive[i]) tp++;
    const next = order[k + 1];
    // Only cut between distinct scores.
    if (next !== undefined && scores[next] === scores[i]) continue;
    const f1 = (2 * tp) / (k + 1 + totalPositive);
    if (f1 > best.f1) {
      const s = scores[i] as number;
      const below = next === undefined ? s - 1e-3 : (scores[next] as number);
      // The midpoint, unless rounding puts it on the upper score (adjacent floats): then the lower one.
      const mid = (s + below) / 2;
      best = { threshold: mid < s ? mid : below, f1 };
    }
  }
  return best;
}
