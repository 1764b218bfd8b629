import { randomUUID } from "node:crypto";
import {
  findOfferForActivity,
  findRequestsForLink,
  insertActivityRecommendationLinks,
  insertActivityRequestLinks,
  insertParticipant,
  listRequestRecommendationIds,
} from "../../store/activity-link-store.js";
import {
  type ActivityPatch,
  countryExists,
  findActivityIdByOffer,
  findActivityRow,
  findOrganizationBasics,
  insertActivity,
  insertActivityEvent,
  lockActivity,
  updateActivityIfVersion,
  writeActivityStatus,
} from "../../store/activity-store.js";
import { listConsentRows } from "../../store/consent-store.js";
import type { Db } from "../../store/db.js";
import type { OrganizationType } from "../access/roles.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { runAudited, type WriteContext } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { applyRequestTransition } from "../requests/request-transition.js";
import { TAXONOMY } from "./activity-codes.js";
import { checkCodes, checkCurrency, checkPeriod, checkRecommendationsOfState, checkRequestsForLink, Problems } from "./activity-checks.js";
import { iatiOrganisationTypeOf, partiesOf, providerMemberships, requireSignedIn } from "./activity-permissions.js";
import {
  type ActivityUpdate,
  type LinkInput,
  LinkSchema,
  type NewActivity,
  NewActivitySchema,
  type TransitionInput,
  TransitionSchema,
  UpdateActivitySchema,
} from "./activity-schemas.js";
import { type ActivityParty, type ActivityStatus, ActivityStatusSchema, checkActivityTransition, STATUS_NAMES } from "./activity-status.js";
import { hasValidConsent, todayIso } from "./consent-rules.js";

// Starting, editing and moving activities (R3, R4, R7; res. 45/32 OP2, OP8). Every write runs in runAudited: the
// change, its activity_events row and its audit entry commit together or not at all.

const actorOf = (viewer: Viewer, userId: string) => ({ userId, label: viewer.displayName ?? userId });

export type StartedActivity = { id: string; iatiIdentifier: string | null; warnings: "no_request"[] };

/**
 * Starts an activity in the pipeline (status 1): from an accepted offer (its provider acts; content, State,
 * request and recommendations come from the offer) or directly by a provider for a State. Linked requests that
 * were agreed become "converted to activity". An activity answering no request is allowed with a warning (R4).
 */
export async function startActivity(db: Db, viewer: Viewer, input: NewActivity): Promise<StartedActivity> {
  const userId = requireSignedIn(viewer);
  const a = parseInput(NewActivitySchema, input);
  const membership = providerMemberships(viewer).find((m) => m.organizationId === a.organizationId);
  if (!membership)
    throw new AppError("forbidden", "You can start activities only for a provider organization you act for", [
      { field: "organizationId", message: "not allowed" },
    ]);
  const provider = await findOrganizationBasics(db, a.organizationId);
  if (!provider) throw notFound("Organization", a.organizationId);
  const p = new Problems();

  const offer = a.offerId ? await findOfferForActivity(db, a.offerId) : undefined;
  if (a.offerId) {
    if (!offer) throw notFound("Offer", a.offerId);
    if (offer.organizationId !== a.organizationId)
      throw new AppError("forbidden", "Only the provider that made the offer can start its activity", [{ field: "offerId", message: "not your offer" }]);
    if (offer.status !== "accepted")
      throw new AppError("rule_violation", `The offer is ${offer.status}: an activity starts from an offer the State accepted`, [
        { field: "offerId", message: "not accepted" },
      ]);
    const existing = await findActivityIdByOffer(db, offer.id);
    if (existing) throw new AppError("conflict", `An activity already exists for this offer: ${existing}`, [{ field: "offerId", message: "already started" }]);
  }
  const scope = scopeOf(viewer);
  // The offer's own request is linked as accepted; other requests must be ones the provider can read.
  const offerRequest = offer?.requestId ? (await findRequestsForLink(db, scope, [offer.requestId]))[0] : undefined;
  const stateIso3 = offer?.stateIso3 ?? offerRequest?.stateIso3 ?? a.stateIso3;
  if (!stateIso3) p.add("stateIso3", "is required: the State that receives the assistance");
  else if (!(await countryExists(db, stateIso3))) p.add("stateIso3", `${stateIso3} is not a known country code`);
  else if (provider.countryIso3 === stateIso3 && provider.type === "government")
    p.add("stateIso3", "a State's own institution cannot report an activity as its provider for that same State");
  const title = a.title ?? offer?.title ?? null;
  if (!title) p.add("title", "is required");
  p.throwIfAny();
  const state = stateIso3 as string;

  const extra = await checkRequestsForLink(
    db,
    scope,
    p,
    "requestIds",
    a.requestIds.filter((id) => id !== offerRequest?.id),
    state,
  );
  const requests = [...(offerRequest ? [offerRequest] : []), ...extra];
  const fromRequests = (await Promise.all(requests.map((r) => listRequestRecommendationIds(db, r.id)))).flat();
  const recommendationIds = unique([...fromRequests, ...a.recommendationIds]);
  await checkRecommendationsOfState(db, p, "recommendationIds", a.recommendationIds, state);
  await checkCodes(db, p, "themes", TAXONOMY.theme, a.themes, "UHRI themes");
  await checkCodes(db, p, "sdgTargets", TAXONOMY.sdgTarget, a.sdgTargets, "SDG targets");
  const currency = a.defaultCurrency ?? offer?.budgetCurrency ?? "USD";
  await checkCurrency(db, p, "defaultCurrency", currency);
  const plannedStart = a.plannedStart ?? offer?.availableFrom ?? null;
  const plannedEnd = a.plannedEnd ?? offer?.availableTo ?? null;
  checkPeriod(p, plannedStart, plannedEnd, { start: "plannedStart", end: "plannedEnd" }, false);
  p.throwIfAny();

  const id = randomUUID();
  // IATI 2.03: an activity identifier starts with its reporting organization's identifier.
  const iatiIdentifier = provider.iatiRef ? `${provider.iatiRef}-${id.replaceAll("-", "").slice(0, 12).toUpperCase()}` : null;
  const covidRequest = requests.find((r) => r.covidContext);
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    await insertActivity(w.trx, {
      id,
      iatiIdentifier,
      organizationId: provider.id,
      stateIso3: state,
      offerId: offer?.id ?? null,
      title: title as string,
      description: a.description ?? offer?.description ?? "",
      plannedStart,
      plannedEnd,
      defaultCurrency: currency,
      budgetAmount: a.budgetAmount ?? offer?.budgetAmount ?? null,
      fund: offer?.fundSource ?? null,
      dacSectors: [],
      sdgTargets: a.sdgTargets.length ? a.sdgTargets : (offer?.sdgTargets ?? []),
      themes: a.themes.length ? a.themes : (offer?.themes ?? []),
      persons: a.persons.length ? a.persons : (offer?.persons ?? []),
      modalities: a.modalities.length ? a.modalities : (offer?.modalities ?? []),
      cooperationType: a.cooperationType ?? offer?.cooperationType ?? null,
      covidContext: covidRequest !== undefined,
      covidPhase: covidRequest?.covidPhase ?? null,
      genderMarker: null,
      disabilityMarker: null,
      textLang: a.textLang ?? offer?.textLang ?? "en",
      visibility: a.visibility ?? "public",
      detailsWithheld: false,
      withheldReason: null,
      createdBy: userId,
    });
    // The reporting provider delivers the activity (IATI role 4, implementing); funders and others are added later.
    await insertParticipant(w.trx, {
      activityId: id,
      organizationId: provider.id,
      name: provider.name,
      iatiRef: provider.iatiRef,
      orgType: iatiOrganisationTypeOf(provider.type as OrganizationType),
      role: 4,
    });
    await insertActivityRequestLinks(
      w.trx,
      id,
      requests.map((r) => r.id),
    );
    await insertActivityRecommendationLinks(w.trx, id, recommendationIds);
    await insertActivityEvent(w.trx, { activityId: id, from: null, to: 1, reason: null, actorUserId: userId });
    await w.audit({
      action: "activity.create",
      entityType: "activity",
      entityId: id,
      details: {
        iatiIdentifier,
        stateIso3: state,
        organizationId: provider.id,
        offerId: offer?.id ?? null,
        requestIds: requests.map((r) => r.id),
        recommendationIds,
      },
    });
    await convertAgreedRequests(w, requests, provider.id);
    return { id, iatiIdentifier, warnings: requests.length === 0 ? ["no_request"] : [] };
  });
}

/** An agreed request becomes "converted to activity" (R13) the moment an activity answers it. */
async function convertAgreedRequests(w: WriteContext, requests: { id: string; status: string }[], providerId: string): Promise<void> {
  for (const r of requests)
    if (r.status === "agreed")
      await applyRequestTransition(w, { requestId: r.id, to: "converted_to_activity", party: "system", actorOrganizationId: providerId });
}

// The State concerned owns the publication of details; everything else is the reporting provider's record.
const STATE_FIELDS = ["detailsWithheld", "withheldReason"] as const;

/** Edits an activity with optimistic locking: a stale `version` is refused and nothing is overwritten. */
export async function updateActivity(db: Db, viewer: Viewer, activityId: string, input: ActivityUpdate): Promise<{ version: number }> {
  const userId = requireSignedIn(viewer);
  const u = parseInput(UpdateActivitySchema, input);
  const current = await findActivityRow(db, activityId);
  if (!current) throw notFound("Activity", activityId);
  const parties = partiesOf(viewer, current);
  const { version, ...fields } = u;
  const given = Object.entries(fields).filter(([, v]) => v !== undefined);
  const stateFields = given.filter(([k]) => (STATE_FIELDS as readonly string[]).includes(k));
  const providerFields = given.filter(([k]) => !(STATE_FIELDS as readonly string[]).includes(k));
  if (stateFields.length > 0 && !parties.includes("state"))
    throw new AppError("forbidden", "Only the State concerned may withhold an activity's details", [{ field: "detailsWithheld", message: "not allowed" }]);
  if (providerFields.length > 0 && !parties.includes("provider")) throw new AppError("forbidden", "Only the provider that reports this activity can change it");
  if (given.length === 0) throw new AppError("invalid_input", "Nothing to change", [{ field: "(root)", message: "give at least one field" }]);

  const merged = { ...current, ...Object.fromEntries(given) } as typeof current;
  const p = new Problems();
  checkPeriod(p, merged.plannedStart, merged.plannedEnd, { start: "plannedStart", end: "plannedEnd" }, false);
  checkPeriod(p, merged.actualStart, merged.actualEnd, { start: "actualStart", end: "actualEnd" }, true);
  if (merged.covidPhase && !merged.covidContext) p.add("covidPhase", "a COVID-19 phase needs the COVID-19 context to be set");
  if (u.detailsWithheld === true && !u.withheldReason) p.add("withheldReason", "is required to withhold the details (it is recorded)");
  await checkCodes(db, p, "dacSectors", TAXONOMY.sector, u.dacSectors, "DAC sector codes (IATI Sector codelist)");
  await checkCodes(db, p, "sdgTargets", TAXONOMY.sdgTarget, u.sdgTargets, "SDG targets");
  await checkCodes(db, p, "themes", TAXONOMY.theme, u.themes, "UHRI themes");
  await checkCurrency(db, p, "defaultCurrency", u.defaultCurrency);
  p.throwIfAny();

  const patch: ActivityPatch = { ...(Object.fromEntries(given) as ActivityPatch) };
  if (u.detailsWithheld === false) patch.withheldReason = null;
  if (u.covidContext === false) patch.covidPhase = null;
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    const saved = await updateActivityIfVersion(w.trx, activityId, version, patch);
    if (!saved) {
      const now = await findActivityRow(w.trx, activityId);
      throw new AppError(
        "conflict",
        `Someone saved this activity after you opened it (you edited version ${version}, it is now version ${now?.version ?? "?"}): reload it and apply your changes again`,
        [{ field: "version", message: "stale" }],
      );
    }
    await w.audit({
      action: stateFields.length > 0 ? "activity.withholding" : "activity.update",
      entityType: "activity",
      entityId: activityId,
      details: {
        fromVersion: version,
        changed: given.map(([k]) => k),
        ...(stateFields.length ? { detailsWithheld: patch.detailsWithheld, reason: patch.withheldReason } : {}),
      },
    });
    return { version: version + 1 };
  });
}

/**
 * Moves an activity along the status machine. Leaving the pipeline and resuming after a suspension need a valid
 * consent of the State on that day (R3); the refusal names what is missing. Actual start and end dates are set
 * when implementation starts and when the activity reaches finalisation, if not already recorded.
 */
export async function changeActivityStatus(
  db: Db,
  viewer: Viewer,
  activityId: string,
  input: TransitionInput,
): Promise<{ from: ActivityStatus; to: ActivityStatus }> {
  const userId = requireSignedIn(viewer);
  const t = parseInput(TransitionSchema, input);
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    const a = await lockActivity(w.trx, activityId);
    if (!a) throw notFound("Activity", activityId);
    const parties = partiesOf(viewer, a);
    if (parties.length === 0) throw new AppError("forbidden", "Only the reporting provider or the State concerned can change this activity's status");
    const from = ActivityStatusSchema.parse(a.status);
    const today = todayIso();
    const valid = hasValidConsent(await listConsentRows(w.trx, activityId), today);
    const checks = parties.map((party) => ({ party, check: checkActivityTransition(from, t.to, { party, reason: t.reason, hasValidConsent: valid }) }));
    const passed = checks.find((c) => c.check.ok);
    if (!passed) {
      const first = checks[0]?.check;
      const reason = first && !first.ok ? first.reason : "not allowed";
      const field = first && !first.ok && first.missingConsent ? "consent" : first && !first.ok && /reason is required/.test(reason) ? "reason" : "to";
      throw new AppError("rule_violation", `Cannot change the status of activity "${a.title}": ${reason}`, [{ field, message: reason }]);
    }
    await applyStatus(w, a, from, t.to, t.reason ?? null, passed.party);
    return { from, to: t.to };
  });
}

/** Writes a checked status change, its event and its audit entry (also used when consent is revoked). */
export async function applyStatus(
  w: WriteContext,
  a: { id: string; actualStart: string | null; actualEnd: string | null },
  from: ActivityStatus,
  to: ActivityStatus,
  reason: string | null,
  party: ActivityParty,
): Promise<void> {
  const today = todayIso();
  await writeActivityStatus(w.trx, {
    activityId: a.id,
    from,
    to,
    reason,
    actorUserId: w.actor.userId,
    ...(to === 2 && !a.actualStart ? { actualStart: today } : {}),
    ...(to === 3 && !a.actualEnd ? { actualEnd: today } : {}),
  });
  await w.audit({ action: `activity.${STATUS_NAMES[to]}`, entityType: "activity", entityId: a.id, details: { from, to, reason, party } });
}

/** Links more requests and recommendations (R4). Links are added, never removed: the trail stays whole. */
export async function linkActivity(
  db: Db,
  viewer: Viewer,
  activityId: string,
  input: LinkInput,
): Promise<{ requestIds: string[]; recommendationIds: string[] }> {
  const userId = requireSignedIn(viewer);
  const l = parseInput(LinkSchema, input);
  const a = await findActivityRow(db, activityId);
  if (!a) throw notFound("Activity", activityId);
  if (!partiesOf(viewer, a).includes("provider")) throw new AppError("forbidden", "Only the provider that reports this activity can link it");
  if (l.requestIds.length + l.recommendationIds.length === 0)
    throw new AppError("invalid_input", "Nothing to link", [{ field: "requestIds", message: "give a request or a recommendation" }]);
  const p = new Problems();
  const requests = await checkRequestsForLink(db, scopeOf(viewer), p, "requestIds", l.requestIds, a.stateIso3);
  await checkRecommendationsOfState(db, p, "recommendationIds", l.recommendationIds, a.stateIso3);
  p.throwIfAny();
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    const requestIds = await insertActivityRequestLinks(
      w.trx,
      activityId,
      requests.map((r) => r.id),
    );
    const recommendationIds = await insertActivityRecommendationLinks(w.trx, activityId, l.recommendationIds);
    await w.audit({ action: "activity.link", entityType: "activity", entityId: activityId, details: { requestIds, recommendationIds } });
    await convertAgreedRequests(
      w,
      requests.filter((r) => requestIds.includes(r.id)),
      a.organizationId,
    );
    return { requestIds, recommendationIds };
  });
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
