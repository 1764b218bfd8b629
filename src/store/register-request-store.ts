import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import { activityDetailsVisibleTo, offerVisibleTo, requestVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import { nearestYearOf, ratesFor, usdOf } from "./exchange-rate-sql.js";

// The register's "support requested" and "support offered" (R14; res. 45/32 OP8): assistance requests and offers the
// viewer may see (requestVisibleTo, offerVisibleTo), drafts never. There is no small-cell rule here: what the viewer
// may not see is not counted at all (a request is the State's to publish, an offer its provider's, R32).

export type CooperationFilter = {
  stateIso3?: string | null;
  providerId?: string | null;
  region?: string | null;
  theme?: string | null;
  /** Requests submitted, offers published (else recorded) in this year. */
  year?: number | null;
};

export const REQUEST_DIMENSIONS = ["none", "state", "status", "year", "theme"] as const;
export type RequestDimension = (typeof REQUEST_DIMENSIONS)[number];
export const OFFER_DIMENSIONS = ["none", "state", "status", "year", "theme", "provider", "modality"] as const;
export type OfferDimension = (typeof OFFER_DIMENSIONS)[number];

export type CellCountRow = { cell: string; n: number };
export type OfferMoneyRow = { cell: string; currency: string; items: number; amount: string; usd: string | null; nearest: boolean };

const and = (conditions: Expression<SqlBool>[]) => (conditions.length ? sql<boolean>`(${sql.join(conditions, sql` AND `)})` : sql<boolean>`true`);

const orEmpty = (alias: string, column: string) =>
  sql`unnest(CASE WHEN cardinality(${sql.ref(`${alias}.${column}`)}) = 0 THEN ARRAY['']::text[] ELSE ${sql.ref(`${alias}.${column}`)} END)`;

function requestConditions(scope: ViewerScope, f: CooperationFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [sql<boolean>`r.status <> 'draft'`, requestVisibleTo(scope, "r")];
  if (f.stateIso3) where.push(sql<boolean>`r.state_iso3 = ${f.stateIso3}`);
  if (f.region) where.push(sql<boolean>`c.region_code = ${f.region}`);
  if (f.theme) where.push(sql<boolean>`${f.theme} = ANY(r.themes)`);
  if (f.year) where.push(sql<boolean>`extract(year FROM r.submitted_at AT TIME ZONE 'UTC') = ${f.year}`);
  // A provider's requests are those addressed to it.
  if (f.providerId)
    where.push(sql<boolean>`EXISTS (SELECT 1 FROM assistance_request_providers arp WHERE arp.request_id = r.id AND arp.organization_id = ${f.providerId})`);
  return where;
}

/** Requests counted per cell: State, status, year submitted or theme (a request counts under each of its themes). */
export async function countRequests(db: Db, scope: ViewerScope, f: CooperationFilter, by: RequestDimension): Promise<CellCountRow[]> {
  const cell: Record<RequestDimension, RawBuilder<unknown>> = {
    none: sql`''`,
    state: sql`r.state_iso3::text`,
    status: sql`r.status`,
    year: sql`coalesce(extract(year FROM r.submitted_at AT TIME ZONE 'UTC')::int::text, '')`,
    theme: sql`x.v`,
  };
  const lateral = by === "theme" ? sql`CROSS JOIN LATERAL ${orEmpty("r", "themes")} AS x(v)` : sql``;
  const { rows } = await sql<CellCountRow>`
    SELECT ${cell[by]} AS cell, count(*)::int AS n
      FROM assistance_requests r JOIN countries c ON c.iso3 = r.state_iso3 ${lateral}
     WHERE ${and(requestConditions(scope, f))}
     GROUP BY 1 ORDER BY 1`.execute(db);
  return rows;
}

function offerConditions(scope: ViewerScope, f: CooperationFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [sql<boolean>`o.status <> 'draft'`, offerVisibleTo(scope, "o")];
  if (f.stateIso3) where.push(sql<boolean>`o.state_iso3 = ${f.stateIso3}`);
  if (f.providerId) where.push(sql<boolean>`o.organization_id = ${f.providerId}`);
  if (f.region) where.push(sql<boolean>`c.region_code = ${f.region}`);
  if (f.theme) where.push(sql<boolean>`${f.theme} = ANY(o.themes)`);
  if (f.year) where.push(sql<boolean>`extract(year FROM coalesce(o.published_at, o.created_at) AT TIME ZONE 'UTC') = ${f.year}`);
  return where;
}

function offerCells(by: OfferDimension): { cell: RawBuilder<unknown>; lateral: RawBuilder<unknown> } {
  const plain = (cell: RawBuilder<unknown>) => ({ cell, lateral: sql`` });
  switch (by) {
    case "none":
      return plain(sql`''`);
    case "state":
      return plain(sql`coalesce(o.state_iso3::text, '')`);
    case "status":
      return plain(sql`o.status`);
    case "provider":
      return plain(sql`o.organization_id::text`);
    case "year":
      return plain(sql`extract(year FROM coalesce(o.published_at, o.created_at) AT TIME ZONE 'UTC')::int::text`);
    case "theme":
      return { cell: sql`x.v`, lateral: sql`CROSS JOIN LATERAL ${orEmpty("o", "themes")} AS x(v)` };
    case "modality":
      return { cell: sql`x.v`, lateral: sql`CROSS JOIN LATERAL ${orEmpty("o", "modalities")} AS x(v)` };
  }
}

/** Offers counted per cell and their budgets summed per cell and currency, converted to US dollars. */
export async function sumOffers(
  db: Db,
  scope: ViewerScope,
  f: CooperationFilter,
  by: OfferDimension,
): Promise<{ counts: CellCountRow[]; money: OfferMoneyRow[] }> {
  const { cell, lateral } = offerCells(by);
  // Offers without a State (standing offers on the board) have no region: a region filter leaves them out.
  const from = sql`FROM offers o LEFT JOIN countries c ON c.iso3 = o.state_iso3 ${lateral} WHERE ${and(offerConditions(scope, f))}`;
  const [counts, money] = await Promise.all([
    sql<CellCountRow>`SELECT ${cell} AS cell, count(*)::int AS n ${from} GROUP BY 1 ORDER BY 1`.execute(db),
    sql<OfferMoneyRow>`
      WITH m AS (
        SELECT ${cell} AS cell, o.budget_currency AS currency, o.budget_amount AS amount,
               extract(year FROM coalesce(o.available_from, (coalesce(o.published_at, o.created_at) AT TIME ZONE 'UTC')::date))::int AS year
          ${from} AND o.budget_amount IS NOT NULL),
      r AS (${ratesFor(sql`SELECT currency, year FROM m`)})
      SELECT m.cell, m.currency::text AS currency, count(*)::int AS items, sum(m.amount)::text AS amount,
             sum(${usdOf(sql`m.amount`, sql`m.currency`, "r")})::text AS usd, bool_or(${nearestYearOf(sql`m.year`, "r")}) AS nearest
        FROM m LEFT JOIN r ON r.currency = m.currency AND r.year = m.year
       GROUP BY m.cell, m.currency ORDER BY m.cell, m.currency`.execute(db),
  ]);
  return { counts: counts.rows, money: money.rows };
}

export type OrganizationLabel = { id: string; slug: string; name: string; acronym: string | null };

/** Names of the providers a register table shows. */
export async function listOrganizationLabels(db: Db, ids: readonly string[]): Promise<OrganizationLabel[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("organizations")
    .select(["id", "slug", "name", "acronym"])
    .where("id", "in", [...ids])
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, acronym: r.acronym }));
}

/**
 * Providers with an offer or an activity the viewer may see: the choices of the register's provider filter. Hidden
 * activities do not put a provider in the list (that would say a hidden activity of theirs exists).
 */
export async function listRegisterProviders(db: Db, scope: ViewerScope): Promise<OrganizationLabel[]> {
  const { rows } = await sql<OrganizationLabel>`
    SELECT o.id, o.slug, o.name, o.acronym FROM organizations o
     WHERE EXISTS (SELECT 1 FROM activities a WHERE a.organization_id = o.id AND ${activityDetailsVisibleTo(scope, "a")})
        OR EXISTS (SELECT 1 FROM offers f WHERE f.organization_id = o.id AND f.status <> 'draft' AND ${offerVisibleTo(scope, "f")})
     ORDER BY o.name`.execute(db);
  return rows;
}

/** English short names (UNSD M49) of some States; pages translate them with the reference data. */
export async function listStateNames(db: Db, iso3s: readonly string[]): Promise<Map<string, string>> {
  if (iso3s.length === 0) return new Map();
  const rows = await db
    .selectFrom("countries")
    .select(["iso3", "name_en"])
    .where("iso3", "in", [...iso3s])
    .execute();
  return new Map(rows.map((r) => [r.iso3, r.name_en]));
}
