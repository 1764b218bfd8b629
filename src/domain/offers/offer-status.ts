import { z } from "zod";

// The life of an offer (R29, R13): a provider drafts it, publishes it (answering an assistance request or on the
// board), may withdraw it (reason) or close it; the State it is made to accepts it or declines it (reason). When the
// State accepts one offer, the other offers on the same request are declined by the system.

export const OFFER_STATUSES = ["draft", "published", "accepted", "declined", "withdrawn", "closed"] as const;
export const OfferStatusSchema = z.enum(OFFER_STATUSES);
export type OfferStatus = z.infer<typeof OfferStatusSchema>;

/** Who moves an offer: its provider, the State it is made to, or the system (as a consequence). */
export type OfferParty = "provider" | "state" | "system";

type Step = { to: OfferStatus; by: readonly OfferParty[]; reasonRequired?: boolean };

export const OFFER_TRANSITIONS: Record<OfferStatus, readonly Step[]> = {
  draft: [
    { to: "published", by: ["provider"] },
    { to: "withdrawn", by: ["provider"], reasonRequired: true },
  ],
  published: [
    { to: "accepted", by: ["state"] },
    { to: "declined", by: ["state", "system"], reasonRequired: true },
    { to: "withdrawn", by: ["provider"], reasonRequired: true },
    { to: "closed", by: ["provider"] },
  ],
  // An accepted offer is closed by its provider once delivered or taken over by an activity.
  accepted: [{ to: "closed", by: ["provider"] }],
  declined: [],
  withdrawn: [],
  closed: [],
};

export type OfferTransitionCheck = { ok: true } | { ok: false; reason: string };

/** Whether `party` may move an offer from `from` to `to`, and why not. */
export function checkOfferTransition(from: OfferStatus, to: OfferStatus, party: OfferParty, reason?: string | null): OfferTransitionCheck {
  const steps = OFFER_TRANSITIONS[from];
  if (steps.length === 0) return { ok: false, reason: `a ${from} offer is closed: it cannot change any more` };
  const step = steps.find((s) => s.to === to);
  if (!step) return { ok: false, reason: `a ${from} offer cannot become ${to} (possible next steps: ${steps.map((s) => s.to).join(", ")})` };
  if (!step.by.includes(party)) return { ok: false, reason: `only ${step.by.map(partyLabel).join(" or ")} can make a ${from} offer ${to}` };
  if (step.reasonRequired && !reason?.trim()) return { ok: false, reason: `a reason is required to make an offer ${to}` };
  return { ok: true };
}

/** The steps `party` can take from `from` (for the buttons a page offers). */
export function nextOfferSteps(from: OfferStatus, party: OfferParty): { to: OfferStatus; reasonRequired: boolean }[] {
  return OFFER_TRANSITIONS[from].filter((s) => s.by.includes(party)).map((s) => ({ to: s.to, reasonRequired: s.reasonRequired ?? false }));
}

/** The party that takes a step to `to` when a person does it (the system's moves are consequences, never asked for). */
export function partyFor(to: OfferStatus): OfferParty {
  return to === "accepted" || to === "declined" ? "state" : "provider";
}

const partyLabel = (p: OfferParty) => (p === "state" ? "the State the offer is made to" : p === "provider" ? "the offer's provider" : "the system");
