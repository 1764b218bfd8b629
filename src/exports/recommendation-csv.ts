import type { RecommendationSummary } from "../domain/recommendations/recommendation-search.js";
import type { TableColumn } from "./hxl.js";

// Column order follows the UPR Info export where the fields match, so the download opens in the same templates.
// The headers are the column keys (unchanged since the first CSV download); the HXL tags serve the .hxl.csv and
// .json variants (issue 5 item 4): #country+code for the State under review as in FTS, #status for the position.
export const RECOMMENDATION_COLUMNS: TableColumn<RecommendationSummary>[] = [
  { key: "id", header: "id", hxl: "#meta+id", value: (r) => r.id },
  { key: "mechanism", header: "mechanism", hxl: "#event+mechanism", value: (r) => r.mechanism },
  { key: "cycle", header: "cycle", hxl: "#event+cycle", value: (r) => r.cycle },
  { key: "session", header: "session", hxl: "#event+session", value: (r) => r.session },
  { key: "year", header: "year", hxl: "#date+year", value: (r) => r.year },
  { key: "state_under_review", header: "state_under_review", hxl: "#country+code", value: (r) => r.stateIso3 },
  { key: "paragraph", header: "paragraph", hxl: "#meta+paragraph", value: (r) => r.paragraph },
  { key: "document_symbol", header: "document_symbol", hxl: "#meta+document+symbol", value: (r) => r.documentSymbol },
  { key: "recommendation", header: "recommendation", hxl: "#description+recommendation", value: (r) => r.text },
  { key: "language", header: "language", hxl: "#meta+lang", value: (r) => r.textLang },
  { key: "recommending_states", header: "recommending_states", hxl: "#country+code+recommending+list", value: (r) => r.recommendingStates },
  { key: "position", header: "position", hxl: "#status+code", value: (r) => r.position },
  { key: "position_as_given", header: "position_as_given", hxl: "#status+text", value: (r) => r.positionWord },
  { key: "uhri_themes", header: "uhri_themes", hxl: "#sector+uhri+code+list", value: (r) => r.themes },
  { key: "upr_info_issues", header: "upr_info_issues", hxl: "#sector+upr_info+name+list", value: (r) => r.issues },
  { key: "sdg_goals", header: "sdg_goals", hxl: "#sector+sdg+code+list", value: (r) => r.sdgGoals },
  { key: "groups_of_persons", header: "groups_of_persons", hxl: "#group+persons+code+list", value: (r) => r.persons },
  {
    key: "source",
    header: "source",
    hxl: "#meta+source",
    value: (r) => (r.source === "upr-info" ? "UPR Info (upr-info.org)" : "OHCHR Universal Human Rights Index"),
  },
];
