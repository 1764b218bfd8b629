import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bestF1Threshold, scoreMultiLabel } from "../src/domain/tagging/tag-metrics.js";

describe("multi-label scores", () => {
  // Worked by hand: A has tp 2 fp 1 fn 0; B tp 1 fp 0 fn 1; C tp 0 fp 0 fn 1.
  const gold = [["A", "B"], ["A"], ["B", "C"]];
  const predicted = [["A", "B"], ["A"], ["A"]];

  it.each([
    ["microPrecision", 3 / 4],
    ["microRecall", 3 / 5],
    ["microF1", (2 * (3 / 4) * (3 / 5)) / (3 / 4 + 3 / 5)],
    ["macroPrecision", (2 / 3 + 1 + 0) / 3],
    ["macroRecall", (1 + 1 / 2 + 0) / 3],
    ["macroF1", (0.8 + 2 / 3 + 0) / 3],
  ] as const)("%s", (key, expected) => {
    expect(scoreMultiLabel(gold, predicted, ["A", "B", "C"])[key]).toBeCloseTo(expected, 10);
  });

  it("gives per-label support and F1, and leaves labels with no example and no prediction out of the macro mean", () => {
    const s = scoreMultiLabel(gold, predicted, ["A", "B", "C", "Unused"]);
    expect(s.perLabel.A).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8, support: 2 });
    expect(s.perLabel.C).toMatchObject({ f1: 0, support: 1 });
    expect(s.perLabel.Unused).toMatchObject({ f1: 0, support: 0 });
    expect(s.macroF1).toBeCloseTo((0.8 + 2 / 3 + 0) / 3, 10);
    expect(s.n).toBe(3);
  });

  it("counts labels only in the file (unknown to the model) as misses", () => {
    const s = scoreMultiLabel([["New label"]], [["A"]], ["A"]);
    expect(s.perLabel["New label"]).toMatchObject({ support: 1, recall: 0 });
    expect(s.microF1).toBe(0);
  });

  it("is 1 for perfect predictions and stays within 0–1 for any input", () => {
    const labelSets = fc.array(fc.subarray(["a", "b", "c", "d"]), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(labelSets, labelSets, (g, p) => {
        const rows = Math.min(g.length, p.length);
        const s = scoreMultiLabel(g.slice(0, rows), p.slice(0, rows), ["a", "b", "c", "d"]);
        for (const v of [s.microF1, s.macroF1, s.microPrecision, s.macroRecall]) expect(v >= 0 && v <= 1).toBe(true);
        if (g.slice(0, rows).some((x) => x.length)) expect(scoreMultiLabel(g.slice(0, rows), g.slice(0, rows), ["a"]).microF1).toBe(1);
      }),
    );
  });
});

describe("best F1 threshold", () => {
  it("cuts between the scores where F1 is highest", () => {
    // Positives at 0.9 and 0.6, a negative at 0.7: cutting under 0.6 gives F1 0.8, under 0.9 gives 0.667.
    const r = bestF1Threshold([0.9, 0.7, 0.6, 0.1], [1, 0, 1, 0]);
    expect(r.f1).toBeCloseTo(0.8, 10);
    expect(r.threshold).toBeCloseTo(0.35, 10);
  });

  it("never cuts between equal scores", () => {
    const r = bestF1Threshold([0.5, 0.5, 0.2], [1, 0, 0]);
    expect(r.threshold).toBeCloseTo(0.35, 10);
  });

  it("has no threshold for a label without positives", () => {
    expect(bestF1Threshold([0.3, 0.2], [0, 0]).threshold).toBe(Number.POSITIVE_INFINITY);
  });

  it("separates perfectly separable scores with F1 1", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 40 }), (raw) => {
        const scores = [...new Set(raw)];
        if (scores.length < 2) return;
        const cut = [...scores].sort((a, b) => a - b)[Math.floor(scores.length / 2)] as number;
        const positive = scores.map((s) => (s >= cut ? 1 : 0));
        const r = bestF1Threshold(scores, positive);
        expect(r.f1).toBe(1);
        for (let i = 0; i < scores.length; i++) expect((scores[i] as number) > r.threshold).toBe(positive[i] === 1);
      }),
    );
  });
});
