import type { ColumnType, Generated } from "kysely";

// Kysely's view of the tagging tables (migration 0009): model suggestions and human decisions on the tags of
// recommendations and assistance requests (issue 7).

type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type TagSubjectKind = "recommendation" | "request";
export type TagSchemeCode = "upr-info" | "uhri" | "sdg";
export type TagOrigin = "model" | "human";
export type TagStatus = "suggested" | "accepted" | "rejected";

export interface TagSuggestionsTable {
  id: Generated<number>;
  subject_kind: TagSubjectKind;
  subject_id: string;
  scheme: TagSchemeCode;
  code: string;
  confidence: Optional<number>;
  origin: TagOrigin;
  model_name: Optional<string>;
  model_version: Optional<string>;
  status: TagStatus;
  decided_by: Optional<string>;
  decided_at: Optional<Date>;
  created_at: Generated<Date>;
}

export interface TaggingTables {
  tag_suggestions: TagSuggestionsTable;
}
