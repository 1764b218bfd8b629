import { type Selectable, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import { requestVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import type { Visibility } from "./schema.js";
import type { AssistanceRequestsTable } from "./schema-cooperation.js";
import { visibleTo } from "./visibility-scope.js";

// Reads of assistance requests for lists, detail pages, the API and the response-time figures (R12, R13). Every
// query filters with requestVisibleTo() in SQL: nothing the viewer may not see is fetched.

export type RequestProviderRow = { id: string; name: string; acronym: string | null; type: string; declined: boolean };

export type RequestSummaryRow = {
  id: string;
  reference: string | null;
  stateIso3: string;
  organizationId: string;
  organizationName: string;
  title: string;
  status: string;
  visibility: Visibility;
  priorityRank: number | null;
  covidContext: boolean;
  submittedAt: Date | null;
  updatedAt: Date;
  providers: RequestProviderRow[];
};

export type RequestListFilter = {
  stateIso3s?: readonly string[];
  statuses?: readonly string[];
  excludeStatuses?: readonly string[];
  /** Addressed to this provider organization. */
  providerId?: string;
  /** Addressed to any of these organizations (a provider's queue). */
  addressedToAny?: readonly string[];
  /** Citing this recommendation as legal basis. */
  recommendationId?: string;
  order: "updated" | "submitted";
  limit: number;
  offset: number;
};

const addressedTo = (ids: readonly string[], options: { active?: boolean } = {}) =>
  sql<boolean>`EXISTS (SELECT 1 FROM assistance_request_providers p WHERE p.request_id = r.id AND p.organization_id = ANY(${[...ids]}::uuid[])${options.active ? sql` AND p.declined_at IS NULL` : sql``})`;

export async function listVisibleRequestRows(db: Db, scope: ViewerScope, f: RequestListFilter): Promise<{ total: number; rows: RequestSummaryRow[] }> {
  let q = db.selectFrom("assistance_requests as r").innerJoin("organizations as o", "o.id", "r.organization_id").where(requestVisibleTo(scope, "r"));
  if (f.stateIso3s) q = f.stateIso3s.length ? q.where("r.state_iso3", "in", f.stateIso3s) : q.where(sql<boolean>`false`);
  if (f.statuses) q = f.statuses.length ? q.where("r.status", "in", f.statuses) : q.where(sql<boolean>`false`);
  if (f.excludeStatuses?.length) q = q.where("r.status", "not in", f.excludeStatuses);
  if (f.providerId) q = q.where(addressedTo([f.providerId]));
  // A provider's queue leaves out the requests it declined while others still answer them.
  if (f.addressedToAny) q = f.addressedToAny.length ? q.where(addressedTo(f.addressedToAny, { active: true })) : q.where(sql<boolean>`false`);
  if (f.recommendationId)
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM assistance_request_recommendations l WHERE l.request_id = r.id AND l.recommendation_id = ${f.recommendationId})`,
    );
  const ordered = f.order === "submitted" ? q.orderBy(sql`r.submitted_at ASC NULLS LAST`).orderBy("r.id") : q.orderBy("r.updated_at", "desc").orderBy("r.id");
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ordered
      .select([
        "r.id",
        "r.reference",
        "r.state_iso3",
        "r.organization_id",
        "o.name as organization_name",
        "r.title",
        "r.status",
        "r.visibility",
        "r.priority_rank",
        "r.covid_context",
        "r.submitted_at",
        "r.updated_at",
      ])
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  const providers = await listProvidersOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      stateIso3: r.state_iso3,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      title: r.title,
      status: r.status,
      visibility: r.visibility,
      priorityRank: r.priority_rank,
      covidContext: r.covid_context,
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
      providers: providers.get(r.id) ?? [],
    })),
  };
}

/** Providers addressed by each of some requests (the caller already filtered the requests by visibility). */
async function listProvidersOf(db: Db, requestIds: readonly string[]): Promise<Map<string, RequestProviderRow[]>> {
  const byRequest = new Map<string, RequestProviderRow[]>();
  if (requestIds.length === 0) return byRequest;
  const rows = await db
    .selectFrom("assistance_request_providers as p")
    .innerJoin("organizations as o", "o.id", "p.organization_id")
    .select(["p.request_id", "o.id", "o.name", "o.acronym", "o.org_type", "p.declined_at"])
    .where("p.request_id", "in", requestIds)
    .orderBy("o.name")
    .execute();
  for (const r of rows) {
    const list = byRequest.get(r.request_id) ?? [];
    list.push({ id: r.id, name: r.name, acronym: r.acronym, type: r.org_type, declined: r.declined_at !== null });
    byRequest.set(r.request_id, list);
  }
  return byRequest;
}

export type RequestFactsRow = {
  id: string;
  status: string;
  stateIso3: string;
  organizationId: string;
  visibility: Visibility;
  reference: string | null;
  covidContext: boolean;
  /** Addressed providers still answering it (those that declined alone stepped back). */
  providerIds: string[];
};

/** The facts the access and workflow rules need, if the viewer may see the request. */
export async function findVisibleRequestFacts(db: Db, scope: ViewerScope, id: string): Promise<RequestFactsRow | undefined> {
  const r = await db
    .selectFrom("assistance_requests as r")
    .select(["r.id", "r.status", "r.state_iso3", "r.organization_id", "r.visibility", "r.reference", "r.covid_context"])
    .select((eb) =>
      eb.fn
        .coalesce(
          sql<string[]>`(SELECT array_agg(p.organization_id::text) FROM assistance_request_providers p WHERE p.request_id = r.id AND p.declined_at IS NULL)`,
          sql<string[]>`'{}'::text[]`,
        )
        .as("provider_ids"),
    )
    .where("r.id", "=", id)
    .where(requestVisibleTo(scope, "r"))
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      status: r.status,
      stateIso3: r.state_iso3,
      organizationId: r.organization_id,
      visibility: r.visibility,
      reference: r.reference,
      covidContext: r.covid_context,
      providerIds: r.provider_ids,
    }
  );
}

export type RequestDetailRow = Omit<RequestSummaryRow, "providers"> & {
  row: Selectable<AssistanceRequestsTable>;
  providers: RequestProviderRow[];
  recommendations: {
    id: string;
    paragraph: string | null;
    text: string;
    textLang: string;
    cycle: number | null;
    position: string;
    positionAtLink: string;
  }[];
  pledges: { id: string; text: string; textLang: string; session: number | null }[];
  nationalActors: { actorType: string; involvement: string; name: string | null; nameConsented: boolean }[];
  events: {
    fromStatus: string | null;
    toStatus: string;
    reason: string | null;
    actorOrganizationId: string | null;
    actorOrganizationName: string | null;
    occurredAt: Date;
  }[];
};

export async function findVisibleRequestRow(db: Db, scope: ViewerScope, id: string): Promise<RequestDetailRow | undefined> {
  const r = await db
    .selectFrom("assistance_requests as r")
    .innerJoin("organizations as o", "o.id", "r.organization_id")
    .selectAll("r")
    .select("o.name as organization_name")
    .where("r.id", "=", id)
    .where(requestVisibleTo(scope, "r"))
    .executeTakeFirst();
  if (!r) return undefined;
  const [providers, recommendations, pledges, actors, events] = await Promise.all([
    listProvidersOf(db, [id]),
    db
      .selectFrom("assistance_request_recommendations as l")
      .innerJoin("recommendations as rec", "rec.id", "l.recommendation_id")
      .select(["rec.id", "rec.paragraph", "rec.text", "rec.text_lang", "rec.cycle", "rec.position", "l.position_at_link"])
      .where("l.request_id", "=", id)
      .orderBy("rec.cycle")
      .orderBy("rec.id")
      .execute(),
    db
      .selectFrom("assistance_request_pledges as l")
      .innerJoin("voluntary_pledges as v", "v.id", "l.pledge_id")
      .select(["v.id", "v.text", "v.text_lang", "v.session"])
      .where("l.request_id", "=", id)
      .orderBy("v.id")
      .execute(),
    db
      .selectFrom("national_actors")
      .select(["actor_type", "involvement", "name", "name_consented"])
      .where("request_id", "=", id)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("assistance_request_events as e")
      .leftJoin("organizations as o", "o.id", "e.actor_organization_id")
      .select(["e.from_status", "e.to_status", "e.reason", "e.actor_organization_id", "o.name as actor_organization_name", "e.occurred_at"])
      .where("e.request_id", "=", id)
      .orderBy("e.id")
      .execute(),
  ]);
  return {
    row: r,
    id: r.id,
    reference: r.reference,
    stateIso3: r.state_iso3,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    title: r.title,
    status: r.status,
    visibility: r.visibility,
    priorityRank: r.priority_rank,
    covidContext: r.covid_context,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
    providers: providers.get(id) ?? [],
    recommendations: recommendations.map((x) => ({
      id: x.id,
      paragraph: x.paragraph,
      text: x.text,
      textLang: x.text_lang,
      cycle: x.cycle,
      position: x.position,
      positionAtLink: x.position_at_link,
    })),
    pledges: pledges.map((p) => ({ id: p.id, text: p.text, textLang: p.text_lang, session: p.session })),
    nationalActors: actors.map((a) => ({ actorType: a.actor_type, involvement: a.involvement, name: a.name, nameConsented: a.name_consented })),
    events: events.map((e) => ({
      fromStatus: e.from_status,
      toStatus: e.to_status,
      reason: e.reason,
      actorOrganizationId: e.actor_organization_id,
      actorOrganizationName: e.actor_organization_name,
      occurredAt: e.occurred_at,
    })),
  };
}

export type ResponseTimeRow = {
  organizationId: string;
  name: string;
  acronym: string | null;
  requestId: string;
  submittedAt: Date;
  acknowledgedAt: Date | null;
  firstOfferAt: Date | null;
  declined: boolean;
  referred: boolean;
};

/**
 * One row per (provider, submitted request addressed to it), with when that provider acknowledged it and made its
 * first offer (an offer_made step it took, or the publication of an offer of its own answering the request).
 * These feed aggregate figures that name no request or State; still, like every aggregate (DESIGN.md "Access"), they
 * count only the requests the viewer may see — a private request is not revealed by a count — and providers are
 * limited to organizations the viewer may see.
 */
export async function listResponseTimeRows(db: Db, scope: ViewerScope): Promise<ResponseTimeRow[]> {
  const stepBy = (status: string) =>
    sql<Date | null>`(SELECT min(e.occurred_at) FROM assistance_request_events e
      WHERE e.request_id = r.id AND e.to_status = ${status} AND e.actor_organization_id = p.organization_id)`;
  const firstOffer = sql<Date | null>`LEAST(${stepBy("offer_made")}, (SELECT min(f.published_at) FROM offers f
      WHERE f.request_id = r.id AND f.organization_id = p.organization_id AND f.status <> 'draft'))`;
  const rows = await db
    .selectFrom("assistance_request_providers as p")
    .innerJoin("assistance_requests as r", "r.id", "p.request_id")
    .innerJoin("organizations as o", "o.id", "p.organization_id")
    .select(["p.organization_id", "o.name", "o.acronym", "r.id as request_id", "r.submitted_at"])
    .select([
      stepBy("acknowledged").as("acknowledged_at"),
      firstOffer.as("first_offer_at"),
      sql<boolean>`(${stepBy("declined")} IS NOT NULL)`.as("declined"),
      sql<boolean>`(${stepBy("referred")} IS NOT NULL)`.as("referred"),
    ])
    .where("r.submitted_at", "is not", null)
    .where(requestVisibleTo(scope, "r"))
    .where((eb) => visibleTo(eb, scope, { visibility: "o.visibility", stateIso3: "o.country_iso3", originator: "o.id" }))
    .orderBy("o.name")
    .orderBy("p.organization_id")
    .execute();
  return rows.map((r) => ({
    organizationId: r.organization_id,
    name: r.name,
    acronym: r.acronym,
    requestId: r.request_id,
    submittedAt: r.submitted_at as Date,
    acknowledgedAt: r.acknowledged_at,
    firstOfferAt: r.first_offer_at,
    declined: r.declined,
    referred: r.referred,
  }));
}
