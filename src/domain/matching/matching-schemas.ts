import { z } from "zod";
import { OfferStatusSchema } from "../offers/offer-status.js";
import { MATCH_FACTORS } from "./match-score.js";

// Outputs of the matching engine and inputs/outputs of pairings (R29), shared by the API, the pages and OpenAPI.

export const ExplanationItemSchema = z
  .object({
    factor: z.enum(MATCH_FACTORS),
    matched: z.array(z.string()).describe("Codes that matched: UHRI themes, SDG targets, modalities, languages, M49 region, overlap interval …"),
    partial: z.array(z.string()).describe("Codes that matched in part: SDG targets of the same goal, a wider region"),
    weight: z.number().describe("The factor's weight, scaled so the factors the request speaks about add up to 100"),
    points: z.number(),
    suggestedBy: z
      .string()
      .optional()
      .describe('For the "textThemes" factor: the tagging model ("name version") that suggested the themes from the request\'s or offer\'s text'),
  })
  .describe("One reason of a match score");
export type ExplanationItemView = z.infer<typeof ExplanationItemSchema>;

export const RequestRefSchema = z.object({ id: z.string(), reference: z.string().nullable(), title: z.string(), stateIso3: z.string(), status: z.string() });
export type RequestRef = z.infer<typeof RequestRefSchema>;

const ProviderRefSchema = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const OfferMatchSchema = z.object({
  offerId: z.string(),
  title: z.string(),
  provider: ProviderRefSchema,
  cooperationType: z.string(),
  status: OfferStatusSchema.describe("published, or accepted for an offer made for this request"),
  answersRequest: z.boolean().describe("The offer was made for this very request"),
  score: z.number().min(0).max(100),
  explanation: z.array(ExplanationItemSchema),
});
export type OfferMatch = z.infer<typeof OfferMatchSchema>;

export const ProviderMatchSchema = z.object({ provider: ProviderRefSchema, score: z.number().min(0).max(100), explanation: z.array(ExplanationItemSchema) });
export type ProviderMatch = z.infer<typeof ProviderMatchSchema>;

export const RequestMatchesSchema = z.object({
  request: RequestRefSchema,
  offers: z.array(OfferMatchSchema).describe("Offers that could answer the request (published, or accepted for it), best first (score, then id)"),
  providers: z.array(ProviderMatchSchema).describe("Providers whose capability profile fits the request, best first"),
});
export type RequestMatches = z.infer<typeof RequestMatchesSchema>;

export const RequestMatchItemSchema = z.object({ request: RequestRefSchema, score: z.number().min(0).max(100), explanation: z.array(ExplanationItemSchema) });
export type RequestMatchItem = z.infer<typeof RequestMatchItemSchema>;

export const OfferMatchesSchema = z.object({
  offer: z.object({ id: z.string(), title: z.string(), status: OfferStatusSchema, provider: ProviderRefSchema }),
  requests: z.array(RequestMatchItemSchema).describe("Open requests the caller may see, best first (score, then id)"),
});
export type OfferMatches = z.infer<typeof OfferMatchesSchema>;

// ---- pairings ----

export const PAIRING_STATUSES = ["active", "completed", "closed"] as const;

export const NewPairingSchema = z.object({ requestId: z.uuid("must be an assistance request id"), offerId: z.uuid("must be an offer id") });
export type NewPairing = z.input<typeof NewPairingSchema>;

const DateSchema = z.iso.date("must be a date (YYYY-MM-DD)");

export const NewMilestoneSchema = z.object({
  title: z.string().trim().min(3, "must be at least 3 characters").max(300, "must be at most 300 characters"),
  dueOn: DateSchema.nullish(),
  note: z.string().trim().max(2000, "must be at most 2,000 characters").default(""),
});
export type NewMilestone = z.input<typeof NewMilestoneSchema>;

export const MilestoneDoneSchema = z.object({ doneOn: DateSchema.nullish() });
export type MilestoneDone = z.input<typeof MilestoneDoneSchema>;

export const FollowUpSchema = z.object({
  report: z.string().trim().min(20, "must be at least 20 characters").max(20_000, "must be at most 20,000 characters"),
  version: z.coerce.number().int().min(1, "must be the version you edited"),
});
export type FollowUpInput = z.input<typeof FollowUpSchema>;

export const MilestoneSchema = z.object({ id: z.string(), title: z.string(), dueOn: z.string().nullable(), doneOn: z.string().nullable(), note: z.string() });

export const PairingSchema = z.object({
  id: z.string(),
  request: RequestRefSchema,
  offer: z.object({ id: z.string(), title: z.string(), status: z.string(), provider: ProviderRefSchema }),
  status: z.enum(PAIRING_STATUSES),
  matchScore: z.number().nullable().describe("The score when the pairing was made"),
  matchExplanation: z.array(ExplanationItemSchema),
  followUpDue: z.string().describe("One year after the pairing (R29 follow-up)"),
  followUpReport: z.string().nullable(),
  followUpSubmittedAt: z.date().nullable(),
  followUpOverdue: z.boolean(),
  milestones: z.array(MilestoneSchema),
  version: z.number().int(),
  createdAt: z.date(),
});
export type Pairing = z.infer<typeof PairingSchema>;
