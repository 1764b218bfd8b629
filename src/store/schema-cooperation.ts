import type { ColumnType, Generated } from "kysely";
import type { Visibility } from "./schema.js";

// Kysely's view of the cooperation tables (migration 0005): State profiles, assistance requests, offers, pairings,
// activities and their results, national actors, consents.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** numeric comes back as a string from both engines (no float rounding of money). */
type Numeric = ColumnType<string, string | number, string | number>;

export interface StateProfileEntriesTable {
  id: Defaulted<string>;
  state_iso3: string;
  kind: string;
  priority_rank: Optional<number>;
  title: string;
  description: Defaulted<string>;
  status: Defaulted<string>;
  themes: Defaulted<string[]>;
  sdg_targets: Defaulted<string[]>;
  recommendation_ids: Defaulted<string[]>;
  text_lang: Defaulted<string>;
  visibility: Defaulted<Visibility>;
  organization_id: string;
  created_by: Optional<string>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StateContactsTable {
  id: Defaulted<string>;
  state_iso3: string;
  kind: string;
  name: string;
  function_title: Defaulted<string>;
  institution: Defaulted<string>;
  email: Optional<string>;
  phone: Optional<string>;
  visibility: Defaulted<Visibility>;
  organization_id: string;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssistanceRequestsTable {
  id: Defaulted<string>;
  reference: Optional<string>;
  state_iso3: string;
  organization_id: string;
  created_by: Optional<string>;
  status: Defaulted<string>;
  status_reason: Optional<string>;
  title: string;
  needs_statement: Defaulted<string>;
  objectives: Defaulted<string>;
  priority_rank: Optional<number>;
  channel_reference: Optional<string>;
  treaty_articles: Defaulted<string[]>;
  themes: Defaulted<string[]>;
  persons: Defaulted<string[]>;
  sdg_targets: Defaulted<string[]>;
  isced_levels: Defaulted<string[]>;
  modalities: Defaulted<string[]>;
  continuity_needs: Defaulted<string[]>;
  covid_context: Defaulted<boolean>;
  covid_phase: Optional<string>;
  timeframe_start: Optional<string>;
  timeframe_end: Optional<string>;
  working_languages: Defaulted<string[]>;
  budget_amount: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  budget_currency: Optional<string>;
  fund_requested: Optional<string>;
  text_lang: Defaulted<string>;
  visibility: Defaulted<Visibility>;
  submitted_at: Optional<Date>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssistanceRequestProvidersTable {
  request_id: string;
  organization_id: string;
  declined_at: Optional<Date>;
  decline_reason: Optional<string>;
}

export interface AssistanceRequestRecommendationsTable {
  request_id: string;
  recommendation_id: string;
  position_at_link: string;
}

export interface AssistanceRequestPledgesTable {
  request_id: string;
  pledge_id: string;
}

export interface AssistanceRequestEventsTable {
  id: Generated<number>;
  request_id: string;
  from_status: Optional<string>;
  to_status: string;
  reason: Optional<string>;
  actor_user_id: Optional<string>;
  actor_organization_id: Optional<string>;
  occurred_at: Timestamp;
}

export interface ProviderProfilesTable {
  organization_id: string;
  summary: Defaulted<string>;
  themes: Defaulted<string[]>;
  sdg_targets: Defaulted<string[]>;
  modalities: Defaulted<string[]>;
  cooperation_types: Defaulted<string[]>;
  languages: Defaulted<string[]>;
  regions: Defaulted<string[]>;
  continuity_needs: Defaulted<string[]>;
  version: Defaulted<number>;
  updated_at: Timestamp;
}

export interface OffersTable {
  id: Defaulted<string>;
  organization_id: string;
  request_id: Optional<string>;
  state_iso3: Optional<string>;
  created_by: Optional<string>;
  status: Defaulted<string>;
  status_reason: Optional<string>;
  title: string;
  description: Defaulted<string>;
  themes: Defaulted<string[]>;
  sdg_targets: Defaulted<string[]>;
  persons: Defaulted<string[]>;
  isced_levels: Defaulted<string[]>;
  modalities: Defaulted<string[]>;
  continuity_needs: Defaulted<string[]>;
  cooperation_type: string;
  languages: Defaulted<string[]>;
  regions: Defaulted<string[]>;
  capacity: Defaulted<string>;
  available_from: Optional<string>;
  available_to: Optional<string>;
  budget_amount: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  budget_currency: Optional<string>;
  fund_source: Optional<string>;
  technology_transfer_terms: Optional<string>;
  text_lang: Defaulted<string>;
  visibility: Defaulted<Visibility>;
  published_at: Optional<Date>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PairingsTable {
  id: Defaulted<string>;
  request_id: string;
  offer_id: string;
  status: Defaulted<string>;
  match_score: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  match_explanation: Defaulted<unknown>;
  follow_up_due: string;
  follow_up_report: Optional<string>;
  follow_up_submitted_at: Optional<Date>;
  created_by: Optional<string>;
  version: Defaulted<number>;
  created_at: Timestamp;
}

export interface PairingMilestonesTable {
  id: Defaulted<string>;
  pairing_id: string;
  title: string;
  due_on: Optional<string>;
  done_on: Optional<string>;
  note: Defaulted<string>;
  created_at: Timestamp;
}

export interface ActivitiesTable {
  id: Defaulted<string>;
  iati_identifier: Optional<string>;
  organization_id: string;
  state_iso3: string;
  offer_id: Optional<string>;
  title: string;
  description: Defaulted<string>;
  status: Defaulted<number>;
  planned_start: Optional<string>;
  planned_end: Optional<string>;
  actual_start: Optional<string>;
  actual_end: Optional<string>;
  default_currency: Defaulted<string>;
  budget_amount: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  fund: Optional<string>;
  dac_sectors: Defaulted<string[]>;
  sdg_targets: Defaulted<string[]>;
  themes: Defaulted<string[]>;
  persons: Defaulted<string[]>;
  modalities: Defaulted<string[]>;
  cooperation_type: Optional<string>;
  covid_context: Defaulted<boolean>;
  covid_phase: Optional<string>;
  gender_marker: Optional<number>;
  disability_marker: Optional<number>;
  text_lang: Defaulted<string>;
  visibility: Defaulted<Visibility>;
  details_withheld: Defaulted<boolean>;
  withheld_reason: Optional<string>;
  created_by: Optional<string>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  // migration 0006 (transparency)
  source: Defaulted<"passerelle" | "iati_import">;
  iati_import_id: Optional<string>;
  aid_type: Defaulted<string>;
  collaboration_type: Optional<string>;
  flow_type: Optional<string>;
  finance_type: Optional<string>;
  iati_last_updated: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ActivityRequestsTable {
  activity_id: string;
  request_id: string;
}

export interface ActivityRecommendationsTable {
  activity_id: string;
  recommendation_id: string;
}

export interface ActivityParticipantsTable {
  id: Defaulted<string>;
  activity_id: string;
  organization_id: Optional<string>;
  name: string;
  iati_ref: Optional<string>;
  org_type: Optional<string>;
  role: number;
}

export interface ActivityTransactionsTable {
  id: Defaulted<string>;
  activity_id: string;
  transaction_type: number;
  transaction_date: string;
  value_date: Optional<string>;
  amount: Numeric;
  currency: string;
  description: Defaulted<string>;
  provider_name: Optional<string>;
  receiver_name: Optional<string>;
  created_by: Optional<string>;
  created_at: Timestamp;
  provider_ref: Optional<string>; // migration 0006
  receiver_ref: Optional<string>;
}

export interface ActivityResultsTable {
  id: Defaulted<string>;
  activity_id: string;
  result_type: number;
  title: string;
  description: Defaulted<string>;
  created_at: Timestamp;
}

export interface ResultIndicatorsTable {
  id: Defaulted<string>;
  result_id: string;
  title: string;
  measure: Defaulted<number>;
  ascending: Defaulted<boolean>;
  baseline_year: Optional<number>;
  baseline_value: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  target_value: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  target_date: Optional<string>;
  created_at: Timestamp;
}

export interface IndicatorValuesTable {
  id: Defaulted<string>;
  indicator_id: string;
  period_start: string;
  period_end: string;
  value: Numeric;
  sex: Defaulted<string>;
  age_band: Defaulted<string>;
  disability: Defaulted<string>;
  location: Defaulted<string>;
  created_at: Timestamp;
}

export interface ActivityDocumentsTable {
  id: Defaulted<string>;
  activity_id: string;
  title: string;
  url: string;
  category: string;
  language: Defaulted<string>;
  document_date: Optional<string>;
  created_at: Timestamp;
}

export interface ActivityEventsTable {
  id: Generated<number>;
  activity_id: string;
  from_status: Optional<number>;
  to_status: number;
  reason: Optional<string>;
  actor_user_id: Optional<string>;
  occurred_at: Timestamp;
}

export interface NationalActorsTable {
  id: Defaulted<string>;
  request_id: Optional<string>;
  activity_id: Optional<string>;
  actor_type: string;
  involvement: string;
  name: Optional<string>;
  name_consented: Defaulted<boolean>;
  created_at: Timestamp;
}

export interface ConsentsTable {
  id: Defaulted<string>;
  activity_id: string;
  state_iso3: string;
  organization_id: string;
  granted_by_user: Optional<string>;
  granted_by_name: string;
  channel: string;
  channel_reference: string;
  scope: string;
  counterparts: Defaulted<string[]>;
  publish_details: Defaulted<boolean>;
  granted_on: string;
  expires_on: Optional<string>;
  revoked_at: Optional<Date>;
  revoked_by: Optional<string>;
  revocation_reason: Optional<string>;
  created_at: Timestamp;
}

export interface CooperationTables {
  state_profile_entries: StateProfileEntriesTable;
  state_contacts: StateContactsTable;
  assistance_requests: AssistanceRequestsTable;
  assistance_request_providers: AssistanceRequestProvidersTable;
  assistance_request_recommendations: AssistanceRequestRecommendationsTable;
  assistance_request_pledges: AssistanceRequestPledgesTable;
  assistance_request_events: AssistanceRequestEventsTable;
  provider_profiles: ProviderProfilesTable;
  offers: OffersTable;
  pairings: PairingsTable;
  pairing_milestones: PairingMilestonesTable;
  activities: ActivitiesTable;
  activity_requests: ActivityRequestsTable;
  activity_recommendations: ActivityRecommendationsTable;
  activity_participants: ActivityParticipantsTable;
  activity_transactions: ActivityTransactionsTable;
  activity_results: ActivityResultsTable;
  result_indicators: ResultIndicatorsTable;
  indicator_values: IndicatorValuesTable;
  activity_documents: ActivityDocumentsTable;
  activity_events: ActivityEventsTable;
  national_actors: NationalActorsTable;
  exchange_rates: ExchangeRatesTable;
  iati_imports: IatiImportsTable;
  consents: ConsentsTable;
}

// ---- migration 0006: transparency register and open data ----

export interface ExchangeRatesTable {
  currency: string;
  year: number;
  units_per_usd: Numeric;
  observations: Defaulted<number>;
  source: string;
}

export type IatiImportOutcome = { identifier: string; line: number; outcome: "created" | "updated" | "unchanged" | "skipped"; reason: string | null };

export interface IatiImportsTable {
  id: Defaulted<string>;
  file_name: string;
  sha256: string;
  iati_version: string;
  created_count: Defaulted<number>;
  updated_count: Defaulted<number>;
  unchanged_count: Defaulted<number>;
  skipped_count: Defaulted<number>;
  report: ColumnType<IatiImportOutcome[], string | undefined, string>;
  imported_by: Optional<string>;
  created_at: Timestamp;
}
