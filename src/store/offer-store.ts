import { type Selectable, sql } from "kysely";
import type { ViewerScope, Visibility } from "../domain/access/viewer.js";
import type { Tx } from "./audit-store.js";
import { offerVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import type { OffersTable } from "./schema-cooperation.js";

// Offers (R29, R6, R24): the only SQL over the offers table. Every read for a viewer is filtered with
// offerVisibleTo(scope) in SQL; locks and counts inside a write take the transaction.

export type OfferRow = OfferContentRow & {
  id: string;
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  organizationAcronym: string | null;
  organizationType: string;
  organizationCountryIso3: string | null;
  createdBy: string | null;
  status: string;
  statusReason: string | null;
  publishedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

/** The fields a provider writes (create and edit of a draft). */
export type OfferContentRow = {
  requestId: string | null;
  stateIso3: string | null;
  title: string;
  description: string;
  themes: string[];
  sdgTargets: string[];
  persons: string[];
  iscedLevels: string[];
  modalities: string[];
  continuityNeeds: string[];
  cooperationType: string;
  languages: string[];
  regions: string[];
  capacity: string;
  availableFrom: string | null;
  availableTo: string | null;
  budgetAmount: string | null;
  budgetCurrency: string | null;
  fundSource: string | null;
  technologyTransferTerms: string | null;
  textLang: string;
  visibility: Visibility;
};

type Joined = Selectable<OffersTable> & { org_slug: string; org_name: string; org_acronym: string | null; org_type: string; org_country_iso3: string | null };

function offersWithProvider(db: Db | Tx) {
  return db
    .selectFrom("offers as o")
    .innerJoin("organizations as org", "org.id", "o.organization_id")
    .selectAll("o")
    .select(["org.slug as org_slug", "org.name as org_name", "org.acronym as org_acronym", "org.org_type as org_type", "org.country_iso3 as org_country_iso3"]);
}

export function toOfferRow(r: Joined): OfferRow {
  return {
    id: r.id,
    organizationId: r.organization_id,
    organizationSlug: r.org_slug,
    organizationName: r.org_name,
    organizationAcronym: r.org_acronym,
    organizationType: r.org_type,
    organizationCountryIso3: r.org_country_iso3,
    requestId: r.request_id,
    stateIso3: r.state_iso3,
    createdBy: r.created_by,
    status: r.status,
    statusReason: r.status_reason,
    title: r.title,
    description: r.description,
    themes: r.themes,
    sdgTargets: r.sdg_targets,
    persons: r.persons,
    iscedLevels: r.isced_levels,
    modalities: r.modalities,
    continuityNeeds: r.continuity_needs,
    cooperationType: r.cooperation_type,
    languages: r.languages,
    regions: r.regions,
    capacity: r.capacity,
    availableFrom: r.available_from,
    availableTo: r.available_to,
    budgetAmount: r.budget_amount,
    budgetCurrency: r.budget_currency,
    fundSource: r.fund_source,
    technologyTransferTerms: r.technology_transfer_terms,
    textLang: r.text_lang,
    visibility: r.visibility,
    publishedAt: r.published_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const contentColumns = (c: OfferContentRow) => ({
  request_id: c.requestId,
  state_iso3: c.stateIso3,
  title: c.title,
  description: c.description,
  themes: c.themes,
  sdg_targets: c.sdgTargets,
  persons: c.persons,
  isced_levels: c.iscedLevels,
  modalities: c.modalities,
  continuity_needs: c.continuityNeeds,
  cooperation_type: c.cooperationType,
  languages: c.languages,
  regions: c.regions,
  capacity: c.capacity,
  available_from: c.availableFrom,
  available_to: c.availableTo,
  budget_amount: c.budgetAmount,
  budget_currency: c.budgetCurrency,
  fund_source: c.fundSource,
  technology_transfer_terms: c.technologyTransferTerms,
  text_lang: c.textLang,
  visibility: c.visibility,
});

export async function insertOffer(trx: Tx, offer: OfferContentRow & { organizationId: string; createdBy: string }): Promise<{ id: string }> {
  return trx
    .insertInto("offers")
    .values({ ...contentColumns(offer), organization_id: offer.organizationId, created_by: offer.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Overwrites a draft's content only if it is still at `version`; returns the new version, or undefined if stale. */
export async function updateOfferContent(trx: Tx, id: string, version: number, content: OfferContentRow): Promise<number | undefined> {
  const r = await trx
    .updateTable("offers")
    .set({ ...contentColumns(content), version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
  return r?.version;
}

/** The offer, locked until the end of the transaction (status changes and edits are checked on the locked row). */
export async function lockOffer(trx: Tx, id: string): Promise<OfferRow | undefined> {
  const r = await offersWithProvider(trx).where("o.id", "=", id).forUpdate("o").executeTakeFirst();
  return r && toOfferRow(r);
}

export async function writeOfferStatus(trx: Tx, change: { id: string; to: string; reason: string | null; publish: boolean }): Promise<number> {
  const r = await trx
    .updateTable("offers")
    .set({
      status: change.to,
      status_reason: change.reason,
      ...(change.publish ? { published_at: sql`now()` } : {}),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where("id", "=", change.id)
    .returning("version")
    .executeTakeFirstOrThrow();
  return r.version;
}

/** Published offers answering a request, other than `exceptId`, locked: the system declines them when one is accepted. */
export async function lockPublishedOffersOnRequest(trx: Tx, requestId: string, exceptId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("offers")
    .select("id")
    .where("request_id", "=", requestId)
    .where("status", "=", "published")
    .where("id", "<>", exceptId)
    .orderBy("id")
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/** Any offer, regardless of the viewer: for checks inside services, never shown as such. */
export async function findOfferRow(db: Db | Tx, id: string): Promise<OfferRow | undefined> {
  const r = await offersWithProvider(db).where("o.id", "=", id).executeTakeFirst();
  return r && toOfferRow(r);
}

export async function findVisibleOffer(db: Db, scope: ViewerScope, id: string): Promise<OfferRow | undefined> {
  const r = await offersWithProvider(db).where("o.id", "=", id).where(offerVisibleTo(scope, "o")).executeTakeFirst();
  return r && toOfferRow(r);
}

export type OfferFilter = {
  status?: string | undefined;
  /** The viewer's own organizations, all statuses: a provider's working list. */
  organizationIds?: string[] | undefined;
  theme?: string | undefined;
  modality?: string | undefined;
  cooperationTypes?: string[] | undefined;
  region?: string | undefined;
  language?: string | undefined;
  provider?: string | undefined;
  requestId?: string | undefined;
  limit: number;
  offset: number;
};

export async function listVisibleOffers(db: Db, scope: ViewerScope, f: OfferFilter): Promise<{ total: number; items: OfferRow[] }> {
  let q = db.selectFrom("offers as o").innerJoin("organizations as org", "org.id", "o.organization_id").where(offerVisibleTo(scope, "o"));
  if (f.status) q = q.where("o.status", "=", f.status);
  if (f.organizationIds) q = q.where("o.organization_id", "in", f.organizationIds.length ? f.organizationIds : ["00000000-0000-0000-0000-000000000000"]);
  if (f.theme) q = q.where(arrayHas("o.themes", f.theme));
  if (f.modality) q = q.where(arrayHas("o.modalities", f.modality));
  if (f.cooperationTypes?.length) q = q.where("o.cooperation_type", "in", f.cooperationTypes);
  if (f.region) q = q.where(arrayHas("o.regions", f.region));
  if (f.language) q = q.where(arrayHas("o.languages", f.language));
  if (f.provider) q = q.where("o.organization_id", "=", f.provider);
  if (f.requestId) q = q.where("o.request_id", "=", f.requestId);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q
      .selectAll("o")
      .select([
        "org.slug as org_slug",
        "org.name as org_name",
        "org.acronym as org_acronym",
        "org.org_type as org_type",
        "org.country_iso3 as org_country_iso3",
      ])
      .orderBy(sql`coalesce(o.published_at, o.updated_at)`, "desc")
      .orderBy("o.id")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { total: Number(count.n), items: rows.map(toOfferRow) };
}

const arrayHas = (column: string, value: string) => sql<boolean>`${value} = ANY(${sql.ref(column)})`;

// ---- reference checks for offers and profiles (R34: codes come from the loaded reference data) ----

/** The codes among `codes` that are not current terms of the taxonomy on `asOf` (UHRI themes: level-2 codes only). */
export async function findUnknownTermCodes(db: Db, taxonomyId: string, codes: readonly string[], asOf: string): Promise<string[]> {
  if (codes.length === 0) return [];
  let q = db
    .selectFrom("taxonomy_terms")
    .select("code")
    .where("taxonomy_id", "=", taxonomyId)
    .where("code", "in", [...codes])
    .where(sql<boolean>`(valid_from is null or valid_from <= ${asOf}::date) and (valid_to is null or valid_to > ${asOf}::date)`);
  if (taxonomyId === "uhri-theme") q = q.where("parent_code", "is not", null);
  const known = new Set((await q.execute()).map((r) => r.code));
  return codes.filter((c) => !known.has(c));
}

export type M49RegionRow = { code: string; name: string; level: "region" | "subregion" | "intermediate"; parentCode: string | null };

/** The M49 regions, sub-regions and intermediate regions named in the countries reference table. */
export async function listM49Regions(db: Db): Promise<M49RegionRow[]> {
  const rows = await sql<{ code: string; name: string; level: M49RegionRow["level"]; parent_code: string | null }>`
    select distinct region_code as code, region_name as name, 'region' as level, null::text as parent_code
      from countries where region_code is not null and region_name is not null
    union
    select distinct subregion_code, subregion_name, 'subregion', region_code
      from countries where subregion_code is not null and subregion_name is not null
    union
    select distinct intermediate_region_code, intermediate_region_name, 'intermediate', subregion_code
      from countries where intermediate_region_code is not null and intermediate_region_name is not null
    order by code`.execute(db);
  return rows.rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
}

export async function countryExists(db: Db, iso3: string): Promise<boolean> {
  return (await db.selectFrom("countries").select("iso3").where("iso3", "=", iso3).executeTakeFirst()) !== undefined;
}
