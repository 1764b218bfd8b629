import { type Selectable, sql } from "kysely";
import type { Visibility, ViewerScope } from "../domain/access/viewer.js";
import { activityCircleIncludes, activityDetailsVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import type { ActivitiesTable } from "./schema-cooperation.js";

// Activities (R4, R5, R7, R8): the record, its status history and its listings (the searchable list: activity-list-store.ts). Every read a viewer triggers is
// filtered in SQL with the cooperation visibility rules; the unfiltered reads serve permission checks of writes.

export type ActivityRow = {
  id: string;
  iatiIdentifier: string | null;
  organizationId: string;
  organizationName: string;
  stateIso3: string;
  offerId: string | null;
  title: string;
  description: string;
  status: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  defaultCurrency: string;
  budgetAmount: string | null;
  fund: string | null;
  dacSectors: string[];
  sdgTargets: string[];
  themes: string[];
  persons: string[];
  modalities: string[];
  cooperationType: string | null;
  covidContext: boolean;
  covidPhase: string | null;
  genderMarker: number | null;
  disabilityMarker: number | null;
  textLang: string;
  visibility: Visibility;
  detailsWithheld: boolean;
  withheldReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

type Joined = Selectable<ActivitiesTable> & { organization_name: string };

export function toActivityRow(r: Joined): ActivityRow {
  return {
    id: r.id,
    iatiIdentifier: r.iati_identifier,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    stateIso3: r.state_iso3,
    offerId: r.offer_id,
    title: r.title,
    description: r.description,
    status: r.status,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    actualStart: r.actual_start,
    actualEnd: r.actual_end,
    defaultCurrency: r.default_currency,
    budgetAmount: r.budget_amount,
    fund: r.fund,
    dacSectors: r.dac_sectors,
    sdgTargets: r.sdg_targets,
    themes: r.themes,
    persons: r.persons,
    modalities: r.modalities,
    cooperationType: r.cooperation_type,
    covidContext: r.covid_context,
    covidPhase: r.covid_phase,
    genderMarker: r.gender_marker,
    disabilityMarker: r.disability_marker,
    textLang: r.text_lang,
    visibility: r.visibility,
    detailsWithheld: r.details_withheld,
    withheldReason: r.withheld_reason,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const selectActivities = (db: Db) =>
  db.selectFrom("activities as a").innerJoin("organizations as o", "o.id", "a.organization_id").selectAll("a").select("o.name as organization_name");

export type NewActivityRow = Omit<ActivityRow, "organizationName" | "status" | "version" | "createdAt" | "updatedAt" | "actualStart" | "actualEnd"> & {
  createdBy: string;
};

export async function insertActivity(db: Db, a: NewActivityRow): Promise<void> {
  await db
    .insertInto("activities")
    .values({
      id: a.id,
      iati_identifier: a.iatiIdentifier,
      organization_id: a.organizationId,
      state_iso3: a.stateIso3,
      offer_id: a.offerId,
      title: a.title,
      description: a.description,
      planned_start: a.plannedStart,
      planned_end: a.plannedEnd,
      default_currency: a.defaultCurrency,
      budget_amount: a.budgetAmount,
      fund: a.fund,
      dac_sectors: a.dacSectors,
      sdg_targets: a.sdgTargets,
      themes: a.themes,
      persons: a.persons,
      modalities: a.modalities,
      cooperation_type: a.cooperationType,
      covid_context: a.covidContext,
      covid_phase: a.covidPhase,
      gender_marker: a.genderMarker,
      disability_marker: a.disabilityMarker,
      text_lang: a.textLang,
      visibility: a.visibility,
      details_withheld: a.detailsWithheld,
      withheld_reason: a.withheldReason,
      created_by: a.createdBy,
    })
    .execute();
}

/** The row locked for a write (no visibility filter: writes are authorized by membership). */
export async function lockActivity(db: Db, id: string): Promise<ActivityRow | undefined> {
  const r = await selectActivities(db).where("a.id", "=", id).forUpdate("a").executeTakeFirst();
  return r && toActivityRow(r);
}

/** Unfiltered read for permission checks outside a transaction. */
export async function findActivityRow(db: Db, id: string): Promise<ActivityRow | undefined> {
  const r = await selectActivities(db).where("a.id", "=", id).executeTakeFirst();
  return r && toActivityRow(r);
}

export async function findVisibleActivityRow(db: Db, scope: ViewerScope, id: string): Promise<ActivityRow | undefined> {
  const r = await selectActivities(db).where("a.id", "=", id).where(activityDetailsVisibleTo(scope, "a")).executeTakeFirst();
  return r && toActivityRow(r);
}

export async function isInActivityCircleSql(db: Db, scope: ViewerScope, id: string): Promise<boolean> {
  const r = await db
    .selectFrom("activities as a")
    .select(sql<boolean>`${activityCircleIncludes(scope, "a")}`.as("inside"))
    .where("a.id", "=", id)
    .executeTakeFirst();
  return r?.inside === true;
}

export type ActivityPatch = Partial<
  Pick<
    ActivityRow,
    | "title"
    | "description"
    | "plannedStart"
    | "plannedEnd"
    | "actualStart"
    | "actualEnd"
    | "dacSectors"
    | "sdgTargets"
    | "themes"
    | "persons"
    | "modalities"
    | "cooperationType"
    | "genderMarker"
    | "disabilityMarker"
    | "defaultCurrency"
    | "budgetAmount"
    | "fund"
    | "covidContext"
    | "covidPhase"
    | "visibility"
    | "textLang"
    | "detailsWithheld"
    | "withheldReason"
  >
>;

const PATCH_COLUMNS: Record<keyof ActivityPatch, keyof ActivitiesTable> = {
  title: "title",
  description: "description",
  plannedStart: "planned_start",
  plannedEnd: "planned_end",
  actualStart: "actual_start",
  actualEnd: "actual_end",
  dacSectors: "dac_sectors",
  sdgTargets: "sdg_targets",
  themes: "themes",
  persons: "persons",
  modalities: "modalities",
  cooperationType: "cooperation_type",
  genderMarker: "gender_marker",
  disabilityMarker: "disability_marker",
  defaultCurrency: "default_currency",
  budgetAmount: "budget_amount",
  fund: "fund",
  covidContext: "covid_context",
  covidPhase: "covid_phase",
  visibility: "visibility",
  textLang: "text_lang",
  detailsWithheld: "details_withheld",
  withheldReason: "withheld_reason",
};

/** Writes a patch only if the row is still at `version`; returns false when someone saved in between. */
export async function updateActivityIfVersion(db: Db, id: string, version: number, patch: ActivityPatch): Promise<boolean> {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) set[PATCH_COLUMNS[key as keyof ActivityPatch]] = value;
  const r = await db
    .updateTable("activities")
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Withholding is set by the State's consent too (publish_details = false): no version check, the row is locked. */
export async function setActivityWithheld(db: Db, id: string, reason: string): Promise<void> {
  await db
    .updateTable("activities")
    .set({ details_withheld: true, withheld_reason: reason, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .execute();
}

export async function writeActivityStatus(
  db: Db,
  change: { activityId: string; from: number; to: number; reason: string | null; actorUserId: string | null; actualStart?: string; actualEnd?: string },
): Promise<void> {
  await db
    .updateTable("activities")
    .set({
      status: change.to,
      ...(change.actualStart ? { actual_start: change.actualStart } : {}),
      ...(change.actualEnd ? { actual_end: change.actualEnd } : {}),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where("id", "=", change.activityId)
    .execute();
  await insertActivityEvent(db, { activityId: change.activityId, from: change.from, to: change.to, reason: change.reason, actorUserId: change.actorUserId });
}

export async function insertActivityEvent(
  db: Db,
  e: { activityId: string; from: number | null; to: number; reason: string | null; actorUserId: string | null },
): Promise<void> {
  await db
    .insertInto("activity_events")
    .values({ activity_id: e.activityId, from_status: e.from, to_status: e.to, reason: e.reason, actor_user_id: e.actorUserId })
    .execute();
}

export type ActivityEventRow = { id: number; fromStatus: number | null; toStatus: number; reason: string | null; actorName: string | null; occurredAt: Date };

export async function listActivityEventRows(db: Db, activityId: string): Promise<ActivityEventRow[]> {
  const rows = await db
    .selectFrom("activity_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select(["e.id", "e.from_status", "e.to_status", "e.reason", "u.display_name", "e.occurred_at"])
    .where("e.activity_id", "=", activityId)
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    reason: r.reason,
    actorName: r.display_name,
    occurredAt: r.occurred_at,
  }));
}

/** Activities linked to an assistance request, as the viewer may see them. */
export async function listVisibleActivityRowsForRequest(db: Db, scope: ViewerScope, requestId: string): Promise<ActivityRow[]> {
  const rows = await selectActivities(db)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("activity_requests as ar").select("ar.activity_id").whereRef("ar.activity_id", "=", "a.id").where("ar.request_id", "=", requestId)),
    )
    .where(activityDetailsVisibleTo(scope, "a"))
    .orderBy("a.created_at")
    .execute();
  return rows.map(toActivityRow);
}

/** Activities that address a recommendation, as the viewer may see them. */
export async function listVisibleActivityRowsForRecommendation(db: Db, scope: ViewerScope, recommendationId: string): Promise<ActivityRow[]> {
  const rows = await selectActivities(db)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("activity_recommendations as rr")
          .select("rr.activity_id")
          .whereRef("rr.activity_id", "=", "a.id")
          .where("rr.recommendation_id", "=", recommendationId),
      ),
    )
    .where(activityDetailsVisibleTo(scope, "a"))
    .orderBy("a.created_at")
    .execute();
  return rows.map(toActivityRow);
}

export async function findActivityIdByOffer(db: Db, offerId: string): Promise<string | undefined> {
  const r = await db.selectFrom("activities").select("id").where("offer_id", "=", offerId).executeTakeFirst();
  return r?.id;
}

export type OrganizationBasics = { id: string; name: string; iatiRef: string | null; type: string; countryIso3: string | null };

export async function findOrganizationBasics(db: Db, id: string): Promise<OrganizationBasics | undefined> {
  const r = await db.selectFrom("organizations").select(["id", "name", "iati_ref", "org_type", "country_iso3"]).where("id", "=", id).executeTakeFirst();
  return r && { id: r.id, name: r.name, iatiRef: r.iati_ref, type: r.org_type, countryIso3: r.country_iso3 };
}

export async function countryExists(db: Db, iso3: string): Promise<boolean> {
  return (await db.selectFrom("countries").select("iso3").where("iso3", "=", iso3).executeTakeFirst()) !== undefined;
}

/** Which of `codes` are terms of a reference taxonomy valid on `asOf` (R34: codelists are data). */
export async function listKnownTermCodes(db: Db, taxonomyId: string, codes: readonly string[], asOf: string): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom("taxonomy_terms")
    .select("code")
    .where("taxonomy_id", "=", taxonomyId)
    .where("code", "in", [...codes])
    .where("valid_from", "<=", asOf)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", asOf)]))
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** Providers of the activities the viewer may see (the list page's filter), so the filter reveals nothing more. */
export async function listVisibleActivityProviders(db: Db, scope: ViewerScope): Promise<{ id: string; name: string; slug: string }[]> {
  return db
    .selectFrom("organizations as o")
    .select(["o.id", "o.name", "o.slug"])
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("activities as a").select("a.id").whereRef("a.organization_id", "=", "o.id").where(activityDetailsVisibleTo(scope, "a"))),
    )
    .orderBy("o.name")
    .execute();
}

/** States of the activities the viewer may see (the list page's filter). */
export async function listVisibleActivityStates(db: Db, scope: ViewerScope): Promise<string[]> {
  const rows = await db
    .selectFrom("activities as a")
    .select("a.state_iso3")
    .distinct()
    .where(activityDetailsVisibleTo(scope, "a"))
    .orderBy("a.state_iso3")
    .execute();
  return rows.map((r) => r.state_iso3);
}
