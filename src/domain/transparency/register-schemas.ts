import { z } from "zod";
import { ACTIVITY_STATUSES } from "../activities/activity-status.js";
import { ModalitySchema, ThemeCodeSchema } from "../cooperation/vocabularies.js";
import { MoneySchema } from "./money.js";

// Queries and views of the transparency register (R14; res. 45/32 OP8: "communicate transparently information on the
// technical support offered and provided"). Views are Zod schemas so the JSON API documents exactly what it returns.

/** M49 regions (the filter of the global register). */
export const REGISTER_REGIONS = ["002", "019", "142", "150", "009"] as const;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
const YearSchema = z.coerce.number().int("must be a year").min(1950, "must be 1950 or later").max(2100, "must be 2100 or earlier");
const SlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "must be an organization's short name, such as ohchr");

export const RegisterSummaryQuerySchema = z.object({
  region: optional(z.enum(REGISTER_REGIONS)),
  year: optional(YearSchema),
  provider: optional(SlugSchema),
  theme: optional(ThemeCodeSchema),
});
export type RegisterSummaryQuery = z.input<typeof RegisterSummaryQuerySchema>;

export const RegisterActivityQuerySchema = z.object({
  q: optional(z.string().trim().max(200, "must be at most 200 characters")),
  provider: optional(SlugSchema),
  theme: optional(ThemeCodeSchema),
  modality: optional(ModalitySchema),
  status: optional(
    z.coerce
      .number()
      .int()
      .refine((n) => (ACTIVITY_STATUSES as readonly number[]).includes(n), "must be an IATI ActivityStatus code from 1 to 6"),
  ),
  year: optional(YearSchema),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type RegisterActivityQuery = z.input<typeof RegisterActivityQuerySchema>;

export const Iso3ParamSchema = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code such as SEN");
export { SlugSchema as ProviderSlugSchema };

const count = z.number().int().min(0);

export const FiguresSchema = z.object({
  activities: count.describe("Activities counted, withheld ones included when the small-cell rule allows"),
  withheldIncluded: count.describe("Of which activities whose details the viewer may not see: 0, or at least 3"),
  budget: MoneySchema,
  committed: MoneySchema.describe("IATI transaction type 2, outgoing commitments"),
  disbursed: MoneySchema.describe("IATI transaction types 3 and 4, disbursements and expenditure"),
});
export type FiguresView = z.infer<typeof FiguresSchema>;

export const BreakdownRowSchema = FiguresSchema.extend({
  key: z.string().describe("The cell: a provider's id, a UHRI theme code, a modality, an ActivityStatus code, a year, an ISO3 code; '' for none"),
  label: z.string().nullable().describe("A provider's name; null where the code is the label (the pages translate codes)"),
  slug: z.string().nullable(),
});
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>;

export const BreakdownSchema = z.object({
  rows: z.array(BreakdownRowSchema),
  notBrokenDown: FiguresSchema.nullable().describe("Groups of at least 3 withheld activities that fall in no single row: counted here, never split"),
});
export type Breakdown = z.infer<typeof BreakdownSchema>;

export const YearRowSchema = z.object({
  year: z.string().describe("Calendar year; '' for activities without a start date"),
  activities: count.describe("Activities that started (planned, else actual start) in the year"),
  withheldIncluded: count,
  budget: MoneySchema.describe("Budgets of the activities that started in the year"),
  committed: MoneySchema.describe("Commitments dated in the year"),
  disbursed: MoneySchema.describe("Disbursements and expenditure dated in the year"),
});
export type YearRow = z.infer<typeof YearRowSchema>;

export const YearBreakdownSchema = z.object({ rows: z.array(YearRowSchema), notBrokenDown: YearRowSchema.nullable() });
export type YearBreakdown = z.infer<typeof YearBreakdownSchema>;

export const CountRowSchema = z.object({ key: z.string(), count });
export type CountRow = z.infer<typeof CountRowSchema>;

export const OfferRowSchema = z.object({ key: z.string(), label: z.string().nullable(), slug: z.string().nullable(), offers: count, budget: MoneySchema });
export type OfferRow = z.infer<typeof OfferRowSchema>;

export const RequestsBlockSchema = z.object({
  total: count,
  byStatus: z.array(CountRowSchema),
  byYear: z.array(CountRowSchema).describe("By year of submission"),
  byTheme: z.array(CountRowSchema).describe("A request counts under each of its themes"),
});
export type RequestsBlock = z.infer<typeof RequestsBlockSchema>;

export const OffersBlockSchema = z.object({
  total: count,
  budget: MoneySchema,
  byStatus: z.array(CountRowSchema),
  byProvider: z.array(OfferRowSchema),
  byModality: z.array(CountRowSchema),
});
export type OffersBlock = z.infer<typeof OffersBlockSchema>;

export const ActivitiesBlockSchema = z.object({
  total: FiguresSchema,
  byProvider: BreakdownSchema,
  byTheme: BreakdownSchema,
  byModality: BreakdownSchema,
  byStatus: BreakdownSchema,
  byYear: YearBreakdownSchema,
});
export type ActivitiesBlock = z.infer<typeof ActivitiesBlockSchema>;

export const ExchangeRateSchema = z.object({ currency: z.string(), year: z.number().int(), unitsPerUsd: z.string(), observations: count, source: z.string() });

export const CountryRegisterSchema = z.object({
  stateIso3: z.string(),
  stateName: z.string(),
  requests: RequestsBlockSchema,
  offers: OffersBlockSchema,
  activities: ActivitiesBlockSchema,
  rates: z.array(ExchangeRateSchema).describe("The exchange rates of the currencies on the page"),
});
export type CountryRegister = z.infer<typeof CountryRegisterSchema>;

export const ProviderRefSchema = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const RegisterActivitySchema = z.object({
  id: z.string(),
  iatiIdentifier: z.string().nullable(),
  title: z.string(),
  stateIso3: z.string(),
  provider: ProviderRefSchema,
  status: z.number().int(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  themes: z.array(z.string()),
  modalities: z.array(z.string()),
  budget: MoneySchema,
  committed: MoneySchema,
  disbursed: MoneySchema,
  rateYears: z.array(z.number().int()).describe("Years whose rate converted amounts dated in years without one"),
});
export type RegisterActivity = z.infer<typeof RegisterActivitySchema>;

export const RegisterActivityListSchema = z.object({
  total: count,
  limit: count,
  offset: count,
  items: z.array(RegisterActivitySchema),
  withheldCounted: count.describe("Activities counted in the figures whose details the viewer may not see: 0, or at least 3"),
});
export type RegisterActivityList = z.infer<typeof RegisterActivityListSchema>;

export const SummaryRowSchema = z.object({
  stateIso3: z.string(),
  stateName: z.string(),
  requests: count,
  offers: count,
  activities: count,
  withheldIncluded: count,
  budget: MoneySchema,
  committed: MoneySchema,
  disbursed: MoneySchema,
});
export type SummaryRow = z.infer<typeof SummaryRowSchema>;

export const SummaryYearSchema = z.object({ year: z.string(), committed: MoneySchema, disbursed: MoneySchema, withheldIncluded: z.boolean() });
export type SummaryYear = z.infer<typeof SummaryYearSchema>;

export const RegisterSummarySchema = z.object({
  filters: z.object({ region: z.string().nullable(), year: z.number().int().nullable(), provider: z.string().nullable(), theme: z.string().nullable() }),
  rows: z.array(SummaryRowSchema),
  total: SummaryRowSchema.omit({ stateIso3: true, stateName: true }),
  byYear: z.array(SummaryYearSchema).describe("Commitments and disbursements by the year of each transaction"),
  byYearNotBrokenDown: SummaryYearSchema.nullable(),
});
export type RegisterSummary = z.infer<typeof RegisterSummarySchema>;

export const ProviderRegisterSchema = z.object({
  provider: ProviderRefSchema.extend({ acronym: z.string().nullable(), iatiRef: z.string().nullable() }),
  offers: z.object({ total: count, budget: MoneySchema, byState: z.array(OfferRowSchema), byStatus: z.array(CountRowSchema) }),
  activities: z.object({ total: FiguresSchema, byState: BreakdownSchema, byTheme: BreakdownSchema, byYear: YearBreakdownSchema }),
  rates: z.array(ExchangeRateSchema),
});
export type ProviderRegister = z.infer<typeof ProviderRegisterSchema>;
