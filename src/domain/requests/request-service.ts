import { actorFor } from "../access/acting-for.js";
import type { Db } from "../../store/db.js";
import { findVisibleRequestFacts, type RequestFactsRow } from "../../store/request-read-store.js";
import {
  addRequestProvider,
  markProviderDeclined,
  findOrganizationsByIds,
  insertRequest,
  lockRequestRow,
  nextRequestNumber,
  replaceRequestLinks,
  setRequestSubmitted,
  updateDraftRow,
  writeRequestVisibility,
} from "../../store/request-store.js";
import { type OrganizationType, PROVIDER_ORGANIZATION_TYPES } from "../access/roles.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { type Actor, runAudited } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { checkRequestTransition, type RequestStatus, RequestStatusSchema } from "../cooperation/request-status.js";
import { insertRequestEvent } from "../../store/request-status-store.js";
import {
  NewRequestSchema,
  RequestInstitutionSchema,
  RequestTransitionInputSchema,
  RequestUpdateSchema,
  type RequestVisibility,
  RequestVisibilityInputSchema,
} from "./request-schemas.js";
import { formatRequestReference, MANUAL_TRANSITIONS, providerMembershipsFor, requestingMemberships, stateMembershipsFor } from "./request-rules.js";
import { applyRequestTransition } from "./request-transition.js";
import { parseRequestInput, submissionProblems, validateDraft } from "./request-validation.js";

// Assistance requests (R12, R13; res. 45/32 OP8): a State drafts, edits and submits a request addressed to
// providers; providers acknowledge, assess, refer or decline it; the State withdraws it or publishes it (R32).
// Every write is audited; every status change goes through applyRequestTransition.

function actorOf(viewer: Viewer): Actor & { userId: string } {
  return actorFor(viewer, "Sign in to work on assistance requests");
}

/** The request if the viewer may see it; a request they may not see does not exist for them. */
async function visibleFacts(db: Db, viewer: Viewer, id: string): Promise<RequestFactsRow> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const facts = isUuid ? await findVisibleRequestFacts(db, scopeOf(viewer), id) : undefined;
  if (!facts) throw notFound("Assistance request", id);
  return facts;
}

/** The State body the viewer acts for on this request (its author's when they belong to it). */
function stateActorOrganization(viewer: Viewer, r: { stateIso3: string; organizationId: string }, action: string): string {
  const memberships = stateMembershipsFor(viewer, r.stateIso3);
  if (memberships.length === 0)
    throw new AppError("forbidden", `Only the requesting State's focal point or national mechanism (NMIRF) can ${action} this request`);
  return (memberships.find((m) => m.organizationId === r.organizationId) ?? memberships[0])?.organizationId as string;
}

/** Creates a draft for the State the viewer acts for (State focal point or NMIRF, through a government body). */
export async function createRequestDraft(
  db: Db,
  viewer: Viewer,
  input: unknown,
): Promise<{ id: string; version: number; notAcceptedRecommendationIds: string[] }> {
  const actor = actorOf(viewer);
  const eligible = requestingMemberships(viewer);
  if (eligible.length === 0)
    throw new AppError(
      "forbidden",
      "Only a State focal point or a national mechanism (NMIRF), acting for a government institution, can make an assistance request",
    );
  const head = parseRequestInput(RequestInstitutionSchema, input);
  const organizationId = head.organizationId ?? (eligible.length === 1 ? eligible[0]?.organizationId : undefined);
  if (!organizationId) throw new AppError("invalid_input", "Choose the State institution you act for", [{ field: "organizationId", message: "choose one" }]);
  const membership = eligible.find((m) => m.organizationId === organizationId);
  if (!membership)
    throw new AppError("forbidden", "You do not act for that institution as a State focal point or NMIRF", [
      { field: "organizationId", message: "not one of your State institutions" },
    ]);
  const { checked } = await validateDraft(db, NewRequestSchema, membership.countryIso3, input);
  return runAudited(db, actor, async (w) => {
    const created = await insertRequest(w.trx, { ...checked.values, stateIso3: membership.countryIso3, organizationId, createdBy: actor.userId });
    await replaceRequestLinks(w.trx, created.id, checked.links);
    await w.audit({
      action: "request.create",
      entityType: "assistance_request",
      entityId: created.id,
      details: {
        stateIso3: membership.countryIso3,
        organizationId,
        providerIds: checked.links.providerIds,
        recommendationIds: checked.links.recommendations.map((r) => r.id),
        notAcceptedRecommendationIds: checked.notAcceptedRecommendationIds,
      },
    });
    return { id: created.id, version: created.version, notAcceptedRecommendationIds: checked.notAcceptedRecommendationIds };
  });
}

/** Saves a draft edited from `version`; a stale version is refused (conflict) and nothing is overwritten. */
export async function updateRequestDraft(
  db: Db,
  viewer: Viewer,
  id: string,
  input: unknown,
): Promise<{ id: string; version: number; notAcceptedRecommendationIds: string[] }> {
  const actor = actorOf(viewer);
  const facts = await visibleFacts(db, viewer, id);
  stateActorOrganization(viewer, facts, "edit");
  if (facts.status !== "draft") throw notEditable(facts);
  const { parsed: d, checked } = await validateDraft(db, RequestUpdateSchema, facts.stateIso3, input);
  return runAudited(db, actor, async (w) => {
    const locked = await lockRequestRow(w.trx, id);
    if (!locked) throw notFound("Assistance request", id);
    if (locked.status !== "draft") throw notEditable(locked);
    if (locked.version !== d.version)
      throw new AppError(
        "conflict",
        `This draft was saved by someone else since you opened it (you edited version ${d.version}, the current one is ${locked.version}). Nothing was overwritten: reload it and apply your changes again.`,
        [{ field: "version", message: `is ${locked.version} now` }],
      );
    const version = await updateDraftRow(w.trx, id, d.version, checked.values);
    if (version === undefined) throw new AppError("conflict", "The draft changed while it was being saved; reload it and try again");
    await replaceRequestLinks(w.trx, id, checked.links);
    await w.audit({
      action: "request.update",
      entityType: "assistance_request",
      entityId: id,
      details: {
        version,
        providerIds: checked.links.providerIds,
        recommendationIds: checked.links.recommendations.map((r) => r.id),
        notAcceptedRecommendationIds: checked.notAcceptedRecommendationIds,
      },
    });
    return { id, version, notAcceptedRecommendationIds: checked.notAcceptedRecommendationIds };
  });
}

function notEditable(r: { status: string; reference: string | null }): AppError {
  return new AppError("rule_violation", `Only a draft can be edited: request ${r.reference ?? ""} is ${r.status.replaceAll("_", " ")}`.replace("  ", " "), [
    { field: "status", message: "is not draft" },
  ]);
}

const CONSEQUENCE_OF: Partial<Record<RequestStatus, string>> = {
  offer_made: "a provider makes an offer answering the request",
  agreed: "the State accepts an offer",
  converted_to_activity: "an activity is created from the agreed offer",
  draft: "nothing: a request never returns to draft",
};

/**
 * Moves a request one step (R13): the State submits or withdraws; a provider it is addressed to acknowledges,
 * starts the assessment, refers (optionally to another provider, which is then addressed) or declines. Refused
 * moves write nothing and say why.
 */
export async function changeRequestStatus(
  db: Db,
  viewer: Viewer,
  id: string,
  input: unknown,
): Promise<{ id: string; status: RequestStatus; reference: string | null }> {
  const actor = actorOf(viewer);
  const t = parseRequestInput(RequestTransitionInputSchema, input);
  const facts = await visibleFacts(db, viewer, id);
  const party = MANUAL_TRANSITIONS[t.to];
  if (!party) {
    throw new AppError("rule_violation", `A request becomes ${t.to.replaceAll("_", " ")} when ${CONSEQUENCE_OF[t.to] ?? "the system records it"}`, [
      { field: "to", message: "cannot be chosen here" },
    ]);
  }
  const actorOrganizationId = party === "state" ? stateActorOrganization(viewer, facts, "submit or withdraw") : providerActor(viewer, facts, t.organizationId);
  const referTo = t.to === "referred" && t.referToOrganizationId ? await referralTarget(db, facts, t.referToOrganizationId, actorOrganizationId) : null;
  if (t.referToOrganizationId && t.to !== "referred")
    throw new AppError("invalid_input", "Only a referral names another provider", [{ field: "referToOrganizationId", message: "only for a referral" }]);

  return runAudited(db, actor, async (w) => {
    const locked = await lockRequestRow(w.trx, id);
    if (!locked) throw notFound("Assistance request", id);
    if (t.to === "submitted" && locked.status === "draft") {
      const problems = submissionProblems(locked);
      if (problems.length) throw new AppError("invalid_input", "The request cannot be submitted yet", problems);
    }
    // A request addressed to several providers stays open when one of them declines: that provider steps back alone,
    // and the request is declined as a whole only by the last provider still answering it (R13).
    const othersAnswering = facts.providerIds.filter((p) => p !== actorOrganizationId);
    if (t.to === "declined" && othersAnswering.length > 0) {
      const status = RequestStatusSchema.parse(locked.status);
      const check = checkRequestTransition(status, "declined", "provider", t.reason);
      if (!check.ok)
        throw new AppError("rule_violation", `Cannot decline request ${locked.reference ?? id}: ${check.reason}`, [{ field: "status", message: check.reason }]);
      const reason = (t.reason as string).trim();
      await markProviderDeclined(w.trx, id, actorOrganizationId, reason);
      await insertRequestEvent(w.trx, { requestId: id, status, toStatus: "declined", reason, actorUserId: actor.userId, actorOrganizationId });
      await w.audit({
        action: "request.provider_declined",
        entityType: "assistance_request",
        entityId: id,
        details: { organizationId: actorOrganizationId, reason, stillAnsweredBy: othersAnswering },
      });
      return { id, status, reference: locked.reference };
    }
    await applyRequestTransition(w, { requestId: id, to: t.to, party, reason: t.reason ?? null, actorOrganizationId });
    let reference = locked.reference;
    if (t.to === "submitted") {
      const submittedAt = new Date();
      reference = formatRequestReference(locked.stateIso3, submittedAt.getUTCFullYear(), await nextRequestNumber(w.trx));
      await setRequestSubmitted(w.trx, id, reference, submittedAt);
      await w.audit({ action: "request.reference", entityType: "assistance_request", entityId: id, details: { reference } });
    }
    if (referTo) {
      const added = await addRequestProvider(w.trx, id, referTo.id);
      await w.audit({ action: "request.refer_to", entityType: "assistance_request", entityId: id, details: { organizationId: referTo.id, added } });
    }
    return { id, status: t.to, reference };
  });
}

function providerActor(viewer: Viewer, facts: RequestFactsRow, organizationId: string | undefined): string {
  const memberships = providerMembershipsFor(viewer, facts.providerIds);
  if (memberships.length === 0) throw new AppError("forbidden", "Only a provider this request is addressed to can acknowledge, assess, refer or decline it");
  if (organizationId === undefined) return memberships[0]?.organizationId as string;
  if (!memberships.some((m) => m.organizationId === organizationId))
    throw new AppError("forbidden", "You do not act for that organization, or the request is not addressed to it", [
      { field: "organizationId", message: "not an addressed provider of yours" },
    ]);
  return organizationId;
}

async function referralTarget(db: Db, facts: RequestFactsRow, organizationId: string, actorOrganizationId: string) {
  const [org] = await findOrganizationsByIds(db, [organizationId]);
  const problem = (message: string) =>
    new AppError("invalid_input", `The request cannot be referred there: ${message}`, [{ field: "referToOrganizationId", message }]);
  if (!org) throw problem("unknown organization");
  if (!PROVIDER_ORGANIZATION_TYPES.includes(org.type as OrganizationType)) throw problem(`${org.name} cannot provide assistance`);
  if (org.id === actorOrganizationId) throw problem("a provider cannot refer a request to itself");
  if (org.type === "government" && org.countryIso3 === facts.stateIso3) throw problem(`${org.name} belongs to the requesting State`);
  return org;
}

/** The State publishes its request or makes it private again (R32: the State controls publication). */
export async function setRequestVisibility(db: Db, viewer: Viewer, id: string, input: unknown): Promise<{ id: string; visibility: RequestVisibility }> {
  const actor = actorOf(viewer);
  const { visibility } = parseRequestInput(RequestVisibilityInputSchema, input);
  const facts = await visibleFacts(db, viewer, id);
  stateActorOrganization(viewer, facts, "publish or unpublish");
  return runAudited(db, actor, async (w) => {
    const locked = await lockRequestRow(w.trx, id);
    if (!locked) throw notFound("Assistance request", id);
    if (locked.visibility === visibility)
      throw new AppError("rule_violation", `The request is already ${visibility === "public" ? "public" : "shared only with the State and UN providers"}`, [
        { field: "visibility", message: "unchanged" },
      ]);
    await writeRequestVisibility(w.trx, id, visibility);
    await w.audit({
      action: visibility === "public" ? "request.publish" : "request.unpublish",
      entityType: "assistance_request",
      entityId: id,
      details: { from: locked.visibility, to: visibility },
    });
    return { id, visibility };
  });
}
