import { type RawBuilder, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import { activityCircleIncludes, activityDetailsVisibleTo, offerVisibleTo, requestVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import { visibleTo } from "./visibility-scope.js";

// Read queries of the coordination view and the State digest (R16; res. 45/32 OP9), over the activity, request,
// offer and consent tables of migration 0005. Every list is filtered in SQL with the visibility rules of
// cooperation-visibility.ts; withheld activities are only ever counted.

export type ActivityRow = {
  id: string;
  title: string;
  status: number;
  stateIso3: string;
  organizationId: string;
  providerName: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  themes: string[];
  sdgTargets: string[];
};

export type ParticipantRow = { activityId: string; organizationId: string | null; name: string; role: number; isNationalGovernment: boolean };
export type NationalActorRow = { activityId: string; actorType: string; involvement: string; name: string | null; nameConsented: boolean };

const providerName = sql<string>`COALESCE(o.acronym, o.name)`;

/** Activities in the State whose details the viewer may see, by start date. */
export async function listVisibleStateActivities(db: Db, scope: ViewerScope, iso3: string): Promise<ActivityRow[]> {
  const rows = await db
    .selectFrom("activities as a")
    .innerJoin("organizations as o", "o.id", "a.organization_id")
    .select([
      "a.id",
      "a.title",
      "a.status",
      "a.state_iso3",
      "a.organization_id",
      providerName.as("provider_name"),
      "a.planned_start",
      "a.planned_end",
      "a.actual_start",
      "a.actual_end",
      "a.themes",
      "a.sdg_targets",
    ])
    .where("a.state_iso3", "=", iso3)
    .where(activityDetailsVisibleTo(scope, "a"))
    .orderBy(sql`COALESCE(a.actual_start, a.planned_start)`, (ob) => ob.asc().nullsLast())
    .orderBy("a.title")
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    stateIso3: r.state_iso3,
    organizationId: r.organization_id,
    providerName: r.provider_name,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    actualStart: r.actual_start,
    actualEnd: r.actual_end,
    themes: r.themes,
    sdgTargets: r.sdg_targets,
  }));
}

/** Public activities whose details the State withheld, outside the viewer's circle (as the activity list counts them). */
const withheldFrom = (scope: ViewerScope): RawBuilder<boolean> =>
  sql<boolean>`(a.details_withheld AND a.visibility = 'public' AND NOT ${activityCircleIncludes(scope, "a")})`;

/**
 * Public activities of the State whose details the State withheld from the viewer: counted, never listed (small-cell
 * rule in the service). The same count as the activity list's: an activity the viewer may not see at all (un_only,
 * say) is not counted either, or the count would reveal it (DESIGN.md: aggregates filter by the viewer's scope).
 */
export async function countWithheldStateActivities(db: Db, scope: ViewerScope, iso3: string): Promise<number> {
  const row = await db
    .selectFrom("activities as a")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("a.state_iso3", "=", iso3)
    .where(withheldFrom(scope))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Implementing (4) and extending (3) participants of the activities, with whether each is a government body of the
 * activity's State (a national counterpart, R16) — by its organization record, or by its IATI organisation type
 * (10 government, 11 local government) when it has none. An organization that asked not to be listed (R31: reprisal
 * risk) is left out for viewers who may not see it, as on the activity's page.
 */
export async function listActivityParticipants(db: Db, scope: ViewerScope, activityIds: string[]): Promise<ParticipantRow[]> {
  if (activityIds.length === 0) return [];
  const rows = await db
    .selectFrom("activity_participants as p")
    .innerJoin("activities as a", "a.id", "p.activity_id")
    .leftJoin("organizations as o", "o.id", "p.organization_id")
    .select([
      "p.activity_id",
      "p.organization_id",
      sql<string>`COALESCE(o.acronym, o.name, p.name)`.as("name"),
      "p.role",
      sql<boolean>`CASE WHEN o.id IS NOT NULL THEN o.org_type = 'government' AND o.country_iso3 = a.state_iso3 ELSE COALESCE(p.org_type IN ('10', '11'), false) END`.as(
        "is_national_government",
      ),
    ])
    .where("p.activity_id", "in", activityIds)
    .where("p.role", "in", [3, 4])
    .where((eb) =>
      eb.or([eb("p.organization_id", "is", null), visibleTo(eb, scope, { visibility: "o.visibility", stateIso3: "o.country_iso3", originator: "o.id" })]),
    )
    .orderBy("p.activity_id")
    .orderBy("p.role", "desc")
    .orderBy("p.name")
    .execute();
  return rows.map((r) => ({
    activityId: r.activity_id,
    organizationId: r.organization_id,
    name: r.name,
    role: r.role,
    isNationalGovernment: r.is_national_government,
  }));
}

/** National actors of the activities (R8). Names come with their consent flag: the service decides who sees them. */
export async function listActivityNationalActors(db: Db, activityIds: string[]): Promise<NationalActorRow[]> {
  if (activityIds.length === 0) return [];
  const rows = await db
    .selectFrom("national_actors as n")
    .select(["n.activity_id", "n.actor_type", "n.involvement", "n.name", "n.name_consented"])
    .where("n.activity_id", "in", activityIds)
    .orderBy("n.activity_id")
    .orderBy("n.actor_type")
    .orderBy("n.created_at")
    .execute();
  return rows.map((r) => ({
    activityId: r.activity_id as string,
    actorType: r.actor_type,
    involvement: r.involvement,
    name: r.name,
    nameConsented: r.name_consented,
  }));
}

// ---- the digest: what happened in the State during a period ----

export type Instants = { start: Date; end: Date };
export type Days = { from: string; to: string };

const within = (column: string, p: Instants): RawBuilder<boolean> => sql<boolean>`(${sql.ref(column)} >= ${p.start} AND ${sql.ref(column)} < ${p.end})`;
const withinDays = (column: string, d: Days): RawBuilder<boolean> => sql<boolean>`(${sql.ref(column)} BETWEEN ${d.from}::date AND ${d.to}::date)`;

export type SubmittedRequestRow = { id: string; reference: string | null; title: string; status: string; submittedAt: Date };

export async function listRequestsSubmitted(db: Db, scope: ViewerScope, iso3: string, p: Instants): Promise<SubmittedRequestRow[]> {
  const rows = await db
    .selectFrom("assistance_requests as r")
    .select(["r.id", "r.reference", "r.title", "r.status", "r.submitted_at"])
    .where("r.state_iso3", "=", iso3)
    .where(within("r.submitted_at", p))
    .where(requestVisibleTo(scope, "r"))
    .orderBy("r.submitted_at")
    .orderBy("r.id")
    .execute();
  return rows.map((r) => ({ id: r.id, reference: r.reference, title: r.title, status: r.status, submittedAt: r.submitted_at as Date }));
}

export type RequestEventRow = {
  requestId: string;
  reference: string | null;
  title: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  occurredAt: Date;
};

/** Status changes after submission (a submission is listed with the new requests). */
export async function listRequestStatusChanges(db: Db, scope: ViewerScope, iso3: string, p: Instants): Promise<RequestEventRow[]> {
  const rows = await db
    .selectFrom("assistance_request_events as e")
    .innerJoin("assistance_requests as r", "r.id", "e.request_id")
    .select(["e.request_id", "r.reference", "r.title", "e.from_status", "e.to_status", "e.reason", "e.occurred_at"])
    .where("r.state_iso3", "=", iso3)
    .where("e.to_status", "not in", ["draft", "submitted"])
    .where(within("e.occurred_at", p))
    .where(requestVisibleTo(scope, "r"))
    .orderBy("e.occurred_at")
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    requestId: r.request_id,
    reference: r.reference,
    title: r.title,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    reason: r.reason,
    occurredAt: r.occurred_at,
  }));
}

export type OfferRow = { id: string; title: string; status: string; providerName: string; requestReference: string | null; publishedAt: Date };

/** Offers made to the State, or in answer to its requests, published in the period. */
export async function listOffersReceived(db: Db, scope: ViewerScope, iso3: string, p: Instants): Promise<OfferRow[]> {
  const rows = await db
    .selectFrom("offers as o2")
    .innerJoin("organizations as o", "o.id", "o2.organization_id")
    .leftJoin("assistance_requests as r", "r.id", "o2.request_id")
    .select(["o2.id", "o2.title", "o2.status", providerName.as("provider_name"), "r.reference", "o2.published_at"])
    .where((eb) => eb.or([eb("o2.state_iso3", "=", iso3), eb("r.state_iso3", "=", iso3)]))
    .where("o2.status", "<>", "draft")
    .where(within("o2.published_at", p))
    .where(offerVisibleTo(scope, "o2"))
    // An offer answering a request is shown only if the viewer may see that request too.
    .where((eb) => eb.or([eb("o2.request_id", "is", null), requestVisibleTo(scope, "r")]))
    .orderBy("o2.published_at")
    .orderBy("o2.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    providerName: r.provider_name,
    requestReference: r.reference,
    publishedAt: r.published_at as Date,
  }));
}

export type ActivityEventRow = {
  activityId: string;
  title: string;
  providerName: string;
  fromStatus: number | null;
  toStatus: number;
  reason: string | null;
  occurredAt: Date;
};

export async function listActivityStatusChanges(db: Db, scope: ViewerScope, iso3: string, p: Instants): Promise<ActivityEventRow[]> {
  const rows = await db
    .selectFrom("activity_events as e")
    .innerJoin("activities as a", "a.id", "e.activity_id")
    .innerJoin("organizations as o", "o.id", "a.organization_id")
    .select(["e.activity_id", "a.title", providerName.as("provider_name"), "e.from_status", "e.to_status", "e.reason", "e.occurred_at"])
    .where("a.state_iso3", "=", iso3)
    .where(within("e.occurred_at", p))
    .where(activityDetailsVisibleTo(scope, "a"))
    .orderBy("e.occurred_at")
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    activityId: r.activity_id,
    title: r.title,
    providerName: r.provider_name,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    reason: r.reason,
    occurredAt: r.occurred_at,
  }));
}

export type ActivityDatedRow = { activityId: string; title: string; providerName: string; status: number; date: string };

/** Activities recorded (created) or started (actual start) in the period. */
export async function listActivitiesRecordedOrStarted(
  db: Db,
  scope: ViewerScope,
  iso3: string,
  p: Instants,
  d: Days,
): Promise<{ recorded: ActivityDatedRow[]; started: ActivityDatedRow[] }> {
  const rows = await db
    .selectFrom("activities as a")
    .innerJoin("organizations as o", "o.id", "a.organization_id")
    .select([
      "a.id",
      "a.title",
      providerName.as("provider_name"),
      "a.status",
      "a.created_at",
      "a.actual_start",
      within("a.created_at", p).as("recorded"),
      withinDays("a.actual_start", d).as("started"),
    ])
    .where("a.state_iso3", "=", iso3)
    .where((eb) => eb.or([within("a.created_at", p), withinDays("a.actual_start", d)]))
    .where(activityDetailsVisibleTo(scope, "a"))
    .orderBy("a.created_at")
    .orderBy("a.title")
    .orderBy("a.id")
    .execute();
  const of = (r: (typeof rows)[number], date: string): ActivityDatedRow => ({
    activityId: r.id,
    title: r.title,
    providerName: r.provider_name,
    status: r.status,
    date,
  });
  return {
    recorded: rows.filter((r) => r.recorded).map((r) => of(r, r.created_at.toISOString().slice(0, 10))),
    started: rows
      .filter((r) => r.started)
      .map((r) => of(r, r.actual_start as string))
      .sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** Withheld activities of the State (as countWithheldStateActivities) that had news in the period (counted only). */
export async function countWithheldActivitiesWithNews(db: Db, scope: ViewerScope, iso3: string, p: Instants, d: Days): Promise<number> {
  const row = await db
    .selectFrom("activities as a")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("a.state_iso3", "=", iso3)
    .where(withheldFrom(scope))
    .where((eb) =>
      eb.or([
        within("a.created_at", p),
        withinDays("a.actual_start", d),
        sql<boolean>`EXISTS (SELECT 1 FROM activity_events e WHERE e.activity_id = a.id AND e.occurred_at >= ${p.start} AND e.occurred_at < ${p.end})`,
        sql<boolean>`EXISTS (SELECT 1 FROM activity_transactions t WHERE t.activity_id = a.id AND t.transaction_date BETWEEN ${d.from}::date AND ${d.to}::date)`,
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ConsentRow = {
  id: string;
  activityId: string;
  activityTitle: string;
  grantedOn: string;
  revokedAt: Date | null;
  /** The viewer is in the activity's circle: who signed and the reference are for them only (R3). */
  inCircle: boolean;
  grantedByName: string;
  channel: string;
  channelReference: string;
  scope: string;
  revocationReason: string | null;
};

export async function listConsentEvents(db: Db, scope: ViewerScope, iso3: string, p: Instants, d: Days): Promise<ConsentRow[]> {
  const rows = await db
    .selectFrom("consents as c")
    .innerJoin("activities as a", "a.id", "c.activity_id")
    .select([
      "c.id",
      "c.activity_id",
      "a.title",
      "c.granted_on",
      "c.revoked_at",
      sql<boolean>`${activityCircleIncludes(scope, "a")}`.as("in_circle"),
      "c.granted_by_name",
      "c.channel",
      "c.channel_reference",
      "c.scope",
      "c.revocation_reason",
    ])
    .where("a.state_iso3", "=", iso3)
    .where((eb) => eb.or([withinDays("c.granted_on", d), within("c.revoked_at", p)]))
    .where(activityDetailsVisibleTo(scope, "a"))
    .orderBy("c.granted_on")
    .orderBy("c.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    activityId: r.activity_id,
    activityTitle: r.title,
    grantedOn: r.granted_on,
    revokedAt: r.revoked_at,
    inCircle: r.in_circle,
    grantedByName: r.granted_by_name,
    channel: r.channel,
    channelReference: r.channel_reference,
    scope: r.scope,
    revocationReason: r.revocation_reason,
  }));
}

export type TransactionRow = { id: string; activityId: string; activityTitle: string; type: number; date: string; amount: string; currency: string };

export async function listTransactions(db: Db, scope: ViewerScope, iso3: string, d: Days): Promise<TransactionRow[]> {
  const rows = await db
    .selectFrom("activity_transactions as t")
    .innerJoin("activities as a", "a.id", "t.activity_id")
    .select(["t.id", "t.activity_id", "a.title", "t.transaction_type", "t.transaction_date", "t.amount", "t.currency"])
    .where("a.state_iso3", "=", iso3)
    .where(withinDays("t.transaction_date", d))
    .where(activityDetailsVisibleTo(scope, "a"))
    .orderBy("t.transaction_date")
    .orderBy("t.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    activityId: r.activity_id,
    activityTitle: r.title,
    type: r.transaction_type,
    date: r.transaction_date,
    amount: r.amount,
    currency: r.currency,
  }));
}

/** Sums by transaction type and currency, in SQL numeric (never a float). */
export async function sumTransactions(
  db: Db,
  scope: ViewerScope,
  iso3: string,
  d: Days,
): Promise<{ type: number; currency: string; amount: string; count: number }[]> {
  const rows = await db
    .selectFrom("activity_transactions as t")
    .innerJoin("activities as a", "a.id", "t.activity_id")
    .select(["t.transaction_type", "t.currency", sql<string>`SUM(t.amount)::text`.as("amount"), (eb) => eb.fn.countAll<number>().as("n")])
    .where("a.state_iso3", "=", iso3)
    .where(withinDays("t.transaction_date", d))
    .where(activityDetailsVisibleTo(scope, "a"))
    .groupBy(["t.transaction_type", "t.currency"])
    .orderBy("t.transaction_type")
    .orderBy("t.currency")
    .execute();
  return rows.map((r) => ({ type: r.transaction_type, currency: r.currency, amount: r.amount, count: Number(r.n) }));
}
