// The tagging model: what a trained classifier holds and what it answers. Plain data so it can be written to a
// file, loaded in well under a second and shared by the CLI, the web pages and matching (issue 7).

/** Written in every model file; a file with another format is refused with how to rebuild it. */
export const TAG_MODEL_FORMAT = "passerelle-tag-model/1";

export interface LabelEvaluation {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationScores {
  n: number;
  microPrecision: number;
  microRecall: number;
  microF1: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  perLabel: Record<string, LabelEvaluation>;
}

/** How a model was measured before it was published (the "How tagging works" page shows this). */
export interface ModelEvaluation extends EvaluationScores {
  /** Plain-language protocol: which sessions trained, tuned and tested the measured model. */
  protocol: string;
  trainSessions: string;
  tuneSessions: string;
  testSessions: string;
  /** SDG goals derived from the predicted labels, compared with an official OHCHR thematic list. */
  sdg: { source: string; n: number; precision: number; recall: number; f1: number } | null;
}

/** Label → UHRI theme codes and SDG goals, frozen into the model when it is trained. */
export interface TagMapping {
  version: string;
  themesByLabel: Record<string, string[]>;
  sdgGoalsByLabel: Record<string, number[]>;
}

/** The text features: a vocabulary with inverse document frequencies. */
export interface FeatureSpace {
  /** Feature keys in index order: "w:word", "b:word word", "t:word word word", "c:gram". */
  keys: string[];
  idf: Float32Array;
}

export interface TagModel {
  format: typeof TAG_MODEL_FORMAT;
  name: string;
  /** Date and build counter, e.g. "2026-11-29.1": stored with every suggestion (provenance). */
  version: string;
  trainedAt: string;
  trainingRows: number;
  trainingSessions: string;
  labels: string[];
  features: FeatureSpace;
  /** Feature-major weights: weights[feature * labels.length + label] (one pass over a text's features scores every label). */
  weights: Float32Array;
  bias: Float32Array;
  /** Per label: the decision threshold tuned on held-out sessions, and the scale that turns a margin into a confidence. */
  thresholds: Float32Array;
  scales: Float32Array;
  mapping: TagMapping;
  evaluation: ModelEvaluation | null;
}

export interface LabelScore {
  label: string;
  /**
   * 0–1, 0.5 at the label's tuned threshold. `selected` when over it — or, when no label is, for the best one
   * alone (every UPR recommendation carries at least one issue), which then has a confidence below 0.5.
   */
  confidence: number;
  selected: boolean;
}

export interface ThemeSuggestion {
  code: string;
  confidence: number;
  fromLabels: string[];
}

export interface SdgGoalSuggestion {
  goal: number;
  confidence: number;
  fromLabels: string[];
}

export interface TagSuggestions {
  model: { name: string; version: string };
  /** Selected labels first, then the nearest misses, by confidence. */
  labels: LabelScore[];
  themes: ThemeSuggestion[];
  sdgGoals: SdgGoalSuggestion[];
}
