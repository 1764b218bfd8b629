import { sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import { offerVisibleTo, requestVisibleTo } from "./cooperation-visibility.js";
import { visibleTo } from "./visibility-scope.js";
import type { Db } from "./db.js";

// What an activity is linked to (R4: the requests and recommendations it answers; the offer it comes from) and who
// takes part (IATI participating-org). Links are added, never removed: the trail stays whole.

export type OfferForActivity = {
  id: string;
  organizationId: string;
  requestId: string | null;
  stateIso3: string | null;
  status: string;
  title: string;
  description: string;
  themes: string[];
  sdgTargets: string[];
  persons: string[];
  modalities: string[];
  cooperationType: string;
  availableFrom: string | null;
  availableTo: string | null;
  budgetAmount: string | null;
  budgetCurrency: string | null;
  fundSource: string | null;
  textLang: string;
};

export async function findOfferForActivity(db: Db, offerId: string): Promise<OfferForActivity | undefined> {
  const r = await db.selectFrom("offers").selectAll().where("id", "=", offerId).executeTakeFirst();
  return (
    r && {
      id: r.id,
      organizationId: r.organization_id,
      requestId: r.request_id,
      stateIso3: r.state_iso3,
      status: r.status,
      title: r.title,
      description: r.description,
      themes: r.themes,
      sdgTargets: r.sdg_targets,
      persons: r.persons,
      modalities: r.modalities,
      cooperationType: r.cooperation_type,
      availableFrom: r.available_from,
      availableTo: r.available_to,
      budgetAmount: r.budget_amount,
      budgetCurrency: r.budget_currency,
      fundSource: r.fund_source,
      textLang: r.text_lang,
    }
  );
}

/** Accepted offers of the viewer's provider organizations that have no activity yet (the "start from an offer" list). */
export async function listAcceptedOffersWithoutActivity(
  db: Db,
  scope: ViewerScope,
  organizationIds: readonly string[],
): Promise<{ id: string; title: string; stateIso3: string | null }[]> {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectFrom("offers as o")
    .select(["o.id", "o.title", "o.state_iso3"])
    .where("o.status", "=", "accepted")
    .where("o.organization_id", "in", [...organizationIds])
    .where(offerVisibleTo(scope, "o"))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("activities as a").select("a.id").whereRef("a.offer_id", "=", "o.id"))))
    .orderBy("o.updated_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, stateIso3: r.state_iso3 }));
}

export type RequestForLink = {
  id: string;
  stateIso3: string;
  status: string;
  reference: string | null;
  title: string;
  covidContext: boolean;
  covidPhase: string | null;
  visible: boolean;
};

/** Requests by id, each with whether the viewer may see it (a provider links only requests it can read). */
export async function findRequestsForLink(db: Db, scope: ViewerScope, ids: readonly string[]): Promise<RequestForLink[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("assistance_requests as r")
    .select(["r.id", "r.state_iso3", "r.status", "r.reference", "r.title", "r.covid_context", "r.covid_phase"])
    .select(sql<boolean>`${requestVisibleTo(scope, "r")}`.as("visible"))
    .where("r.id", "in", [...ids])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    stateIso3: r.state_iso3,
    status: r.status,
    reference: r.reference,
    title: r.title,
    covidContext: r.covid_context,
    covidPhase: r.covid_phase,
    visible: r.visible === true,
  }));
}

export async function listRequestRecommendationIds(db: Db, requestId: string): Promise<string[]> {
  const rows = await db.selectFrom("assistance_request_recommendations").select("recommendation_id").where("request_id", "=", requestId).execute();
  return rows.map((r) => r.recommendation_id);
}

export async function findRecommendationStates(db: Db, ids: readonly string[]): Promise<{ id: string; stateIso3: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("recommendations")
    .select(["id", "state_iso3"])
    .where("id", "in", [...ids])
    .execute();
  return rows.map((r) => ({ id: r.id, stateIso3: r.state_iso3 }));
}

export async function insertActivityRequestLinks(db: Db, activityId: string, requestIds: readonly string[]): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const rows = await db
    .insertInto("activity_requests")
    .values(requestIds.map((request_id) => ({ activity_id: activityId, request_id })))
    .onConflict((oc) => oc.doNothing())
    .returning("request_id")
    .execute();
  return rows.map((r) => r.request_id);
}

export async function insertActivityRecommendationLinks(db: Db, activityId: string, recommendationIds: readonly string[]): Promise<string[]> {
  if (recommendationIds.length === 0) return [];
  const rows = await db
    .insertInto("activity_recommendations")
    .values(recommendationIds.map((recommendation_id) => ({ activity_id: activityId, recommendation_id })))
    .onConflict((oc) => oc.doNothing())
    .returning("recommendation_id")
    .execute();
  return rows.map((r) => r.recommendation_id);
}

export type LinkedRequestRow = { id: string; reference: string | null; title: string; status: string; visible: boolean };

/** The requests an activity answers; each says whether this viewer may read it (others are only counted). */
export async function listLinkedRequestRows(db: Db, scope: ViewerScope, activityId: string): Promise<LinkedRequestRow[]> {
  const rows = await db
    .selectFrom("activity_requests as ar")
    .innerJoin("assistance_requests as r", "r.id", "ar.request_id")
    .select(["r.id", "r.reference", "r.title", "r.status"])
    .select(sql<boolean>`${requestVisibleTo(scope, "r")}`.as("visible"))
    .where("ar.activity_id", "=", activityId)
    .orderBy("r.reference")
    .execute();
  return rows.map((r) => ({ id: r.id, reference: r.reference, title: r.title, status: r.status, visible: r.visible === true }));
}

export type LinkedRecommendationRow = {
  id: string;
  stateIso3: string;
  paragraph: string | null;
  text: string;
  textLang: string;
  position: string;
  cycle: number | null;
};

/** UPR and other mechanism recommendations are public (DESIGN.md): no filter needed. */
export async function listLinkedRecommendationRows(db: Db, activityId: string): Promise<LinkedRecommendationRow[]> {
  const rows = await db
    .selectFrom("activity_recommendations as ar")
    .innerJoin("recommendations as r", "r.id", "ar.recommendation_id")
    .select(["r.id", "r.state_iso3", "r.paragraph", "r.text", "r.text_lang", "r.position", "r.cycle"])
    .where("ar.activity_id", "=", activityId)
    .orderBy("r.cycle")
    .orderBy("r.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    stateIso3: r.state_iso3,
    paragraph: r.paragraph,
    text: r.text,
    textLang: r.text_lang,
    position: r.position,
    cycle: r.cycle,
  }));
}

export type ParticipantRow = { id: string; organizationId: string | null; name: string; iatiRef: string | null; orgType: string | null; role: number };

export async function insertParticipant(db: Db, p: Omit<ParticipantRow, "id"> & { activityId: string }): Promise<{ id: string }> {
  return db
    .insertInto("activity_participants")
    .values({ activity_id: p.activityId, organization_id: p.organizationId, name: p.name, iati_ref: p.iatiRef, org_type: p.orgType, role: p.role })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function findParticipant(db: Db, activityId: string, organizationId: string | null, name: string, role: number): Promise<boolean> {
  let q = db.selectFrom("activity_participants").select("id").where("activity_id", "=", activityId).where("role", "=", role);
  q = organizationId ? q.where("organization_id", "=", organizationId) : q.where("organization_id", "is", null).where("name", "=", name);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * Participants of an activity. An organization that asked not to be listed (R31: reprisal risk) is left out for
 * viewers who may not see it, with the same rule as the organization lists.
 */
export async function listParticipantRows(db: Db, scope: ViewerScope, activityId: string): Promise<ParticipantRow[]> {
  const rows = await db
    .selectFrom("activity_participants as p")
    .leftJoin("organizations as o", "o.id", "p.organization_id")
    .select(["p.id", "p.organization_id", "p.name", "p.iati_ref", "p.org_type", "p.role"])
    .where("p.activity_id", "=", activityId)
    .where((eb) =>
      eb.or([eb("p.organization_id", "is", null), visibleTo(eb, scope, { visibility: "o.visibility", stateIso3: "o.country_iso3", originator: "o.id" })]),
    )
    .orderBy("p.role")
    .orderBy("p.name")
    .execute();
  return rows.map((r) => ({ id: r.id, organizationId: r.organization_id, name: r.name, iatiRef: r.iati_ref, orgType: r.org_type, role: r.role }));
}

/** Organizations taking part in an activity, whoever looks (they belong to its circle). */
export async function listParticipantOrganizationIds(db: Db, activityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("activity_participants")
    .select("organization_id")
    .where("activity_id", "=", activityId)
    .where("organization_id", "is not", null)
    .execute();
  return rows.flatMap((r) => (r.organization_id ? [r.organization_id] : []));
}

/** Requests an activity of `stateIso3` could answer, among those the viewer may read (the link forms' choices). */
export async function listLinkableRequestRows(
  db: Db,
  scope: ViewerScope,
  stateIso3: string | null,
): Promise<{ id: string; reference: string | null; title: string; stateIso3: string }[]> {
  let q = db
    .selectFrom("assistance_requests as r")
    .select(["r.id", "r.reference", "r.title", "r.state_iso3"])
    .where("r.status", "in", ["submitted", "acknowledged", "under_assessment", "offer_made", "agreed", "converted_to_activity"])
    .where(requestVisibleTo(scope, "r"));
  if (stateIso3) q = q.where("r.state_iso3", "=", stateIso3);
  const rows = await q.orderBy("r.state_iso3").orderBy("r.reference").limit(300).execute();
  return rows.map((r) => ({ id: r.id, reference: r.reference, title: r.title, stateIso3: r.state_iso3 }));
}
