import type { Db } from "../../store/db.js";
import { findVisibleRequestForMatching } from "../../store/matching-store.js";
import { findVisibleOffer } from "../../store/offer-store.js";
import {
  bumpPairingVersion,
  findMilestone,
  findPairingIdFor,
  findVisiblePairing,
  insertMilestone,
  insertPairing,
  listMilestoneRows,
  listVisiblePairings,
  lockPairing,
  markMilestoneDone,
  type MilestoneRow,
  type PairingRow,
  writeFollowUp,
} from "../../store/pairing-store.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { runAudited, type WriteContext } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { actorOf, staleVersion, todayIso } from "../offers/offer-service.js";
import { isOwnState } from "../offers/provider-access.js";
import { scoreMatch } from "./match-score.js";
import {
  ExplanationItemSchema,
  type FollowUpInput,
  FollowUpSchema,
  type MilestoneDone,
  MilestoneDoneSchema,
  type NewMilestone,
  NewMilestoneSchema,
  type NewPairing,
  NewPairingSchema,
  PAIRING_STATUSES,
  type Pairing,
} from "./matching-schemas.js";
import { offerFactsOf, requestFactsOf } from "./matching-service.js";
import { pairingPartyOf } from "./pairing-access.js";

// Pairings (R29, the forum's "pairing" of a request with an offer): made by the provider or the State, they keep the
// match score and its explanation as they were, track milestones, and ask for a follow-up report one year later; a
// pairing whose report is late is flagged.

/** Request statuses in which a request can still be paired with an offer. */
const PAIRABLE_REQUEST_STATUSES = ["submitted", "acknowledged", "under_assessment", "offer_made", "agreed", "converted_to_activity"];

export async function createPairing(db: Db, viewer: Viewer, input: NewPairing, now = new Date()): Promise<{ id: string }> {
  const actor = actorOf(viewer);
  const p = parseInput(NewPairingSchema, input);
  const scope = scopeOf(viewer);
  const [request, offer] = await Promise.all([findVisibleRequestForMatching(db, scope, p.requestId), findVisibleOffer(db, scope, p.offerId)]);
  if (!request) throw notFound("Assistance request", p.requestId);
  if (!offer) throw notFound("Offer", p.offerId);
  const party = pairingPartyOf(viewer, { stateIso3: request.stateIso3, providerId: offer.organizationId });
  if (!party) throw new AppError("forbidden", "Only the requesting State or the offer's provider can pair a request with an offer");
  const refuse = (field: string, message: string) => new AppError("rule_violation", `Cannot pair: ${message}`, [{ field, message }]);
  if (offer.status !== "published" && offer.status !== "accepted")
    throw refuse("offerId", `the offer is ${offer.status}; only a published or accepted offer can be paired`);
  if (offer.requestId && offer.requestId !== request.id) throw refuse("offerId", "the offer answers another request");
  if (offer.stateIso3 && offer.stateIso3 !== request.stateIso3) throw refuse("offerId", "the offer is made to another State");
  if (isOwnState({ organizationType: offer.organizationType, countryIso3: offer.organizationCountryIso3 }, request.stateIso3))
    throw refuse("offerId", "a State's own institutions do not pair with that same State's requests");
  if (!PAIRABLE_REQUEST_STATUSES.includes(request.status)) throw refuse("requestId", `the request is ${request.status.replaceAll("_", " ")}`);
  const match = scoreMatch(requestFactsOf(request), offerFactsOf(offer));
  return runAudited(db, actor, async (w) => {
    if (await findPairingIdFor(w.trx, request.id, offer.id))
      throw new AppError("conflict", "This request and this offer are already paired", [{ field: "offerId", message: "already paired with this request" }]);
    const created = await insertPairing(w.trx, {
      requestId: request.id,
      offerId: offer.id,
      matchScore: match.score.toFixed(2),
      matchExplanation: match.explanation,
      followUpDue: addOneYear(todayIso(now)),
      createdBy: actor.userId,
    });
    await w.audit({
      action: "pairing.create",
      entityType: "pairing",
      entityId: created.id,
      details: { requestId: request.id, offerId: offer.id, score: match.score, party: party.party, organizationId: party.organizationId },
    });
    return created;
  });
}

export async function getPairing(db: Db, viewer: Viewer, pairingId: string, now = new Date()): Promise<Pairing> {
  const row = await findVisiblePairing(db, scopeOf(viewer), pairingId);
  if (!row) throw notFound("Pairing", pairingId);
  return toPairing(row, await listMilestoneRows(db, pairingId), todayIso(now));
}

export type PairingListQuery = { requestId?: string; offerId?: string; overdue?: boolean; limit: number; offset: number };

export async function listPairings(db: Db, viewer: Viewer, q: PairingListQuery, now = new Date()): Promise<{ total: number; items: Pairing[] }> {
  const today = todayIso(now);
  const page = await listVisiblePairings(db, scopeOf(viewer), {
    ...(q.requestId ? { requestId: q.requestId } : {}),
    ...(q.offerId ? { offerId: q.offerId } : {}),
    ...(q.overdue ? { overdueOn: today } : {}),
    limit: q.limit,
    offset: q.offset,
  });
  return { total: page.total, items: page.items.map((r) => toPairing(r, [], today)) };
}

export async function addMilestone(db: Db, viewer: Viewer, pairingId: string, input: NewMilestone): Promise<{ id: string }> {
  const m = parseInput(NewMilestoneSchema, input);
  return writeAsParty(db, viewer, pairingId, async (w, pairing) => {
    const created = await insertMilestone(w.trx, { pairingId, title: m.title, dueOn: m.dueOn ?? null, note: m.note });
    await bumpPairingVersion(w.trx, pairingId);
    await w.audit({
      action: "pairing.milestone_add",
      entityType: "pairing",
      entityId: pairing.id,
      details: { milestoneId: created.id, title: m.title, dueOn: m.dueOn ?? null },
    });
    return created;
  });
}

export async function completeMilestone(db: Db, viewer: Viewer, pairingId: string, milestoneId: string, input: MilestoneDone, now = new Date()): Promise<void> {
  const d = parseInput(MilestoneDoneSchema, input);
  const today = todayIso(now);
  const doneOn = d.doneOn ?? today;
  if (doneOn > today) throw new AppError("invalid_input", "The input is not valid", [{ field: "doneOn", message: "must not be in the future" }]);
  await writeAsParty(db, viewer, pairingId, async (w, pairing) => {
    const milestone = await findMilestone(w.trx, pairingId, milestoneId);
    if (!milestone) throw notFound("Milestone", milestoneId);
    if (milestone.doneOn) throw new AppError("rule_violation", `The milestone “${milestone.title}” was already marked done on ${milestone.doneOn}`);
    await markMilestoneDone(w.trx, milestoneId, doneOn);
    await bumpPairingVersion(w.trx, pairingId);
    await w.audit({ action: "pairing.milestone_done", entityType: "pairing", entityId: pairing.id, details: { milestoneId, doneOn } });
  });
}

/** The one-year follow-up report (R29). Sent once, with the version the author saw; the pairing is then completed. */
export async function submitFollowUp(db: Db, viewer: Viewer, pairingId: string, input: FollowUpInput): Promise<{ version: number }> {
  const f = parseInput(FollowUpSchema, input);
  return writeAsParty(db, viewer, pairingId, async (w, pairing) => {
    if (pairing.followUpReport !== null) throw new AppError("rule_violation", "The follow-up report of this pairing was already submitted");
    const version = pairing.version === f.version ? await writeFollowUp(w.trx, pairingId, f.version, f.report) : undefined;
    if (version === undefined) throw staleVersion("pairing", f.version, pairing.version);
    await w.audit({ action: "pairing.follow_up", entityType: "pairing", entityId: pairing.id, details: { version, length: f.report.length } });
    return { version };
  });
}

/** Runs a write on a pairing the viewer may see and is a party to, with the pairing locked. */
async function writeAsParty<T>(db: Db, viewer: Viewer, pairingId: string, work: (w: WriteContext, p: PairingRow) => Promise<T>): Promise<T> {
  const actor = actorOf(viewer);
  const seen = await findVisiblePairing(db, scopeOf(viewer), pairingId);
  if (!seen) throw notFound("Pairing", pairingId);
  if (!pairingPartyOf(viewer, seen)) throw new AppError("forbidden", "Only the parties to a pairing — the requesting State and the provider — can update it");
  return runAudited(db, actor, async (w) => {
    const pairing = await lockPairing(w.trx, pairingId);
    if (!pairing) throw notFound("Pairing", pairingId);
    return work(w, pairing);
  });
}

/** One year later, same day; 29 February falls on 1 March. */
export function addOneYear(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

export const isFollowUpOverdue = (p: { followUpDue: string; followUpReport: string | null }, today: string) =>
  p.followUpReport === null && p.followUpDue < today;

function toPairing(r: PairingRow, milestones: MilestoneRow[], today: string): Pairing {
  const explanation = ExplanationItemSchema.array().safeParse(r.matchExplanation);
  const status = PAIRING_STATUSES.find((s) => s === r.status) ?? "active";
  return {
    id: r.id,
    request: { id: r.requestId, reference: r.requestReference, title: r.requestTitle, stateIso3: r.stateIso3, status: r.requestStatus },
    offer: { id: r.offerId, title: r.offerTitle, status: r.offerStatus, provider: { id: r.providerId, slug: r.providerSlug, name: r.providerName } },
    status,
    matchScore: r.matchScore === null ? null : Number(r.matchScore),
    matchExplanation: explanation.success ? explanation.data : [],
    followUpDue: r.followUpDue,
    followUpReport: r.followUpReport,
    followUpSubmittedAt: r.followUpSubmittedAt,
    followUpOverdue: isFollowUpOverdue(r, today),
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn, note: m.note })),
    version: r.version,
    createdAt: r.createdAt,
  };
}
