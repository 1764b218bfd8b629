import type { Db } from "../../store/db.js";
import { countStoredRows } from "../../store/tag-store.js";
import { defaultTagModel } from "../../imports/tag-model-file.js";
import { isAppError } from "../core/app-error.js";
import { tagRecommendations } from "../tagging/tag-batch-service.js";
import { SEED_ACTOR } from "./demo-recommendations.js";

// Suggested tags for the OHCHR thematic lists of Slovenia (UPR 20 and 34) shipped in resources/, so the review queue
// of a first start holds real work: the model's UPR Info issues, UHRI themes and SDG goals for each recommendation,
// undecided until a reviewer accepts or rejects them (issue 7, journey 8). A few hundred rows: well under a second.

export type TaggingSeedReport = { status: "seeded" | "unchanged" | "unavailable"; subjects: number; suggestions: number; message?: string };

export async function seedDemoTagging(db: Db, options: { onProgress?: (step: string) => void } = {}): Promise<TaggingSeedReport> {
  const stored = await countStoredRows(db, "recommendation");
  if (stored.suggested + stored.accepted + stored.rejected > 0) return { status: "unchanged", subjects: 0, suggestions: 0 };
  let model: ReturnType<typeof defaultTagModel>;
  try {
    model = defaultTagModel();
  } catch (e) {
    // The platform works without suggestions: a missing or outdated model file is reported, not fatal, on start.
    if (!isAppError(e)) throw e;
    options.onProgress?.(`tag suggestions skipped: ${e.message}`);
    return { status: "unavailable", subjects: 0, suggestions: 0, message: e.message };
  }
  options.onProgress?.("suggesting tags for the OHCHR thematic lists of Slovenia");
  const report = await tagRecommendations(db, SEED_ACTOR, model, { source: "uhri", state: "SVN" });
  return { status: "seeded", subjects: report.subjects, suggestions: report.suggestions };
}
