import { z } from "zod";
import { OrganizationTypeSchema } from "../access/roles.js";
import { VisibilitySchema } from "../access/viewer.js";
import { RequestStatusSchema } from "../cooperation/request-status.js";
import {
  AmountSchema,
  ContinuityNeedSchema,
  CovidPhaseSchema,
  CurrencySchema,
  FundSchema,
  InvolvementSchema,
  IscedLevelSchema,
  LanguageCodeSchema,
  ModalitySchema,
  NationalActorTypeSchema,
  PersonsCodeSchema,
  SdgTargetSchema,
  ThemeCodeSchema,
} from "../cooperation/vocabularies.js";

// Inputs and outputs of assistance requests (R12, R13; res. 45/32 OP8). HTTP, forms and OpenAPI derive from these.

/** A State chooses who sees its request once submitted (R32): the State and UN providers, or everyone. */
export const REQUEST_VISIBILITIES = ["state_and_un", "public"] as const;
export const RequestVisibilitySchema = z.enum(REQUEST_VISIBILITIES);
export type RequestVisibility = z.infer<typeof RequestVisibilitySchema>;

export const TEXT_LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max.toLocaleString("en")} characters`)
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null));
const longText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max.toLocaleString("en")} characters`)
    .default("");
const codeList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max, `must have at most ${max} entries`)
    .default([])
    .transform((xs) => [...new Set(xs)]);

export const NationalActorInputSchema = z.object({
  actorType: NationalActorTypeSchema,
  involvement: InvolvementSchema,
  name: optionalText(200),
  /** The actor agreed to be named to people outside the State and the request's author (R8, R31). */
  nameConsented: z.boolean().default(false),
});
export type NationalActorInput = z.input<typeof NationalActorInputSchema>;

/** The fields of a draft, each checkable on its own (request-validation.ts reports every problem in one answer). */
export const DRAFT_FIELDS = {
  title: longText(300),
  needsStatement: longText(10_000),
  objectives: longText(10_000),
  priorityRank: z.number().int("must be a whole number").min(1, "must be between 1 and 99").max(99, "must be between 1 and 99").nullable().default(null),
  channelReference: optionalText(200),
  providerIds: codeList(z.uuid("must be organization ids"), 20),
  recommendationIds: codeList(z.string().trim().min(1).max(250), 200),
  pledgeIds: codeList(z.string().trim().min(1).max(250), 50),
  treatyArticles: codeList(z.string().trim().min(1).max(120, "each must be at most 120 characters"), 50),
  themes: codeList(ThemeCodeSchema, 60),
  persons: codeList(PersonsCodeSchema, 60),
  sdgTargets: codeList(SdgTargetSchema, 169),
  iscedLevels: codeList(IscedLevelSchema, 9),
  modalities: codeList(ModalitySchema, 10),
  continuityNeeds: codeList(ContinuityNeedSchema, 14),
  covidContext: z.boolean().default(false),
  covidPhase: CovidPhaseSchema.nullable().default(null),
  timeframeStart: z.iso.date("must be a date (YYYY-MM-DD)").nullable().default(null),
  timeframeEnd: z.iso.date("must be a date (YYYY-MM-DD)").nullable().default(null),
  workingLanguages: codeList(LanguageCodeSchema, 10),
  budgetAmount: AmountSchema.nullable().default(null),
  budgetCurrency: CurrencySchema.nullable().default(null),
  fundRequested: FundSchema.nullable().default(null),
  textLang: z.enum(TEXT_LANGUAGES).default("en"),
  visibility: RequestVisibilitySchema.default("state_and_un"),
  nationalActors: z.array(NationalActorInputSchema).max(30, "must have at most 30 entries").default([]),
};

type DraftShape = { timeframeStart: string | null; timeframeEnd: string | null; budgetAmount: string | null; budgetCurrency: string | null };
type DraftExtra = { covidContext: boolean; covidPhase: string | null };

/** Cross-field rules, reported on the field to correct; they run with the other checks so every problem shows at once. */
function checkDraftFields(v: DraftShape & DraftExtra, ctx: z.RefinementCtx): void {
  if (v.timeframeStart && v.timeframeEnd && v.timeframeEnd < v.timeframeStart)
    ctx.addIssue({ code: "custom", path: ["timeframeEnd"], message: "must be on or after the start date" });
  if (v.budgetAmount !== null && v.budgetCurrency === null)
    ctx.addIssue({ code: "custom", path: ["budgetCurrency"], message: "give the currency of the budget (ISO 4217, such as USD)" });
  if (v.budgetAmount === null && v.budgetCurrency !== null)
    ctx.addIssue({ code: "custom", path: ["budgetAmount"], message: "give the amount in that currency" });
  if (v.covidPhase !== null && !v.covidContext)
    ctx.addIssue({ code: "custom", path: ["covidPhase"], message: "a COVID-19 phase applies only to a request marked as COVID-19 related" });
}

export const RequestDraftSchema = z.object(DRAFT_FIELDS).superRefine(checkDraftFields);
export type RequestDraft = z.infer<typeof RequestDraftSchema>;

/** The State institution a new request is made through (checked before the rest, which depends on its State). */
export const RequestInstitutionSchema = z.object({ organizationId: z.uuid("choose the State institution you act for").optional() });

export const NewRequestSchema = z
  .object({ organizationId: z.uuid("choose the State institution you act for").optional(), ...DRAFT_FIELDS })
  .superRefine(checkDraftFields);
export type NewRequestInput = z.input<typeof NewRequestSchema>;

export const RequestUpdateSchema = z
  .object({ version: z.number().int().min(1, "must be the version you edited"), ...DRAFT_FIELDS })
  .superRefine(checkDraftFields);
export type RequestUpdateInput = z.input<typeof RequestUpdateSchema>;

export const RequestTransitionInputSchema = z.object({
  to: RequestStatusSchema,
  reason: z.string().trim().max(2000, "must be at most 2,000 characters").optional(),
  /** A referral may name the provider organization the request is referred to: it is then addressed to it. */
  referToOrganizationId: z.uuid("must be an organization id").optional(),
  /** The organization the actor acts for, when they belong to several that could act. */
  organizationId: z.uuid("must be an organization id").optional(),
});
export type RequestTransitionInput = z.input<typeof RequestTransitionInputSchema>;

export const RequestVisibilityInputSchema = z.object({ visibility: RequestVisibilitySchema });

export const RequestListQuerySchema = z.object({
  state: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "must be an ISO alpha-3 code")
    .transform((s) => s.toUpperCase())
    .optional(),
  status: RequestStatusSchema.optional(),
  provider: z.uuid("must be an organization id").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type RequestListQuery = z.input<typeof RequestListQuerySchema>;

// ---- outputs ----

export const RequestProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  acronym: z.string().nullable(),
  type: OrganizationTypeSchema,
  declined: z.boolean().describe("This provider declined while others still answer the request"),
});

export const RequestSummarySchema = z.object({
  id: z.string(),
  reference: z.string().nullable(),
  stateIso3: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  title: z.string(),
  status: RequestStatusSchema,
  visibility: VisibilitySchema,
  priorityRank: z.number().int().nullable(),
  covidContext: z.boolean(),
  submittedAt: z.date().nullable(),
  updatedAt: z.date(),
  providers: z.array(RequestProviderSchema),
});
export type RequestSummary = z.infer<typeof RequestSummarySchema>;

export const RequestQueueItemSchema = RequestSummarySchema.extend({
  daysSinceSubmission: z.number().int().nullable(),
  workingDaysSinceSubmission: z.number().int().nullable(),
  acknowledgementTargetWorkingDays: z.number().int(),
  overdue: z.boolean().describe("Submitted and not acknowledged within the target (10 working days; 5 for COVID-19 related requests, R7)"),
});
export type RequestQueueItem = z.infer<typeof RequestQueueItemSchema>;

export const LinkedRecommendationSchema = z.object({
  id: z.string(),
  paragraph: z.string().nullable(),
  text: z.string(),
  textLang: z.string(),
  cycle: z.number().int().nullable(),
  position: z.string().describe("The recommendation's position now"),
  positionAtLink: z.string().describe("The position when the request linked it"),
  notAccepted: z.boolean().describe("Not a supported recommendation (noted or other): allowed as a basis, but flagged (R12)"),
});
export type LinkedRecommendation = z.infer<typeof LinkedRecommendationSchema>;

export const NationalActorViewSchema = z.object({
  actorType: z.string(),
  involvement: z.string(),
  name: z.string().nullable().describe("Null when the actor did not consent to be named to this caller (R8, R31)"),
  nameWithheld: z.boolean(),
  nameConsented: z.boolean(),
});
export type NationalActorView = z.infer<typeof NationalActorViewSchema>;

export const RequestEventSchema = z.object({
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  actorOrganizationId: z.string().nullable(),
  actorOrganizationName: z.string().nullable(),
  occurredAt: z.date(),
});
export type RequestEvent = z.infer<typeof RequestEventSchema>;

export const RequestActionSchema = z.object({ to: RequestStatusSchema, party: z.enum(["state", "provider"]), reasonRequired: z.boolean() });

export const RequestDetailSchema = RequestSummarySchema.extend({
  statusReason: z.string().nullable(),
  needsStatement: z.string(),
  objectives: z.string(),
  channelReference: z.string().nullable(),
  treatyArticles: z.array(z.string()),
  themes: z.array(z.string()),
  persons: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  iscedLevels: z.array(z.string()),
  modalities: z.array(z.string()),
  continuityNeeds: z.array(z.string()),
  covidPhase: z.string().nullable(),
  timeframeStart: z.string().nullable(),
  timeframeEnd: z.string().nullable(),
  workingLanguages: z.array(z.string()),
  budgetAmount: z.string().nullable().describe("Decimal string: money is never a float"),
  budgetCurrency: z.string().nullable(),
  fundRequested: z.string().nullable(),
  textLang: z.string(),
  version: z.number().int(),
  createdAt: z.date(),
  recommendations: z.array(LinkedRecommendationSchema),
  pledges: z.array(z.object({ id: z.string(), text: z.string(), textLang: z.string(), session: z.number().int().nullable() })),
  nationalActors: z.array(NationalActorViewSchema),
  events: z.array(RequestEventSchema),
  actions: z.array(RequestActionSchema).describe("What the caller may do next"),
});
export type RequestDetail = z.infer<typeof RequestDetailSchema>;

export const ProviderResponseTimeSchema = z.object({
  organizationId: z.string(),
  name: z.string(),
  acronym: z.string().nullable(),
  addressed: z.number().int().describe("Submitted requests addressed to the provider"),
  acknowledged: z.number().int().nullable(),
  medianDaysToAcknowledge: z.number().nullable(),
  p90DaysToAcknowledge: z.number().nullable(),
  offered: z.number().int().nullable(),
  medianDaysToOffer: z.number().nullable(),
  p90DaysToOffer: z.number().nullable(),
  declinedShare: z.number().nullable().describe("0–1"),
  referredShare: z.number().nullable().describe("0–1"),
  suppressed: z.boolean().describe("Fewer than 3 requests: figures withheld so no request can be identified (small-cell rule)"),
});
export type ProviderResponseTime = z.infer<typeof ProviderResponseTimeSchema>;
