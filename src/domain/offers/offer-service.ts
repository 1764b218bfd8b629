import { actorFor } from "../access/acting-for.js";
import { todayIso } from "../core/dates.js";
import type { Db } from "../../store/db.js";
import { findVisibleRequestForMatching, listVisibleRequestRefs, type RequestMatchRow } from "../../store/matching-store.js";
import {
  countryExists,
  findVisibleOffer,
  insertOffer,
  listVisibleOffers,
  lockOffer,
  type OfferContentRow,
  type OfferRow,
  updateOfferContent,
} from "../../store/offer-store.js";
import { type Membership, scopeOf, type Viewer } from "../access/viewer.js";
import { type Actor, runAudited } from "../audit/audit-service.js";
import { AppError, type FieldProblem, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { checkReferenceCodes } from "./offer-references.js";
import {
  NewOfferSchema,
  type NewOffer,
  type Offer,
  type OfferContent,
  type OfferQuery,
  OfferQuerySchema,
  type OfferUpdate,
  OfferUpdateSchema,
} from "./offer-schemas.js";
import { OfferStatusSchema } from "./offer-status.js";
import { isOwnState, providerMembershipFor, providerMemberships } from "./provider-access.js";

// Offers (R29, R6, R24; res. 45/32 OP8): a provider drafts an offer — answering an assistance request or on the
// board — edits it while it is a draft, then publishes it (offer-transition-service.ts). Every write is audited;
// bad input is refused before anything is written.

/** Request statuses an offer can still answer. */
export const REQUEST_STATUSES_OPEN_TO_OFFERS = ["submitted", "acknowledged", "under_assessment", "offer_made"] as const;

export function actorOf(viewer: Viewer): Actor & { userId: string } {
  return actorFor(viewer);
}

export async function createOffer(db: Db, viewer: Viewer, input: NewOffer, today = todayIso()): Promise<{ id: string }> {
  const actor = actorOf(viewer);
  const o = parseInput(NewOfferSchema, input);
  const membership = providerMembershipFor(viewer, o.organizationId);
  if (!membership)
    throw new AppError("forbidden", "You do not act for that provider: only its staff with a provider role make its offers", [
      { field: "organizationId", message: "not a provider you act for" },
    ]);
  const content = await checkOfferContent(db, membership, o, today);
  return runAudited(db, actor, async (w) => {
    const created = await insertOffer(w.trx, { ...content, organizationId: o.organizationId, createdBy: actor.userId });
    await w.audit({
      action: "offer.create",
      entityType: "offer",
      entityId: created.id,
      details: { organizationId: o.organizationId, requestId: content.requestId, stateIso3: content.stateIso3, visibility: content.visibility },
    });
    return created;
  });
}

/** Edits a draft. The caller sends the version it edited; a stale one is refused and nothing is overwritten. */
export async function updateOffer(db: Db, viewer: Viewer, offerId: string, input: OfferUpdate, today = todayIso()): Promise<{ id: string; version: number }> {
  const actor = actorOf(viewer);
  const existing = await findVisibleOffer(db, scopeOf(viewer), offerId);
  if (!existing) throw notFound("Offer", offerId);
  const membership = providerMembershipFor(viewer, existing.organizationId);
  if (!membership) throw new AppError("forbidden", "Only the offer's provider can edit it");
  const o = parseInput(OfferUpdateSchema, input);
  assertDraft(existing);
  const content = await checkOfferContent(db, membership, o, today);
  return runAudited(db, actor, async (w) => {
    const locked = await lockOffer(w.trx, offerId);
    if (!locked) throw notFound("Offer", offerId);
    assertDraft(locked);
    const version = locked.version === o.version ? await updateOfferContent(w.trx, offerId, o.version, content) : undefined;
    if (version === undefined) throw staleVersion("offer", o.version, locked.version);
    await w.audit({ action: "offer.update", entityType: "offer", entityId: offerId, details: { version, requestId: content.requestId } });
    return { id: offerId, version };
  });
}

export async function getOffer(db: Db, viewer: Viewer, offerId: string): Promise<Offer> {
  const scope = scopeOf(viewer);
  const row = await findVisibleOffer(db, scope, offerId);
  if (!row) throw notFound("Offer", offerId);
  const refs = await listVisibleRequestRefs(db, scope, row.requestId ? [row.requestId] : []);
  return toOffer(row, refs);
}

export type OfferPage = { total: number; limit: number; offset: number; items: Offer[] };

/**
 * Offers the viewer may see, filtered in SQL. By default the published board; `mine` lists the offers of the
 * providers the viewer acts for, in every status (drafts included).
 */
export async function listOffers(db: Db, viewer: Viewer, query: OfferQuery & { mine?: boolean }): Promise<OfferPage> {
  const q = parseInput(OfferQuerySchema, query);
  const scope = scopeOf(viewer);
  let cooperationTypes: string[] | undefined = q.southSouth ? ["south_south", "triangular"] : undefined;
  if (q.cooperationType) cooperationTypes = cooperationTypes ? cooperationTypes.filter((c) => c === q.cooperationType) : [q.cooperationType];
  if (cooperationTypes?.length === 0) return { total: 0, limit: q.limit, offset: q.offset, items: [] };
  const mine = query.mine === true;
  const page = await listVisibleOffers(db, scope, {
    status: q.status ?? (mine ? undefined : "published"),
    organizationIds: mine ? providerMemberships(viewer).map((m) => m.organizationId) : undefined,
    theme: q.theme,
    modality: q.modality,
    cooperationTypes,
    region: q.region,
    language: q.language,
    provider: q.provider,
    requestId: q.requestId,
    limit: q.limit,
    offset: q.offset,
  });
  const requestIds = [...new Set(page.items.flatMap((o) => (o.requestId ? [o.requestId] : [])))];
  const refs = await listVisibleRequestRefs(db, scope, requestIds);
  return { total: page.total, limit: q.limit, offset: q.offset, items: page.items.map((row) => toOffer(row, refs)) };
}

/**
 * Checks an offer's content against the request it answers and the reference data, and returns what to store.
 * The request must be one the provider may see (it is addressed to it, or visible to it) and still open to offers;
 * the offer is then made to the request's State. An offer on a request that is not public cannot be public: the
 * request stays private to its State until the State publishes it (DESIGN.md "Access, consent and publication").
 */
async function checkOfferContent(db: Db, membership: Membership, o: OfferContent, today: string): Promise<OfferContentRow> {
  const problems: FieldProblem[] = [];
  let stateIso3 = o.stateIso3 ?? null;
  const provider = { organizationType: membership.organizationType, countryIso3: membership.countryIso3 };
  if (o.requestId) {
    const providerScope = scopeOf({ userId: null, displayName: null, memberships: [membership] });
    const request = await findVisibleRequestForMatching(db, providerScope, o.requestId);
    if (!request)
      throw new AppError("invalid_input", "The input is not valid", [
        { field: "requestId", message: "no assistance request your provider may answer has this id" },
      ]);
    assertOpenToOffers(request);
    if (stateIso3 && stateIso3 !== request.stateIso3)
      problems.push({ field: "stateIso3", message: `must be ${request.stateIso3}, the State that made the request` });
    stateIso3 = request.stateIso3;
    if (request.visibility !== "public" && o.visibility === "public")
      problems.push({ field: "visibility", message: "cannot be public while the request it answers is not public: choose “State concerned and UN”" });
  } else if (stateIso3 && !(await countryExists(db, stateIso3))) {
    problems.push({ field: "stateIso3", message: `${stateIso3} is not a known State` });
  }
  if (stateIso3 && isOwnState(provider, stateIso3))
    problems.push({ field: o.requestId ? "requestId" : "stateIso3", message: "a State's own institutions do not make offers to that same State" });
  problems.push(...(await checkReferenceCodes(db, { ...o, currency: o.budgetCurrency }, today)));
  if (problems.length) throw new AppError("invalid_input", "The input is not valid", problems);
  return {
    requestId: o.requestId ?? null,
    stateIso3,
    title: o.title,
    description: o.description,
    themes: o.themes,
    sdgTargets: o.sdgTargets,
    persons: o.persons,
    iscedLevels: o.iscedLevels,
    modalities: o.modalities,
    continuityNeeds: o.continuityNeeds,
    cooperationType: o.cooperationType,
    languages: o.languages,
    regions: o.regions,
    capacity: o.capacity,
    availableFrom: o.availableFrom ?? null,
    availableTo: o.availableTo ?? null,
    budgetAmount: o.budgetAmount ?? null,
    budgetCurrency: o.budgetCurrency ?? null,
    fundSource: o.fundSource || null,
    technologyTransferTerms: o.technologyTransferTerms || null,
    textLang: o.textLang,
    visibility: o.visibility,
  };
}

export function assertOpenToOffers(request: Pick<RequestMatchRow, "status" | "reference" | "id">): void {
  if (!(REQUEST_STATUSES_OPEN_TO_OFFERS as readonly string[]).includes(request.status)) {
    const message = `request ${request.reference ?? request.id} is ${request.status.replaceAll("_", " ")}: it no longer takes offers`;
    throw new AppError("rule_violation", `Cannot make an offer: ${message}`, [{ field: "requestId", message }]);
  }
}

function assertDraft(offer: Pick<OfferRow, "status">): void {
  if (offer.status !== "draft")
    throw new AppError("rule_violation", `Only a draft offer can be edited; this one is ${offer.status}`, [{ field: "status", message: "is not draft" }]);
}

export function staleVersion(what: string, sent: number, current: number): AppError {
  return new AppError("conflict", `The ${what} was changed by someone else since you opened it (your version ${sent}, now ${current}): reload and try again`, [
    { field: "version", message: "is stale" },
  ]);
}

export function toOffer(r: OfferRow, visibleRequests: Map<string, { reference: string | null }>): Offer {
  const request = r.requestId ? visibleRequests.get(r.requestId) : undefined;
  return {
    id: r.id,
    provider: { id: r.organizationId, slug: r.organizationSlug, name: r.organizationName, acronym: r.organizationAcronym, type: r.organizationType },
    requestId: request && r.requestId ? r.requestId : null,
    requestReference: request?.reference ?? null,
    stateIso3: r.stateIso3,
    status: OfferStatusSchema.parse(r.status),
    statusReason: r.statusReason,
    title: r.title,
    description: r.description,
    themes: r.themes,
    sdgTargets: r.sdgTargets,
    persons: r.persons,
    iscedLevels: r.iscedLevels,
    modalities: r.modalities,
    continuityNeeds: r.continuityNeeds,
    cooperationType: r.cooperationType,
    languages: r.languages,
    regions: r.regions,
    capacity: r.capacity,
    availableFrom: r.availableFrom,
    availableTo: r.availableTo,
    budgetAmount: r.budgetAmount,
    budgetCurrency: r.budgetCurrency,
    fundSource: r.fundSource,
    technologyTransferTerms: r.technologyTransferTerms,
    textLang: r.textLang,
    visibility: r.visibility,
    publishedAt: r.publishedAt,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export { todayIso };

export type RequestToAnswer = Pick<
  RequestMatchRow,
  | "id"
  | "reference"
  | "title"
  | "stateIso3"
  | "visibility"
  | "themes"
  | "sdgTargets"
  | "modalities"
  | "continuityNeeds"
  | "iscedLevels"
  | "workingLanguages"
  | "timeframeStart"
  | "timeframeEnd"
>;

/** The request a provider the viewer acts for may answer, to pre-fill an offer; undefined if none may. */
export async function findRequestToAnswer(db: Db, viewer: Viewer, requestId: string): Promise<RequestToAnswer | undefined> {
  for (const m of providerMemberships(viewer)) {
    const r = await findVisibleRequestForMatching(db, scopeOf({ userId: null, displayName: null, memberships: [m] }), requestId);
    if (r && (REQUEST_STATUSES_OPEN_TO_OFFERS as readonly string[]).includes(r.status)) return r;
  }
  return undefined;
}
