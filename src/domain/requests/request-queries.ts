import type { Db } from "../../store/db.js";
import { listStatePledgeRows } from "../../store/recommendation-read-store.js";
import { findVisibleRequestRow, listVisibleRequestRows, type RequestSummaryRow } from "../../store/request-read-store.js";
import { findRecommendationsByIds, listProviderOrganizationRows, type RecommendationFacts } from "../../store/request-store.js";
import { canSeeNationalActorName } from "../access/cooperation-access.js";
import { type OrganizationType, OrganizationTypeSchema, PROVIDER_ORGANIZATION_TYPES, PROVIDER_ROLES } from "../access/roles.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { OPEN_REQUEST_STATUSES, RequestStatusSchema } from "../cooperation/request-status.js";
import { type RequestDetail, type RequestListQuery, RequestListQuerySchema, type RequestQueueItem, type RequestSummary } from "./request-schemas.js";
import {
  acknowledgementTarget,
  availableActions,
  countWorkingDays,
  elapsedDays,
  isAcknowledgementOverdue,
  isNotAccepted,
  requestingMemberships,
} from "./request-rules.js";

// Reads of assistance requests for pages and the API. The store filters every query by the viewer's scope in SQL.

function toSummary(r: RequestSummaryRow): RequestSummary {
  return {
    id: r.id,
    reference: r.reference,
    stateIso3: r.stateIso3,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    title: r.title,
    status: RequestStatusSchema.parse(r.status),
    visibility: r.visibility,
    priorityRank: r.priorityRank,
    covidContext: r.covidContext,
    submittedAt: r.submittedAt,
    updatedAt: r.updatedAt,
    providers: r.providers.map((p) => ({ id: p.id, name: p.name, acronym: p.acronym, type: OrganizationTypeSchema.parse(p.type), declined: p.declined })),
  };
}

/** Requests the viewer may see, newest change first: anonymous viewers see published ones only. */
export async function listRequests(db: Db, viewer: Viewer, query: RequestListQuery = {}): Promise<{ total: number; items: RequestSummary[] }> {
  const q = parseInput(RequestListQuerySchema, query);
  const page = await listVisibleRequestRows(db, scopeOf(viewer), {
    ...(q.state ? { stateIso3s: [q.state] } : {}),
    ...(q.status ? { statuses: [q.status] } : {}),
    ...(q.provider ? { providerId: q.provider } : {}),
    order: "updated",
    limit: q.limit,
    offset: q.offset,
  });
  return { total: page.total, items: page.rows.map(toSummary) };
}

/** Requests the viewer may see that cite a recommendation as their legal basis (R15: from need to help). */
export async function listRequestsForRecommendation(db: Db, viewer: Viewer, recommendationId: string): Promise<RequestSummary[]> {
  const page = await listVisibleRequestRows(db, scopeOf(viewer), { recommendationId, excludeStatuses: ["draft"], order: "updated", limit: 50, offset: 0 });
  return page.rows.map(toSummary);
}

/** "My State's requests": every request of the States the viewer acts for, drafts included. */
export async function listStateRequests(
  db: Db,
  viewer: Viewer,
  paging: { limit: number; offset: number },
): Promise<{ total: number; items: RequestSummary[] }> {
  const states = [...new Set(requestingMemberships(viewer).map((m) => m.countryIso3))];
  if (states.length === 0) return { total: 0, items: [] };
  const page = await listVisibleRequestRows(db, scopeOf(viewer), { stateIso3s: states, order: "updated", ...paging });
  return { total: page.total, items: page.rows.map(toSummary) };
}

/** Organizations through which the viewer answers requests (R13). */
export function providerOrganizationIds(viewer: Viewer): string[] {
  return [
    ...new Set(
      viewer.memberships
        .filter((m) => PROVIDER_ROLES.includes(m.role) && PROVIDER_ORGANIZATION_TYPES.includes(m.organizationType))
        .map((m) => m.organizationId),
    ),
  ];
}

/**
 * A provider's queue: submitted requests addressed to the viewer's organizations, oldest submission first, with the
 * time since submission and whether the acknowledgement is overdue (request-rules.ts states the targets).
 */
export async function listProviderQueue(
  db: Db,
  viewer: Viewer,
  options: { includeClosed?: boolean; limit: number; offset: number; now?: Date },
): Promise<{ total: number; items: RequestQueueItem[] }> {
  const orgIds = providerOrganizationIds(viewer);
  if (orgIds.length === 0) return { total: 0, items: [] };
  const now = options.now ?? new Date();
  const page = await listVisibleRequestRows(db, scopeOf(viewer), {
    addressedToAny: orgIds,
    ...(options.includeClosed ? { excludeStatuses: ["draft"] } : { statuses: OPEN_REQUEST_STATUSES }),
    order: "submitted",
    limit: options.limit,
    offset: options.offset,
  });
  return {
    total: page.total,
    items: page.rows.map((r) => {
      const s = toSummary(r);
      return {
        ...s,
        daysSinceSubmission: s.submittedAt ? elapsedDays(s.submittedAt, now) : null,
        workingDaysSinceSubmission: s.submittedAt ? countWorkingDays(s.submittedAt, now) : null,
        acknowledgementTargetWorkingDays: acknowledgementTarget(s.covidContext),
        overdue: isAcknowledgementOverdue(s, now),
      };
    }),
  };
}

/** One request with its legal basis, national actors (names only with consent), timeline and the viewer's next steps. */
export async function getRequest(db: Db, viewer: Viewer, id: string): Promise<RequestDetail> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const scope = scopeOf(viewer);
  const found = isUuid ? await findVisibleRequestRow(db, scope, id) : undefined;
  if (!found) throw notFound("Assistance request", id);
  const { row } = found;
  const summary = toSummary(found);
  const owner = { stateIso3: found.stateIso3, organizationId: found.organizationId };
  return {
    ...summary,
    statusReason: row.status_reason,
    needsStatement: row.needs_statement,
    objectives: row.objectives,
    channelReference: row.channel_reference,
    treatyArticles: row.treaty_articles,
    themes: row.themes,
    persons: row.persons,
    sdgTargets: row.sdg_targets,
    iscedLevels: row.isced_levels,
    modalities: row.modalities,
    continuityNeeds: row.continuity_needs,
    covidPhase: row.covid_phase,
    timeframeStart: row.timeframe_start,
    timeframeEnd: row.timeframe_end,
    workingLanguages: row.working_languages,
    budgetAmount: row.budget_amount,
    budgetCurrency: row.budget_currency,
    fundRequested: row.fund_requested,
    textLang: row.text_lang,
    version: row.version,
    createdAt: row.created_at,
    recommendations: found.recommendations.map((r) => ({ ...r, notAccepted: isNotAccepted(r.positionAtLink) })),
    pledges: found.pledges,
    nationalActors: found.nationalActors.map((a) => {
      const show = a.name !== null && canSeeNationalActorName(scope, a.nameConsented, owner);
      return {
        actorType: a.actorType,
        involvement: a.involvement,
        name: show ? a.name : null,
        nameWithheld: a.name !== null && !show,
        nameConsented: a.nameConsented,
      };
    }),
    events: found.events,
    actions: availableActions(viewer, {
      status: summary.status,
      stateIso3: summary.stateIso3,
      providerIds: summary.providers.filter((p) => !p.declined).map((p) => p.id),
    }),
  };
}

export type ProviderChoice = { id: string; name: string; acronym: string | null; type: OrganizationType; countryIso3: string | null };

/** Organizations a State can address its request to (R6: UN entities, other States, regional organizations). */
export async function listProviderChoices(db: Db, viewer: Viewer, requestingStateIso3: string | null): Promise<ProviderChoice[]> {
  const rows = await listProviderOrganizationRows(db, scopeOf(viewer), PROVIDER_ORGANIZATION_TYPES, requestingStateIso3);
  return rows.map((r) => ({ id: r.id, name: r.name, acronym: r.acronym, type: OrganizationTypeSchema.parse(r.type), countryIso3: r.countryIso3 }));
}

export type StatePledge = { id: string; text: string; textLang: string; session: number | null };

/** The voluntary pledges a State made at its reviews, to cite as legal basis. */
export async function listStatePledges(db: Db, stateIso3: string): Promise<StatePledge[]> {
  return (await listStatePledgeRows(db, stateIso3)).map((p) => ({ id: p.id, text: p.text, textLang: p.textLang, session: p.session }));
}

export type RecommendationPrefill = {
  recommendations: RecommendationFacts[];
  /** Ids that were asked for but are unknown or concern another State: left out of the form. */
  ignoredIds: string[];
  themes: string[];
  persons: string[];
  sdgTargets: string[];
  sdgGoals: number[];
};

/**
 * What a request started from selected recommendations begins with (journey 1): the recommendations of the
 * requesting State, the union of their UHRI themes, groups of persons and SDG targets, and the SDG goals they cite.
 */
export async function prefillFromRecommendations(db: Db, stateIso3: string, ids: readonly string[]): Promise<RecommendationPrefill> {
  const wanted = [...new Set(ids)].slice(0, 200);
  const found = await findRecommendationsByIds(db, wanted);
  const byId = new Map(found.filter((r) => r.stateIso3 === stateIso3).map((r) => [r.id, r]));
  const recommendations = wanted.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const union = <T>(pick: (r: RecommendationFacts) => T[]) => [...new Set(recommendations.flatMap(pick))];
  return {
    recommendations,
    ignoredIds: wanted.filter((id) => !byId.has(id)),
    themes: union((r) => r.themes).sort(),
    persons: union((r) => r.persons).sort(),
    sdgTargets: union((r) => r.sdgTargets),
    sdgGoals: union((r) => r.sdgGoals).sort((a, b) => a - b),
  };
}
