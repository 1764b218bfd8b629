import { z } from "zod";

// What the coordination API returns (R16). Codes, not labels: clients translate them (vocab.*, IATI codelists).

const PeriodSchema = z.object({ start: z.string(), end: z.string().nullable().describe("null: open-ended (ongoing)") });
const ProviderSchema = z.object({ key: z.string(), organizationId: z.string().nullable(), name: z.string() });
export const CounterpartSchema = z.object({
  key: z.string(),
  kind: z.enum(["national_actor", "organization"]),
  actorType: z.string().nullable(),
  name: z.string().nullable().describe("null when withheld from the caller (a national actor's name needs its consent)"),
});

export const CoordinationActivitySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.number().int().describe("IATI ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended"),
  provider: ProviderSchema,
  implementers: z.array(ProviderSchema),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  period: PeriodSchema.nullable().describe("when it runs: actual dates where known, else planned; null without a start date"),
  themes: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  counterparts: z.array(CounterpartSchema),
  nationalActors: z.array(z.object({ actorType: z.string(), involvement: z.string(), name: z.string().nullable() })),
});

const OverlapSideSchema = z.object({ id: z.uuid(), title: z.string(), providerName: z.string(), providerKey: z.string(), period: PeriodSchema });
export const OverlapWarningSchema = z.object({
  first: OverlapSideSchema,
  second: OverlapSideSchema,
  counterparts: z.array(CounterpartSchema),
  themes: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  overlap: PeriodSchema,
});

export const CoordinationViewSchema = z.object({
  stateIso3: z.string(),
  activities: z.array(CoordinationActivitySchema),
  matrix: z.object({
    themeGroups: z.array(z.string()).describe("UHRI theme groups (first letter of the theme codes); '-' for activities without a theme"),
    rows: z.array(z.object({ provider: ProviderSchema, counts: z.record(z.string(), z.number().int()), total: z.number().int() })),
    columnTotals: z.record(z.string(), z.number().int()),
    activityCount: z.number().int(),
  }),
  overlaps: z.array(OverlapWarningSchema),
  withheldActivities: z.number().int().nullable().describe("activities whose details are withheld from the caller; null when fewer than 3 (small-cell rule)"),
});

const DatedActivitySchema = z.object({ id: z.uuid(), title: z.string(), providerName: z.string(), status: z.number().int(), date: z.string() });

export const DigestSchema = z.object({
  stateIso3: z.string(),
  from: z.string(),
  to: z.string(),
  requestsSubmitted: z.array(z.object({ id: z.uuid(), reference: z.string().nullable(), title: z.string(), status: z.string(), date: z.string() })),
  requestStatusChanges: z.array(
    z.object({
      id: z.uuid(),
      reference: z.string().nullable(),
      title: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      reason: z.string().nullable(),
      date: z.string(),
    }),
  ),
  offersReceived: z.array(
    z.object({ id: z.uuid(), title: z.string(), status: z.string(), providerName: z.string(), requestReference: z.string().nullable(), date: z.string() }),
  ),
  activitiesRecorded: z.array(DatedActivitySchema),
  activitiesStarted: z.array(DatedActivitySchema),
  activityStatusChanges: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      providerName: z.string(),
      from: z.number().int().nullable(),
      to: z.number().int(),
      reason: z.string().nullable(),
      date: z.string(),
    }),
  ),
  withheldActivities: z.number().int().nullable().describe("activities with news in the period whose details are withheld; null when fewer than 3"),
  consents: z.array(
    z.object({
      activityId: z.uuid(),
      activityTitle: z.string(),
      event: z.enum(["granted", "revoked"]),
      date: z.string(),
      grantedByName: z.string().nullable().describe("for the activity's circle only"),
      channel: z.string().nullable(),
      channelReference: z.string().nullable(),
      scope: z.string().nullable(),
      revocationReason: z.string().nullable(),
    }),
  ),
  transactions: z.array(
    z.object({
      activityId: z.uuid(),
      activityTitle: z.string(),
      type: z.number().int(),
      date: z.string(),
      amount: z.string().describe("decimal string"),
      currency: z.string(),
    }),
  ),
  transactionTotals: z.array(z.object({ type: z.number().int(), currency: z.string(), amount: z.string(), count: z.number().int() })),
  overlaps: z.array(OverlapWarningSchema),
});
export type Digest = z.infer<typeof DigestSchema>;
