import { z } from "zod";
import { VisibilitySchema } from "../access/viewer.js";
import {
  AmountSchema,
  ContinuityNeedSchema,
  CooperationTypeSchema,
  CurrencySchema,
  IscedLevelSchema,
  LanguageCodeSchema,
  ModalitySchema,
  PersonsCodeSchema,
  SdgTargetSchema,
  ThemeCodeSchema,
} from "../cooperation/vocabularies.js";
import { OfferStatusSchema } from "./offer-status.js";

// Inputs and outputs of offers and provider capability profiles (R29, R6, R24). The HTTP API, the forms and the
// OpenAPI document all derive from these schemas.

const TEXT_LANGS = ["ar", "en", "es", "fr", "ru", "zh"] as const;

/** A list of codes: each checked by `item`, duplicates dropped, order kept. */
const codes = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max, `must have at most ${max} entries`)
    .transform((xs) => [...new Set(xs)])
    .default([]);

/** UN M49 region, sub-region or intermediate-region code (three digits), or "world". */
export const RegionCodeSchema = z.string().regex(/^(\d{3}|world)$/, "must be UN M49 region codes such as 002 or 011, or world");
const Iso3Schema = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "must be an ISO alpha-3 code such as SEN")
  .transform((s) => s.toUpperCase());
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max.toLocaleString("en")} characters`)
    .nullish();
const DateSchema = z.iso.date("must be a date (YYYY-MM-DD)");

const OfferFieldsSchema = z.object({
  requestId: z.uuid("must be an assistance request id").nullish(),
  stateIso3: Iso3Schema.nullish(),
  title: z.string().trim().min(5, "must be at least 5 characters").max(300, "must be at most 300 characters"),
  description: z.string().trim().max(10_000, "must be at most 10,000 characters").default(""),
  themes: codes(ThemeCodeSchema, 40),
  sdgTargets: codes(SdgTargetSchema, 60),
  persons: codes(PersonsCodeSchema, 40),
  iscedLevels: codes(IscedLevelSchema, 9),
  modalities: codes(ModalitySchema, 10),
  continuityNeeds: codes(ContinuityNeedSchema, 14),
  cooperationType: CooperationTypeSchema,
  languages: codes(LanguageCodeSchema, 20),
  regions: codes(RegionCodeSchema, 40),
  capacity: z.string().trim().max(2000, "must be at most 2,000 characters").default(""),
  availableFrom: DateSchema.nullish(),
  availableTo: DateSchema.nullish(),
  budgetAmount: AmountSchema.nullish(),
  budgetCurrency: CurrencySchema.nullish(),
  fundSource: optionalText(300),
  /** "Terms mutually agreed" for technology transfer (R24): licence, cost, intellectual property. */
  technologyTransferTerms: optionalText(5000),
  textLang: z.enum(TEXT_LANGS).default("en"),
  visibility: VisibilitySchema.default("public"),
});

type OfferFields = z.infer<typeof OfferFieldsSchema>;

/** Dates in order; an amount always with its currency (IATI value/@currency) and never one without the other. */
function checkOfferFields(o: OfferFields, ctx: z.RefinementCtx) {
  if (o.availableFrom && o.availableTo && o.availableTo < o.availableFrom)
    ctx.addIssue({ code: "custom", path: ["availableTo"], message: "must not be before the start of availability" });
  if (o.budgetAmount && !o.budgetCurrency) ctx.addIssue({ code: "custom", path: ["budgetCurrency"], message: "is required with an amount" });
  if (o.budgetCurrency && !o.budgetAmount) ctx.addIssue({ code: "custom", path: ["budgetAmount"], message: "is required with a currency" });
}

export const NewOfferSchema = OfferFieldsSchema.extend({ organizationId: z.uuid("choose the provider you act for") }).superRefine(checkOfferFields);
export type NewOffer = z.input<typeof NewOfferSchema>;

export const OfferUpdateSchema = OfferFieldsSchema.extend({
  version: z.coerce.number().int("must be the version you edited").min(1, "must be the version you edited"),
}).superRefine(checkOfferFields);
export type OfferUpdate = z.input<typeof OfferUpdateSchema>;
export type OfferContent = z.infer<typeof OfferFieldsSchema>;

export const OfferTransitionInputSchema = z.object({
  to: OfferStatusSchema,
  reason: z.string().trim().max(2000, "must be at most 2,000 characters").nullish(),
  version: z.coerce.number().int().min(1).optional().describe("The version the caller saw; a stale one is refused with 409"),
});
export type OfferTransitionInput = z.input<typeof OfferTransitionInputSchema>;

export const ProviderProfileInputSchema = z.object({
  summary: z.string().trim().max(5000, "must be at most 5,000 characters").default(""),
  themes: codes(ThemeCodeSchema, 40),
  sdgTargets: codes(SdgTargetSchema, 60),
  modalities: codes(ModalitySchema, 10),
  cooperationTypes: codes(CooperationTypeSchema, 7),
  languages: codes(LanguageCodeSchema, 20),
  regions: codes(RegionCodeSchema, 40),
  continuityNeeds: codes(ContinuityNeedSchema, 14),
  version: z.coerce.number().int().min(0, "must be the version you edited (0 for a new profile)"),
});
export type ProviderProfileInput = z.input<typeof ProviderProfileInputSchema>;

export const OfferQuerySchema = z.object({
  theme: ThemeCodeSchema.optional(),
  modality: ModalitySchema.optional(),
  cooperationType: CooperationTypeSchema.optional(),
  region: RegionCodeSchema.optional(),
  language: LanguageCodeSchema.optional(),
  /** South-South and triangular cooperation only (R6 view). */
  southSouth: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .optional(),
  provider: z.uuid().optional(),
  requestId: z.uuid().optional(),
  status: OfferStatusSchema.optional().describe("Default: published. Other statuses list only what the caller may see (a provider's own drafts)"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type OfferQuery = z.input<typeof OfferQuerySchema>;

const OrganizationRefSchema = z.object({ id: z.string(), slug: z.string(), name: z.string(), acronym: z.string().nullable(), type: z.string() });

export const OfferSchema = z.object({
  id: z.string(),
  provider: OrganizationRefSchema,
  requestId: z.string().nullable().describe("The assistance request answered, when the caller may see it"),
  requestReference: z.string().nullable(),
  stateIso3: z.string().nullable(),
  status: OfferStatusSchema,
  statusReason: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  themes: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  persons: z.array(z.string()),
  iscedLevels: z.array(z.string()),
  modalities: z.array(z.string()),
  continuityNeeds: z.array(z.string()),
  cooperationType: z.string(),
  languages: z.array(z.string()),
  regions: z.array(z.string()),
  capacity: z.string(),
  availableFrom: z.string().nullable(),
  availableTo: z.string().nullable(),
  budgetAmount: z.string().nullable().describe("Decimal string, never a float"),
  budgetCurrency: z.string().nullable(),
  fundSource: z.string().nullable(),
  technologyTransferTerms: z.string().nullable(),
  textLang: z.string(),
  visibility: VisibilitySchema,
  publishedAt: z.date().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Offer = z.infer<typeof OfferSchema>;

export const ProviderProfileSchema = z.object({
  organizationId: z.string(),
  summary: z.string(),
  themes: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  modalities: z.array(z.string()),
  cooperationTypes: z.array(z.string()),
  languages: z.array(z.string()),
  regions: z.array(z.string()),
  continuityNeeds: z.array(z.string()),
  version: z.number().int().describe("0 when the provider has not written a profile yet"),
  updatedAt: z.date().nullable(),
});
export type ProviderProfile = z.infer<typeof ProviderProfileSchema>;

export const ProviderSummarySchema = OrganizationRefSchema.extend({
  countryIso3: z.string().nullable(),
  summary: z.string(),
  themes: z.array(z.string()),
  cooperationTypes: z.array(z.string()),
  publishedOffers: z.number().int(),
});
export type ProviderSummary = z.infer<typeof ProviderSummarySchema>;
