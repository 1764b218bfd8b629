import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import { activityDetailsVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import { nearestYearOf, ratesFor, usdOf } from "./exchange-rate-sql.js";

// Aggregates of the transparency register (R14; res. 45/32 OP8) over activities. Every activity counts, and each one
// is tagged in SQL with its disclosure unit: 'visible' when the viewer may see its details (activityDetailsVisibleTo),
// otherwise the disclosure group the domain assigned it (domain/transparency/disclosure.ts), or none — then it counts
// nowhere. Parts are summed per (cell, unit) here, in numeric; the domain decides which units a figure may include.
// Amounts are converted to US dollars with the nearest-year rule (exchange-rate-sql.ts).

export type RegisterFilter = {
  stateIso3?: string | null;
  providerId?: string | null;
  /** M49 region code of the State (002 Africa …). */
  region?: string | null;
  theme?: string | null;
  /** Activities whose start (planned, else actual) falls in this year. */
  startYear?: number | null;
};

/** Which disclosure unit each hidden activity belongs to (parallel arrays, passed to SQL as arrays). */
export type UnitAssignment = { ids: readonly string[]; keys: readonly string[] };

export const ACTIVITY_DIMENSIONS = ["none", "state", "provider", "theme", "modality", "status", "year"] as const;
export type ActivityDimension = (typeof ACTIVITY_DIMENSIONS)[number];

export type CountPartRow = { cell: string; unit: string; activities: number };
export type MoneyPartRow = {
  cell: string;
  unit: string;
  measure: "budget" | "committed" | "disbursed";
  currency: string;
  items: number;
  amount: string;
  usd: string | null;
  nearest: boolean;
};

const and = (conditions: Expression<SqlBool>[]) => (conditions.length ? sql<boolean>`(${sql.join(conditions, sql` AND `)})` : sql<boolean>`true`);
const START = sql`coalesce(a.planned_start, a.actual_start)`;

function conditions(f: RegisterFilter, withStartYear = true): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (f.stateIso3) where.push(sql<boolean>`a.state_iso3 = ${f.stateIso3}`);
  if (f.providerId) where.push(sql<boolean>`a.organization_id = ${f.providerId}`);
  if (f.region) where.push(sql<boolean>`c.region_code = ${f.region}`);
  if (f.theme) where.push(sql<boolean>`${f.theme} = ANY(a.themes)`);
  if (withStartYear && f.startYear) where.push(sql<boolean>`extract(year FROM ${START}) = ${f.startYear}`);
  return where;
}

/** Every activity matching the filter with its unit ('visible', a group key, or NULL: counted nowhere). */
function activityBase(scope: ViewerScope, f: RegisterFilter, units: UnitAssignment, withStartYear = true): RawBuilder<unknown> {
  return sql`
    SELECT a.id, a.state_iso3, a.organization_id, a.status, a.themes, a.modalities, a.default_currency, a.budget_amount,
           extract(year FROM coalesce(${START}, (a.created_at AT TIME ZONE 'UTC')::date))::int AS budget_year,
           extract(year FROM ${START})::int AS start_year,
           CASE WHEN ${activityDetailsVisibleTo(scope, "a")} THEN 'visible' ELSE um.unit END AS unit
      FROM activities a
      JOIN countries c ON c.iso3 = a.state_iso3
      LEFT JOIN unnest(${[...units.ids]}::uuid[], ${[...units.keys]}::text[]) AS um(activity_id, unit) ON um.activity_id = a.id
     WHERE ${and(conditions(f, withStartYear))}`;
}

const everyOr = (column: string) => sql`unnest(CASE WHEN cardinality(b.${sql.raw(column)}) = 0 THEN ARRAY['']::text[] ELSE b.${sql.raw(column)} END)`;

/** The cell of each activity for a dimension; themes and modalities put an activity in each of its values. */
function cells(dimension: ActivityDimension): RawBuilder<unknown> {
  switch (dimension) {
    case "none":
      return sql`SELECT b.*, ''::text AS cell FROM b WHERE b.unit IS NOT NULL`;
    case "state":
      return sql`SELECT b.*, b.state_iso3::text AS cell FROM b WHERE b.unit IS NOT NULL`;
    case "provider":
      return sql`SELECT b.*, b.organization_id::text AS cell FROM b WHERE b.unit IS NOT NULL`;
    case "status":
      return sql`SELECT b.*, b.status::text AS cell FROM b WHERE b.unit IS NOT NULL`;
    case "year":
      return sql`SELECT b.*, coalesce(b.start_year::text, '') AS cell FROM b WHERE b.unit IS NOT NULL`;
    case "theme":
      return sql`SELECT b.*, x.v AS cell FROM b CROSS JOIN LATERAL ${everyOr("themes")} AS x(v) WHERE b.unit IS NOT NULL`;
    case "modality":
      return sql`SELECT b.*, x.v AS cell FROM b CROSS JOIN LATERAL ${everyOr("modalities")} AS x(v) WHERE b.unit IS NOT NULL`;
  }
}

const MEASURE = sql`CASE WHEN t.transaction_type = 2 THEN 'committed' ELSE 'disbursed' END`;
// IATI TransactionType 2 outgoing commitment; 3 disbursement and 4 expenditure are both money provided.
const PROVIDED_TYPES = sql`t.transaction_type IN (2, 3, 4)`;

/** Sums amounts `m` (cell, unit, measure, currency, amount, year) per (cell, unit, measure, currency), converted. */
function sumMoney(m: RawBuilder<unknown>): RawBuilder<MoneyPartRow> {
  return sql<MoneyPartRow>`
    , m AS (${m})
    , r AS (${ratesFor(sql`SELECT currency, year FROM m`)})
    SELECT m.cell, m.unit, m.measure, m.currency::text AS currency, count(*)::int AS items, sum(m.amount)::text AS amount,
           sum(${usdOf(sql`m.amount`, sql`m.currency`, "r")})::text AS usd,
           bool_or(${nearestYearOf(sql`m.year`, "r")}) AS nearest
      FROM m LEFT JOIN r ON r.currency = m.currency AND r.year = m.year
     GROUP BY m.cell, m.unit, m.measure, m.currency
     ORDER BY m.cell, m.unit, m.measure, m.currency`;
}

/** Activity counts and money (budget, committed, disbursed over the activity's life) per (cell, unit). */
export async function sumActivityParts(
  db: Db,
  scope: ViewerScope,
  q: { filter: RegisterFilter; by: ActivityDimension; units: UnitAssignment },
): Promise<{ counts: CountPartRow[]; money: MoneyPartRow[] }> {
  const head = sql`WITH b AS (${activityBase(scope, q.filter, q.units)}), cells AS (${cells(q.by)})`;
  const [counts, money] = await Promise.all([
    sql<CountPartRow>`${head} SELECT cell, unit, count(*)::int AS activities FROM cells GROUP BY cell, unit ORDER BY cell, unit`.execute(db),
    sql<MoneyPartRow>`${head} ${sumMoney(sql`
        SELECT cell, unit, 'budget'::text AS measure, default_currency AS currency, budget_amount AS amount, budget_year AS year
          FROM cells WHERE budget_amount IS NOT NULL
        UNION ALL
        SELECT cells.cell, cells.unit, ${MEASURE}, t.currency, t.amount, extract(year FROM t.transaction_date)::int
          FROM cells JOIN activity_transactions t ON t.activity_id = cells.id
         WHERE ${PROVIDED_TYPES}`)}`.execute(db),
  ]);
  return { counts: counts.rows, money: money.rows };
}

/**
 * Commitments and disbursements per (cell, unit), the cell being the transaction's year or the activity's State;
 * with `year`, only transactions dated in that year. The start-year filter never applies here.
 */
export async function sumTransactionParts(
  db: Db,
  scope: ViewerScope,
  q: { filter: RegisterFilter; by: "year" | "state"; year?: number | null; units: UnitAssignment },
): Promise<MoneyPartRow[]> {
  const cell = q.by === "year" ? sql`extract(year FROM t.transaction_date)::int::text` : sql`b.state_iso3::text`;
  const inYear = q.year ? sql<boolean>`extract(year FROM t.transaction_date) = ${q.year}` : sql<boolean>`true`;
  const { rows } = await sql<MoneyPartRow>`
    WITH b AS (${activityBase(scope, q.filter, q.units, false)})
    ${sumMoney(sql`
      SELECT ${cell} AS cell, b.unit, ${MEASURE} AS measure, t.currency, t.amount, extract(year FROM t.transaction_date)::int AS year
        FROM b JOIN activity_transactions t ON t.activity_id = b.id
       WHERE b.unit IS NOT NULL AND ${PROVIDED_TYPES} AND ${inYear}`)}`.execute(db);
  return rows;
}

// Organizations whose staff hold UN roles see every activity's details (cooperation-access.ts): never insiders.
const UN_ORGANIZATION_TYPES = sql`('un_entity', 'un_country_team', 'ohchr_field_presence')`;

function hiddenConditions(scope: ViewerScope, where: { stateIso3?: string | null; statesOfProvider?: string | null }): Expression<SqlBool>[] {
  const conds: Expression<SqlBool>[] = [sql<boolean>`NOT ${activityDetailsVisibleTo(scope, "a")}`];
  if (where.stateIso3) conds.push(sql<boolean>`a.state_iso3 = ${where.stateIso3}`);
  // A provider's page needs the whole groups of every State it works in: groups are formed per State.
  if (where.statesOfProvider)
    conds.push(sql<boolean>`a.state_iso3 IN (SELECT p.state_iso3 FROM activities p WHERE p.organization_id = ${where.statesOfProvider})`);
  return conds;
}

/**
 * Activities hidden from `scope` (the public, when the domain forms disclosure groups), each with the non-UN
 * organizations in its circle — its reporting provider and participants — who know it and could subtract it.
 */
export async function listHiddenActivityKeys(
  db: Db,
  scope: ViewerScope,
  where: { stateIso3?: string | null; statesOfProvider?: string | null },
): Promise<{ id: string; stateIso3: string; providerId: string; insiders: string[] }[]> {
  const { rows } = await sql<{ id: string; state_iso3: string; organization_id: string; insiders: string[] | null }>`
    SELECT a.id, a.state_iso3::text AS state_iso3, a.organization_id,
           ARRAY(SELECT o.id::text FROM organizations o
                  WHERE o.org_type NOT IN ${UN_ORGANIZATION_TYPES}
                    AND (o.id = a.organization_id
                         OR EXISTS (SELECT 1 FROM activity_participants ap WHERE ap.activity_id = a.id AND ap.organization_id = o.id))
                  ORDER BY o.id) AS insiders
      FROM activities a WHERE ${and(hiddenConditions(scope, where))} ORDER BY a.id`.execute(db);
  return rows.map((r) => ({ id: r.id, stateIso3: r.state_iso3, providerId: r.organization_id, insiders: r.insiders ?? [] }));
}

/** Ids of the activities hidden from a signed-in viewer, among those of `where`. */
export async function listHiddenActivityIds(
  db: Db,
  scope: ViewerScope,
  where: { stateIso3?: string | null; statesOfProvider?: string | null },
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT a.id FROM activities a WHERE ${and(hiddenConditions(scope, where))}`.execute(db);
  return rows.map((r) => r.id);
}

/** Per group: how many commitments and disbursements its activities have in all (to tell whether a year holds them all). */
export async function countUnitTransactions(db: Db, units: UnitAssignment): Promise<{ unit: string; measure: "committed" | "disbursed"; items: number }[]> {
  if (units.ids.length === 0) return [];
  const { rows } = await sql<{ unit: string; measure: "committed" | "disbursed"; items: number }>`
    SELECT um.unit, ${MEASURE} AS measure, count(*)::int AS items
      FROM unnest(${[...units.ids]}::uuid[], ${[...units.keys]}::text[]) AS um(activity_id, unit)
      JOIN activity_transactions t ON t.activity_id = um.activity_id
     WHERE ${PROVIDED_TYPES}
     GROUP BY um.unit, 2`.execute(db);
  return rows;
}
