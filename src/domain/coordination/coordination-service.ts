import {
  type ActivityRow,
  countWithheldActivitiesWithNews,
  countWithheldStateActivities,
  listActivitiesRecordedOrStarted,
  listActivityNationalActors,
  listActivityParticipants,
  listActivityStatusChanges,
  listConsentEvents,
  listOffersReceived,
  listRequestStatusChanges,
  listRequestsSubmitted,
  listTransactions,
  listVisibleStateActivities,
  type NationalActorRow,
  type ParticipantRow,
  sumTransactions,
} from "../../store/coordination-store.js";
import type { Db } from "../../store/db.js";
import { stateExists } from "../../store/profile-store.js";
import { findUserById } from "../../store/user-store.js";
import { canSeeNationalActorName } from "../access/cooperation-access.js";
import { STATE_ROLES } from "../access/roles.js";
import { scopeOf, type Viewer, type ViewerScope } from "../access/viewer.js";
import { notFound } from "../core/app-error.js";
import { buildProviderMatrix, type ProviderMatrix } from "./coordination-matrix.js";
import type { Digest } from "./coordination-schemas.js";
import type { CoordinationActivity, Counterpart, Period, ProviderRef } from "./coordination-types.js";
import { type DigestPeriod, periodInstants } from "./digest-period.js";
import { activityPeriod, findOverlaps, normalizeName, type OverlapWarning, overlapsDuring } from "./overlaps.js";

// The coordination view of one country (R16; res. 45/32 OP9 "regular information exchange … coordination"): who does
// what, where and when; overlap warnings; and the periodic digest for the State focal point. Built only from what
// the viewer may see; withheld activities are counted, and the count shown only from 3 up (small-cell rule, R31).

/** Fewer withheld activities than this are not even counted on a page: a count of 1 or 2 could re-identify them. */
export const SMALL_CELL = 3;

export type CoordinationActivityView = CoordinationActivity & {
  period: Period | null;
  nationalActors: { actorType: string; involvement: string; name: string | null }[];
};

export type CoordinationView = {
  stateIso3: string;
  activities: CoordinationActivityView[];
  matrix: ProviderMatrix;
  overlaps: OverlapWarning[];
  withheldActivities: number | null;
};

const smallCell = (n: number) => (n >= SMALL_CELL ? n : null);

async function requireState(db: Db, iso3: string): Promise<void> {
  if (!(await stateExists(db, iso3))) throw notFound("State", iso3);
}

export async function getCoordination(db: Db, viewer: Viewer, iso3: string): Promise<CoordinationView> {
  await requireState(db, iso3);
  const scope = scopeOf(viewer);
  const [activities, withheld] = await Promise.all([loadActivities(db, scope, iso3), countWithheldStateActivities(db, scope, iso3)]);
  return {
    stateIso3: iso3,
    activities,
    matrix: buildProviderMatrix(activities),
    overlaps: findOverlaps(activities),
    withheldActivities: smallCell(withheld),
  };
}

async function loadActivities(db: Db, scope: ViewerScope, iso3: string): Promise<CoordinationActivityView[]> {
  const rows = await listVisibleStateActivities(db, scope, iso3);
  const ids = rows.map((r) => r.id);
  const [participants, actors] = await Promise.all([listActivityParticipants(db, scope, ids), listActivityNationalActors(db, ids)]);
  const byActivity = <T extends { activityId: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(x.activityId, [...(m.get(x.activityId) ?? []), x]);
    return m;
  };
  const participantsOf = byActivity(participants);
  const actorsOf = byActivity(actors);
  return rows.map((r) => toActivity(scope, r, participantsOf.get(r.id) ?? [], actorsOf.get(r.id) ?? []));
}

const orgKey = (organizationId: string | null, name: string) => (organizationId ? `org:${organizationId}` : `org-name:${normalizeName(name)}`);

function toActivity(scope: ViewerScope, r: ActivityRow, participants: ParticipantRow[], actors: NationalActorRow[]): CoordinationActivityView {
  const provider: ProviderRef = { key: `org:${r.organizationId}`, organizationId: r.organizationId, name: r.providerName };
  // The State's own bodies implementing an activity are its counterparts, not providers; the reporting provider is
  // already the provider.
  const implementers = participants
    .filter((p) => p.role === 4 && !p.isNationalGovernment && p.organizationId !== r.organizationId)
    .map((p) => ({ key: orgKey(p.organizationId, p.name), organizationId: p.organizationId, name: p.name }));
  const owner = { stateIso3: r.stateIso3, organizationId: r.organizationId };
  const nameOf = (a: NationalActorRow) => (a.name && canSeeNationalActorName(scope, a.nameConsented, owner) ? a.name : null);
  const counterparts: Counterpart[] = [
    // A national actor is the same counterpart when type and normalized name agree; one without a name matches nothing.
    ...actors
      .filter((a) => a.name && normalizeName(a.name) !== "")
      .map((a) => ({
        key: `actor:${a.actorType}:${normalizeName(a.name as string)}`,
        kind: "national_actor" as const,
        actorType: a.actorType,
        name: nameOf(a),
      })),
    ...participants
      .filter((p) => p.isNationalGovernment)
      .map((p) => ({ key: orgKey(p.organizationId, p.name), kind: "organization" as const, actorType: null, name: p.name })),
  ];
  const activity: CoordinationActivity = {
    id: r.id,
    title: r.title,
    status: r.status,
    provider,
    implementers,
    plannedStart: r.plannedStart,
    plannedEnd: r.plannedEnd,
    actualStart: r.actualStart,
    actualEnd: r.actualEnd,
    themes: r.themes,
    sdgTargets: r.sdgTargets,
    counterparts: uniqueByKey(counterparts),
  };
  return {
    ...activity,
    period: activityPeriod(activity),
    nationalActors: actors.map((a) => ({ actorType: a.actorType, involvement: a.involvement, name: nameOf(a) })),
  };
}

function uniqueByKey(cs: Counterpart[]): Counterpart[] {
  const m = new Map<string, Counterpart>();
  for (const c of cs) if (!m.has(c.key) || (m.get(c.key)?.name === null && c.name !== null)) m.set(c.key, c);
  return [...m.values()];
}

// ---- the digest ----

const day = (d: Date) => d.toISOString().slice(0, 10);

/** What happened in the State during the period, as far as the viewer may see (R16 "digests to the State focal point"). */
export async function getDigest(db: Db, viewer: Viewer, iso3: string, period: DigestPeriod): Promise<Digest> {
  await requireState(db, iso3);
  const scope = scopeOf(viewer);
  const p = periodInstants(period);
  const [submitted, requestChanges, offers, dated, activityChanges, consents, transactions, totals, withheld, activities] = await Promise.all([
    listRequestsSubmitted(db, scope, iso3, p),
    listRequestStatusChanges(db, scope, iso3, p),
    listOffersReceived(db, scope, iso3, p),
    listActivitiesRecordedOrStarted(db, scope, iso3, p, period),
    listActivityStatusChanges(db, scope, iso3, p),
    listConsentEvents(db, scope, iso3, p, period),
    listTransactions(db, scope, iso3, period),
    sumTransactions(db, scope, iso3, period),
    countWithheldActivitiesWithNews(db, scope, iso3, p, period),
    loadActivities(db, scope, iso3),
  ]);
  const consentEvents: Digest["consents"] = [];
  for (const c of consents) {
    const details = c.inCircle
      ? { grantedByName: c.grantedByName, channel: c.channel, channelReference: c.channelReference, scope: c.scope }
      : { grantedByName: null, channel: null, channelReference: null, scope: null };
    if (c.grantedOn >= period.from && c.grantedOn <= period.to)
      consentEvents.push({ activityId: c.activityId, activityTitle: c.activityTitle, event: "granted", date: c.grantedOn, ...details, revocationReason: null });
    if (c.revokedAt && c.revokedAt >= p.start && c.revokedAt < p.end)
      consentEvents.push({
        activityId: c.activityId,
        activityTitle: c.activityTitle,
        event: "revoked",
        date: day(c.revokedAt),
        ...details,
        revocationReason: c.inCircle ? c.revocationReason : null,
      });
  }
  return {
    stateIso3: iso3,
    from: period.from,
    to: period.to,
    requestsSubmitted: submitted.map((r) => ({ id: r.id, reference: r.reference, title: r.title, status: r.status, date: day(r.submittedAt) })),
    requestStatusChanges: requestChanges.map((e) => ({
      id: e.requestId,
      reference: e.reference,
      title: e.title,
      from: e.fromStatus,
      to: e.toStatus,
      reason: e.reason,
      date: day(e.occurredAt),
    })),
    offersReceived: offers.map((o) => ({
      id: o.id,
      title: o.title,
      status: o.status,
      providerName: o.providerName,
      requestReference: o.requestReference,
      date: day(o.publishedAt),
    })),
    activitiesRecorded: dated.recorded.map((a) => ({ id: a.activityId, title: a.title, providerName: a.providerName, status: a.status, date: a.date })),
    activitiesStarted: dated.started.map((a) => ({ id: a.activityId, title: a.title, providerName: a.providerName, status: a.status, date: a.date })),
    activityStatusChanges: activityChanges.map((e) => ({
      id: e.activityId,
      title: e.title,
      providerName: e.providerName,
      from: e.fromStatus,
      to: e.toStatus,
      reason: e.reason,
      date: day(e.occurredAt),
    })),
    withheldActivities: smallCell(withheld),
    consents: consentEvents.sort((a, b) => a.date.localeCompare(b.date)),
    transactions: transactions.map((t) => ({
      activityId: t.activityId,
      activityTitle: t.activityTitle,
      type: t.type,
      date: t.date,
      amount: t.amount,
      currency: t.currency,
    })),
    transactionTotals: totals,
    overlaps: overlapsDuring(findOverlaps(activities), { start: period.from, end: period.to }),
  };
}

/**
 * The language a State user asked for in their account, for their digest (R16: "in the State's chosen language");
 * null for anyone else, who reads it in the page's language.
 */
export async function digestLanguageOf(db: Db, viewer: Viewer, iso3: string): Promise<string | null> {
  if (!viewer.userId) return null;
  if (!viewer.memberships.some((m) => STATE_ROLES.includes(m.role) && m.countryIso3 === iso3)) return null;
  return (await findUserById(db, viewer.userId))?.preferredLanguage ?? null;
}
