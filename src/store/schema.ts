import type { ColumnType, Generated } from "kysely";
import type { CooperationTables } from "./schema-cooperation.js";
import type { EducationTables } from "./schema-education.js";
import type { TaggingTables } from "./schema-tagging.js";

// Kysely's view of the tables created by migrations/*.sql. Column names stay snake_case here;
// store functions map rows to camelCase domain objects field by field.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type Visibility = "public" | "state_and_un" | "un_only" | "originator_only";

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ReferenceDatasetsTable {
  id: string;
  title: string;
  version: string;
  source: string;
  licence: string;
  content_sha256: string;
  loaded_at: Generated<Date>;
}

export interface LanguagesTable {
  code: string;
  name_en: string;
  name_fr: string | null;
  native_name: string | null;
  un_official: boolean;
  direction: "ltr" | "rtl";
}

export interface RegionalGroupsTable {
  code: string;
  name_en: string;
  name_fr: string;
}

export interface CountriesTable {
  iso3: string;
  iso2: string | null;
  m49: string;
  name_en: string;
  region_code: string | null;
  region_name: string | null;
  subregion_code: string | null;
  subregion_name: string | null;
  intermediate_region_code: string | null;
  intermediate_region_name: string | null;
  regional_group: string | null;
  regional_group_note: string | null;
  dataset_id: string;
}

export interface CountryDesignationsTable {
  iso3: string;
  designation: "un_member" | "un_observer" | "ldc" | "lldc" | "sids";
  valid_from: string | null;
  valid_to: string | null;
  source: string;
}

export interface CountryNamesTable {
  iso3: string;
  lang: string;
  kind: "short" | "alias";
  name: string;
  normalized: string;
  source: string;
  official: boolean;
  valid_from: string | null;
  valid_to: string | null;
}

export interface TaxonomiesTable {
  id: string;
  title: string;
  version: string;
  source: string;
  licence: string;
}

export interface TaxonomyTermsTable {
  taxonomy_id: string;
  code: string;
  parent_code: string | null;
  sort_key: number;
  labels: Json<Record<string, string>>;
  descriptions: Json<Record<string, string>>;
  attributes: Json<Record<string, unknown>>;
  valid_from: string;
  valid_to: string | null;
}

export interface UprCyclesTable {
  cycle: number;
  first_session: number;
  last_session: number;
}

export interface UprSessionsTable {
  session: number;
  cycle: number;
  year: number;
}

export interface OrganizationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  acronym: string | null;
  org_type: string;
  country_iso3: string | null;
  parent_id: string | null;
  iati_ref: string | null;
  website: string | null;
  visibility: Visibility;
  is_demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  preferred_language: Generated<string>;
  is_demo: Generated<boolean>;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}

export interface MembershipsTable {
  user_id: string;
  organization_id: string;
  role: string;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  label: string;
  token_prefix: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  email_normalized: string;
  occurred_at: Generated<Date>;
}

export interface AuditEventsTable {
  seq: number;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface Database extends RecommendationTables, CooperationTables, EducationTables, TaggingTables {
  settings: SettingsTable;
  reference_datasets: ReferenceDatasetsTable;
  languages: LanguagesTable;
  regional_groups: RegionalGroupsTable;
  countries: CountriesTable;
  country_designations: CountryDesignationsTable;
  country_names: CountryNamesTable;
  taxonomies: TaxonomiesTable;
  taxonomy_terms: TaxonomyTermsTable;
  upr_cycles: UprCyclesTable;
  upr_sessions: UprSessionsTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
}

// ---- recommendations registry (migration 0003) ----

export interface RecommendationsTable {
  id: string;
  mechanism: string;
  source_dataset: string;
  cycle: number | null;
  session: number | null;
  state_iso3: string;
  state_name_as_given: string;
  paragraph: string | null;
  document_symbol: string | null;
  text: string;
  text_lang: string;
  action_category: number | null;
  position: string;
  position_word: string | null;
  recommending_iso3s: string[];
  recommending_groups: string[];
  theme_codes: string[];
  issues: string[];
  persons: string[];
  sdg_goals: number[];
  sdg_targets: string[];
  year: number | null;
  content_hash: string;
  facet_tokens: Generated<string[]>;
  imported_at: Generated<Date>;
  updated_at: Generated<Date>;
  search: Generated<string>;
}

export interface RecommendationSourcesTable {
  recommendation_id: string;
  ordinal: number;
  iso3: string | null;
  name_as_given: string;
  regional_group_as_given: string | null;
}

export interface RecommendationPositionsTable {
  id: Generated<number>;
  recommendation_id: string;
  position: string;
  position_word: string | null;
  source_document: string | null;
  source_dataset: string;
  recorded_at: Generated<Date>;
}

export interface RecommendationThemesTable {
  recommendation_id: string;
  scheme: "uhri" | "upr-info";
  code: string | null;
  label: string;
  provenance: "source" | "mapping" | "algorithm" | "human";
}

export interface ThemeMappingsTable {
  upr_info_issue: string;
  uhri_code: string;
  note: string | null;
}

export interface ImplementationAssessmentsTable {
  id: Generated<string>;
  recommendation_id: string;
  assessor_type: string;
  organization_id: string;
  author_user_id: string | null;
  status: string;
  evidence: string;
  assessed_on: string;
  text_lang: string;
  visibility: Visibility;
  state_iso3: string;
  show_author: boolean;
  created_at: Generated<Date>;
}

export interface VoluntaryPledgesTable {
  id: string;
  source_dataset: string;
  cycle: number | null;
  session: number | null;
  state_iso3: string;
  text: string;
  text_lang: string;
  pledge_type: string | null;
  action_category: number | null;
  issues: string[];
  content_hash: string;
  search: Generated<string>;
}

export interface RecommendationFacetCountsTable {
  facet: string;
  value: string;
  n: number;
}

export interface RecommendationTables {
  recommendations: RecommendationsTable;
  recommendation_sources: RecommendationSourcesTable;
  recommendation_positions: RecommendationPositionsTable;
  recommendation_themes: RecommendationThemesTable;
  theme_mappings: ThemeMappingsTable;
  implementation_assessments: ImplementationAssessmentsTable;
  voluntary_pledges: VoluntaryPledgesTable;
  recommendation_facet_counts: RecommendationFacetCountsTable;
}
