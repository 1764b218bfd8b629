import type { RecommendationSummary } from "../domain/recommendations/recommendation-search.js";
import { csvDocument } from "./csv.js";

// Column order follows the UPR Info export where the fields match, so the download opens in the same templates.
const COLUMNS: { header: string; value: (r: RecommendationSummary) => unknown }[] = [
  { header: "id", value: (r) => r.id },
  { header: "mechanism", value: (r) => r.mechanism },
  { header: "cycle", value: (r) => r.cycle },
  { header: "session", value: (r) => r.session },
  { header: "year", value: (r) => r.year },
  { header: "state_under_review", value: (r) => r.stateIso3 },
  { header: "paragraph", value: (r) => r.paragraph },
  { header: "document_symbol", value: (r) => r.documentSymbol },
  { header: "recommendation", value: (r) => r.text },
  { header: "language", value: (r) => r.textLang },
  { header: "recommending_states", value: (r) => r.recommendingStates },
  { header: "position", value: (r) => r.position },
  { header: "position_as_given", value: (r) => r.positionWord },
  { header: "uhri_themes", value: (r) => r.themes },
  { header: "upr_info_issues", value: (r) => r.issues },
  { header: "sdg_goals", value: (r) => r.sdgGoals },
  { header: "groups_of_persons", value: (r) => r.persons },
  { header: "source", value: (r) => (r.source === "upr-info" ? "UPR Info (upr-info.org)" : "OHCHR Universal Human Rights Index") },
];

export function recommendationCsv(pages: AsyncIterable<RecommendationSummary[]>): AsyncGenerator<string> {
  return csvDocument(COLUMNS, pages);
}
