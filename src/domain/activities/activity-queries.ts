import {
  listAcceptedOffersWithoutActivity,
  listLinkableRequestRows,
  listLinkedRecommendationRows,
  listLinkedRequestRows,
  listParticipantOrganizationIds,
  listParticipantRows,
} from "../../store/activity-link-store.js";
import {
  listActivityNationalActorRows,
  listDocumentRows,
  listIndicatorRows,
  listIndicatorValueRows,
  listResultRows,
  listTransactionRows,
  sumTransactionRows,
} from "../../store/activity-results-store.js";
import {
  type ActivityRow,
  findOrganizationBasics,
  findVisibleActivityRow,
  listActivityEventRows,
  listVisibleActivityProviders,
  listVisibleActivityRowsForRecommendation,
  listVisibleActivityStates,
  listVisibleActivityRowsForRequest,
} from "../../store/activity-store.js";
import { type ActivityFilter, type ActivitySort, listVisibleActivityRows } from "../../store/activity-list-store.js";
import { listConsentFactRows, listConsentRows } from "../../store/consent-store.js";
import type { Db } from "../../store/db.js";
import { type ActivityFacts, canSeeNationalActorName, isInActivityCircle } from "../access/cooperation-access.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { AppError, notFound } from "../core/app-error.js";
import { toProblems } from "../core/validate.js";
import { partiesOf, providerMemberships } from "./activity-permissions.js";
import { type ActivityListFilters, type ActivityListQuery, ActivityListQuerySchema } from "./activity-schemas.js";
import { ActivityStatusSchema, checkActivityTransition, nextActivitySteps } from "./activity-status.js";
import type { ActivityDetail, ActivityList, ActivitySummary, ResultView, Step } from "./activity-views.js";
import { type ConsentFacts, consentBadge, hasValidConsent, todayIso } from "./consent-rules.js";
import { listConsentViews } from "./consent-service.js";
import { actualValue, currentValues, indicatorProgress } from "./results-rules.js";

// Reads of activities. Lists and details are filtered in SQL with the cooperation visibility rules; withheld
// activities are counted, not shown, and the count appears only from 3 up (small-cell rule, DESIGN.md).

/** The small-cell threshold: fewer withheld activities than this are not even counted aloud. */
export const SMALL_CELL = 3;

function toSummary(a: ActivityRow, consents: ConsentFacts[], today: string): ActivitySummary {
  return {
    id: a.id,
    iatiIdentifier: a.iatiIdentifier,
    title: a.title,
    stateIso3: a.stateIso3,
    organizationId: a.organizationId,
    organizationName: a.organizationName,
    status: a.status,
    plannedStart: a.plannedStart,
    plannedEnd: a.plannedEnd,
    actualStart: a.actualStart,
    actualEnd: a.actualEnd,
    themes: a.themes,
    budgetAmount: a.budgetAmount,
    defaultCurrency: a.defaultCurrency,
    visibility: a.visibility,
    detailsWithheld: a.detailsWithheld,
    consent: consentBadge(consents, today),
  };
}

async function summaries(db: Db, rows: ActivityRow[]): Promise<ActivitySummary[]> {
  const facts = await listConsentFactRows(
    db,
    rows.map((r) => r.id),
  );
  const today = todayIso();
  return rows.map((r) =>
    toSummary(
      r,
      facts.filter((f) => f.activityId === r.id),
      today,
    ),
  );
}

/** `query` as the API sends it, or the page's query strings (both parsed by ActivityListQuerySchema). */
export async function listActivities(db: Db, viewer: Viewer, query: ActivityListQuery | Readonly<Record<string, string | number>> = {}): Promise<ActivityList> {
  const q = parseListQuery(query);
  const page = await listVisibleActivityRows(db, scopeOf(viewer), { ...activityFilterOf(q), limit: q.limit, offset: q.offset });
  return {
    total: page.total,
    limit: q.limit,
    offset: q.offset,
    items: await summaries(db, page.rows),
    furtherWithheld: page.withheld >= SMALL_CELL ? page.withheld : null,
  };
}

/** Parses the list's query; a bad value is refused with a message naming the filter ("year: must be a year …"). */
export function parseListQuery(query: unknown): ActivityListFilters {
  const parsed = ActivityListQuerySchema.safeParse(query);
  if (parsed.success) return parsed.data;
  const problems = toProblems(parsed.error);
  throw new AppError("invalid_input", `Invalid filter: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`, problems);
}

/** The store's filter from a parsed list query (shared by the list and its downloads). */
export function activityFilterOf(q: ActivityListFilters): ActivityFilter & { sort: ActivitySort } {
  return {
    text: q.q,
    stateIso3: q.state,
    providerId: q.provider,
    status: q.status,
    theme: q.theme,
    year: q.year,
    modality: q.modality,
    sdgGoal: q.sdg,
    sort: q.sort,
  };
}

/** The States and providers the viewer's visible activities involve: the choices of the list filters. */
export async function listActivityFilterChoices(
  db: Db,
  viewer: Viewer,
): Promise<{ states: string[]; providers: { id: string; name: string; slug: string }[] }> {
  const scope = scopeOf(viewer);
  const [states, providers] = await Promise.all([listVisibleActivityStates(db, scope), listVisibleActivityProviders(db, scope)]);
  return { states, providers };
}

/** Requests the viewer may link to an activity of `stateIso3` (all States when null). */
export function listLinkableRequests(
  db: Db,
  viewer: Viewer,
  stateIso3: string | null,
): Promise<{ id: string; reference: string | null; title: string; stateIso3: string }[]> {
  return listLinkableRequestRows(db, scopeOf(viewer), stateIso3);
}

/** Accepted offers of the viewer's provider organizations that no activity answers yet. */
export function listOffersToStart(db: Db, viewer: Viewer): Promise<{ id: string; title: string; stateIso3: string | null }[]> {
  return listAcceptedOffersWithoutActivity(
    db,
    scopeOf(viewer),
    providerMemberships(viewer).map((m) => m.organizationId),
  );
}

/** The provider organizations the viewer acts for, with their names (the "report as" choice). */
export async function listViewerProviders(db: Db, viewer: Viewer): Promise<{ id: string; name: string }[]> {
  const ids = [...new Set(providerMemberships(viewer).map((m) => m.organizationId))];
  const orgs = await Promise.all(ids.map((id) => findOrganizationBasics(db, id)));
  return orgs.flatMap((o) => (o ? [{ id: o.id, name: o.name }] : []));
}

/** Activities answering an assistance request, as the viewer may see them (for the request's page). */
export async function listActivitiesForRequest(db: Db, viewer: Viewer, requestId: string): Promise<ActivitySummary[]> {
  return summaries(db, await listVisibleActivityRowsForRequest(db, scopeOf(viewer), requestId));
}

/** Activities addressing a recommendation, as the viewer may see them (for the recommendation's page). */
export async function listActivitiesForRecommendation(db: Db, viewer: Viewer, recommendationId: string): Promise<ActivitySummary[]> {
  return summaries(db, await listVisibleActivityRowsForRecommendation(db, scopeOf(viewer), recommendationId));
}

export async function getActivity(db: Db, viewer: Viewer, id: string): Promise<ActivityDetail> {
  const scope = scopeOf(viewer);
  const a = await findVisibleActivityRow(db, scope, id);
  if (!a) throw notFound("Activity", id);
  const [
    participants,
    participantOrganizationIds,
    transactions,
    totals,
    results,
    indicators,
    values,
    documents,
    actors,
    requests,
    recommendations,
    events,
    consents,
  ] = await Promise.all([
    listParticipantRows(db, scope, id),
    listParticipantOrganizationIds(db, id),
    listTransactionRows(db, id),
    sumTransactionRows(db, id),
    listResultRows(db, id),
    listIndicatorRows(db, id),
    listIndicatorValueRows(db, id),
    listDocumentRows(db, id),
    listActivityNationalActorRows(db, id),
    listLinkedRequestRows(db, scope, id),
    listLinkedRecommendationRows(db, id),
    listActivityEventRows(db, id),
    listConsentRows(db, id),
  ]);
  const facts: ActivityFacts & { id: string } = {
    id,
    organizationId: a.organizationId,
    stateIso3: a.stateIso3,
    visibility: a.visibility,
    detailsWithheld: a.detailsWithheld,
    participantOrganizationIds,
  };
  const inCircle = isInActivityCircle(scope, facts);
  const today = todayIso();
  const owner = { stateIso3: a.stateIso3, organizationId: a.organizationId };
  const results_: ResultView[] = results.map((r) => ({
    ...r,
    indicators: indicators
      .filter((i) => i.resultId === r.id)
      .map((i) => {
        const current = currentValues(values.filter((v) => v.indicatorId === i.id));
        const actual = actualValue(current);
        const strip = ({ createdAt: _c, indicatorId: _i, ...v }: (typeof current)[number]) => v;
        const { resultId: _r, ...indicator } = i;
        return {
          ...indicator,
          actual: actual ? strip(actual) : null,
          progressPercent: indicatorProgress(i.baselineValue, i.targetValue, actual?.value ?? null),
          values: current.map(strip),
        };
      }),
  }));
  const counts = new Map<string, number>();
  for (const n of actors) counts.set(n.actorType, (counts.get(n.actorType) ?? 0) + 1);
  const visibleRequests = requests.filter((r) => r.visible);
  return {
    ...toSummary(a, consents, today),
    description: a.description,
    offerId: a.offerId,
    dacSectors: a.dacSectors,
    sdgTargets: a.sdgTargets,
    persons: a.persons,
    modalities: a.modalities,
    cooperationType: a.cooperationType,
    covidContext: a.covidContext,
    covidPhase: a.covidPhase,
    genderMarker: a.genderMarker,
    disabilityMarker: a.disabilityMarker,
    fund: a.fund,
    textLang: a.textLang,
    withheldReason: inCircle ? a.withheldReason : null,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    participants,
    transactions: transactions.map(({ createdAt: _c, ...t }) => t),
    totals,
    results: results_,
    documents,
    nationalActors: actors.map((n) => ({
      id: n.id,
      actorType: n.actorType,
      involvement: n.involvement,
      name: n.name && canSeeNationalActorName(scope, n.nameConsented, owner) ? n.name : null,
    })),
    nationalActorCounts: [...counts].map(([actorType, count]) => ({ actorType, count })),
    requests: visibleRequests.map(({ visible: _v, ...r }) => r),
    hiddenRequestCount: requests.length - visibleRequests.length,
    recommendations,
    // Who moved the activity is for its circle; everyone sees when and why.
    events: events.map((e) => ({
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      reason: e.reason,
      actorName: inCircle ? e.actorName : null,
      occurredAt: e.occurredAt.toISOString(),
    })),
    consents: await listConsentViews(db, viewer, facts),
    warnings: requests.length === 0 ? ["no_request"] : [],
    viewerCan: viewerSteps(viewer, a, hasValidConsent(consents, today)),
  };
}

/** What the viewer may do: the status steps open to them, each allowed or blocked with the reason (R3: blocked buttons explain). */
function viewerSteps(viewer: Viewer, a: ActivityRow, validConsent: boolean): ActivityDetail["viewerCan"] {
  const parties = partiesOf(viewer, a);
  const from = ActivityStatusSchema.parse(a.status);
  const steps = new Map<number, Step>();
  for (const party of parties)
    for (const t of nextActivitySteps(from, party)) {
      if (steps.get(t.to)?.allowed) continue;
      // The reason is asked on the form; here only the consent gate decides whether the button is live.
      const check = checkActivityTransition(from, t.to, { party, reason: "given on the form", hasValidConsent: validConsent });
      steps.set(t.to, {
        to: t.to,
        allowed: check.ok,
        blockedReason: check.ok ? null : check.reason,
        reasonRequired: t.reasonRequired === true,
        consentRequired: t.consentRequired === true,
      });
    }
  return { manage: parties.includes("provider"), actForState: parties.includes("state"), steps: [...steps.values()] };
}
