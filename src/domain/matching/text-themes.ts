import { defaultTagModel } from "../../imports/tag-model-file.js";
import { isAppError } from "../core/app-error.js";
import type { TagModel } from "../tagging/tag-model.js";
import { isTaggableText, suggestTagsForCheckedText } from "../tagging/tag-suggest.js";

// Matching reuse of the tagging model (issue 7 §4): the same text features that tag recommendations read a request's
// needs statement or an offer's description and suggest UHRI themes, for requests and offers whose authors chose few
// or none. A text the model cannot read (empty, another language) suggests nothing: the model never guesses.

export type TextThemes = { codes: string[]; model: string };

/** Texts seen recently (a ranking reads the same offers and requests again and again). */
const CACHE_SIZE = 2000;
const cache = new Map<string, string[]>();

/** The tagging model when it can be loaded; matching works without it (the factor is then left out). */
function modelOrNull(): TagModel | null {
  try {
    return defaultTagModel();
  } catch (e) {
    if (isAppError(e)) return null;
    throw e;
  }
}

/** UHRI themes the model suggests for a text (selected labels mapped through the model's taxonomy mapping). */
export function suggestThemesFromText(text: string, model: TagModel | null = modelOrNull()): TextThemes | null {
  if (!model || !isTaggableText(text).ok) return null;
  const key = `${model.name}\u0000${model.version}\u0000${text}`;
  let codes = cache.get(key);
  if (codes) {
    cache.delete(key);
  } else {
    codes = suggestTagsForCheckedText(model, text)
      .themes.map((t) => t.code)
      .sort();
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, codes);
  return codes.length > 0 ? { codes, model: `${model.name} ${model.version}` } : null;
}

/** The facts' fields for suggested themes: nothing when the text suggests nothing. */
export function suggestedThemeFacts(text: string, model?: TagModel | null): { suggestedThemes: string[]; suggestedBy: string | null } {
  const found = model === undefined ? suggestThemesFromText(text) : suggestThemesFromText(text, model);
  return found ? { suggestedThemes: found.codes, suggestedBy: found.model } : { suggestedThemes: [], suggestedBy: null };
}
