import { z } from "zod";
import { VisibilitySchema } from "../access/viewer.js";
import {
  AmountSchema,
  CooperationTypeSchema,
  CovidPhaseSchema,
  CurrencySchema,
  InvolvementSchema,
  LanguageCodeSchema,
  ModalitySchema,
  NationalActorTypeSchema,
  PersonsCodeSchema,
  SdgTargetSchema,
  ThemeCodeSchema,
} from "../cooperation/vocabularies.js";
import {
  AGE_BANDS,
  CONSENT_CHANNELS,
  DISABILITY_STATUSES,
  IATI_ORGANISATION_TYPES,
  INDICATOR_MEASURES,
  LOCATIONS,
  ORGANISATION_ROLES,
  POLICY_SIGNIFICANCES,
  RESULT_TYPES,
  SEXES,
  TRANSACTION_TYPES,
} from "./activity-codes.js";
import { ActivityStatusSchema } from "./activity-status.js";

// Inputs of the activity and consent operations. The same schemas serve the JSON API (arrays, booleans, null)
// and the HTML forms (comma lists, "yes" checkboxes, empty strings for "not given"), so both see the same rules.

/** A comma, space or semicolon separated list as typed in a form, or an array from the API. */
const list = <O>(item: z.ZodType<O, string>, max = 50) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[\s,;]+/)).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(max, `at most ${max} values`));

/** Optional: an empty form field, null or absent all mean "not given" (null). */
const optional = <O, I>(schema: z.ZodType<O, I>) =>
  z
    .union([z.literal(""), z.null(), schema])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : (v as O)));

/** In a partial update: empty or null clears the value (null); absent leaves it as it is (undefined). */
const patchable = <O, I>(schema: z.ZodType<O, I>) =>
  z
    .union([z.literal(""), z.null(), schema])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "" ? null : (v as O)));

/** A whole-number code from a fixed list, typed as a number (API) or a string (form). */
const intCode = <const C extends readonly number[]>(codes: C, message: string) =>
  z
    .union([z.number(), z.string().trim()])
    .transform((v) => (typeof v === "number" ? v : /^\d+$/.test(v) ? Number(v) : Number.NaN))
    .refine((n): n is C[number] => codes.includes(n), message)
    .transform((n) => n as C[number]);

const checkbox = z
  .union([z.boolean(), z.enum(["yes", "no", "true", "false", "on", ""])])
  .transform((v) => v === true || v === "yes" || v === "true" || v === "on");

const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? "is required" : `must be at least ${min} characters`)
    .max(max, `must be at most ${max.toLocaleString("en")} characters`);
const IsoDate = z.iso.date("must be a date (YYYY-MM-DD)");
const Iso3 = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.string().regex(/^[A-Z]{3}$/, "must be an ISO alpha-3 code such as SEN"));
/** A decimal that may be negative (indicator values, baselines): at most 2 decimals, kept as a string. */
const SignedDecimal = z
  .string()
  .trim()
  .regex(/^-?\d{1,16}(\.\d{1,2})?$/, "must be a number with at most 2 decimals, such as 42 or 37.5");
/** Money must be positive: a zero transaction records nothing. */
const PositiveAmount = AmountSchema.refine((a) => /[1-9]/.test(a), "must be greater than 0");
const Uuid = z.uuid("must be an identifier");
const RecommendationId = z.string().trim().min(3).max(250);
const Year = intCode(
  Array.from({ length: 61 }, (_, i) => 1990 + i),
  "must be a year between 1990 and 2050",
);
const SectorCode = z.string().regex(/^\d{5}$/, "must be 5-digit DAC sector codes such as 15160");

export const NewActivitySchema = z.object({
  /** The provider organization the user acts for (reporting organization). */
  organizationId: Uuid,
  /** Start from an accepted offer: State, request, recommendations and content are taken from it. */
  offerId: optional(Uuid),
  stateIso3: optional(Iso3),
  title: optional(text(3, 300)),
  description: optional(text(0, 10_000)),
  requestIds: list(Uuid).default([]),
  recommendationIds: list(RecommendationId, 200).default([]),
  themes: list(ThemeCodeSchema).default([]),
  sdgTargets: list(SdgTargetSchema).default([]),
  persons: list(PersonsCodeSchema).default([]),
  modalities: list(ModalitySchema).default([]),
  cooperationType: optional(CooperationTypeSchema),
  plannedStart: optional(IsoDate),
  plannedEnd: optional(IsoDate),
  budgetAmount: optional(AmountSchema),
  defaultCurrency: optional(CurrencySchema),
  textLang: optional(LanguageCodeSchema),
  visibility: optional(VisibilitySchema),
});
export type NewActivity = z.input<typeof NewActivitySchema>;

/** A partial update: absent fields keep their value; `version` is the version the user edited (optimistic lock). */
export const UpdateActivitySchema = z.object({
  version: z.coerce.number().int().min(1, "must be the version you edited"),
  title: text(3, 300).optional(),
  description: text(0, 10_000).optional(),
  plannedStart: patchable(IsoDate),
  plannedEnd: patchable(IsoDate),
  actualStart: patchable(IsoDate),
  actualEnd: patchable(IsoDate),
  dacSectors: list(SectorCode, 20).optional(),
  sdgTargets: list(SdgTargetSchema).optional(),
  themes: list(ThemeCodeSchema).optional(),
  persons: list(PersonsCodeSchema).optional(),
  modalities: list(ModalitySchema).optional(),
  cooperationType: patchable(CooperationTypeSchema),
  genderMarker: patchable(intCode(POLICY_SIGNIFICANCES, "must be 0 (not targeted), 1 (significant) or 2 (principal)")),
  disabilityMarker: patchable(intCode(POLICY_SIGNIFICANCES, "must be 0 (not targeted), 1 (significant) or 2 (principal)")),
  defaultCurrency: CurrencySchema.optional(),
  budgetAmount: patchable(AmountSchema),
  fund: patchable(text(1, 200)),
  covidContext: checkbox.optional(),
  covidPhase: patchable(CovidPhaseSchema),
  visibility: VisibilitySchema.optional(),
  textLang: LanguageCodeSchema.optional(),
  /** Only the State concerned may withhold an activity's details, with a recorded reason (DESIGN.md). */
  detailsWithheld: checkbox.optional(),
  withheldReason: patchable(text(5, 2000)),
});
export type ActivityUpdate = z.input<typeof UpdateActivitySchema>;

export const TransitionSchema = z.object({
  to: ActivityStatusSchema,
  reason: optional(text(1, 2000)),
});
export type TransitionInput = z.input<typeof TransitionSchema>;

export const LinkSchema = z.object({
  requestIds: list(Uuid).default([]),
  recommendationIds: list(RecommendationId, 200).default([]),
});
export type LinkInput = z.input<typeof LinkSchema>;

export const ParticipantSchema = z.object({
  /** A known organization, or a name with its IATI organisation identifier. */
  organizationId: optional(Uuid),
  name: optional(text(2, 300)),
  iatiRef: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/, "must be an IATI organisation identifier such as XM-DAC-41313"),
  ),
  orgType: optional(z.enum(IATI_ORGANISATION_TYPES, "must be an IATI OrganisationType code such as 40")),
  role: intCode(ORGANISATION_ROLES, "must be an IATI OrganisationRole: 1 funding, 2 accountable, 3 extending or 4 implementing"),
});
export type ParticipantInput = z.input<typeof ParticipantSchema>;

export const TransactionSchema = z.object({
  transactionType: intCode(TRANSACTION_TYPES, "must be an IATI TransactionType: 1, 2, 3, 4, 11, 12 or 13"),
  transactionDate: IsoDate,
  valueDate: optional(IsoDate),
  amount: PositiveAmount,
  currency: CurrencySchema,
  description: text(0, 1000).default(""),
  providerName: optional(text(1, 300)),
  receiverName: optional(text(1, 300)),
});
export type TransactionInput = z.input<typeof TransactionSchema>;

export const ResultSchema = z.object({
  resultType: intCode(RESULT_TYPES, "must be an IATI ResultType: 1 output, 2 outcome, 3 impact or 9 other"),
  title: text(3, 500),
  description: text(0, 5000).default(""),
});
export type ResultInput = z.input<typeof ResultSchema>;

export const IndicatorSchema = z.object({
  title: text(3, 500),
  measure: intCode(INDICATOR_MEASURES, "must be 1 (unit) or 2 (percentage)").default(1),
  ascending: checkbox.default(true),
  baselineYear: optional(Year),
  baselineValue: optional(SignedDecimal),
  targetValue: optional(SignedDecimal),
  targetDate: optional(IsoDate),
});
export type IndicatorInput = z.input<typeof IndicatorSchema>;

export const IndicatorValueSchema = z.object({
  periodStart: IsoDate,
  periodEnd: IsoDate,
  value: SignedDecimal,
  sex: z.enum(SEXES, "must be total, female, male or other").default("total"),
  ageBand: z.enum(AGE_BANDS, `must be one of ${AGE_BANDS.join(", ")}`).default("total"),
  disability: z.enum(DISABILITY_STATUSES, "must be total, with_disability or without_disability").default("total"),
  location: z.enum(LOCATIONS, "must be total, urban or rural").default("total"),
});
export type IndicatorValueInput = z.input<typeof IndicatorValueSchema>;

export const DocumentSchema = z.object({
  title: text(3, 500),
  url: z
    .string()
    .trim()
    .max(2000, "must be at most 2,000 characters")
    .pipe(z.url({ protocol: /^https$/, message: "must be an https:// address" })),
  category: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{2}$/, "must be an IATI DocumentCategory code such as A07"),
  language: LanguageCodeSchema.default("en"),
  documentDate: optional(IsoDate),
});
export type DocumentInput = z.input<typeof DocumentSchema>;

export const NationalActorSchema = z.object({
  actorType: NationalActorTypeSchema,
  involvement: InvolvementSchema,
  name: optional(text(2, 300)),
  /** The actor agreed to be named publicly (R8: never expose names without consent). */
  nameConsented: checkbox.default(false),
});
export type NationalActorInput = z.input<typeof NationalActorSchema>;

export const ConsentSchema = z.object({
  /** The State body that consents; by default the user's first body of the activity's State. */
  organizationId: optional(Uuid),
  grantedByName: text(3, 300),
  channel: z.enum(CONSENT_CHANNELS, "must be note_verbale, letter, e_signature, meeting_record or other"),
  channelReference: text(2, 200),
  scope: text(10, 5000),
  counterparts: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(/\r?\n|;/)).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(300, "must be at most 300 characters each")).max(50, "at most 50 counterparts"))
    .default([]),
  publishDetails: checkbox.default(true),
  grantedOn: IsoDate,
  expiresOn: optional(IsoDate),
});
export type ConsentInput = z.input<typeof ConsentSchema>;

export const RevokeConsentSchema = z.object({ reason: text(5, 2000) });
export type RevokeConsentInput = z.input<typeof RevokeConsentSchema>;

/** Orders of the activity list: latest start first (default), title A–Z, largest budget first (in US dollars). */
export const ACTIVITY_LIST_SORTS = ["newest", "title", "budget"] as const;

export const ActivityListQuerySchema = z.object({
  /** Words matched in the title, description, IATI identifier and provider name; all words must match. */
  q: optional(z.string().trim().max(200, "must be at most 200 characters")),
  state: optional(Iso3),
  provider: optional(Uuid),
  status: optional(ActivityStatusSchema),
  theme: optional(ThemeCodeSchema),
  /** Activities whose period (actual, else planned, dates) overlaps this calendar year. */
  year: optional(
    z
      .union([z.number(), z.string().trim()])
      .transform((v) => (typeof v === "number" ? v : /^\d{4}$/.test(v) ? Number(v) : Number.NaN))
      .refine((n) => Number.isInteger(n) && n >= 1990 && n <= 2100, "must be a year between 1990 and 2100"),
  ),
  modality: optional(ModalitySchema),
  /** An SDG goal (1–17): activities tagged with any target of that goal. */
  sdg: optional(
    z
      .union([z.number(), z.string().trim()])
      .transform((v) => (typeof v === "number" ? v : /^\d{1,2}$/.test(v) ? Number(v) : Number.NaN))
      .refine((n) => Number.isInteger(n) && n >= 1 && n <= 17, "must be an SDG goal from 1 to 17"),
  ),
  sort: z
    .union([z.literal(""), z.enum(ACTIVITY_LIST_SORTS, "must be newest, title or budget")])
    .optional()
    .transform((v) => v || "newest"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ActivityListQuery = z.input<typeof ActivityListQuerySchema>;
export type ActivityListFilters = z.output<typeof ActivityListQuerySchema>;
