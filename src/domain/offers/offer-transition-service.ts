import type { Db } from "../../store/db.js";
import { lockRequestForOffer, type RequestMatchRow } from "../../store/matching-store.js";
import { findVisibleOffer, lockOffer, lockPublishedOffersOnRequest, type OfferRow, writeOfferStatus } from "../../store/offer-store.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import type { WriteContext } from "../audit/audit-service.js";
import { runAudited } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { applyRequestTransition } from "../requests/request-transition.js";
import { type OfferTransitionInput, OfferTransitionInputSchema } from "./offer-schemas.js";
import { checkOfferTransition, nextOfferSteps, type OfferParty, type OfferStatus, OfferStatusSchema, partyFor } from "./offer-status.js";
import { actorOf, assertOpenToOffers, staleVersion } from "./offer-service.js";
import { providerMembershipFor, stateMembershipFor } from "./provider-access.js";

// Status changes of offers and their consequences on the assistance request they answer (R13, R29; res. 45/32 OP8):
// publishing an offer moves the request to offer_made (acknowledging it first if nobody had); the State accepting
// an offer agrees the request and declines the other offers; when the last published offer on a request is declined,
// withdrawn or closed, the request goes back to assessment. All of it in one audited transaction; locks are taken
// request first, then offers, everywhere, so two people acting at once cannot deadlock.

export const OTHER_OFFER_ACCEPTED = "another offer was accepted";

export type OfferStep = { to: OfferStatus; party: OfferParty; reasonRequired: boolean; organizationId: string };

/** The steps the viewer may take on this offer now, and for which organization (for the page's buttons). */
export function offerStepsFor(viewer: Viewer, offer: { provider: { id: string }; stateIso3: string | null; status: OfferStatus }): OfferStep[] {
  const steps: OfferStep[] = [];
  const provider = providerMembershipFor(viewer, offer.provider.id);
  if (provider) for (const s of nextOfferSteps(offer.status, "provider")) steps.push({ ...s, party: "provider", organizationId: provider.organizationId });
  const state = offer.stateIso3 ? stateMembershipFor(viewer, offer.stateIso3) : undefined;
  if (state) for (const s of nextOfferSteps(offer.status, "state")) steps.push({ ...s, party: "state", organizationId: state.organizationId });
  return steps;
}

export async function transitionOffer(
  db: Db,
  viewer: Viewer,
  offerId: string,
  input: OfferTransitionInput,
): Promise<{ id: string; status: OfferStatus; version: number }> {
  const actor = actorOf(viewer);
  const t = parseInput(OfferTransitionInputSchema, input);
  const seen = await findVisibleOffer(db, scopeOf(viewer), offerId);
  if (!seen) throw notFound("Offer", offerId);
  const party = partyFor(t.to);
  const acting =
    party === "provider" ? providerMembershipFor(viewer, seen.organizationId) : seen.stateIso3 ? stateMembershipFor(viewer, seen.stateIso3) : undefined;
  if (!acting) {
    const message = party === "provider" ? "Only the offer's provider can do this" : "Only the State the offer is made to can accept or decline it";
    throw new AppError("forbidden", message, [{ field: "to", message: "not allowed for you" }]);
  }
  const reason = t.reason?.trim() || null;
  return runAudited(db, actor, async (w) => {
    const request = seen.requestId ? await lockRequestForOffer(w.trx, seen.requestId) : undefined;
    const offer = await lockOffer(w.trx, offerId);
    if (!offer) throw notFound("Offer", offerId);
    if ((t.version !== undefined && t.version !== offer.version) || offer.requestId !== seen.requestId)
      throw staleVersion("offer", t.version ?? seen.version, offer.version);
    const from = OfferStatusSchema.parse(offer.status);
    const check = checkOfferTransition(from, t.to, party, reason);
    if (!check.ok)
      throw new AppError("rule_violation", `Cannot change the status of offer “${offer.title}”: ${check.reason}`, [{ field: "to", message: check.reason }]);
    if (t.to === "published" && request) assertPublishable(offer, request);
    if (t.to === "accepted" && !offer.stateIso3)
      throw new AppError("rule_violation", "Only an offer made to a State can be accepted", [{ field: "to", message: "the offer is made to no State" }]);
    const version = await writeOfferStatus(w.trx, { id: offerId, to: t.to, reason, publish: t.to === "published" });
    await w.audit({ action: `offer.${t.to}`, entityType: "offer", entityId: offerId, details: { from, to: t.to, reason, party, requestId: offer.requestId } });
    if (request) await applyRequestConsequences(w, { request, offerId, from, to: t.to, actingOrganizationId: acting.organizationId });
    return { id: offerId, status: t.to, version };
  });
}

/** A published offer must still fit its request: open to offers, and no wider visibility than the request's. */
function assertPublishable(offer: OfferRow, request: RequestMatchRow): void {
  assertOpenToOffers(request);
  if (request.visibility !== "public" && offer.visibility === "public")
    throw new AppError("rule_violation", "The offer is public but the request it answers is not: edit its visibility before publishing", [
      { field: "visibility", message: "cannot be public while the request is not" },
    ]);
}

type Consequence = { request: RequestMatchRow; offerId: string; from: OfferStatus; to: OfferStatus; actingOrganizationId: string };

async function applyRequestConsequences(w: WriteContext, c: Consequence): Promise<void> {
  const requestId = c.request.id;
  if (c.to === "published") {
    // The provider answering a request nobody acknowledged yet acknowledges it by answering (R13 timeline).
    if (c.request.status === "submitted")
      await applyRequestTransition(w, { requestId, to: "acknowledged", party: "provider", actorOrganizationId: c.actingOrganizationId });
    if (c.request.status !== "offer_made")
      await applyRequestTransition(w, { requestId, to: "offer_made", party: "system", actorOrganizationId: c.actingOrganizationId });
    return;
  }
  if (c.to === "accepted") {
    await applyRequestTransition(w, { requestId, to: "agreed", party: "state", actorOrganizationId: c.actingOrganizationId });
    for (const otherId of await lockPublishedOffersOnRequest(w.trx, requestId, c.offerId)) {
      await writeOfferStatus(w.trx, { id: otherId, to: "declined", reason: OTHER_OFFER_ACCEPTED, publish: false });
      await w.audit({
        action: "offer.declined",
        entityType: "offer",
        entityId: otherId,
        details: { from: "published", to: "declined", reason: OTHER_OFFER_ACCEPTED, party: "system", requestId, acceptedOfferId: c.offerId },
      });
    }
    return;
  }
  // The last published offer on the request is gone: the request is back under assessment.
  if (c.from === "published" && c.request.status === "offer_made" && (await lockPublishedOffersOnRequest(w.trx, requestId, c.offerId)).length === 0)
    await applyRequestTransition(w, { requestId, to: "under_assessment", party: "system", actorOrganizationId: c.actingOrganizationId });
}
