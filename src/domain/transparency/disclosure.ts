import { SMALL_CELL } from "../activities/activity-queries.js";
import { type Measure, type Money, MoneyTotal, ZERO_MONEY } from "./money.js";

// The small-cell rule of the register (DESIGN.md "aggregates of fewer than 3 withheld activities are suppressed";
// R14 check, R31), made precise so that no combination of published figures — a total minus its breakdown, one
// table against another, one page against another, a page seen anonymously against the same page signed in — says
// anything about fewer than 3 hidden activities.
//
// Hidden activities are those whose details a viewer may not see (withheld by the State, or not visible to them);
// they still count in aggregates, but only as whole DISCLOSURE GROUPS of at least SMALL_CELL activities:
// 1. groups are formed once, from the activities hidden from the public, per State: a State with fewer than 3 has
//    none (its hidden activities count nowhere, and nothing says they exist); otherwise each provider with at least
//    3 hidden activities there has a group, and all the others form one residual group; a residual of 1 or 2 takes
//    in the smallest provider group;
// 2. insiders: an organization in some activities' circle (their reporting provider or a participant) knows those,
//    and could subtract them from a public figure. A group in which such an organization knows some members but
//    does not know 1 or 2 others is merged with the State's smallest other group, until no group is; if a State's
//    hidden activities cannot be grouped so, none of them counts. UN organizations are not insiders: their staff see
//    every activity's details (domain/access/cooperation-access.ts), so they learn nothing by difference;
// 3. a signed-in viewer sees some of a group's members: the group counts on their pages with the members still
//    hidden from them, and only if at least 3 remain (the same sums they could compute from the public page);
// 4. a figure (one measure of one cell) includes a group only when the WHOLE group falls inside it: every member
//    matches the cell and the page's filters, and for money by transaction year every one of the group's
//    transactions of that measure is dated in that year. A group that falls inside no cell of a breakdown is shown in
//    that breakdown's "not broken down" row, never split.
// So every published figure is the visible activities' part plus a sum of whole groups. Any combination of figures
// is then constant on each group: the least it can isolate is one whole group of at least 3 activities, also for an
// insider who subtracts what they know. Counts of hidden activities in a figure are sums of group sizes (0, or 3 and
// more), so no figure reveals that 1 or 2 exist. Cells are not marked "suppressed" one by one: such a mark would
// itself say that a cell holds a hidden activity. Amounts of a group in several currencies are added in US dollars
// only (their split by currency would be a sum over fewer members), which the figure says.

export const VISIBLE_UNIT = "visible";

/** An activity hidden from the public, with the organizations that know it (non-UN reporting provider, participants). */
export type HiddenActivityKey = { id: string; stateIso3: string; providerId: string; insiders: readonly string[] };
export type DisclosureGroup = { key: string; stateIso3: string; providerId: string | null; ids: string[] };

/** True when some insider knows part of the group and 1 or 2 of its other members. */
function singlesOut(ids: readonly string[], insidersOf: ReadonlyMap<string, readonly string[]>, threshold: number): boolean {
  const known = new Map<string, number>();
  for (const id of ids) for (const o of new Set(insidersOf.get(id) ?? [])) known.set(o, (known.get(o) ?? 0) + 1);
  for (const k of known.values()) {
    const unknown = ids.length - k;
    if (unknown > 0 && unknown < threshold) return true;
  }
  return false;
}

function groupsOfState(stateIso3: string, list: readonly HiddenActivityKey[], threshold: number): DisclosureGroup[] {
  if (list.length < threshold) return [];
  const byProvider = new Map<string, string[]>();
  for (const h of list) byProvider.set(h.providerId, [...(byProvider.get(h.providerId) ?? []), h.id]);
  let groups: DisclosureGroup[] = [];
  const residual: string[] = [];
  for (const [providerId, ids] of [...byProvider.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (ids.length >= threshold) groups.push({ key: `${stateIso3}:${providerId}`, stateIso3, providerId, ids: [...ids].sort() });
    else residual.push(...ids);
  }
  if (residual.length > 0) groups.push({ key: `${stateIso3}:*`, stateIso3, providerId: null, ids: residual.sort() });
  const insidersOf = new Map(list.map((h) => [h.id, h.insiders]));
  const bySize = (a: DisclosureGroup, b: DisclosureGroup) => a.ids.length - b.ids.length || a.key.localeCompare(b.key);
  for (;;) {
    const bad = groups.find((g) => g.ids.length < threshold || singlesOut(g.ids, insidersOf, threshold));
    if (!bad) return groups;
    // The smallest other group joins it (never a larger one than needed). Groups are disjoint, so the merged group's
    // first member names it uniquely; a merge with the residual stays the residual.
    const other = groups.filter((g) => g !== bad).sort(bySize)[0];
    if (!other) return [];
    const ids = [...bad.ids, ...other.ids].sort();
    const key =
      bad.providerId === null && bad.key.endsWith(":*")
        ? bad.key
        : other.providerId === null && other.key.endsWith(":*")
          ? other.key
          : `${stateIso3}:~${ids[0]}`;
    groups = [...groups.filter((g) => g !== bad && g !== other), { key, stateIso3, providerId: null, ids }];
  }
}

/** Partitions the activities hidden from the public into disclosure groups (rules 1 and 2). */
export function formDisclosureGroups(hidden: readonly HiddenActivityKey[], threshold: number = SMALL_CELL): DisclosureGroup[] {
  const byState = new Map<string, HiddenActivityKey[]>();
  for (const h of hidden) byState.set(h.stateIso3, [...(byState.get(h.stateIso3) ?? []), h]);
  return [...byState.entries()].sort(([a], [b]) => a.localeCompare(b)).flatMap(([state, list]) => groupsOfState(state, list, threshold));
}

/** The groups as one viewer counts them: the members hidden from that viewer, when at least 3 (rule 3). */
export function groupsForViewer(groups: readonly DisclosureGroup[], hiddenFromViewer: ReadonlySet<string>, threshold: number = SMALL_CELL): DisclosureGroup[] {
  return groups.map((g) => ({ ...g, ids: g.ids.filter((id) => hiddenFromViewer.has(id)) })).filter((g) => g.ids.length >= threshold);
}

/** Per unit (the visible activities, or a group): its size and its number of transactions per measure. */
export type GroupFacts = { size: ReadonlyMap<string, number>; items: ReadonlyMap<string, Readonly<Partial<Record<Measure, number>>>> };

export type CountPart = { cell: string; unit: string; activities: number };
export type MoneyPart = { cell: string; unit: string; measure: Measure; currency: string; items: number; amount: string; usd: string | null; nearest: boolean };

export type Figures = { activities: number; withheldIncluded: number; budget: Money; committed: Money; disbursed: Money };
export type TransactionFigures = { committed: Money; disbursed: Money; withheldIncluded: boolean };

export const EMPTY_FIGURES: Figures = { activities: 0, withheldIncluded: 0, budget: ZERO_MONEY, committed: ZERO_MONEY, disbursed: ZERO_MONEY };

const key = (cell: string, unit: string) => `${cell}\u0000${unit}`;

function groupBy<T>(items: readonly T[], keyOf: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) m.set(keyOf(x), [...(m.get(keyOf(x)) ?? []), x]);
  return m;
}

function moneyOf(parts: readonly MoneyPart[], units: ReadonlySet<string>, measure: Measure): Money {
  const total = new MoneyTotal();
  for (const [unit, list] of groupBy(
    parts.filter((p) => p.measure === measure && units.has(p.unit)),
    (p) => p.unit,
  ))
    total.add(list, unit !== VISIBLE_UNIT);
  return total.result();
}

function figuresOf(counts: readonly CountPart[], money: readonly MoneyPart[], units: ReadonlySet<string>): Figures {
  let activities = 0;
  let withheld = 0;
  for (const c of counts)
    if (units.has(c.unit)) {
      activities += c.activities;
      if (c.unit !== VISIBLE_UNIT) withheld += c.activities;
    }
  return {
    activities,
    withheldIncluded: withheld,
    budget: moneyOf(money, units, "budget"),
    committed: moneyOf(money, units, "committed"),
    disbursed: moneyOf(money, units, "disbursed"),
  };
}

/**
 * A breakdown of activities by an attribute of the activity (provider, theme, modality, status, start year, State):
 * `counts` and `money` are the parts per (cell, unit) under the page's filters, `groups` the disclosure groups' sizes.
 * A group is in a cell when all its members are (rule 3). `total` is the same parts with a single cell "": the
 * page's total, from which groups that fall in no cell make the "not broken down" row.
 */
export function breakDownActivities(
  parts: { counts: readonly CountPart[]; money: readonly MoneyPart[] },
  total: { counts: readonly CountPart[]; money: readonly MoneyPart[] },
  groups: GroupFacts,
): { cells: Map<string, Figures>; notBrokenDown: Figures | null; total: Figures } {
  const included = (unit: string, n: number) => unit === VISIBLE_UNIT || n === groups.size.get(unit);
  const totalUnits = new Set(total.counts.filter((c) => included(c.unit, c.activities)).map((c) => c.unit));
  const cellUnits = new Map<string, Set<string>>();
  const placed = new Set<string>();
  for (const c of parts.counts) {
    if (!included(c.unit, c.activities)) continue;
    const set = cellUnits.get(c.cell) ?? new Set<string>();
    set.add(c.unit);
    cellUnits.set(c.cell, set);
    placed.add(c.unit);
  }
  const countsByCell = groupBy(parts.counts, (c) => c.cell);
  const moneyByCell = groupBy(parts.money, (m) => m.cell);
  const cells = new Map<string, Figures>();
  for (const [cell, units] of cellUnits) cells.set(cell, figuresOf(countsByCell.get(cell) ?? [], moneyByCell.get(cell) ?? [], units));
  const leftOver = new Set([...totalUnits].filter((u) => u !== VISIBLE_UNIT && !placed.has(u)));
  return {
    cells,
    notBrokenDown: leftOver.size > 0 ? figuresOf(total.counts, total.money, leftOver) : null,
    total: figuresOf(total.counts, total.money, totalUnits),
  };
}

/**
 * Commitments and disbursements by the year of each transaction (or any cell of transactions). A group is in a cell's
 * figure for a measure when all its members are within the page's filters (`membersInFilter`, from the total's
 * counts) and all its transactions of that measure are in the cell. Groups with transactions of a measure that
 * spread over several cells are in the "not broken down" row for that measure, with their whole amount.
 */
export function breakDownTransactions(
  money: readonly MoneyPart[],
  total: { counts: readonly CountPart[]; money: readonly MoneyPart[] },
  groups: GroupFacts,
): { cells: Map<string, TransactionFigures>; notBrokenDown: TransactionFigures | null } {
  const inFilter = new Set(total.counts.filter((c) => c.unit === VISIBLE_UNIT || c.activities === groups.size.get(c.unit)).map((c) => c.unit));
  const itemsIn = new Map<string, number>();
  for (const m of money) itemsIn.set(`${key(m.cell, m.unit)}\u0000${m.measure}`, (itemsIn.get(`${key(m.cell, m.unit)}\u0000${m.measure}`) ?? 0) + m.items);
  const includes = (cell: string, unit: string, measure: Measure) =>
    unit === VISIBLE_UNIT || (inFilter.has(unit) && (itemsIn.get(`${key(cell, unit)}\u0000${measure}`) ?? 0) === (groups.items.get(unit)?.[measure] ?? -1));
  const cells = new Map<string, TransactionFigures>();
  const placed = { committed: new Set<string>(), disbursed: new Set<string>() };
  for (const [cell, list] of groupBy(money, (m) => m.cell)) {
    const figure = (measure: "committed" | "disbursed") => {
      const units = new Set(list.filter((m) => m.measure === measure && includes(cell, m.unit, measure)).map((m) => m.unit));
      for (const u of units) placed[measure].add(u);
      return { money: moneyOf(list, units, measure), withheld: [...units].some((u) => u !== VISIBLE_UNIT) };
    };
    const committed = figure("committed");
    const disbursed = figure("disbursed");
    cells.set(cell, { committed: committed.money, disbursed: disbursed.money, withheldIncluded: committed.withheld || disbursed.withheld });
  }
  const leftOver = (measure: "committed" | "disbursed") =>
    new Set([...inFilter].filter((u) => u !== VISIBLE_UNIT && !placed[measure].has(u) && (groups.items.get(u)?.[measure] ?? 0) > 0));
  const restCommitted = leftOver("committed");
  const restDisbursed = leftOver("disbursed");
  const notBrokenDown =
    restCommitted.size + restDisbursed.size > 0
      ? { committed: moneyOf(total.money, restCommitted, "committed"), disbursed: moneyOf(total.money, restDisbursed, "disbursed"), withheldIncluded: true }
      : null;
  return { cells, notBrokenDown };
}
