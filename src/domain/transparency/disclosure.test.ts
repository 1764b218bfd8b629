import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  breakDownActivities,
  breakDownTransactions,
  type CountPart,
  type Figures,
  type DisclosureGroup,
  formDisclosureGroups,
  type GroupFacts,
  groupsForViewer,
  type HiddenActivityKey,
  type MoneyPart,
  VISIBLE_UNIT,
} from "./disclosure.js";
import { fromCents, type Measure, toCents } from "./money.js";

// The small-cell rule of the register, checked on the pure functions the service uses, with the SQL aggregation
// simulated here. The fast-check property is the rule's promise: whatever the activities, no combination of the
// published figures of every page and filter reveals anything about fewer than 3 hidden activities.

describe("disclosure groups", () => {
  const h = (id: string, providerId: string, stateIso3 = "SEN", insiders: string[] = []) => ({ id, stateIso3, providerId, insiders });
  it.each([
    ["no hidden activity", [], []],
    ["1 hidden: counted nowhere", [h("a", "p")], []],
    ["2 hidden of one provider: counted nowhere", [h("a", "p"), h("b", "p")], []],
    ["3 of three providers: one residual group", [h("a", "p"), h("b", "q"), h("c", "r")], [["SEN:*", "a b c"]]],
    ["3 of one provider: a provider group", [h("a", "p"), h("b", "p"), h("c", "p")], [["SEN:p", "a b c"]]],
    ["3 + 1: the residual of 1 takes in the provider group", [h("a", "p"), h("b", "p"), h("c", "p"), h("d", "q")], [["SEN:*", "a b c d"]]],
    [
      "3 + 4 + 2: the residual of 2 takes in the smaller provider group",
      [h("a", "p"), h("b", "p"), h("c", "p"), h("d", "q"), h("e", "q"), h("f", "q"), h("g", "q"), h("x", "r"), h("y", "r")],
      [
        ["SEN:q", "d e f g"],
        ["SEN:*", "a b c x y"],
      ],
    ],
    [
      "3 + 3: two provider groups, no residual",
      [h("a", "p"), h("b", "p"), h("c", "p"), h("d", "q"), h("e", "q"), h("f", "q")],
      [
        ["SEN:p", "a b c"],
        ["SEN:q", "d e f"],
      ],
    ],
    ["States apart: 2 in one State and 1 in another never add up", [h("a", "p"), h("b", "p"), h("c", "p", "MLI")], []],
    [
      "an insider who knows 1 of 3 would learn the sum of 2: the State's groups merge",
      [h("a", "p"), h("b", "p"), h("c", "p"), h("d", "q", "SEN", ["donor"]), h("e", "q"), h("f", "q")],
      [["SEN:~a", "a b c d e f"]],
    ],
    [
      "an insider who knows 1 of 4 learns only a sum of 3",
      [h("a", "p"), h("b", "p"), h("c", "p"), h("d", "q", "SEN", ["donor"]), h("e", "q"), h("f", "q"), h("g", "q")],
      [
        ["SEN:p", "a b c"],
        ["SEN:q", "d e f g"],
      ],
    ],
    ["an insider who knows 2 of 3 and nothing can be merged: none counts", [h("a", "p", "SEN", ["donor"]), h("b", "q", "SEN", ["donor"]), h("c", "r")], []],
    [
      "a non-UN provider knowing its own 3 of 6 learns only the other 3",
      [h("a", "amci", "SEN", ["amci"]), h("b", "amci", "SEN", ["amci"]), h("c", "amci", "SEN", ["amci"]), h("d", "q"), h("e", "r"), h("f", "s")],
      [
        ["SEN:amci", "a b c"],
        ["SEN:*", "d e f"],
      ],
    ],
    [
      "an insider knowing all of a group learns nothing",
      [h("a", "p", "SEN", ["donor"]), h("b", "p", "SEN", ["donor"]), h("c", "p", "SEN", ["donor"])],
      [["SEN:p", "a b c"]],
    ],
  ] as const)("%s", (_name, hidden, expected) => {
    const groups = formDisclosureGroups(hidden as unknown as HiddenActivityKey[]);
    expect(groups.map((g) => [g.key, g.ids.join(" ")])).toEqual(expected.map(([k, ids]) => [k, ids]));
  });
});

// ---- a model of activities, and the SQL aggregation simulated ----

type Item = { measure: Measure; year: string; cents: bigint };
type Act = { id: string; state: string; provider: string; hidden: boolean; insiders: string[]; themes: string[]; startYear: string; items: Item[] };
type Filter = { state?: string; provider?: string; theme?: string };

const matches = (a: Act, f: Filter) =>
  (!f.state || a.state === f.state) && (!f.provider || a.provider === f.provider) && (!f.theme || a.themes.includes(f.theme));

/** The public's groups, and how one viewer (who knows `knows`) tags every activity: visible, a group, or nowhere. */
function unitsOf(acts: Act[], publicGroups: DisclosureGroup[], knows: (a: Act) => boolean): { unitOf: Map<string, string>; groups: GroupFacts } {
  const hiddenFromViewer = new Set(acts.filter((a) => !knows(a)).map((a) => a.id));
  const groups = groupsForViewer(publicGroups, hiddenFromViewer);
  const unitOf = new Map<string, string>();
  for (const a of acts) if (knows(a)) unitOf.set(a.id, VISIBLE_UNIT);
  for (const g of groups) for (const id of g.ids) unitOf.set(id, g.key);
  const items = new Map<string, Partial<Record<Measure, number>>>();
  for (const g of groups) {
    const counts: Partial<Record<Measure, number>> = {};
    for (const a of acts.filter((x) => g.ids.includes(x.id)))
      for (const i of a.items) if (i.measure !== "budget") counts[i.measure] = (counts[i.measure] ?? 0) + 1;
    items.set(g.key, counts);
  }
  return { unitOf, groups: { size: new Map(groups.map((g) => [g.key, g.ids.length])), items } };
}

function addMoney(money: Map<string, MoneyPart>, cell: string, unit: string, i: Item) {
  const k = `${cell}|${unit}|${i.measure}`;
  const m = money.get(k) ?? { cell, unit, measure: i.measure, currency: "USD", items: 0, amount: "0.00", usd: "0.00", nearest: false };
  const sum = fromCents(toCents(m.amount) + i.cents);
  money.set(k, { ...m, items: m.items + 1, amount: sum, usd: sum });
}

function activityParts(acts: Act[], unitOf: Map<string, string>, f: Filter, cellsOf: (a: Act) => string[]) {
  const counts = new Map<string, CountPart>();
  const money = new Map<string, MoneyPart>();
  for (const a of acts) {
    const unit = unitOf.get(a.id);
    if (!unit || !matches(a, f)) continue;
    for (const cell of cellsOf(a)) {
      const c = counts.get(`${cell}|${unit}`) ?? { cell, unit, activities: 0 };
      counts.set(`${cell}|${unit}`, { ...c, activities: c.activities + 1 });
      for (const i of a.items) addMoney(money, cell, unit, i);
    }
  }
  return { counts: [...counts.values()], money: [...money.values()] };
}

function transactionParts(acts: Act[], unitOf: Map<string, string>, f: Filter, cellOf: (a: Act, i: Item) => string, year?: string) {
  const money = new Map<string, MoneyPart>();
  for (const a of acts) {
    const unit = unitOf.get(a.id);
    if (!unit || !matches(a, f)) continue;
    for (const i of a.items) if (i.measure !== "budget" && (!year || i.year === year)) addMoney(money, cellOf(a, i), unit, i);
  }
  return [...money.values()];
}

// ---- the property ----

const STATES = ["SEN", "MLI"];
// p1 and p2 are UN entities (their staff see every activity); amci is a State's cooperation agency, an insider of its
// own activities; donor and ngo take part in some activities as participants.
const PROVIDERS = ["p1", "p2", "amci"];
const PARTICIPANTS = ["donor", "ngo"];
const INSIDERS = ["amci", ...PARTICIPANTS];
const THEMES = ["E5", "F4", "D7"];
const YEARS = ["2022", "2023", "2024"];

const itemArb = (measure: Measure) => fc.record({ measure: fc.constant(measure), year: fc.constantFrom(...YEARS) });
const actArb = fc.record({
  state: fc.constantFrom(...STATES),
  provider: fc.constantFrom(...PROVIDERS),
  hidden: fc.boolean(),
  participants: fc.subarray(PARTICIPANTS),
  themes: fc.subarray(THEMES),
  startYear: fc.constantFrom(...YEARS),
  // Every activity has a budget, a commitment and a disbursement, so that a hidden activity included in a figure
  // always shows in it (a zero amount would hide its membership from the check, not from the rule).
  items: fc.tuple(
    itemArb("budget"),
    fc.array(itemArb("committed"), { minLength: 1, maxLength: 2 }),
    fc.array(itemArb("disbursed"), { minLength: 1, maxLength: 2 }),
  ),
});
type RawAct = { state: string; provider: string; hidden: boolean; participants: string[]; themes: string[]; startYear: string; items: [Item, Item[], Item[]] };

/** Activity k's amounts are 2^(8k) cents: a published sum then spells out which activities it includes. */
function buildActs(raw: RawAct[]): Act[] {
  return raw.map((r, k) => {
    const cents = 1n << BigInt(8 * k);
    const items = [r.items[0], ...r.items[1], ...r.items[2]].map((i) => ({ measure: i.measure, year: i.year, cents }));
    const insiders = [...(r.provider === "amci" ? ["amci"] : []), ...r.participants];
    return {
      id: `a${String(k).padStart(2, "0")}`,
      state: r.state,
      provider: r.provider,
      hidden: r.hidden,
      insiders,
      themes: r.themes,
      startYear: r.startYear,
      items,
    };
  });
}

function publicGroupsOf(acts: Act[]): DisclosureGroup[] {
  return formDisclosureGroups(acts.filter((a) => a.hidden).map((a) => ({ id: a.id, stateIso3: a.state, providerId: a.provider, insiders: a.insiders })));
}

/** The activities a published sum includes, among those the viewer does not know. */
function unknownIn(acts: Act[], knows: (a: Act) => boolean, usd: string): string[] {
  const cents = toCents(usd);
  return acts.filter((a, k) => !knows(a) && (cents >> BigInt(8 * k)) & 0xffn).map((a) => a.id);
}

const DIMS: [string, (a: Act) => string[]][] = [
  ["state", (a) => [a.state]],
  ["provider", (a) => [a.provider]],
  ["theme", (a) => (a.themes.length ? a.themes : [""])],
  ["year", (a) => [a.startYear]],
];
// Every page and filter a visitor can combine: the world, each State, each provider, each theme.
const FILTERS: Filter[] = [{}, ...STATES.map((state) => ({ state })), ...PROVIDERS.map((provider) => ({ provider })), ...THEMES.map((theme) => ({ theme }))];

/**
 * Every figure the pages publish to a viewer who knows `pageKnows`, each read as the set of activities unknown to
 * `attackerKnows` that it adds up. Also checks each figure's counts against the model.
 */
function publishedSets(acts: Act[], publicGroups: DisclosureGroup[], pageKnows: (a: Act) => boolean, attackerKnows: (a: Act) => boolean): string[][] {
  const { unitOf, groups } = unitsOf(acts, publicGroups, pageKnows);
  const sets: string[][] = [];
  const read = (usd: string) => unknownIn(acts, attackerKnows, usd);
  const checkFigures = (f: Figures, knownCount: number) => {
    expect(f.activities - f.withheldIncluded).toBe(knownCount);
    expect(f.withheldIncluded === 0 || f.withheldIncluded >= 3).toBe(true);
    expect(unknownIn(acts, pageKnows, f.budget.usd).length).toBe(f.withheldIncluded);
    for (const m of [f.budget, f.committed, f.disbursed]) {
      sets.push(read(m.usd));
      for (const a of m.byCurrency) sets.push(read(a.amount));
    }
  };
  const knownIn = (f: Filter, inCell: (a: Act) => boolean) => acts.filter((a) => pageKnows(a) && matches(a, f) && inCell(a)).length;
  for (const f of FILTERS) {
    const total = activityParts(acts, unitOf, f, () => [""]);
    for (const [, cellsOf] of DIMS) {
      const b = breakDownActivities(activityParts(acts, unitOf, f, cellsOf), total, groups);
      checkFigures(
        b.total,
        knownIn(f, () => true),
      );
      for (const [cell, figures] of b.cells)
        checkFigures(
          figures,
          knownIn(f, (a) => cellsOf(a).includes(cell)),
        );
      if (b.notBrokenDown) checkFigures(b.notBrokenDown, 0);
    }
    for (const [cellOf, year] of [
      [(_a: Act, i: Item) => i.year, undefined],
      [(a: Act) => a.state, undefined],
      ...YEARS.map((y) => [(a: Act) => a.state, y] as const),
    ] as const) {
      const t = breakDownTransactions(transactionParts(acts, unitOf, f, cellOf, year), total, groups);
      for (const figures of [...t.cells.values(), ...(t.notBrokenDown ? [t.notBrokenDown] : [])])
        for (const m of [figures.committed, figures.disbursed]) sets.push(read(m.usd));
    }
  }
  return sets;
}

/**
 * Activities that appear in some figure, classed by the exact set of figures they appear in: any linear combination of
 * the figures is constant on each class, so each class must hold at least 3 activities.
 */
function expectNoSmallClass(sets: string[][]) {
  const signature = new Map<string, string>();
  sets.forEach((set, n) => {
    for (const id of set) signature.set(id, `${signature.get(id) ?? ""},${n}`);
  });
  const classes = new Map<string, string[]>();
  for (const [id, sig] of signature) classes.set(sig, [...(classes.get(sig) ?? []), id]);
  for (const members of classes.values()) expect(members.length, `class ${members.join(" ")}`).toBeGreaterThanOrEqual(3);
}

describe("the small-cell rule as a property", () => {
  it("no combination of the public figures isolates fewer than 3 hidden activities, nor reveals that 1 or 2 exist", () => {
    fc.assert(
      fc.property(fc.array(actArb, { maxLength: 14 }), (raw) => {
        const acts = buildActs(raw as RawAct[]);
        const anonymousKnows = (a: Act) => !a.hidden;
        expectNoSmallClass(publishedSets(acts, publicGroupsOf(acts), anonymousKnows, anonymousKnows));
      }),
      { numRuns: 300 },
    );
  });

  it("nor for an insider who subtracts what they know, from the public pages and their own pages together", () => {
    fc.assert(
      fc.property(fc.array(actArb, { maxLength: 14 }), fc.constantFrom(...INSIDERS), (raw, insider) => {
        const acts = buildActs(raw as RawAct[]);
        const groups = publicGroupsOf(acts);
        const knows = (a: Act) => !a.hidden || a.insiders.includes(insider);
        expectNoSmallClass([...publishedSets(acts, groups, (a) => !a.hidden, knows), ...publishedSets(acts, groups, knows, knows)]);
      }),
      { numRuns: 300 },
    );
  });

  it("counts every hidden activity of a State in its public total from 3 up when no insider could single one out, and none below 3", () => {
    fc.assert(
      fc.property(fc.array(actArb, { maxLength: 12 }), (raw) => {
        const acts = buildActs(raw as RawAct[]);
        const groups = publicGroupsOf(acts);
        const { unitOf, groups: facts } = unitsOf(acts, groups, (a) => !a.hidden);
        for (const state of STATES) {
          const total = activityParts(acts, unitOf, { state }, () => [""]);
          const hiddenHere = acts.filter((a) => a.hidden && a.state === state);
          const figures = breakDownActivities({ counts: [], money: [] }, total, facts).total;
          const noInsiders = hiddenHere.every((a) => a.insiders.length === 0);
          if (hiddenHere.length < 3) expect(figures.withheldIncluded).toBe(0);
          else if (noInsiders) expect(figures.withheldIncluded).toBe(hiddenHere.length);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("withheld amounts in several currencies", () => {
  const groups: GroupFacts = { size: new Map([["SEN:*", 3]]), items: new Map([["SEN:*", { committed: 3 }]]) };
  const part = (unit: string, currency: string, amount: string, usd: string | null, items = 1): MoneyPart => ({
    cell: "",
    unit,
    measure: "committed",
    currency,
    items,
    amount,
    usd,
    nearest: false,
  });
  const counts = [
    { cell: "", unit: VISIBLE_UNIT, activities: 1 },
    { cell: "", unit: "SEN:*", activities: 3 },
  ];

  it("counts a single-currency group in its currency too", () => {
    const money = [part(VISIBLE_UNIT, "USD", "100.00", "100.00"), part("SEN:*", "EUR", "90.00", "100.00", 3)];
    const f = breakDownActivities({ counts: [], money: [] }, { counts, money }, groups).total;
    expect(f.committed).toEqual({
      usd: "200.00",
      byCurrency: [
        { currency: "EUR", amount: "90.00" },
        { currency: "USD", amount: "100.00" },
      ],
      unconverted: [],
      nearestYear: false,
      currenciesIncomplete: false,
    });
  });

  it("adds a mixed-currency group in US dollars only, and leaves out its part without a rate, saying so", () => {
    const money = [part(VISIBLE_UNIT, "XOF", "5000.00", null), part("SEN:*", "EUR", "90.00", "100.00", 2), part("SEN:*", "XOF", "700.00", null, 1)];
    const f = breakDownActivities({ counts: [], money: [] }, { counts, money }, groups).total;
    expect(f.committed).toEqual({
      usd: "100.00",
      byCurrency: [],
      unconverted: [{ currency: "XOF", amount: "5000.00" }],
      nearestYear: false,
      currenciesIncomplete: true,
    });
  });
});
