import { z } from "zod";

// The life of an activity, with IATI 2.03 ActivityStatus codes so the register publishes them as they are:
// 1 pipeline/identification → 2 implementation → 3 finalisation → 4 closed; 5 cancelled; 6 suspended.
// res. 45/32 OP2: assistance is provided "in consultation with, and with the consent of, the States concerned" —
// so an activity leaves the pipeline, or resumes after a suspension, only with a valid consent (R3), and revoking
// consent suspends it (the system's move). Closed and cancelled are final.

export const ACTIVITY_STATUSES = [1, 2, 3, 4, 5, 6] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ActivityStatusSchema = z.coerce
  .number()
  .int()
  .refine((n): n is ActivityStatus => (ACTIVITY_STATUSES as readonly number[]).includes(n), "must be an IATI ActivityStatus code from 1 to 6")
  .transform((n) => n as ActivityStatus);

export const STATUS_NAMES: Record<ActivityStatus, string> = {
  1: "pipeline",
  2: "implementation",
  3: "finalisation",
  4: "closed",
  5: "cancelled",
  6: "suspended",
};

/** Who moves an activity: its reporting provider, the State concerned, or the system (consent revoked). */
export type ActivityParty = "provider" | "state" | "system";

export type ActivityTransition = { to: ActivityStatus; by: readonly ActivityParty[]; reasonRequired?: boolean; consentRequired?: boolean };

const CANCEL: ActivityTransition = { to: 5, by: ["provider", "state"], reasonRequired: true };
// A provider may suspend for its own reasons (security, elections); the system suspends when consent is revoked.
const SUSPEND: ActivityTransition = { to: 6, by: ["provider", "system"], reasonRequired: true };

export const ACTIVITY_TRANSITIONS: Record<ActivityStatus, readonly ActivityTransition[]> = {
  1: [{ to: 2, by: ["provider"], consentRequired: true }, CANCEL],
  2: [{ to: 3, by: ["provider"] }, CANCEL, SUSPEND],
  3: [{ to: 4, by: ["provider"] }, CANCEL, SUSPEND],
  4: [],
  5: [],
  // Resuming needs a valid consent again: the one that was revoked no longer counts.
  6: [{ to: 2, by: ["provider"], consentRequired: true }, CANCEL],
};

export type ActivityTransitionCheck = { ok: true } | { ok: false; reason: string; missingConsent?: boolean };

export type TransitionContext = { party: ActivityParty; reason?: string | null; hasValidConsent: boolean };

/** Whether `party` may move an activity from `from` to `to`, and why not. */
export function checkActivityTransition(from: ActivityStatus, to: ActivityStatus, ctx: TransitionContext): ActivityTransitionCheck {
  const allowed = ACTIVITY_TRANSITIONS[from];
  if (allowed.length === 0) return { ok: false, reason: `a ${STATUS_NAMES[from]} activity is final: its status cannot change any more` };
  const step = allowed.find((t) => t.to === to);
  if (!step) {
    const options = allowed.map((t) => STATUS_NAMES[t.to]).join(", ");
    return { ok: false, reason: `a ${STATUS_NAMES[from]} activity cannot become ${STATUS_NAMES[to]} (possible next steps: ${options})` };
  }
  if (!step.by.includes(ctx.party))
    return { ok: false, reason: `only ${step.by.map(partyLabel).join(" or ")} can make a ${STATUS_NAMES[from]} activity ${STATUS_NAMES[to]}` };
  if (step.reasonRequired && !ctx.reason?.trim()) return { ok: false, reason: `a reason is required to make an activity ${STATUS_NAMES[to]}` };
  if (step.consentRequired && !ctx.hasValidConsent)
    return {
      ok: false,
      missingConsent: true,
      reason: `the State's consent is missing: record a consent of the State concerned (granted, not revoked, not expired today) before the activity can move to ${STATUS_NAMES[to]} (res. 45/32 OP2)`,
    };
  return { ok: true };
}

/** The steps `party` could take from `from`, each with whether consent gates it (for the buttons a page offers). */
export function nextActivitySteps(from: ActivityStatus, party: ActivityParty): readonly ActivityTransition[] {
  return ACTIVITY_TRANSITIONS[from].filter((t) => t.by.includes(party));
}

/** Statuses in which a revoked consent suspends the activity (R3); a pipeline activity stays where it is. */
export const SUSPENDED_ON_REVOCATION: readonly ActivityStatus[] = [2, 3];

export const isFinalStatus = (s: ActivityStatus) => ACTIVITY_TRANSITIONS[s].length === 0;

const partyLabel = (p: ActivityParty) => (p === "provider" ? "the reporting provider" : p === "state" ? "the State concerned" : "the system");
