import { isTaggableText, suggestTags } from "./tag-suggest.js";
import type { ModelEvaluation, TagModel } from "./tag-model.js";

// SDG goals reached through the labels (model → UPR Info labels → goal mapping), compared with the goals OHCHR
// itself assigned in an official thematic list (issue 7 §1). Scored like the labels: micro precision, recall
// and F1 over (recommendation, goal) pairs; a recommendation OHCHR gave no goal still counts (a goal suggested
// for it is a false alarm).

export interface SdgLabelledText {
  text: string;
  goals: number[];
}

export function scoreSdgGoals(model: TagModel, rows: readonly SdgLabelledText[], source: string): NonNullable<ModelEvaluation["sdg"]> {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let n = 0;
  for (const row of rows) {
    if (!isTaggableText(row.text).ok) continue;
    n++;
    const predicted = new Set(suggestTags(model, row.text).sdgGoals.map((g) => g.goal));
    const gold = new Set(row.goals);
    for (const g of predicted)
      if (gold.has(g)) tp++;
      else fp++;
    for (const g of gold) if (!predicted.has(g)) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { source, n, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
