import { sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import type { Tx } from "./audit-store.js";
import type { Db } from "./db.js";
import type { Visibility } from "./schema.js";
import { visibleTo } from "./visibility-scope.js";

// Writes of assistance requests (R12) and the look-ups their validation needs. Status changes go through
// request-status-store.ts (applyRequestTransition); reads for pages and the API are in request-read-store.ts.

export type RequestValues = {
  title: string;
  needsStatement: string;
  objectives: string;
  priorityRank: number | null;
  channelReference: string | null;
  treatyArticles: string[];
  themes: string[];
  persons: string[];
  sdgTargets: string[];
  iscedLevels: string[];
  modalities: string[];
  continuityNeeds: string[];
  covidContext: boolean;
  covidPhase: string | null;
  timeframeStart: string | null;
  timeframeEnd: string | null;
  workingLanguages: string[];
  budgetAmount: string | null;
  budgetCurrency: string | null;
  fundRequested: string | null;
  textLang: string;
  visibility: Visibility;
};

export type RequestLinks = {
  providerIds: string[];
  recommendations: { id: string; position: string }[];
  pledgeIds: string[];
  nationalActors: { actorType: string; involvement: string; name: string | null; nameConsented: boolean }[];
};

const toColumns = (v: RequestValues) => ({
  title: v.title,
  needs_statement: v.needsStatement,
  objectives: v.objectives,
  priority_rank: v.priorityRank,
  channel_reference: v.channelReference,
  treaty_articles: v.treatyArticles,
  themes: v.themes,
  persons: v.persons,
  sdg_targets: v.sdgTargets,
  isced_levels: v.iscedLevels,
  modalities: v.modalities,
  continuity_needs: v.continuityNeeds,
  covid_context: v.covidContext,
  covid_phase: v.covidPhase,
  timeframe_start: v.timeframeStart,
  timeframe_end: v.timeframeEnd,
  working_languages: v.workingLanguages,
  budget_amount: v.budgetAmount,
  budget_currency: v.budgetCurrency,
  fund_requested: v.fundRequested,
  text_lang: v.textLang,
  visibility: v.visibility,
});

export async function insertRequest(
  trx: Tx,
  r: RequestValues & { stateIso3: string; organizationId: string; createdBy: string },
): Promise<{ id: string; version: number }> {
  return trx
    .insertInto("assistance_requests")
    .values({ ...toColumns(r), state_iso3: r.stateIso3, organization_id: r.organizationId, created_by: r.createdBy })
    .returning(["id", "version"])
    .executeTakeFirstOrThrow();
}

/** Rewrites a draft's content if it still has the version the editor started from: the new version, or undefined. */
export async function updateDraftRow(trx: Tx, id: string, version: number, r: RequestValues): Promise<number | undefined> {
  const row = await trx
    .updateTable("assistance_requests")
    .set({ ...toColumns(r), version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("status", "=", "draft")
    .returning("version")
    .executeTakeFirst();
  return row?.version;
}

export type LockedRequest = {
  status: string;
  version: number;
  stateIso3: string;
  organizationId: string;
  reference: string | null;
  title: string;
  needsStatement: string;
  visibility: Visibility;
  providerCount: number;
};

/** The row, locked for the rest of the transaction: edits, submissions and visibility changes are serialized. */
export async function lockRequestRow(trx: Tx, id: string): Promise<LockedRequest | undefined> {
  const r = await trx
    .selectFrom("assistance_requests")
    .select(["status", "version", "state_iso3", "organization_id", "reference", "title", "needs_statement", "visibility"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!r) return undefined;
  const count = await trx
    .selectFrom("assistance_request_providers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("request_id", "=", id)
    .executeTakeFirstOrThrow();
  return {
    status: r.status,
    version: r.version,
    stateIso3: r.state_iso3,
    organizationId: r.organization_id,
    reference: r.reference,
    title: r.title,
    needsStatement: r.needs_statement,
    visibility: r.visibility,
    providerCount: Number(count.n),
  };
}

/** Replaces the providers, legal basis and national actors of a request (its own rows only). */
export async function replaceRequestLinks(trx: Tx, requestId: string, links: RequestLinks): Promise<void> {
  await trx.deleteFrom("assistance_request_providers").where("request_id", "=", requestId).execute();
  await trx.deleteFrom("assistance_request_recommendations").where("request_id", "=", requestId).execute();
  await trx.deleteFrom("assistance_request_pledges").where("request_id", "=", requestId).execute();
  await trx.deleteFrom("national_actors").where("request_id", "=", requestId).execute();
  if (links.providerIds.length)
    await trx
      .insertInto("assistance_request_providers")
      .values(links.providerIds.map((id) => ({ request_id: requestId, organization_id: id })))
      .execute();
  if (links.recommendations.length)
    await trx
      .insertInto("assistance_request_recommendations")
      .values(links.recommendations.map((r) => ({ request_id: requestId, recommendation_id: r.id, position_at_link: r.position })))
      .execute();
  if (links.pledgeIds.length)
    await trx
      .insertInto("assistance_request_pledges")
      .values(links.pledgeIds.map((id) => ({ request_id: requestId, pledge_id: id })))
      .execute();
  if (links.nationalActors.length)
    await trx
      .insertInto("national_actors")
      .values(
        // The table has no ordinal: microsecond steps keep the order the State gave.
        links.nationalActors.map((a, i) => ({
          request_id: requestId,
          created_at: sql<Date>`now() + ${`${i} microseconds`}::interval`,
          actor_type: a.actorType,
          involvement: a.involvement,
          name: a.name,
          name_consented: a.nameConsented,
        })),
      )
      .execute();
}

/** Addresses a request to one more provider (a referral naming another organization); false if it already was. */
export async function addRequestProvider(trx: Tx, requestId: string, organizationId: string): Promise<boolean> {
  const rows = await trx
    .insertInto("assistance_request_providers")
    .values({ request_id: requestId, organization_id: organizationId })
    .onConflict((oc) => oc.columns(["request_id", "organization_id"]).doNothing())
    .returning("organization_id")
    .execute();
  return rows.length > 0;
}

/** One addressed provider steps back from a request the others still answer. */
export async function markProviderDeclined(trx: Tx, requestId: string, organizationId: string, reason: string): Promise<void> {
  await trx
    .updateTable("assistance_request_providers")
    .set({ declined_at: sql`now()`, decline_reason: reason })
    .where("request_id", "=", requestId)
    .where("organization_id", "=", organizationId)
    .execute();
}

/** The next number of the reference sequence: numbers are never reused, even after a rollback. */
export async function nextRequestNumber(trx: Tx): Promise<number> {
  const r = await sql<{ n: string | number }>`SELECT nextval('assistance_request_numbers') AS n`.execute(trx);
  return Number(r.rows[0]?.n);
}

export async function setRequestSubmitted(trx: Tx, requestId: string, reference: string, submittedAt: Date): Promise<void> {
  await trx.updateTable("assistance_requests").set({ reference, submitted_at: submittedAt }).where("id", "=", requestId).execute();
}

export async function writeRequestVisibility(trx: Tx, requestId: string, visibility: Visibility): Promise<void> {
  await trx.updateTable("assistance_requests").set({ visibility, version: sql`version + 1`, updated_at: sql`now()` }).where("id", "=", requestId).execute();
}

// ---- look-ups for validation ----

export type OrganizationFacts = { id: string; name: string; acronym: string | null; type: string; countryIso3: string | null };

export async function findOrganizationsByIds(db: Db, ids: readonly string[]): Promise<OrganizationFacts[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("organizations").select(["id", "name", "acronym", "org_type", "country_iso3"]).where("id", "in", ids).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, acronym: r.acronym, type: r.org_type, countryIso3: r.country_iso3 }));
}

export type RecommendationFacts = {
  id: string;
  stateIso3: string;
  position: string;
  paragraph: string | null;
  text: string;
  textLang: string;
  cycle: number | null;
  themes: string[];
  persons: string[];
  sdgGoals: number[];
  sdgTargets: string[];
};

/** Recommendations are public mechanism outputs (REQUIREMENTS §5.2): no visibility filter applies. */
export async function findRecommendationsByIds(db: Db, ids: readonly string[]): Promise<RecommendationFacts[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("recommendations")
    .select(["id", "state_iso3", "position", "paragraph", "text", "text_lang", "cycle", "theme_codes", "persons", "sdg_goals", "sdg_targets"])
    .where("id", "in", ids)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    stateIso3: r.state_iso3,
    position: r.position,
    paragraph: r.paragraph,
    text: r.text,
    textLang: r.text_lang,
    cycle: r.cycle,
    themes: r.theme_codes,
    persons: r.persons,
    sdgGoals: r.sdg_goals,
    sdgTargets: r.sdg_targets,
  }));
}

export async function findPledgesByIds(db: Db, ids: readonly string[]): Promise<{ id: string; stateIso3: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("voluntary_pledges").select(["id", "state_iso3"]).where("id", "in", ids).execute();
  return rows.map((r) => ({ id: r.id, stateIso3: r.state_iso3 }));
}

/** Which of `codes` are terms of a taxonomy valid on `asOf` (a withdrawn IATI currency is not accepted any more). */
export async function findValidTermCodes(db: Db, taxonomyId: string, codes: readonly string[], asOf: string): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom("taxonomy_terms")
    .select("code")
    .where("taxonomy_id", "=", taxonomyId)
    .where("code", "in", codes)
    .where(sql<boolean>`valid_from <= ${asOf}::date AND (valid_to IS NULL OR valid_to > ${asOf}::date)`)
    .execute();
  return new Set(rows.map((r) => r.code));
}

export async function findLanguageCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom("languages").select("code").where("code", "in", codes).execute();
  return new Set(rows.map((r) => r.code));
}

/** Organizations that can be addressed as providers (R6), among those the viewer may see; `excludeCountry`'s government bodies left out. */
export async function listProviderOrganizationRows(
  db: Db,
  scope: ViewerScope,
  types: readonly string[],
  excludeGovernmentOf: string | null,
): Promise<OrganizationFacts[]> {
  let q = db
    .selectFrom("organizations")
    .select(["id", "name", "acronym", "org_type", "country_iso3"])
    .where("org_type", "in", types)
    .where((eb) => visibleTo(eb, scope, { visibility: "organizations.visibility", stateIso3: "organizations.country_iso3", originator: "organizations.id" }));
  if (excludeGovernmentOf)
    q = q.where((eb) => eb.or([eb("org_type", "<>", "government"), eb("country_iso3", "is", null), eb("country_iso3", "<>", excludeGovernmentOf)]));
  const rows = await q
    .orderBy(sql`CASE org_type WHEN 'un_entity' THEN 0 WHEN 'ohchr_field_presence' THEN 1 WHEN 'un_country_team' THEN 2 ELSE 3 END`)
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, acronym: r.acronym, type: r.org_type, countryIso3: r.country_iso3 }));
}

export async function countAssistanceRequests(db: Db): Promise<number> {
  const r = await db
    .selectFrom("assistance_requests")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
