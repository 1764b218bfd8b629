import type { Db } from "../../store/db.js";
import { listActivityMoneyRows, listRegisterActivityRows, type RegisterActivityRow } from "../../store/register-list-store.js";
import { countRequests, listRegisterProviders, listStateNames, type OrganizationLabel, sumOffers } from "../../store/register-request-store.js";
import { sumTransactionParts, type RegisterFilter } from "../../store/register-store.js";
import { findOrganization } from "../accounts/organization-queries.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { AppError, notFound } from "../core/app-error.js";
import { readAllPages } from "../core/pages.js";
import { parseInput } from "../core/validate.js";
import { stampMemo } from "./data-stamp.js";
import { getCountry } from "../reference/reference-service.js";
import { breakDownActivities, breakDownTransactions, EMPTY_FIGURES } from "./disclosure.js";
import { listExchangeRates } from "./exchange-rate-service.js";
import { type Measure, type Money, MoneyTotal, sumMoney, ZERO_MONEY } from "./money.js";
import {
  activityParts,
  breakdownOf,
  countRows,
  currenciesIn,
  disclosureFor,
  moneyOfFigures,
  offerRows,
  providerLabels,
  sumCounts,
  totalOf,
  yearBreakdownOf,
} from "./register-figures.js";
import {
  type CountryRegister,
  Iso3ParamSchema,
  type ProviderRegister,
  ProviderSlugSchema,
  type RegisterActivity,
  type RegisterActivityList,
  type RegisterActivityQuery,
  RegisterActivityQuerySchema,
  type RegisterSummary,
  type RegisterSummaryQuery,
  RegisterSummaryQuerySchema,
  type SummaryRow,
} from "./register-schemas.js";

// The public transparency register (R14; res. 45/32 OP8): support requested, offered and provided, per State, per
// provider and for the world, as the viewer may see it. Requests and offers count when visible (drafts never);
// activities always count, those the viewer may not see in detail only under the small-cell rule (disclosure.ts).

// The figures depend only on the data and on who looks: kept per data stamp, viewer scope and query.
const memoized = stampMemo(200);

const scopeKey = (viewer: Viewer) => JSON.stringify(scopeOf(viewer));

async function providerIdOf(db: Db, viewer: Viewer, slug: string | undefined): Promise<string | null> {
  if (!slug) return null;
  const org = await findOrganization(db, viewer, slug);
  if (!org) throw new AppError("invalid_input", `No provider ${slug}`, [{ field: "provider", message: "unknown provider" }]);
  return org.id;
}

async function ratesOn(db: Db, money: Money[][]) {
  return listExchangeRates(db, currenciesIn(...money));
}

/** One State's register: requests, offers and activities, with every breakdown the page and the API show. */
export async function getCountryRegister(db: Db, viewer: Viewer, iso3: string): Promise<CountryRegister> {
  const country = await getCountry(db, parseInput(Iso3ParamSchema, iso3));
  return memoized(db, `country|${scopeKey(viewer)}|${country.iso3}`, () => computeCountryRegister(db, viewer, country));
}

async function computeCountryRegister(db: Db, viewer: Viewer, country: { iso3: string; name: string }): Promise<CountryRegister> {
  const scope = scopeOf(viewer);
  const stateIso3 = country.iso3;
  const d = await disclosureFor(db, scope, { stateIso3 });
  const filter: RegisterFilter = { stateIso3 };
  const total = await activityParts(db, scope, d, filter, "none");
  const [byProvider, byTheme, byModality, byStatus, byYear] = await Promise.all([
    activityParts(db, scope, d, filter, "provider"),
    activityParts(db, scope, d, filter, "theme"),
    activityParts(db, scope, d, filter, "modality"),
    activityParts(db, scope, d, filter, "status"),
    yearBreakdownOf(db, scope, d, filter, total),
  ]);
  const cf = { stateIso3 };
  const [requestsByStatus, requestsByYear, requestsByTheme, offersByStatus, offersByProvider, offersByModality] = await Promise.all([
    countRequests(db, scope, cf, "status"),
    countRequests(db, scope, cf, "year"),
    countRequests(db, scope, cf, "theme"),
    sumOffers(db, scope, cf, "status"),
    sumOffers(db, scope, cf, "provider"),
    sumOffers(db, scope, cf, "modality"),
  ]);
  const labels = await providerLabels(db, [...byProvider.counts.map((c) => c.cell), ...offersByProvider.counts.map((c) => c.cell)]);
  const offerTotal = new MoneyTotal();
  offerTotal.add(offersByStatus.money, false);
  const activities = {
    total: totalOf(total, d),
    byProvider: breakdownOf(byProvider, total, d, labels),
    byTheme: breakdownOf(byTheme, total, d),
    byModality: breakdownOf(byModality, total, d),
    byStatus: breakdownOf(byStatus, total, d),
    byYear,
  };
  const offers = {
    total: sumCounts(offersByStatus.counts),
    budget: offerTotal.result(),
    byStatus: countRows(offersByStatus.counts),
    byProvider: offerRows(offersByProvider.counts, offersByProvider.money, labels),
    byModality: countRows(offersByModality.counts),
  };
  return {
    stateIso3,
    stateName: country.name,
    requests: {
      total: sumCounts(requestsByStatus),
      byStatus: countRows(requestsByStatus),
      byYear: countRows(requestsByYear),
      byTheme: countRows(requestsByTheme),
    },
    offers,
    activities,
    rates: await ratesOn(db, [moneyOfFigures(activities.total), [offers.budget], byYear.rows.flatMap((r) => [r.committed, r.disbursed])]),
  };
}

function toRegisterActivity(r: RegisterActivityRow, money: Awaited<ReturnType<typeof listActivityMoneyRows>>): RegisterActivity {
  const own = money.filter((m) => m.activityId === r.id);
  const of = (measure: Measure) => {
    const total = new MoneyTotal();
    total.add(
      own.filter((m) => m.measure === measure).map((m) => ({ currency: m.currency, amount: m.amount, usd: m.usd, nearest: m.rateYears.length > 0 })),
      false,
    );
    return total.result();
  };
  return {
    id: r.id,
    iatiIdentifier: r.iatiIdentifier,
    title: r.title,
    stateIso3: r.stateIso3,
    provider: { id: r.providerId, slug: r.providerSlug, name: r.providerName },
    status: r.status,
    plannedStart: r.plannedStart,
    plannedEnd: r.plannedEnd,
    actualStart: r.actualStart,
    actualEnd: r.actualEnd,
    themes: r.themes,
    modalities: r.modalities,
    budget: of("budget"),
    committed: of("committed"),
    disbursed: of("disbursed"),
    rateYears: [...new Set(own.flatMap((m) => m.rateYears))].sort(),
  };
}

/** The State's activities the viewer may see in detail, filtered and searched; withheld ones are only counted. */
export async function listCountryRegisterActivities(db: Db, viewer: Viewer, iso3: string, query: RegisterActivityQuery = {}): Promise<RegisterActivityList> {
  const country = await getCountry(db, parseInput(Iso3ParamSchema, iso3));
  const q = parseInput(RegisterActivityQuerySchema, query);
  const scope = scopeOf(viewer);
  const providerId = await providerIdOf(db, viewer, q.provider);
  const page = await listRegisterActivityRows(db, scope, {
    stateIso3: country.iso3,
    providerId,
    theme: q.theme ?? null,
    modality: q.modality ?? null,
    status: q.status ?? null,
    startYear: q.year ?? null,
    text: q.q ?? null,
    limit: q.limit,
    offset: q.offset,
  });
  const money = await listActivityMoneyRows(
    db,
    page.rows.map((r) => r.id),
  );
  const withheldCounted = (await getCountryRegister(db, viewer, country.iso3)).activities.total.withheldIncluded;
  return { total: page.total, limit: q.limit, offset: q.offset, items: page.rows.map((r) => toRegisterActivity(r, money)), withheldCounted };
}

/** Every matching activity, page by page, for the downloads. */
export async function* iterateCountryRegisterActivities(
  db: Db,
  viewer: Viewer,
  iso3: string,
  query: RegisterActivityQuery = {},
): AsyncGenerator<RegisterActivity[]> {
  yield* readAllPages(async (offset, limit) => (await listCountryRegisterActivities(db, viewer, iso3, { ...query, limit, offset })).items);
}

/** One row per State with anything to show, for the world or a region, a year, a provider or a theme. */
export async function getRegisterSummary(db: Db, viewer: Viewer, query: RegisterSummaryQuery = {}): Promise<RegisterSummary> {
  const q = parseInput(RegisterSummaryQuerySchema, query);
  const providerId = await providerIdOf(db, viewer, q.provider);
  return memoized(db, `summary|${scopeKey(viewer)}|${JSON.stringify(q)}`, () => computeRegisterSummary(db, viewer, q, providerId));
}

async function computeRegisterSummary(
  db: Db,
  viewer: Viewer,
  q: ReturnType<typeof RegisterSummaryQuerySchema.parse>,
  providerId: string | null,
): Promise<RegisterSummary> {
  const scope = scopeOf(viewer);
  const d = await disclosureFor(db, scope, {});
  const base: RegisterFilter = { region: q.region ?? null, providerId, theme: q.theme ?? null };
  const withYear: RegisterFilter = { ...base, startYear: q.year ?? null };
  const cf = { region: q.region ?? null, providerId, theme: q.theme ?? null, year: q.year ?? null };
  const [started, startedTotal, allTotal, flowsByState, flowsByYear, requests, offers] = await Promise.all([
    activityParts(db, scope, d, withYear, "state"),
    activityParts(db, scope, d, withYear, "none"),
    activityParts(db, scope, d, base, "none"),
    sumTransactionParts(db, scope, { filter: base, by: "state", year: q.year ?? null, units: d.units }),
    sumTransactionParts(db, scope, { filter: base, by: "year", year: q.year ?? null, units: d.units }),
    countRequests(db, scope, cf, "state"),
    sumOffers(db, scope, cf, "state"),
  ]);
  const activities = breakDownActivities(started, startedTotal, d.groups);
  const flows = breakDownTransactions(flowsByState, allTotal, d.groups);
  const byYear = breakDownTransactions(flowsByYear, allTotal, d.groups);
  const requestCount = new Map(requests.map((r) => [r.cell, r.n]));
  const offerCount = new Map(offers.counts.map((r) => [r.cell, r.n]));
  const states = [...new Set([...activities.cells.keys(), ...flows.cells.keys(), ...requestCount.keys(), ...offerCount.keys()])].filter((s) => s !== "");
  const names = await listStateNames(db, states);
  const rows: SummaryRow[] = states.map((s) => {
    const a = activities.cells.get(s) ?? EMPTY_FIGURES;
    const f = flows.cells.get(s);
    return {
      stateIso3: s,
      stateName: names.get(s) ?? s,
      requests: requestCount.get(s) ?? 0,
      offers: offerCount.get(s) ?? 0,
      activities: a.activities,
      withheldIncluded: a.withheldIncluded,
      budget: a.budget,
      committed: f?.committed ?? ZERO_MONEY,
      disbursed: f?.disbursed ?? ZERO_MONEY,
    };
  });
  rows.sort((a, b) => a.stateName.localeCompare(b.stateName, "en"));
  const sum = (pick: (r: SummaryRow) => Money) => sumMoney(rows.map(pick));
  const yearRows = [...byYear.cells.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, f]) => ({ year, committed: f.committed, disbursed: f.disbursed, withheldIncluded: f.withheldIncluded }));
  return {
    filters: { region: q.region ?? null, year: q.year ?? null, provider: q.provider ?? null, theme: q.theme ?? null },
    rows,
    total: {
      requests: rows.reduce((n, r) => n + r.requests, 0),
      offers: rows.reduce((n, r) => n + r.offers, 0),
      activities: rows.reduce((n, r) => n + r.activities, 0),
      withheldIncluded: rows.reduce((n, r) => n + r.withheldIncluded, 0),
      budget: sum((r) => r.budget),
      committed: sum((r) => r.committed),
      disbursed: sum((r) => r.disbursed),
    },
    byYear: yearRows,
    // With a year chosen, groups whose transactions span several years count in no year (never in part).
    byYearNotBrokenDown: q.year || !byYear.notBrokenDown ? null : { year: "", ...byYear.notBrokenDown },
  };
}

/** What one provider offered and provided, by State, theme and year. */
export async function getProviderRegister(db: Db, viewer: Viewer, slug: string): Promise<ProviderRegister> {
  const org = await findOrganization(db, viewer, parseInput(ProviderSlugSchema, slug));
  if (!org) throw notFound("Provider", slug);
  return memoized(db, `provider|${scopeKey(viewer)}|${org.id}`, () => computeProviderRegister(db, viewer, org));
}

async function computeProviderRegister(
  db: Db,
  viewer: Viewer,
  org: { id: string; slug: string; name: string; acronym: string | null; iatiRef: string | null },
): Promise<ProviderRegister> {
  const scope = scopeOf(viewer);
  const d = await disclosureFor(db, scope, { statesOfProvider: org.id });
  const filter: RegisterFilter = { providerId: org.id };
  const total = await activityParts(db, scope, d, filter, "none");
  const [byState, byTheme, byYear, offersByState, offersByStatus] = await Promise.all([
    activityParts(db, scope, d, filter, "state"),
    activityParts(db, scope, d, filter, "theme"),
    yearBreakdownOf(db, scope, d, filter, total),
    sumOffers(db, scope, { providerId: org.id }, "state"),
    sumOffers(db, scope, { providerId: org.id }, "status"),
  ]);
  const names = await listStateNames(db, [...byState.counts.map((c) => c.cell), ...offersByState.counts.map((c) => c.cell)]);
  const stateLabels = new Map<string, OrganizationLabel>([...names].map(([iso3, name]) => [iso3, { id: iso3, slug: iso3, name, acronym: null }]));
  const offerTotal = new MoneyTotal();
  offerTotal.add(offersByStatus.money, false);
  const activities = { total: totalOf(total, d), byState: breakdownOf(byState, total, d, stateLabels), byTheme: breakdownOf(byTheme, total, d), byYear };
  const offers = {
    total: sumCounts(offersByStatus.counts),
    budget: offerTotal.result(),
    byState: offerRows(offersByState.counts, offersByState.money, stateLabels),
    byStatus: countRows(offersByStatus.counts),
  };
  return {
    provider: { id: org.id, slug: org.slug, name: org.name, acronym: org.acronym, iatiRef: org.iatiRef },
    offers,
    activities,
    rates: await ratesOn(db, [moneyOfFigures(activities.total), [offers.budget], byYear.rows.flatMap((r) => [r.committed, r.disbursed])]),
  };
}

/** Providers the register's filter offers (those with something the viewer may see). */
export async function listRegisterProviderChoices(db: Db, viewer: Viewer): Promise<{ slug: string; name: string }[]> {
  return (await listRegisterProviders(db, scopeOf(viewer))).map((p) => ({ slug: p.slug, name: p.name }));
}
