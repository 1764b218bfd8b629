// Codes an activity record uses, from the IATI 2.03 codelists (loaded as reference data, iatistandard.org) and
// from R27's disaggregation dimensions. Where IATI has a long list we keep the part technical cooperation uses.

/** IATI TransactionType: the flows of grant-funded technical cooperation (no loans or equity). */
export const TRANSACTION_TYPES = [1, 2, 3, 4, 11, 12, 13] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

/** IATI ResultType: 1 output, 2 outcome, 3 impact, 9 other. */
export const RESULT_TYPES = [1, 2, 3, 9] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

/** IATI OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing. */
export const ORGANISATION_ROLES = [1, 2, 3, 4] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** IATI IndicatorMeasure limited to the numeric measures (1 unit, 2 percentage): values are numbers. */
export const INDICATOR_MEASURES = [1, 2] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];

/** IATI PolicySignificance 0 not targeted, 1 significant objective, 2 principal objective (gender: DAC marker 1;
 * disability: DAC marker 11). */
export const POLICY_SIGNIFICANCES = [0, 1, 2] as const;

/** IATI OrganisationType codes a participating organization may carry. */
export const IATI_ORGANISATION_TYPES = ["10", "11", "15", "21", "22", "23", "24", "30", "40", "60", "70", "71", "72", "73", "80", "90"] as const;

/** How a State's consent was given (R3): the note verbale is the diplomatic norm. */
export const CONSENT_CHANNELS = ["note_verbale", "letter", "e_signature", "meeting_record", "other"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

// R27 (res. 45/32 OP13, PP1, PP5): every indicator value can be broken down by sex, age, disability and location;
// "total" is the value without a breakdown. Age bands follow school ages and UN adult bands.
export const SEXES = ["total", "female", "male", "other"] as const;
export const AGE_BANDS = ["total", "0-5", "6-11", "12-14", "15-17", "18-24", "25-64", "65+"] as const;
export const DISABILITY_STATUSES = ["total", "with_disability", "without_disability"] as const;
export const LOCATIONS = ["total", "urban", "rural"] as const;
export type Sex = (typeof SEXES)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type DisabilityStatus = (typeof DISABILITY_STATUSES)[number];
export type LocationKind = (typeof LOCATIONS)[number];

/** Taxonomy ids of the reference data the checks use (R34). */
export const TAXONOMY = {
  sector: "iati:Sector",
  currency: "iati:Currency",
  documentCategory: "iati:DocumentCategory",
  sdgTarget: "sdg-target",
  theme: "uhri-theme",
} as const;

/**
 * DAC sectors to suggest from an activity's UHRI themes: 15160 Human rights for any human-rights theme, 11110
 * Education policy and administrative management when the right to education (E5) is among them. A suggestion only.
 */
export function suggestDacSectors(themes: readonly string[]): string[] {
  const out: string[] = [];
  if (themes.length > 0) out.push("15160");
  if (themes.includes("E5")) out.push("11110");
  return out;
}
