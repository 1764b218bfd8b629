import { z } from "zod";

// The life of an assistance request (R13; res. 45/32 OP8: States request, providers "respond favourably"):
// draft → submitted → acknowledged → under_assessment → offer_made → agreed → converted_to_activity,
// with the exits referred, declined (reason required) and withdrawn.

export const REQUEST_STATUSES = [
  "draft",
  "submitted",
  "acknowledged",
  "under_assessment",
  "offer_made",
  "agreed",
  "converted_to_activity",
  "referred",
  "declined",
  "withdrawn",
] as const;
export const RequestStatusSchema = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatusSchema>;

/** Who moves a request: the requesting State, a provider it is addressed to, or the system (as a consequence). */
export type RequestParty = "state" | "provider" | "system";

type Transition = { to: RequestStatus; by: RequestParty; reasonRequired?: boolean };

const STATE_WITHDRAWS: Transition = { to: "withdrawn", by: "state", reasonRequired: true };
const PROVIDER_REFERS: Transition = { to: "referred", by: "provider", reasonRequired: true };
const PROVIDER_DECLINES: Transition = { to: "declined", by: "provider", reasonRequired: true };

export const REQUEST_TRANSITIONS: Record<RequestStatus, Transition[]> = {
  draft: [{ to: "submitted", by: "state" }, STATE_WITHDRAWS],
  submitted: [{ to: "acknowledged", by: "provider" }, PROVIDER_REFERS, PROVIDER_DECLINES, STATE_WITHDRAWS],
  acknowledged: [{ to: "under_assessment", by: "provider" }, { to: "offer_made", by: "system" }, PROVIDER_REFERS, PROVIDER_DECLINES, STATE_WITHDRAWS],
  under_assessment: [{ to: "offer_made", by: "system" }, PROVIDER_REFERS, PROVIDER_DECLINES, STATE_WITHDRAWS],
  // The State agrees to an offer; if it turns every offer down the request goes back to assessment.
  offer_made: [{ to: "agreed", by: "state" }, { to: "under_assessment", by: "system" }, PROVIDER_DECLINES, STATE_WITHDRAWS],
  agreed: [{ to: "converted_to_activity", by: "system" }, STATE_WITHDRAWS],
  converted_to_activity: [],
  // R13 "referral to another UN entity": the provider it was referred to picks it up (or declines it).
  referred: [{ to: "acknowledged", by: "provider" }, PROVIDER_DECLINES, STATE_WITHDRAWS],
  declined: [],
  withdrawn: [],
};

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

/** Whether `party` may move a request from `from` to `to`, and why not. */
export function checkRequestTransition(from: RequestStatus, to: RequestStatus, party: RequestParty, reason?: string | null): TransitionCheck {
  const allowed = REQUEST_TRANSITIONS[from];
  if (allowed.length === 0) return { ok: false, reason: `a ${label(from)} request is closed: it cannot change any more` };
  const step = allowed.find((t) => t.to === to);
  if (!step) {
    const options = allowed.map((t) => label(t.to)).join(", ");
    return { ok: false, reason: `a ${label(from)} request cannot become ${label(to)} (possible next steps: ${options})` };
  }
  if (step.by !== party) return { ok: false, reason: `only ${partyLabel(step.by)} can make a ${label(from)} request ${label(to)}` };
  if (step.reasonRequired && !reason?.trim()) return { ok: false, reason: `a reason is required to make a request ${label(to)}` };
  return { ok: true };
}

/** The steps `party` can take from `from` (for the buttons a page offers). */
export function nextRequestSteps(from: RequestStatus, party: RequestParty): Transition[] {
  return REQUEST_TRANSITIONS[from].filter((t) => t.by === party);
}

export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = ["submitted", "referred", "acknowledged", "under_assessment", "offer_made", "agreed"];

const label = (s: RequestStatus) => s.replaceAll("_", " ");
const partyLabel = (p: RequestParty) => (p === "state" ? "the requesting State" : p === "provider" ? "a provider it is addressed to" : "the system");
