import { z } from "zod";

// What reads return, as Zod schemas so the API documents exactly these shapes (OpenAPI) and the pages get the
// same objects. Money and measures are decimal strings; dates are YYYY-MM-DD; times are ISO 8601.

const Day = z.string().describe("YYYY-MM-DD");
const Decimal = z.string().describe("decimal as a string, never a float");

export const ConsentBadgeSchema = z
  .object({
    kind: z.enum(["valid", "revoked", "expired", "none"]),
    date: Day.nullable().describe("granted on (valid), revoked on, or expired on"),
    expiresOn: Day.nullable(),
  })
  .describe("The consent badge everyone who sees the activity sees (R3)");

export const ActivitySummarySchema = z.object({
  id: z.uuid(),
  iatiIdentifier: z.string().nullable(),
  title: z.string(),
  stateIso3: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  status: z.number().int().describe("IATI ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended"),
  plannedStart: Day.nullable(),
  plannedEnd: Day.nullable(),
  actualStart: Day.nullable(),
  actualEnd: Day.nullable(),
  themes: z.array(z.string()),
  budgetAmount: Decimal.nullable(),
  defaultCurrency: z.string(),
  visibility: z.string(),
  detailsWithheld: z.boolean(),
  consent: ConsentBadgeSchema,
});
export type ActivitySummary = z.infer<typeof ActivitySummarySchema>;

export const ActivityListSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(ActivitySummarySchema),
  furtherWithheld: z
    .number()
    .int()
    .nullable()
    .describe("Activities matching the filters whose details the State withheld from you; given only when 3 or more (small-cell rule)"),
});
export type ActivityList = z.infer<typeof ActivityListSchema>;

export const ParticipantSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid().nullable(),
  name: z.string(),
  iatiRef: z.string().nullable(),
  orgType: z.string().nullable(),
  role: z.number().int().describe("IATI OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing"),
});

export const TransactionViewSchema = z.object({
  id: z.uuid(),
  transactionType: z.number().int().describe("IATI TransactionType"),
  transactionDate: Day,
  valueDate: Day.nullable(),
  amount: Decimal,
  currency: z.string(),
  description: z.string(),
  providerName: z.string().nullable(),
  receiverName: z.string().nullable(),
});

export const TransactionTotalSchema = z.object({ transactionType: z.number().int(), currency: z.string(), total: Decimal, count: z.number().int() });

export const IndicatorValueViewSchema = z.object({
  id: z.uuid(),
  periodStart: Day,
  periodEnd: Day,
  value: Decimal,
  sex: z.string(),
  ageBand: z.string(),
  disability: z.string(),
  location: z.string(),
});

export const IndicatorViewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  measure: z.number().int().describe("IATI IndicatorMeasure: 1 unit, 2 percentage"),
  ascending: z.boolean(),
  baselineYear: z.number().int().nullable(),
  baselineValue: Decimal.nullable(),
  targetValue: Decimal.nullable(),
  targetDate: Day.nullable(),
  actual: IndicatorValueViewSchema.nullable().describe("the undisaggregated value of the latest period"),
  progressPercent: z.number().int().nullable().describe("from baseline (0) to target (100), capped"),
  values: z.array(IndicatorValueViewSchema).describe("the current value of each period and breakdown (corrections replace, history kept)"),
});
export type IndicatorView = z.infer<typeof IndicatorViewSchema>;

export const ResultViewSchema = z.object({
  id: z.uuid(),
  resultType: z.number().int().describe("IATI ResultType: 1 output, 2 outcome, 3 impact, 9 other"),
  title: z.string(),
  description: z.string(),
  indicators: z.array(IndicatorViewSchema),
});
export type ResultView = z.infer<typeof ResultViewSchema>;

export const DocumentViewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  url: z.string(),
  category: z.string().describe("IATI DocumentCategory"),
  language: z.string(),
  documentDate: Day.nullable(),
});

export const NationalActorViewSchema = z.object({
  id: z.uuid(),
  actorType: z.string(),
  involvement: z.string(),
  name: z.string().nullable().describe("null unless the actor consented to be named, or you act for the State or the provider (R8)"),
});

export const ConsentViewSchema = z.object({
  id: z.uuid(),
  grantedOn: Day,
  expiresOn: Day.nullable(),
  revokedOn: Day.nullable(),
  validToday: z.boolean(),
  details: z
    .object({
      organizationName: z.string(),
      grantedByName: z.string(),
      channel: z.string(),
      channelReference: z.string(),
      scope: z.string(),
      counterparts: z.array(z.string()),
      publishDetails: z.boolean(),
      revokedByName: z.string().nullable(),
      revocationReason: z.string().nullable(),
    })
    .nullable()
    .describe("who signed, the note verbale's reference …: for the activity's circle only"),
});
export type ConsentView = z.infer<typeof ConsentViewSchema>;

export const StepSchema = z.object({
  to: z.number().int(),
  allowed: z.boolean(),
  blockedReason: z.string().nullable(),
  reasonRequired: z.boolean(),
  consentRequired: z.boolean(),
});
export type Step = z.infer<typeof StepSchema>;

export const ActivityDetailSchema = ActivitySummarySchema.extend({
  description: z.string(),
  offerId: z.uuid().nullable(),
  dacSectors: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  persons: z.array(z.string()),
  modalities: z.array(z.string()),
  cooperationType: z.string().nullable(),
  covidContext: z.boolean(),
  covidPhase: z.string().nullable(),
  genderMarker: z.number().int().nullable(),
  disabilityMarker: z.number().int().nullable(),
  fund: z.string().nullable(),
  textLang: z.string(),
  withheldReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  participants: z.array(ParticipantSchema),
  transactions: z.array(TransactionViewSchema),
  totals: z.array(TransactionTotalSchema).describe("per transaction type and currency: amounts in different currencies are never added"),
  results: z.array(ResultViewSchema),
  documents: z.array(DocumentViewSchema),
  nationalActors: z.array(NationalActorViewSchema),
  nationalActorCounts: z.array(z.object({ actorType: z.string(), count: z.number().int() })),
  requests: z.array(z.object({ id: z.uuid(), reference: z.string().nullable(), title: z.string(), status: z.string() })),
  hiddenRequestCount: z.number().int().describe("linked requests you may not read"),
  recommendations: z.array(
    z.object({
      id: z.string(),
      stateIso3: z.string(),
      paragraph: z.string().nullable(),
      text: z.string(),
      textLang: z.string(),
      position: z.string(),
      cycle: z.number().int().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      fromStatus: z.number().int().nullable(),
      toStatus: z.number().int(),
      reason: z.string().nullable(),
      actorName: z.string().nullable(),
      occurredAt: z.string(),
    }),
  ),
  consents: z.array(ConsentViewSchema),
  warnings: z.array(z.enum(["no_request"])).describe("no_request: the activity answers no assistance request (R4)"),
  viewerCan: z.object({ manage: z.boolean(), actForState: z.boolean(), steps: z.array(StepSchema) }),
});
export type ActivityDetail = z.infer<typeof ActivityDetailSchema>;

export const CreatedActivitySchema = z.object({ id: z.uuid(), iatiIdentifier: z.string().nullable(), warnings: z.array(z.enum(["no_request"])) });
export const CreatedSchema = z.object({ id: z.uuid() });
