import type { Db } from "../../store/db.js";
import {
  type ClosurePeriodRow,
  countEducationActivityParts,
  countEducationRecommendationRows,
  countRecommendationsBySdg4Target,
  listCountryClosurePeriodRows,
  listEducationActivityRows,
  listEducationRequestRows,
  SDG4_TARGETS,
} from "../../store/closure-country-store.js";
import { type ClosureReleaseRow, type ClosureStatusRow, listClosureReleases, listClosureStatuses } from "../../store/closure-release-store.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { listTaxonomyTerms } from "../reference/reference-service.js";
import { getCountry } from "../reference/reference-service.js";
import { breakDownActivities } from "../transparency/disclosure.js";
import { disclosureFor } from "../transparency/register-figures.js";
import { compareSeries, type DayWindow, daysIn, daysPerYear, intersectWindows, type StatusPeriod } from "./closure-comparison.js";
import type { ClosureComparisonView, ClosureReleaseView, CountryEducation, Sdg4Row } from "./country-education-schemas.js";

// One page that shows need, commitment and support together (R11, R25; res. 45/32 PP9–PP11, OP7): the State's
// school-closure periods per source release with days per year, UNESCO against OxCGRT and the UNESCO releases against
// each other day by day, its education recommendations, and the requests and activities on education the viewer may
// see, crossed with the SDG 4 targets.

type Words = (scale: string, code: number) => string;

function wordsOf(statuses: readonly ClosureStatusRow[]): Words {
  const map = new Map(statuses.map((s) => [`${s.scale}:${s.code}`, s.word]));
  return (scale, code) => map.get(`${scale}:${code}`) ?? String(code);
}

const toStatusPeriod = (p: ClosurePeriodRow): StatusPeriod => ({
  firstDay: p.firstDay,
  lastDay: p.lastDay,
  status: p.status,
  comparable: p.comparable,
  flag: p.flag,
});

function releaseView(r: ClosureReleaseRow, periods: readonly ClosurePeriodRow[], word: Words): ClosureReleaseView {
  const coverage: DayWindow = { from: r.coverageFrom, to: r.coverageTo };
  const years = periods.length === 0 ? [] : daysPerYear(periods.map(toStatusPeriod), coverage);
  return {
    id: r.id,
    source: r.source,
    scale: r.scale,
    publisher: r.publisher,
    label: r.label,
    fileName: r.fileName,
    licence: r.licence,
    coverage,
    importedAt: r.importedAt.toISOString(),
    hasData: periods.length > 0,
    periods: periods.map((p) => ({
      firstDay: p.firstDay,
      lastDay: p.lastDay,
      days: daysIn({ from: p.firstDay, to: p.lastDay }),
      status: p.status,
      word: word(r.scale, p.status),
      comparable: p.comparable,
      flag: p.flag,
      note: p.note,
    })),
    years: years.map((y) => ({
      year: y.year,
      window: y.window,
      days: daysIn(y.window),
      byStatus: [...y.byStatus.entries()].sort(([a], [b]) => a - b).map(([status, days]) => ({ status, word: word(r.scale, status), days })),
      noData: y.noData,
    })),
  };
}

function compare(kind: ClosureComparisonView["kind"], a: ClosureReleaseView, b: ClosureReleaseView, word: Words): ClosureComparisonView | null {
  const window = intersectWindows(a.coverage, b.coverage);
  if (!window) return null;
  const c = compareSeries(a.periods, b.periods, window);
  const side = (r: ClosureReleaseView, s: { status: number; comparable: "open" | "partial" | "closed"; flag: number | null }) => ({
    ...s,
    word: word(r.scale, s.status),
  });
  return {
    kind,
    a: { releaseId: a.id, label: a.label },
    b: { releaseId: b.id, label: b.label },
    window,
    days: c.days,
    comparable: c.comparable,
    agree: c.agree,
    disagree: c.disagree,
    notComparable: c.notComparable,
    missing: c.missing,
    disagreements: c.disagreements.map((d) => ({ from: d.from, to: d.to, days: d.days, a: side(a, d.a), b: side(b, d.b) })),
  };
}

/**
 * UNESCO's newest daily release against OxCGRT's newest release, and every other UNESCO release (the older
 * "National / Localized" scale, or an earlier daily release) against that daily release over their common days.
 * Releases without data for the State are left out: their days would all be "missing".
 */
function comparisonsOf(releases: readonly ClosureReleaseView[], word: Words): ClosureComparisonView[] {
  const withData = releases.filter((r) => r.hasData);
  const daily = withData.find((r) => r.scale === "unesco_status");
  if (!daily) return [];
  const out: (ClosureComparisonView | null)[] = [];
  const oxcgrt = withData.find((r) => r.scale === "oxcgrt_c1");
  if (oxcgrt) out.push(compare("sources", daily, oxcgrt, word));
  for (const older of withData.filter((r) => r.source === "unesco" && r !== daily)) out.push(compare("releases", older, daily, word));
  return out.filter((c): c is ClosureComparisonView => c !== null);
}

async function closuresOf(db: Db, iso3: string): Promise<{ releases: ClosureReleaseView[]; comparisons: ClosureComparisonView[] }> {
  const [releases, periods, statuses] = await Promise.all([listClosureReleases(db), listCountryClosurePeriodRows(db, iso3), listClosureStatuses(db)]);
  const word = wordsOf(statuses);
  const byRelease = new Map<number, ClosurePeriodRow[]>();
  for (const p of periods) byRelease.set(p.releaseId, [...(byRelease.get(p.releaseId) ?? []), p]);
  // UNESCO first (the daily release, then older ones), then OxCGRT, then national sources; newest coverage first.
  const rank = { unesco: 0, oxcgrt: 1, national: 2 } as const;
  const ordered = [...releases].sort((a, b) => rank[a.source] - rank[b.source] || b.coverageTo.localeCompare(a.coverageTo) || b.id - a.id);
  const views = ordered.map((r) => releaseView(r, byRelease.get(r.id) ?? [], word));
  return { releases: views, comparisons: comparisonsOf(views, word) };
}

async function recommendationsOf(db: Db, iso3: string): Promise<CountryEducation["recommendations"]> {
  const rows = await countEducationRecommendationRows(db, iso3);
  const byCycle = new Map<number | null, { supported: number; noted: number; other: number }>();
  for (const r of rows) {
    const c = byCycle.get(r.cycle) ?? { supported: 0, noted: 0, other: 0 };
    // Positions other than supported and noted are shown as they are, never coerced into either (R15).
    if (r.position === "supported" || r.position === "noted") c[r.position] += r.n;
    else c.other += r.n;
    byCycle.set(r.cycle, c);
  }
  const list = [...byCycle.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
    .map(([cycle, c]) => ({ cycle, ...c, total: c.supported + c.noted + c.other }));
  return { total: list.reduce((n, r) => n + r.total, 0), byCycle: list };
}

async function sdg4LabelsOf(db: Db, lang: string): Promise<Map<string, string>> {
  const terms = await listTaxonomyTerms(db, "sdg-target", { all: true });
  return new Map(terms.filter((t) => t.parentCode === "4").map((t) => [t.code, t.labels[lang] ?? t.labels.en ?? t.code]));
}

/** The State's closure periods per release with days per year and the comparisons (public data: no viewer). */
export async function getCountryClosures(db: Db, iso3: string): Promise<Pick<CountryEducation, "iso3" | "releases" | "comparisons">> {
  const country = await getCountry(db, iso3);
  return { iso3: country.iso3, ...(await closuresOf(db, country.iso3)) };
}

/** The State's education page as the viewer may see it; `lang` picks the SDG 4 target labels (English otherwise). */
export async function getCountryEducation(db: Db, viewer: Viewer, iso3: string, options: { lang?: string } = {}): Promise<CountryEducation> {
  const country = await getCountry(db, iso3);
  const code = country.iso3;
  const scope = scopeOf(viewer);
  const [closures, recommendations, recsByTarget, requests, visibleActivities, disclosure, labels] = await Promise.all([
    closuresOf(db, code),
    recommendationsOf(db, code),
    countRecommendationsBySdg4Target(db, code),
    listEducationRequestRows(db, scope, code),
    listEducationActivityRows(db, scope, code),
    disclosureFor(db, scope, { stateIso3: code }),
    sdg4LabelsOf(db, options.lang ?? "en"),
  ]);
  // Withheld activities count as the register counts them: only whole disclosure groups of at least 3 (R14, R31).
  const parts = await countEducationActivityParts(db, scope, code, disclosure.units);
  const totalParts = parts.filter((p) => p.cell === "");
  const cellParts = parts.filter((p) => p.cell !== "");
  const figures = breakDownActivities({ counts: cellParts, money: [] }, { counts: totalParts, money: [] }, disclosure.groups);
  const recsOf = new Map(recsByTarget.map((r) => [r.target, r.n]));
  const rows: Sdg4Row[] = SDG4_TARGETS.map((target) => ({
    target,
    label: labels.get(target) ?? target,
    recommendations: recsOf.get(target) ?? 0,
    requests: requests.filter((r) => r.sdgTargets.includes(target)).length,
    activities: figures.cells.get(target)?.activities ?? 0,
  }));
  return {
    iso3: code,
    ...closures,
    recommendations,
    requests: requests.map((r) => ({
      id: r.id,
      reference: r.reference,
      title: r.title,
      status: r.status,
      themes: r.themes,
      sdgTargets: r.sdgTargets,
      continuityNeeds: r.continuityNeeds,
    })),
    activities: {
      items: visibleActivities.map((a) => ({
        id: a.id,
        title: a.title,
        status: a.status,
        provider: { slug: a.providerSlug, name: a.providerName },
        themes: a.themes,
        sdgTargets: a.sdgTargets,
        start: a.start,
        end: a.end,
      })),
      total: figures.total.activities,
      withheldCounted: figures.total.withheldIncluded,
    },
    sdg4: { rows, activitiesNotBrokenDown: figures.notBrokenDown?.activities ?? 0 },
  };
}
