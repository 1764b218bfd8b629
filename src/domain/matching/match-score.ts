import type { OrganizationType } from "../access/roles.js";
import type { CooperationType } from "../cooperation/vocabularies.js";

// The matching engine (R29; res. 45/32 OP8: providers "respond favourably" to requests; OP3, PP15: bilateral,
// regional, South-South and triangular cooperation). Pure functions: the same facts always give the same score and
// the same explanation, so a pairing can store both and anyone can check them later.
//
// Scoring rule: each factor compares what the request asks for with what the offer (or a provider's capability
// profile) provides, as a ratio in [0, 1]. A factor the request is silent about is left out and the weights of the
// others are scaled up to 100, so a request is never marked down for what it did not ask. A factor the offer is
// silent about scores 0 (nothing demonstrated), except availability: an offer with no dates is available any time.
// Each ratio only grows when the offer covers more of the request, so adding a matching code never lowers a score.
//
// Themes read from free text (issue 7, matching reuse): when a request's needs statement or an offer's description
// suggests UHRI themes through the tagging model, they complement the themes people chose, in a factor of their own
// ("textThemes") that weighs less than chosen themes and names the model in the explanation, so nobody mistakes a
// model's reading for what the State or the provider said.

export const MATCH_FACTORS = [
  "themes",
  "sdgTargets",
  "modalities",
  "languages",
  "region",
  "timing",
  "continuityNeeds",
  "cooperation",
  "isced",
  "textThemes",
] as const;
export type MatchFactor = (typeof MATCH_FACTORS)[number];

/**
 * Base weights (the nine factors people state sum to 100): human rights themes first (UHRI), then SDG targets and the
 * forms of assistance (R12). Themes suggested from the text weigh 10, less than chosen themes, and join only when a
 * text suggested a theme that nobody chose.
 */
export const MATCH_WEIGHTS: Readonly<Record<MatchFactor, number>> = {
  themes: 25,
  sdgTargets: 15,
  modalities: 15,
  languages: 10,
  region: 10,
  timing: 10,
  continuityNeeds: 5,
  cooperation: 5,
  isced: 5,
  textThemes: 10,
};

/** A State's place in the UN M49 standard (regions, sub-regions, intermediate regions). */
export type StateRegion = { regionCode: string | null; subregionCode: string | null; intermediateRegionCode: string | null };

export type RequestMatchFacts = {
  id: string;
  themes: readonly string[];
  sdgTargets: readonly string[];
  modalities: readonly string[];
  continuityNeeds: readonly string[];
  workingLanguages: readonly string[];
  iscedLevels: readonly string[];
  timeframeStart: string | null;
  timeframeEnd: string | null;
  region: StateRegion | null;
  /** Providers the request is addressed to, and the kinds of cooperation their types stand for. */
  addressedProviderIds: readonly string[];
  soughtCooperationTypes: readonly string[];
  /** UHRI themes the tagging model suggests from the needs statement (none when the text cannot be read). */
  suggestedThemes?: readonly string[];
  /** The model that suggested them, "name version". */
  suggestedBy?: string | null;
};

/** An offer, or a provider's capability profile, as the engine sees it. */
export type OfferMatchFacts = {
  id: string;
  organizationId: string;
  themes: readonly string[];
  sdgTargets: readonly string[];
  modalities: readonly string[];
  continuityNeeds: readonly string[];
  languages: readonly string[];
  iscedLevels: readonly string[];
  /** M49 region codes, or "world". */
  regions: readonly string[];
  cooperationTypes: readonly string[];
  availableFrom: string | null;
  availableTo: string | null;
  /** UHRI themes the tagging model suggests from the offer's description. */
  suggestedThemes?: readonly string[];
  suggestedBy?: string | null;
};

/**
 * One line of the explanation: the codes that matched fully, those that matched only in part (an SDG target of the
 * same goal, a wider region), the factor's weight once scaled and the points it earned. Timing gives the overlap
 * as an ISO 8601 interval ("2027-03-01/2027-12-31", ".." for an open end).
 */
export type ExplanationItem = {
  factor: MatchFactor;
  matched: string[];
  partial: string[];
  weight: number;
  points: number;
  /** For "textThemes": the model that read the themes from the text ("name version"). */
  suggestedBy?: string;
};
export type MatchScore = { score: number; explanation: ExplanationItem[] };

/** The token the cooperation factor uses when the request is addressed to the offer's own provider. */
export const ADDRESSED_PROVIDER = "addressed_provider";
export const WORLD_REGION = "world";

type Assessment = { ratio: number; matched: string[]; partial: string[] };

export function scoreMatch(request: RequestMatchFacts, offer: OfferMatchFacts): MatchScore {
  const assessed: [MatchFactor, Assessment][] = [];
  for (const factor of MATCH_FACTORS) {
    const a = assessFactor(factor, request, offer);
    if (a) assessed.push([factor, a]);
  }
  const totalWeight = assessed.reduce((sum, [f]) => sum + MATCH_WEIGHTS[f], 0);
  if (totalWeight === 0) return { score: 0, explanation: [] };
  let raw = 0;
  const explanation = assessed.map(([factor, a]) => {
    const weight = (MATCH_WEIGHTS[factor] * 100) / totalWeight;
    raw += weight * a.ratio;
    const item: ExplanationItem = { factor, matched: a.matched, partial: a.partial, weight: round2(weight), points: round2(weight * a.ratio) };
    if (factor === "textThemes") item.suggestedBy = request.suggestedBy ?? offer.suggestedBy ?? undefined;
    return item;
  });
  return { score: Math.min(100, Math.max(0, round2(raw))), explanation };
}

/** Deterministic ranking: score descending, then id ascending. */
export function rankByScore<T extends { id: string }>(items: readonly T[], score: (item: T) => MatchScore): { item: T; match: MatchScore }[] {
  return items
    .map((item) => ({ item, match: score(item) }))
    .sort((a, b) => b.match.score - a.match.score || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
}

/**
 * The kinds of cooperation a request looks for, read from the providers it is addressed to (R6): UN bodies stand for
 * multilateral cooperation, regional organizations for regional cooperation, States for the bilateral forms,
 * including South-South and triangular (res. 45/32 OP3).
 */
export function cooperationTypesSought(providerTypes: readonly OrganizationType[]): CooperationType[] {
  const sought = new Set<CooperationType>();
  for (const type of providerTypes) {
    if (type === "un_entity" || type === "un_country_team" || type === "ohchr_field_presence") sought.add("multilateral");
    else if (type === "regional_organization") sought.add("regional");
    else if (type === "government") for (const c of ["bilateral", "bilateral_dialogue", "north_south", "south_south", "triangular"] as const) sought.add(c);
  }
  return [...sought].sort();
}

function assessFactor(factor: MatchFactor, r: RequestMatchFacts, o: OfferMatchFacts): Assessment | null {
  switch (factor) {
    case "themes":
      return coverage(r.themes, o.themes);
    case "sdgTargets":
      return assessSdgTargets(r.sdgTargets, o.sdgTargets);
    case "modalities":
      return coverage(r.modalities, o.modalities);
    case "languages":
      return coverage(r.workingLanguages, o.languages);
    case "region":
      return assessRegion(r.region, o.regions);
    case "timing":
      return assessTiming(r.timeframeStart, r.timeframeEnd, o.availableFrom, o.availableTo);
    case "continuityNeeds":
      return coverage(r.continuityNeeds, o.continuityNeeds);
    case "cooperation":
      return assessCooperation(r, o);
    case "isced":
      return coverage(r.iscedLevels, o.iscedLevels);
    case "textThemes":
      return assessTextThemes(r, o);
  }
}

/**
 * Themes of the request (chosen or suggested from its text) that the offer covers (chosen or suggested from its
 * description), where a suggestion is involved on at least one side: a theme both sides chose is the themes factor's.
 * Left out when neither text suggested a theme beyond those chosen, or when the request's themes all matched as chosen.
 */
function assessTextThemes(r: RequestMatchFacts, o: OfferMatchFacts): Assessment | null {
  const requestSuggested = (r.suggestedThemes ?? []).filter((c) => !r.themes.includes(c));
  const offerSuggested = (o.suggestedThemes ?? []).filter((c) => !o.themes.includes(c));
  if (requestSuggested.length === 0 && offerSuggested.length === 0) return null;
  const chosenByBoth = new Set(r.themes.filter((c) => o.themes.includes(c)));
  const wanted = distinctSorted([...r.themes, ...requestSuggested]).filter((c) => !chosenByBoth.has(c));
  if (wanted.length === 0) return null;
  const have = new Set([...o.themes, ...offerSuggested]);
  const matched = wanted.filter((c) => have.has(c));
  return { ratio: smoothed(matched.length, wanted.length), matched, partial: [] };
}

/** Any overlap earns half the factor; the rest grows with the share of the request's codes the offer covers. */
function coverage(asked: readonly string[], offered: readonly string[]): Assessment | null {
  const wanted = distinctSorted(asked);
  if (wanted.length === 0) return null;
  const have = new Set(offered);
  const matched = wanted.filter((c) => have.has(c));
  return { ratio: smoothed(matched.length, wanted.length), matched, partial: [] };
}

/** An exact SDG target counts fully; a target of the same goal counts half (e.g. 4.1 offered for 4.c asked). */
function assessSdgTargets(asked: readonly string[], offered: readonly string[]): Assessment | null {
  const wanted = distinctSorted(asked);
  if (wanted.length === 0) return null;
  const have = new Set(offered);
  const goals = new Set(offered.map(goalOf));
  const matched: string[] = [];
  const partial: string[] = [];
  for (const target of wanted) {
    if (have.has(target)) matched.push(target);
    else if (goals.has(goalOf(target))) partial.push(target);
  }
  const credit = matched.length + partial.length / 2;
  return { ratio: credit === 0 ? 0 : 0.5 + (0.5 * credit) / wanted.length, matched, partial };
}

/**
 * The requesting State lies in one of the offer's regions: its intermediate region or sub-region counts fully, its
 * region nearly so, "world" three quarters (an offer aimed at the State's part of the world is the better fit).
 */
function assessRegion(region: StateRegion | null, offered: readonly string[]): Assessment | null {
  if (!region || (!region.regionCode && !region.subregionCode && !region.intermediateRegionCode)) return null;
  const have = new Set(offered);
  const levels: [string | null, number][] = [
    [region.intermediateRegionCode, 1],
    [region.subregionCode, 1],
    [region.regionCode, 0.9],
    [WORLD_REGION, 0.75],
  ];
  for (const [code, ratio] of levels) {
    if (code && have.has(code)) return ratio === 1 ? { ratio, matched: [code], partial: [] } : { ratio, matched: [], partial: [code] };
  }
  return { ratio: 0, matched: [], partial: [] };
}

/**
 * The offer's availability overlaps the request's timeframe. With both request dates known, any overlap earns half
 * and the rest grows with the share of the timeframe covered; with one date known, overlap is all or nothing.
 */
function assessTiming(start: string | null, end: string | null, from: string | null, to: string | null): Assessment | null {
  if (!start && !end) return null;
  const overlapStart = maxDate(start, from);
  const overlapEnd = minDate(end, to);
  if (overlapStart && overlapEnd && overlapStart > overlapEnd) return { ratio: 0, matched: [], partial: [] };
  const interval = `${overlapStart ?? ".."}/${overlapEnd ?? ".."}`;
  if (!start || !end || !overlapStart || !overlapEnd) return { ratio: 1, matched: [interval], partial: [] };
  const share = (daysBetween(overlapStart, overlapEnd) + 1) / (daysBetween(start, end) + 1);
  return { ratio: 0.5 + 0.5 * Math.min(1, share), matched: [interval], partial: [] };
}

/** The request is addressed to this very provider, or to the kind of provider the offer's cooperation type is. */
function assessCooperation(r: RequestMatchFacts, o: OfferMatchFacts): Assessment | null {
  if (r.addressedProviderIds.length === 0 && r.soughtCooperationTypes.length === 0) return null;
  const sought = new Set(r.soughtCooperationTypes);
  const types = distinctSorted(o.cooperationTypes).filter((c) => sought.has(c));
  if (r.addressedProviderIds.includes(o.organizationId)) return { ratio: 1, matched: [ADDRESSED_PROVIDER, ...types], partial: [] };
  return types.length > 0 ? { ratio: 0.75, matched: types, partial: [] } : { ratio: 0, matched: [], partial: [] };
}

const smoothed = (hits: number, of: number) => (hits === 0 ? 0 : 0.5 + (0.5 * hits) / of);
const goalOf = (target: string) => target.split(".")[0] ?? target;
const round2 = (x: number) => Math.round(x * 100) / 100;
const distinctSorted = (xs: readonly string[]) => [...new Set(xs)].sort();
const maxDate = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));
const minDate = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : (a ?? b));

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
