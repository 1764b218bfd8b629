import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import { activityDetailsVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import { jsonRows, listed, num, numOrNull, str, strOrNull } from "./iati-export-parts-store.js";

// The reads of the IATI export (docs/iati.md): which activities a file covers, a page of them at a time in
// identifier order (their parts: iati-export-parts-store.ts), what is left out, and what an organisation file sums.
// Every query keeps to what `scope` may see, in SQL.

/** Which activities an export covers: a reporting provider, a recipient State, or given ids. */
export type IatiExportFilter = { providerId?: string; stateIso3?: string; ids?: readonly string[] };

/** Published in an IATI file: details visible, an activity identifier, a listed provider with an organisation identifier. */
function exportable<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, scope: ViewerScope): Expression<SqlBool> {
  return eb.and([
    activityDetailsVisibleTo(scope, "a"),
    sql<boolean>`a.iati_identifier IS NOT NULL`,
    sql<boolean>`o.iati_ref IS NOT NULL`,
    listed(eb, scope, "o"),
  ]);
}

function matching<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, filter: IatiExportFilter): Expression<SqlBool> {
  const ands: Expression<SqlBool>[] = [];
  if (filter.providerId) ands.push(sql<boolean>`a.organization_id = ${filter.providerId}`);
  if (filter.stateIso3) ands.push(sql<boolean>`a.state_iso3 = ${filter.stateIso3}`);
  if (filter.ids) ands.push(sql<boolean>`a.id = ANY(${[...filter.ids]}::uuid[])`);
  return eb.and(ands);
}

const fromActivities = (db: Db) => db.selectFrom("activities as a").innerJoin("organizations as o", "o.id", "a.organization_id");

/**
 * How many activities an export will consider, and the latest time one of those it can publish changed: an import
 * keeps the publisher's own time; otherwise the latest of the row's own update and the creation of its parts (adding
 * a transaction or a value does not touch activities.updated_at). Activities without a sector, a description or a
 * start date, which the Rulesets checks always leave out, do not count in `latest`.
 */
export async function summarizeIatiExport(db: Db, scope: ViewerScope, filter: IatiExportFilter): Promise<{ count: number; latest: Date | null }> {
  const candidates = fromActivities(db)
    .select([
      "a.id",
      "a.iati_last_updated",
      "a.updated_at",
      sql<boolean>`cardinality(a.dac_sectors) > 0 AND btrim(a.description) <> '' AND COALESCE(a.planned_start, a.actual_start) IS NOT NULL`.as("complete"),
    ])
    .where((eb) => eb.and([exportable(eb, scope), matching(eb, filter)]));
  const { rows } = await sql<{ n: number; latest: Date | null }>`
    WITH c AS (${candidates}), own AS (SELECT id FROM c WHERE complete AND iati_last_updated IS NULL)
    SELECT (SELECT count(*) FROM c) AS n, GREATEST(
      (SELECT max(COALESCE(iati_last_updated, updated_at)) FROM c WHERE complete),
      (SELECT max(t.created_at) FROM activity_transactions t JOIN own ON own.id = t.activity_id),
      (SELECT max(d.created_at) FROM activity_documents d JOIN own ON own.id = d.activity_id),
      (SELECT max(r.created_at) FROM activity_results r JOIN own ON own.id = r.activity_id),
      (SELECT max(i.created_at) FROM result_indicators i JOIN activity_results r ON r.id = i.result_id JOIN own ON own.id = r.activity_id),
      (SELECT max(v.created_at) FROM indicator_values v JOIN result_indicators i ON i.id = v.indicator_id
         JOIN activity_results r ON r.id = i.result_id JOIN own ON own.id = r.activity_id)) AS latest`.execute(db);
  const row = rows[0];
  return { count: Number(row?.n ?? 0), latest: row?.latest ?? null };
}

export type IatiActivityRow = {
  id: string;
  iatiIdentifier: string;
  /** The publisher's own last-updated time, for an imported activity. */
  iatiLastUpdated: Date | null;
  updatedAt: Date;
  textLang: string;
  defaultCurrency: string;
  title: string;
  description: string;
  status: number;
  plannedStart: string | null;
  actualStart: string | null;
  plannedEnd: string | null;
  actualEnd: string | null;
  countryIso2: string | null;
  dacSectors: string[];
  sdgTargets: string[];
  themes: string[];
  persons: string[];
  modalities: string[];
  cooperationType: string | null;
  fund: string | null;
  covidContext: boolean;
  covidPhase: string | null;
  genderMarker: number | null;
  disabilityMarker: number | null;
  collaborationType: string | null;
  flowType: string | null;
  financeType: string | null;
  aidType: string;
  budgetAmount: string | null;
  providerRef: string;
  providerOrgType: string;
  providerName: string;
};

/**
 * One page of exportable activities after identifier `after`, in identifier order: the database's collation, so
 * that the unique index serves the order and the keyset (PGlite and the CI server use C / C.UTF-8: byte order).
 */
export async function listIatiActivityPage(
  db: Db,
  scope: ViewerScope,
  filter: IatiExportFilter,
  after: string | null,
  limit: number,
): Promise<IatiActivityRow[]> {
  let q = fromActivities(db)
    .leftJoin("countries as c", "c.iso3", "a.state_iso3")
    .selectAll("a")
    .select(["c.iso2", "o.iati_ref as provider_ref", "o.org_type as provider_org_type", "o.name as provider_name"])
    .where((eb) => eb.and([exportable(eb, scope), matching(eb, filter)]));
  if (after !== null) q = q.where("a.iati_identifier", ">", after);
  const rows = await jsonRows(
    db,
    q.orderBy("a.iati_identifier").limit(limit),
    `q.id, q.iati_identifier, q.iati_last_updated, q.updated_at, q.text_lang, q.default_currency, q.title, q.description, q.status,
     q.planned_start, q.actual_start, q.planned_end, q.actual_end, q.iso2, q.dac_sectors, q.sdg_targets, q.themes, q.persons,
     q.modalities, q.cooperation_type, q.fund, q.covid_context, q.covid_phase, q.gender_marker, q.disability_marker,
     q.collaboration_type, q.flow_type, q.finance_type, q.aid_type, q.budget_amount::text, q.provider_ref, q.provider_org_type,
     q.provider_name`,
    "q.iati_identifier",
  );
  return rows.map((r) => ({
    id: str(r[0]),
    iatiIdentifier: str(r[1]),
    iatiLastUpdated: r[2] ? new Date(str(r[2])) : null,
    updatedAt: new Date(str(r[3])),
    textLang: str(r[4]),
    defaultCurrency: str(r[5]),
    title: str(r[6]),
    description: str(r[7]),
    status: num(r[8]),
    plannedStart: strOrNull(r[9]),
    actualStart: strOrNull(r[10]),
    plannedEnd: strOrNull(r[11]),
    actualEnd: strOrNull(r[12]),
    countryIso2: strOrNull(r[13]),
    dacSectors: r[14] as string[],
    sdgTargets: r[15] as string[],
    themes: r[16] as string[],
    persons: r[17] as string[],
    modalities: r[18] as string[],
    cooperationType: strOrNull(r[19]),
    fund: strOrNull(r[20]),
    covidContext: r[21] === true,
    covidPhase: strOrNull(r[22]),
    genderMarker: numOrNull(r[23]),
    disabilityMarker: numOrNull(r[24]),
    collaborationType: strOrNull(r[25]),
    flowType: strOrNull(r[26]),
    financeType: strOrNull(r[27]),
    aidType: str(r[28]),
    budgetAmount: strOrNull(r[29]),
    providerRef: str(r[30]),
    providerOrgType: str(r[31]),
    providerName: str(r[32]),
  }));
}

export type IatiLeftOutRow = {
  id: string;
  iatiIdentifier: string | null;
  detailsVisible: boolean;
  detailsWithheld: boolean;
  providerRef: string | null;
  providerListed: boolean;
};

/**
 * The activities matching a filter that an export leaves out, with what the reason is made of: for the operator's
 * report (CLI), never for the file. Identifiers and ids only.
 */
export async function listIatiLeftOutRows(db: Db, scope: ViewerScope, filter: IatiExportFilter): Promise<IatiLeftOutRow[]> {
  const rows = await fromActivities(db)
    .select((eb) => [
      "a.id",
      "a.iati_identifier",
      "a.details_withheld",
      "o.iati_ref",
      sql<boolean>`${activityDetailsVisibleTo(scope, "a")}`.as("details_visible"),
      sql<boolean>`${listed(eb, scope, "o")}`.as("provider_listed"),
    ])
    .where((eb) => eb.and([matching(eb, filter), eb.not(exportable(eb, scope))]))
    .orderBy("a.iati_identifier")
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    iatiIdentifier: r.iati_identifier,
    detailsVisible: Boolean(r.details_visible),
    detailsWithheld: r.details_withheld,
    providerRef: r.iati_ref,
    providerListed: Boolean(r.provider_listed),
  }));
}

export type IatiProviderRow = { id: string; slug: string; name: string; iatiRef: string | null; orgType: string };

/** An organization by slug, if `scope` may see it listed. */
export async function findListedOrganizationBySlug(db: Db, scope: ViewerScope, slug: string): Promise<IatiProviderRow | undefined> {
  const r = await db
    .selectFrom("organizations as o")
    .select(["o.id", "o.slug", "o.name", "o.iati_ref", "o.org_type"])
    .where("o.slug", "=", slug)
    .where((eb) => listed(eb, scope, "o"))
    .executeTakeFirst();
  return r && { id: r.id, slug: r.slug, name: r.name, iatiRef: r.iati_ref, orgType: r.org_type };
}

/** Codes of reference taxonomies valid on `asOf` (IATI codelists are loaded as taxonomies 'iati:<Name>'). */
export async function listValidTermCodes(db: Db, taxonomyIds: readonly string[], asOf: string): Promise<{ taxonomyId: string; code: string }[]> {
  if (taxonomyIds.length === 0) return [];
  const rows = await db
    .selectFrom("taxonomy_terms")
    .select(["taxonomy_id", "code"])
    .where("taxonomy_id", "in", [...taxonomyIds])
    .where("valid_from", "<=", asOf)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", asOf)]))
    .execute();
  return rows.map((r) => ({ taxonomyId: r.taxonomy_id, code: r.code }));
}

export type ExpenditureYearRow = { year: number; currency: string; total: string; lastDate: string };

/**
 * Disbursements (3) and expenditures (4) of a provider's exportable activities per calendar year and currency,
 * up to `asOf`, summed by the database as numeric (currencies never mix).
 */
export async function sumIatiExpenditureByYear(db: Db, scope: ViewerScope, providerId: string, asOf: string): Promise<ExpenditureYearRow[]> {
  const rows = await fromActivities(db)
    .innerJoin("activity_transactions as t", "t.activity_id", "a.id")
    .select([
      sql<number>`extract(year FROM t.transaction_date)::int`.as("year"),
      "t.currency",
      sql<string>`sum(t.amount)`.as("total"),
      sql<string>`max(t.transaction_date)`.as("last_date"),
    ])
    .where((eb) => eb.and([exportable(eb, scope), matching(eb, { providerId }), eb("t.transaction_type", "in", [3, 4]), eb("t.transaction_date", "<=", asOf)]))
    .groupBy([sql`extract(year FROM t.transaction_date)::int`, "t.currency"])
    .orderBy("year")
    .orderBy("t.currency")
    .execute();
  return rows.map((r) => ({ year: Number(r.year), currency: r.currency, total: String(r.total), lastDate: String(r.last_date) }));
}
