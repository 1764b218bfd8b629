import { ANONYMOUS, scopeOf, type ViewerScope } from "../access/viewer.js";
import type { Db } from "../../store/db.js";
import { type CellCountRow, type OfferMoneyRow, type OrganizationLabel, listOrganizationLabels } from "../../store/register-request-store.js";
import {
  type ActivityDimension,
  countUnitTransactions,
  listHiddenActivityIds,
  listHiddenActivityKeys,
  type RegisterFilter,
  sumActivityParts,
  sumTransactionParts,
  type UnitAssignment,
} from "../../store/register-store.js";
import {
  breakDownActivities,
  breakDownTransactions,
  type CountPart,
  EMPTY_FIGURES,
  type Figures,
  formDisclosureGroups,
  type GroupFacts,
  groupsForViewer,
  type MoneyPart,
} from "./disclosure.js";
import { type Measure, MoneyTotal, ZERO_MONEY } from "./money.js";
import type { Breakdown, BreakdownRow, CountRow, OfferRow, YearBreakdown, YearRow } from "./register-schemas.js";

// Assembling the register's figures from the store's parts with the small-cell rule (disclosure.ts).

export type Disclosure = { units: UnitAssignment; groups: GroupFacts };
type Parts = { counts: CountPart[]; money: MoneyPart[] };

const PUBLIC_SCOPE = scopeOf(ANONYMOUS);
const isPublic = (scope: ViewerScope) => scope.organizationIds.length === 0 && scope.stateIso3s.length === 0 && !scope.isUn;

/**
 * The disclosure groups of the States a page covers as the viewer counts them (disclosure.ts rules 1–3): formed from
 * what the public may not see, then reduced to what this viewer may not see; and what SQL needs to tag them.
 */
export async function disclosureFor(db: Db, scope: ViewerScope, where: { stateIso3?: string; statesOfProvider?: string }): Promise<Disclosure> {
  const publicGroups = formDisclosureGroups(await listHiddenActivityKeys(db, PUBLIC_SCOPE, where));
  const groups = isPublic(scope) ? publicGroups : groupsForViewer(publicGroups, new Set(await listHiddenActivityIds(db, scope, where)));
  const units = { ids: groups.flatMap((g) => g.ids), keys: groups.flatMap((g) => g.ids.map(() => g.key)) };
  const items = new Map<string, Partial<Record<Measure, number>>>();
  for (const r of await countUnitTransactions(db, units)) items.set(r.unit, { ...items.get(r.unit), [r.measure]: r.items });
  return { units, groups: { size: new Map(groups.map((g) => [g.key, g.ids.length])), items } };
}

export function activityParts(db: Db, scope: ViewerScope, d: Disclosure, filter: RegisterFilter, by: ActivityDimension): Promise<Parts> {
  return sumActivityParts(db, scope, { filter, by, units: d.units });
}

/** Rows of a breakdown, largest US dollar commitment first (then by key); `labels` names providers. */
export function breakdownOf(parts: Parts, total: Parts, d: Disclosure, labels?: ReadonlyMap<string, OrganizationLabel>): Breakdown {
  const b = breakDownActivities(parts, total, d.groups);
  const rows: BreakdownRow[] = [...b.cells.entries()].map(([key, f]) => ({
    key,
    label: labels?.get(key)?.name ?? null,
    slug: labels?.get(key)?.slug ?? null,
    ...f,
  }));
  rows.sort((a, b2) => b2.activities - a.activities || a.key.localeCompare(b2.key));
  return { rows, notBrokenDown: b.notBrokenDown };
}

export function totalOf(total: Parts, d: Disclosure): Figures {
  return breakDownActivities({ counts: [], money: [] }, total, d.groups).total;
}

/** Activities and budgets by start year beside commitments and disbursements by transaction year. */
export async function yearBreakdownOf(db: Db, scope: ViewerScope, d: Disclosure, filter: RegisterFilter, total: Parts): Promise<YearBreakdown> {
  const [started, flows] = await Promise.all([
    activityParts(db, scope, d, filter, "year"),
    sumTransactionParts(db, scope, { filter, by: "year", units: d.units }),
  ]);
  const byStart = breakDownActivities(started, total, d.groups);
  const byFlow = breakDownTransactions(flows, total, d.groups);
  const years = [...new Set([...byStart.cells.keys(), ...byFlow.cells.keys()])].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
  const rows: YearRow[] = years.map((year) => {
    const s = byStart.cells.get(year) ?? EMPTY_FIGURES;
    const f = byFlow.cells.get(year);
    return {
      year,
      activities: s.activities,
      withheldIncluded: s.withheldIncluded,
      budget: s.budget,
      committed: f?.committed ?? ZERO_MONEY,
      disbursed: f?.disbursed ?? ZERO_MONEY,
    };
  });
  const restStart = byStart.notBrokenDown;
  const restFlow = byFlow.notBrokenDown;
  const notBrokenDown =
    restStart || restFlow
      ? {
          year: "",
          activities: restStart?.activities ?? 0,
          withheldIncluded: restStart?.withheldIncluded ?? 0,
          budget: restStart?.budget ?? ZERO_MONEY,
          committed: restFlow?.committed ?? ZERO_MONEY,
          disbursed: restFlow?.disbursed ?? ZERO_MONEY,
        }
      : null;
  return { rows, notBrokenDown };
}

export function countRows(rows: readonly CellCountRow[]): CountRow[] {
  return rows.map((r) => ({ key: r.cell, count: r.n })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export const sumCounts = (rows: readonly CellCountRow[]) => rows.reduce((n, r) => n + r.n, 0);

/** Offers per cell with their budgets (visible offers only: no small-cell rule applies). */
export function offerRows(counts: readonly CellCountRow[], money: readonly OfferMoneyRow[], labels?: ReadonlyMap<string, OrganizationLabel>): OfferRow[] {
  return counts
    .map((c) => {
      const total = new MoneyTotal();
      total.add(
        money.filter((m) => m.cell === c.cell),
        false,
      );
      return { key: c.cell, label: labels?.get(c.cell)?.name ?? null, slug: labels?.get(c.cell)?.slug ?? null, offers: c.n, budget: total.result() };
    })
    .sort((a, b) => b.offers - a.offers || a.key.localeCompare(b.key));
}

/** The providers named by some cells, by id. */
export async function providerLabels(db: Db, ids: Iterable<string>): Promise<Map<string, OrganizationLabel>> {
  const list = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/.test(id));
  return new Map((await listOrganizationLabels(db, list)).map((o) => [o.id, o]));
}

/** Currencies a set of figures shows, for the conversion notes. */
export function currenciesIn(...moneyLists: { byCurrency: { currency: string }[]; unconverted: { currency: string }[] }[][]): string[] {
  const set = new Set<string>();
  for (const list of moneyLists) for (const m of list) for (const a of [...m.byCurrency, ...m.unconverted]) if (a.currency !== "USD") set.add(a.currency);
  return [...set].sort();
}

export const moneyOfFigures = (f: Figures) => [f.budget, f.committed, f.disbursed];
