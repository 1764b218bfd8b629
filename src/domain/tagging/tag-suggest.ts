import { AppError } from "../core/app-error.js";
import { confidenceOf, marginsOf, selectLabels, vectorizeFor } from "./label-scoring.js";
import type { LabelScore, SdgGoalSuggestion, TagModel, TagSuggestions, ThemeSuggestion } from "./tag-model.js";
import { detectLanguage } from "./text-language.js";

// What the model suggests for one text: UPR Info labels with confidence, and the UHRI themes and SDG goals they
// map to. Suggestions are never official by themselves: a reviewer accepts or rejects them (issue 7 §3).

/** The model reads English only: anything else is refused with the language named, never guessed at. */
export function isTaggableText(text: string): { ok: true } | { ok: false; reason: string; problem: string } {
  if (!text.trim()) return { ok: false, reason: "The text is empty: there is nothing to tag.", problem: "is empty" };
  const language = detectLanguage(text);
  if (!language) return { ok: false, reason: "The text has no words (only digits or signs): there is nothing to tag.", problem: "has no words" };
  if (language.code !== "en") {
    return {
      ok: false,
      reason: `The text looks like ${language.name}; the tagging model reads English only (it is trained on the English UPR Info texts). Tag it by hand, or tag its English version.`,
      problem: `is not in English (looks like ${language.name})`,
    };
  }
  return { ok: true };
}

export function assertTaggableText(text: string): void {
  const check = isTaggableText(text);
  if (!check.ok) throw new AppError("invalid_input", check.reason, [{ field: "text", message: check.problem }]);
}

/**
 * Label scores for a text already checked: the selected labels, then the `extra` most confident others, each
 * group by confidence. Margins order like confidences within a label, not across labels (each has its own
 * scale), so ranking uses the confidences; only the returned labels become objects (batch tagging speed).
 */
export function scoreLabels(model: TagModel, text: string, extra = model.labels.length): LabelScore[] {
  const margins = marginsOf(model, vectorizeFor(model, text));
  const count = margins.length;
  const confidence = new Float64Array(count);
  for (let l = 0; l < count; l++) confidence[l] = confidenceOf(model, l, margins[l] as number);
  const chosen = selectLabels(margins).sort((a, b) => (confidence[b] as number) - (confidence[a] as number));
  const isChosen = new Uint8Array(count);
  const out: LabelScore[] = [];
  for (const l of chosen) {
    isChosen[l] = 1;
    out.push({ label: model.labels[l] as string, confidence: confidence[l] as number, selected: true });
  }
  for (let round = Math.min(extra, count - chosen.length); round > 0; round--) {
    let best = -1;
    for (let l = 0; l < count; l++) if (!isChosen[l] && (best < 0 || (confidence[l] as number) > (confidence[best] as number))) best = l;
    isChosen[best] = 1;
    out.push({ label: model.labels[best] as string, confidence: confidence[best] as number, selected: false });
  }
  return out;
}

/** Mapped suggestions carry the best confidence of the labels they come from. */
function mapSelected<K extends string | number>(
  labels: LabelScore[],
  targetsOf: (label: string) => K[],
): { key: K; confidence: number; fromLabels: string[] }[] {
  const out = new Map<K, { key: K; confidence: number; fromLabels: string[] }>();
  for (const s of labels) {
    if (!s.selected) continue;
    for (const key of targetsOf(s.label)) {
      const seen = out.get(key);
      if (seen) {
        seen.confidence = Math.max(seen.confidence, s.confidence);
        seen.fromLabels.push(s.label);
      } else out.set(key, { key, confidence: s.confidence, fromLabels: [s.label] });
    }
  }
  return [...out.values()].sort((a, b) => b.confidence - a.confidence);
}

export function suggestTags(model: TagModel, text: string, options: { maxLabels?: number } = {}): TagSuggestions {
  assertTaggableText(text);
  return suggestTagsForCheckedText(model, text, options);
}

/** suggestTags for a text that isTaggableText already accepted (batch work checks once, to count what it skips). */
export function suggestTagsForCheckedText(model: TagModel, text: string, options: { maxLabels?: number } = {}): TagSuggestions {
  const all = scoreLabels(model, text, options.maxLabels ?? 3);
  const selectedCount = all.filter((s) => s.selected).length;
  const labels = all.slice(0, Math.max(selectedCount, options.maxLabels ?? selectedCount + 3));
  const themes: ThemeSuggestion[] = mapSelected(labels, (l) => model.mapping.themesByLabel[l] ?? []).map(({ key, ...rest }) => ({ code: key, ...rest }));
  const sdgGoals: SdgGoalSuggestion[] = mapSelected(labels, (l) => model.mapping.sdgGoalsByLabel[l] ?? []).map(({ key, ...rest }) => ({ goal: key, ...rest }));
  return { model: { name: model.name, version: model.version }, labels, themes, sdgGoals };
}
