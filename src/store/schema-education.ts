import type { ColumnType, Generated } from "kysely";
import type { Visibility } from "./schema.js";

// Kysely's view of the education monitoring tables (migration 0008): school-closure releases, observations and the
// forms derived from them, national monitoring mechanisms and education indicator series.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json<T = unknown> = ColumnType<T, string, string>;
/** date columns come back as "YYYY-MM-DD" strings (store/type-parsers.ts). */
type Day = ColumnType<string, string, string>;
/** bigint comes back as a number (store/type-parsers.ts), numeric as a string (never a float). */
type Count = ColumnType<number | null, number | null | undefined, number | null>;
type Decimal = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export type ClosureSource = "unesco" | "oxcgrt" | "national";
export type ClosureScale = "unesco_status" | "unesco_scale" | "oxcgrt_c1";
export type ComparableStatus = "open" | "partial" | "closed";

export interface ClosureReleasesTable {
  id: Generated<number>;
  source: ClosureSource;
  scale: ClosureScale;
  publisher: string;
  label: string;
  file_name: string;
  sha256: string;
  licence: Defaulted<string>;
  coverage_from: Day;
  coverage_to: Day;
  rows_read: number;
  rows_stored: number;
  rows_skipped: number;
  report: Json<{ line: number | null; field: string | null; message: string }[]>;
  imported_by: Optional<string>;
  imported_at: Timestamp;
}

export interface ClosureStatusesTable {
  scale: ClosureScale;
  code: number;
  word: string;
  comparable: ComparableStatus | null;
}

export interface ClosureNotesTable {
  id: Generated<number>;
  text: string;
}

export interface ClosureObservationsTable {
  release_id: number;
  iso3: string;
  unit: Defaulted<string>;
  isced: Defaulted<string>;
  day: Day;
  status: number;
  c1_flag: Optional<number>;
  learners_female: Count;
  learners_male: Count;
  learners_total: Count;
  remote_modalities: Optional<string[]>;
  note_id: Optional<number>;
  source_line: number;
}

export interface ClosurePeriodsTable {
  release_id: number;
  iso3: string;
  unit: Defaulted<string>;
  isced: Defaulted<string>;
  first_day: Day;
  last_day: Day;
  status: number;
  c1_flag: Optional<number>;
  note_id: Optional<number>;
}

export interface ClosureDailyCountsTable {
  release_id: number;
  day: Day;
  status: number;
  region_code: string;
  regional_group: string;
  ldc: boolean;
  sids: boolean;
  countries: number;
  learners_total: Count;
  learners_countries: number;
}

export interface MonitoringMechanismsTable {
  id: Defaulted<string>;
  state_iso3: string;
  name: string;
  kind: string;
  lead_institution: Defaulted<string>;
  monitors: Defaulted<string[]>;
  frequency: string;
  description: Defaulted<string>;
  url: Optional<string>;
  children_participation: Defaulted<string>;
  consultations_count: Optional<number>;
  children_consulted: Optional<number>;
  girls_consulted: Optional<number>;
  age_bands: Defaulted<string[]>;
  safeguards: Defaulted<string>;
  key_messages: Defaulted<string>;
  sdg_targets: Defaulted<string[]>;
  text_lang: Defaulted<string>;
  visibility: Defaulted<Visibility>;
  organization_id: string;
  created_by: Optional<string>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EducationIndicatorSeriesTable {
  id: Defaulted<string>;
  state_iso3: string;
  mechanism_id: Optional<string>;
  title: string;
  sdg_indicator: Optional<string>;
  unit: string;
  source: Defaulted<string>;
  baseline_year: Optional<number>;
  baseline_value: Decimal;
  target_year: Optional<number>;
  target_value: Decimal;
  text_lang: Defaulted<string>;
  visibility: Defaulted<Visibility>;
  organization_id: string;
  created_by: Optional<string>;
  version: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EducationIndicatorValuesTable {
  series_id: string;
  year: number;
  sex: "total" | "female" | "male";
  value: ColumnType<string, string | number, string | number>;
  note: Defaulted<string>;
  created_by: Optional<string>;
  created_at: Timestamp;
}

export interface EducationTables {
  closure_releases: ClosureReleasesTable;
  closure_statuses: ClosureStatusesTable;
  closure_notes: ClosureNotesTable;
  closure_observations: ClosureObservationsTable;
  closure_periods: ClosurePeriodsTable;
  closure_daily_counts: ClosureDailyCountsTable;
  monitoring_mechanisms: MonitoringMechanismsTable;
  education_indicator_series: EducationIndicatorSeriesTable;
  education_indicator_values: EducationIndicatorValuesTable;
}
