import type { FastifyInstance } from "fastify";
import { POSITIONS, type Position } from "../../domain/recommendations/recommendation-schemas.js";
import {
  iterateRecommendations,
  RecommendationQuerySchema,
  type RecommendationSummary,
  summarizeStatePositions,
} from "../../domain/recommendations/recommendation-search.js";
import { getCountry } from "../../domain/reference/reference-service.js";
import { renderChartSvg } from "../../exports/charts/chart-render.js";
import { stackedBarChart } from "../../exports/charts/chart-specs.js";
import { dirOf, PositionBadge } from "../../web/components/recommendation-bits.js";
import { formatNumber } from "../../web/i18n/i18n.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { recommendationHref } from "./recommendation-search-page.js";
import { field, sendPage } from "./render.js";
import type { Db } from "../../store/db.js";

// The series of the chart and table: supported and noted, and everything else together (never coerced into either).
const SERIES = ["supported", "noted", "other"] as const;
type Series = (typeof SERIES)[number];
const seriesOf = (p: string): Series => (p === "supported" || p === "noted" ? p : "other");

const CHART_CACHE_SIZE = 300;
const chartCache = new Map<string, string>();

export type StateRecommendationSummary = { total: number; rows: { cycle: string; counts: Record<Series, number>; total: number }[]; chartSvg: string | null };

/** Counts by cycle and position for a State's page, with the chart (R15: "counts by position and cycle"). */
export async function summarizeStateRecommendations(db: Db, iso3: string, stateName: string, ctx: PageContext): Promise<StateRecommendationSummary> {
  const counts = await summarizeStatePositions(db, iso3);
  const byCycle = new Map<string, Record<Series, number>>();
  for (const c of counts) {
    const key = c.cycle === null ? "—" : String(c.cycle);
    const row = byCycle.get(key) ?? { supported: 0, noted: 0, other: 0 };
    row[seriesOf(c.position)] += c.n;
    byCycle.set(key, row);
  }
  const rows = [...byCycle.entries()].map(([cycle, c]) => ({ cycle, counts: c, total: c.supported + c.noted + c.other }));
  const total = rows.reduce((a, r) => a + r.total, 0);
  if (total === 0) return { total, rows, chartSvg: null };
  const { t } = ctx;
  const seriesLabel: Record<Series, string> = { supported: t("position.supported"), noted: t("position.noted"), other: t("common.other") };
  const spec = stackedBarChart({
    data: rows.flatMap((r) => SERIES.map((s) => ({ category: t("recs.cycle", { cycle: r.cycle }), series: seriesLabel[s], value: r.counts[s] }))),
    seriesOrder: SERIES.map((s) => seriesLabel[s]),
    xTitle: t("recs.facet.cycle"),
    yTitle: t("recs.title"),
    legendTitle: t("recs.facet.position"),
    height: 220,
  });
  const options = { title: t("country.recs.chartTitle", { state: stateName }), description: t("country.recs.chartDesc"), lang: ctx.lang };
  // Rendering costs ~10–20 ms and its output depends only on the spec and options: keep recent charts.
  const key = JSON.stringify([spec, options]);
  let chartSvg = chartCache.get(key);
  if (!chartSvg) {
    chartSvg = await renderChartSvg(spec, options);
    chartCache.set(key, chartSvg);
    if (chartCache.size > CHART_CACHE_SIZE) chartCache.delete(chartCache.keys().next().value as string);
  }
  return { total, rows, chartSvg };
}

export function StateRecommendationsSection({ ctx, iso3, summary }: { ctx: PageContext; iso3: string; summary: StateRecommendationSummary }) {
  const { t, lang } = ctx;
  if (summary.total === 0) return <p>{t("country.recs.none")}</p>;
  return (
    <>
      <p>
        <a href={`/countries/${iso3}/recommendations`}>{t("country.recs.byTheme")}</a> ·{" "}
        <a href={`/recommendations?state=${iso3}`}>{t("country.recs.search")}</a>
      </p>
      <h3>{t("country.recs.byCycle")}</h3>
      <div class="chart-and-table">
        {summary.chartSvg && <figure class="chart" dangerouslySetInnerHTML={{ __html: summary.chartSvg }} />}
        <ScrollTable headers={[t("recs.facet.cycle"), t("position.supported"), t("position.noted"), t("common.other"), t("country.recs.total")]}>
          {summary.rows.map((r) => (
            <tr key={r.cycle}>
              <th scope="row">
                <a href={`/recommendations?state=${iso3}&cycle=${r.cycle}`}>{t("recs.cycle", { cycle: r.cycle })}</a>
              </th>
              {SERIES.map((s) => (
                <td key={s} class="num">
                  {formatNumber(lang, r.counts[s])}
                </td>
              ))}
              <td class="num">{formatNumber(lang, r.total)}</td>
            </tr>
          ))}
        </ScrollTable>
      </div>
    </>
  );
}

function ThemeGroups({ ctx, items, labels }: { ctx: PageContext; items: RecommendationSummary[]; labels: CodeLabels }) {
  const { t } = ctx;
  const groups = new Map<string, RecommendationSummary[]>();
  for (const r of items) for (const code of r.themes.length ? r.themes : [""]) groups.set(code, [...(groups.get(code) ?? []), r]);
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
  return (
    <>
      <nav aria-label={t("rec.themes")} class="toc">
        <ul>
          {ordered.map(([code, list]) => (
            <li key={code || "none"}>
              <a href={`#theme-${code || "none"}`}>{code ? labels.theme(code) : t("staterecs.noTheme")}</a> <span class="count">{list.length}</span>
            </li>
          ))}
        </ul>
      </nav>
      {ordered.map(([code, list]) => (
        <section key={code || "none"} aria-labelledby={`theme-${code || "none"}`}>
          <h2 id={`theme-${code || "none"}`}>
            {code ? labels.theme(code) : t("staterecs.noTheme")} <span class="meta">({t("staterecs.count", { count: list.length })})</span>
          </h2>
          <ul class="rec-list compact">
            {list.map((r) => (
              <li key={r.id} class="rec-item">
                <PositionBadge ctx={ctx} position={r.position as Position} word={r.positionWord} />{" "}
                <a href={recommendationHref(r.id)} lang={r.textLang} dir={dirOf(r.textLang)}>
                  {r.text}
                </a>{" "}
                <span class="meta">
                  {r.session ? t("recs.session", { session: r.session }) : ""}
                  {r.recommendingStates.length ? ` · ${r.recommendingStates.map(labels.country).join(", ")}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function registerStateRecommendationsPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  app.get("/countries/:iso3/recommendations", async (request, reply) => {
    const { iso3 } = request.params as { iso3: string };
    const country = await getCountry(db, iso3.toUpperCase());
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t } = ctx;
    const labels = await codeLabels(db, ctx.lang);
    const position = POSITIONS.find((p) => p === field(request.query, "position"));
    const cycle = field(request.query, "cycle");
    const query = RecommendationQuerySchema.parse({ state: country.iso3, position, cycle: cycle && /^\d+$/.test(cycle) ? cycle : undefined, order: "date" });
    const items: RecommendationSummary[] = [];
    for await (const page of iterateRecommendations(db, query)) items.push(...page);
    const name = labels.country(country.iso3);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("staterecs.title", { state: name })} active="countries">
        <p class="meta">
          <a href={`/countries/${country.iso3}`}>{name}</a>
        </p>
        <h1>{t("staterecs.title", { state: name })}</h1>
        <p class="lead">{t("staterecs.lead")}</p>
        <p>
          {t("staterecs.count", { count: items.length })} · <a href={`/recommendations?state=${country.iso3}`}>{t("country.recs.search")}</a>
        </p>
        {items.length === 0 ? <p>{t("country.recs.none")}</p> : <ThemeGroups ctx={ctx} items={items} labels={labels} />}
        <p class="meta">
          {t("recs.source.uprInfo")} · {t("recs.source.uhri")}
        </p>
      </Layout>,
    );
  });
}
