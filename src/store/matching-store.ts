import { sql } from "kysely";
import type { ViewerScope, Visibility } from "../domain/access/viewer.js";
import type { Tx } from "./audit-store.js";
import { offerVisibleTo, requestVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import { type OfferRow, toOfferRow } from "./offer-store.js";

// Reads of assistance requests for offers and matching (R29). The requests area owns the writes; these queries only
// read, and every one made for a viewer is filtered with requestVisibleTo(scope) in SQL.

export type RequestMatchRow = {
  id: string;
  reference: string | null;
  title: string;
  /** Free text the tagging model reads to suggest themes (matching reuse, issue 7). */
  needsStatement: string;
  stateIso3: string;
  organizationId: string;
  status: string;
  visibility: Visibility;
  themes: string[];
  sdgTargets: string[];
  modalities: string[];
  continuityNeeds: string[];
  workingLanguages: string[];
  iscedLevels: string[];
  timeframeStart: string | null;
  timeframeEnd: string | null;
  submittedAt: Date | null;
  addressedProviderIds: string[];
  addressedProviderTypes: string[];
  regionCode: string | null;
  subregionCode: string | null;
  intermediateRegionCode: string | null;
};

function requestsWithContext(db: Db | Tx) {
  return db
    .selectFrom("assistance_requests as r")
    .innerJoin("countries as c", "c.iso3", "r.state_iso3")
    .select([
      "r.id",
      "r.reference",
      "r.title",
      "r.needs_statement",
      "r.state_iso3",
      "r.organization_id",
      "r.status",
      "r.visibility",
      "r.themes",
      "r.sdg_targets",
      "r.modalities",
      "r.continuity_needs",
      "r.working_languages",
      "r.isced_levels",
      "r.timeframe_start",
      "r.timeframe_end",
      "r.submitted_at",
      "c.region_code",
      "c.subregion_code",
      "c.intermediate_region_code",
    ])
    .select([
      sql<string[]>`array(select arp.organization_id::text from assistance_request_providers arp where arp.request_id = r.id order by 1)`.as("provider_ids"),
      sql<string[]>`array(select o.org_type from assistance_request_providers arp join organizations o on o.id = arp.organization_id
        where arp.request_id = r.id order by 1)`.as("provider_types"),
    ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof requestsWithContext>["execute"]>>[number];

function toRequestMatchRow(r: Selected): RequestMatchRow {
  return {
    id: r.id,
    reference: r.reference,
    title: r.title,
    needsStatement: r.needs_statement,
    stateIso3: r.state_iso3,
    organizationId: r.organization_id,
    status: r.status,
    visibility: r.visibility,
    themes: r.themes,
    sdgTargets: r.sdg_targets,
    modalities: r.modalities,
    continuityNeeds: r.continuity_needs,
    workingLanguages: r.working_languages,
    iscedLevels: r.isced_levels,
    timeframeStart: r.timeframe_start,
    timeframeEnd: r.timeframe_end,
    submittedAt: r.submitted_at,
    addressedProviderIds: r.provider_ids,
    addressedProviderTypes: r.provider_types,
    regionCode: r.region_code,
    subregionCode: r.subregion_code,
    intermediateRegionCode: r.intermediate_region_code,
  };
}

export async function findVisibleRequestForMatching(db: Db, scope: ViewerScope, id: string): Promise<RequestMatchRow | undefined> {
  const r = await requestsWithContext(db).where("r.id", "=", id).where(requestVisibleTo(scope, "r")).executeTakeFirst();
  return r && toRequestMatchRow(r);
}

/** The request, locked until the end of the transaction: taken before any offer on it, always in that order. */
export async function lockRequestForOffer(trx: Tx, id: string): Promise<RequestMatchRow | undefined> {
  const r = await requestsWithContext(trx).where("r.id", "=", id).forUpdate("r").executeTakeFirst();
  return r && toRequestMatchRow(r);
}

/** Any request, regardless of the viewer: for checks inside services, never shown as such. */
export async function findRequestForMatching(db: Db | Tx, id: string): Promise<RequestMatchRow | undefined> {
  const r = await requestsWithContext(db).where("r.id", "=", id).executeTakeFirst();
  return r && toRequestMatchRow(r);
}

export type OpenRequestFilter = { statuses: readonly string[]; stateIso3?: string | null; excludeStateIso3?: string | null; limit: number };

/** Requests the viewer may see in the given statuses, most recently submitted first. */
export async function listVisibleRequestsForMatching(db: Db, scope: ViewerScope, f: OpenRequestFilter): Promise<RequestMatchRow[]> {
  let q = requestsWithContext(db)
    .where(requestVisibleTo(scope, "r"))
    .where("r.status", "in", [...f.statuses]);
  if (f.stateIso3) q = q.where("r.state_iso3", "=", f.stateIso3);
  if (f.excludeStateIso3) q = q.where("r.state_iso3", "<>", f.excludeStateIso3);
  const rows = await q.orderBy(sql`r.submitted_at desc nulls last`).orderBy("r.id").limit(f.limit).execute();
  return rows.map(toRequestMatchRow);
}

/**
 * Offers the viewer may see that could answer this request: those made for it (published, or already accepted), and
 * published open offers (no request) made to no State in particular or to this State.
 */
export async function listCandidateOffers(db: Db, scope: ViewerScope, request: { id: string; stateIso3: string }): Promise<OfferRow[]> {
  const rows = await db
    .selectFrom("offers as o")
    .innerJoin("organizations as org", "org.id", "o.organization_id")
    .selectAll("o")
    .select(["org.slug as org_slug", "org.name as org_name", "org.acronym as org_acronym", "org.org_type as org_type", "org.country_iso3 as org_country_iso3"])
    .where(offerVisibleTo(scope, "o"))
    .where((eb) =>
      eb.or([
        eb.and([eb("o.request_id", "=", request.id), eb("o.status", "in", ["published", "accepted"])]),
        eb.and([
          eb("o.status", "=", "published"),
          eb("o.request_id", "is", null),
          eb.or([eb("o.state_iso3", "is", null), eb("o.state_iso3", "=", request.stateIso3)]),
        ]),
      ]),
    )
    .orderBy("o.id")
    .execute();
  return rows.map(toOfferRow);
}

/** Reference and title of the requests among `ids` that the viewer may see (offers link only to those). */
export async function listVisibleRequestRefs(
  db: Db,
  scope: ViewerScope,
  ids: readonly string[],
): Promise<Map<string, { reference: string | null; title: string; stateIso3: string; status: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("assistance_requests as r")
    .select(["r.id", "r.reference", "r.title", "r.state_iso3", "r.status"])
    .where("r.id", "in", [...ids])
    .where(requestVisibleTo(scope, "r"))
    .execute();
  return new Map(rows.map((r) => [r.id, { reference: r.reference, title: r.title, stateIso3: r.state_iso3, status: r.status }]));
}
