import type { Viewer } from "../../domain/access/viewer.js";
import { listTaxonomyTerms } from "../../domain/reference/reference-service.js";
import { listSubjectTags, type TagSubject } from "../../domain/tagging/tag-review-service.js";
import { defaultTagModel } from "../../imports/tag-model-file.js";
import type { Db } from "../../store/db.js";
import type { PageContext } from "../../web/page-context.js";
import type { CodeLabels } from "./page-labels.js";
import { type TagChoices, type TagPanelProps, tagFlashOf, tagName } from "./tag-panel.js";

// What a page needs to show the "Themes and tags" panel of one subject: one call from the recommendation and request
// pages. The "add a tag" choices are read only for reviewers.

/** The tags a reviewer may add: current UHRI themes and SDG goals (named in the page's language) and the model's
 * UPR Info issues (English, as UPR Info publishes them). */
export async function tagChoices(db: Db, labels: CodeLabels): Promise<TagChoices> {
  const themes = await listTaxonomyTerms(db, "uhri-theme");
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  return {
    // Level-2 codes ("E5") are what recommendations carry; level-1 groups ("E") are headings, not tags.
    uhri: themes.filter((t) => /^[A-H]\d{1,2}$/.test(t.code)).map((t) => ({ code: t.code, label: tagName(labels, "uhri", t.code) })),
    sdg: Array.from({ length: 17 }, (_, i) => ({ code: String(i + 1), label: tagName(labels, "sdg", String(i + 1)) })),
    "upr-info": [...defaultTagModel().labels].map((l) => ({ code: l, label: l })).sort(byName),
  };
}

export async function loadTagPanel(
  db: Db,
  viewer: Viewer,
  ctx: PageContext,
  subject: TagSubject,
  labels: CodeLabels,
  back: string,
): Promise<Omit<TagPanelProps, "ctx">> {
  const tags = await listSubjectTags(db, viewer, subject);
  return {
    subject,
    tags,
    labels,
    choices: tags.canReview ? await tagChoices(db, labels) : null,
    // Only a reviewer decides, so only a reviewer is told a decision was recorded (a crafted link shows nothing).
    flash: tags.canReview ? tagFlashOf(ctx.query) : null,
    back,
  };
}
