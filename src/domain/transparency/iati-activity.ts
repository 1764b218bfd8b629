// An activity as IATI 2.03 describes it, in the terms Passerelle keeps (docs/iati.md is the mapping). The export
// builds these from the database and writes them as XML; the import reads them from XML and stores them. Both
// sides meet here, so that export → import → export gives the same file. Plain data: dates are ISO strings
// (YYYY-MM-DD), datetimes ISO UTC with seconds and "Z", amounts decimal strings as stored (numeric, never floats).

export type IatiOrgRef = { ref: string | null; type: string | null; name: string };

export type IatiParticipant = IatiOrgRef & { role: number };

export type IatiTransaction = {
  type: number;
  date: string;
  valueDate: string;
  amount: string;
  currency: string;
  description: string;
  provider: IatiOrgRef | null;
  receiver: IatiOrgRef | null;
};

export type IatiBudget = { type: number; status: number; periodStart: string; periodEnd: string; valueDate: string; amount: string; currency: string };

/** One `actual` (or the indicator's target): a value with its non-total disaggregation dimensions. */
export type IatiIndicatorValue = {
  periodStart: string;
  periodEnd: string;
  value: string;
  sex: "total" | "female" | "male" | "other";
  ageBand: string;
  disability: "total" | "with_disability" | "without_disability";
  location: string;
};

export type IatiIndicator = {
  title: string;
  measure: number;
  ascending: boolean;
  baselineYear: number | null;
  baselineValue: string | null;
  targetValue: string | null;
  targetDate: string | null;
  values: IatiIndicatorValue[];
};

export type IatiResult = { type: number; title: string; description: string; indicators: IatiIndicator[] };

export type IatiDocument = { title: string; url: string; category: string; language: string; documentDate: string | null };

export type IatiActivity = {
  identifier: string;
  lastUpdated: string;
  lang: string;
  defaultCurrency: string;
  reportingOrg: IatiOrgRef & { ref: string };
  title: string;
  description: string;
  participants: IatiParticipant[];
  status: number;
  plannedStart: string | null;
  actualStart: string | null;
  plannedEnd: string | null;
  actualEnd: string | null;
  /** ISO 3166-1 alpha-2, as IATI writes it; the store keeps alpha-3. */
  recipientCountryIso2: string;
  dacSectors: string[];
  sdgTargets: string[];
  themes: string[];
  persons: string[];
  modalities: string[];
  cooperationType: string | null;
  fund: string | null;
  covidContext: boolean;
  covidPhase: string | null;
  genderMarker: number | null;
  disabilityMarker: number | null;
  collaborationType: string | null;
  flowType: string | null;
  financeType: string | null;
  aidType: string;
  /** The total the budgets add up to (budget_amount); the export spreads it over periods of at most a year. */
  budgetAmount: string | null;
  transactions: IatiTransaction[];
  documents: IatiDocument[];
  results: IatiResult[];
};

/** The tag vocabulary URIs (IATI TagVocabulary 99, "reporting organisation") under which Passerelle's own lists go out. */
export const PASSERELLE_TAG_VOCABULARIES = {
  themes: "urn:passerelle:uhri-themes",
  persons: "urn:passerelle:uhri-persons",
  modalities: "urn:passerelle:modality",
  cooperationType: "urn:passerelle:cooperation-type",
  fund: "urn:passerelle:fund",
  covidPhase: "urn:passerelle:covid-phase",
} as const;

/** GLIDE number of the COVID-19 epidemic: IATI's COVID-19 guidance puts it in humanitarian-scope (type 1, vocabulary 1-2). */
export const COVID19_GLIDE = "EP-2020-000012-001";
