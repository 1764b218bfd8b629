import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ClosureGlobalQuery, ClosureGlobalView } from "../../domain/education/closure-global-schemas.js";
import { getClosureDailySeries, getClosureGlobalView } from "../../domain/education/closure-global-service.js";
import { renderChartSvgCached } from "../../exports/charts/chart-render.js";
import { closureAreaChart, regionShareChart } from "../../exports/charts/closure-global-chart.js";
import { CLOSURE_DAY_COLUMNS, type ClosureDayDownloadRow } from "../../exports/closure-global-table.js";
import { TABLE_FORMATS, tableFileName } from "../../exports/hxl.js";
import { formatDate } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { sendTable } from "../table-download.js";
import { releaseName, releaseTitle } from "./closure-release-name.js";
import {
  ClosureFilters,
  DailyDownloads,
  LearnersSection,
  RegionsSection,
  regionName,
  SourcesSection,
  StatusKey,
  statusName,
  TopCountriesSection,
  WeeksTable,
} from "./education-global-parts.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";

// /education: the global view of school closures (res. 45/32 PP10: assess and monitor the effects of school closures;
// R25; issue 6 item 4), and its downloads /education.csv, /education.hxl.csv, /education.json with the page's query.
// A GET form, no JavaScript; bad filters are a 400 naming the filter.

type Charts = { status: string | null; regions: string | null };

function queryOf(request: FastifyRequest): ClosureGlobalQuery {
  const q = request.query;
  return { release: field(q, "release"), region: field(q, "region"), group: field(q, "group"), ldc: field(q, "ldc"), sids: field(q, "sids") };
}

function closedWordOf(ctx: PageContext, view: ClosureGlobalView): string {
  const series = view.series;
  const closed = series?.statuses.find((s) => s.comparable === "closed");
  return series && closed ? statusName(ctx, series.release.scale, closed) : "";
}

async function chartsOf(ctx: PageContext, view: ClosureGlobalView): Promise<Charts> {
  const series = view.series;
  if (!series || series.days.every((d) => d.reporting === 0)) return { status: null, regions: null };
  const { t, lang } = ctx;
  const scale = series.release.scale;
  const r = series.release;
  const names = new Map(view.choices.regions.map((x) => [x.code, x.name]));
  const status = renderChartSvgCached(
    closureAreaChart({
      statuses: series.statuses.map((s) => ({ name: statusName(ctx, scale, s), comparable: s.comparable })),
      days: series.days.map((d) => ({ day: d.day, counts: d.byStatus.map((c) => c.countries) })),
      xTitle: t("edu.chart.x"),
      yTitle: t("edu.chart.y"),
    }),
    {
      title: t("edu.chart.title"),
      description: t("edu.chart.desc", { label: releaseTitle(ctx, r), from: formatDate(lang, r.coverageFrom), to: formatDate(lang, r.coverageTo) }),
      lang,
    },
  );
  const shares = view.regions.filter((x) => x.shareClosed !== null);
  const regions =
    shares.length > 1
      ? renderChartSvgCached(
          regionShareChart(
            shares.map((x) => ({ label: regionName(ctx, x.regionCode, names.get(x.regionCode)), percent: (x.shareClosed ?? 0) * 100 })),
            { x: t("edu.regions.chartX"), y: t("edu.col.region") },
          ),
          {
            title: t("edu.regions.chartTitle"),
            description: t("edu.regions.chartDesc", { status: closedWordOf(ctx, view), label: releaseName(ctx, r) }),
            lang,
          },
        )
      : Promise.resolve(null);
  const [a, b] = await Promise.all([status, regions]);
  return { status: a, regions: b };
}

function Summary({ ctx, view }: { ctx: PageContext; view: ClosureGlobalView }) {
  const { t, lang } = ctx;
  const series = view.series;
  if (!series) return null;
  const r = series.release;
  const countries = view.regions.reduce((n, x) => n + x.countries, 0);
  const closedWord = closedWordOf(ctx, view);
  return (
    <div class="closure-summary">
      <p>
        {t("edu.summary.coverage", {
          label: releaseTitle(ctx, r),
          days: r.days,
          from: formatDate(lang, r.coverageFrom),
          to: formatDate(lang, r.coverageTo),
          countries,
        })}
      </p>
      <p class="closure-peak">
        {view.peak
          ? t("edu.summary.peak", { count: view.peak.countries, status: closedWord, date: formatDate(lang, view.peak.day) })
          : t("edu.summary.noPeak", { status: closedWord })}
      </p>
    </div>
  );
}

export function EducationGlobalPage({ ctx, view, charts, labels }: { ctx: PageContext; view: ClosureGlobalView; charts: Charts; labels: CodeLabels }) {
  const { t } = ctx;
  const series = view.series;
  const closedWord = closedWordOf(ctx, view);
  return (
    <Layout ctx={ctx} title={t("edu.title")} active="education">
      <h1>{t("edu.title")}</h1>
      <p class="lead">{t("edu.lead")}</p>
      {!series ? (
        <p>{t("edu.none")}</p>
      ) : (
        <>
          <ClosureFilters ctx={ctx} view={view} />
          <Summary ctx={ctx} view={view} />
          <section aria-labelledby="edu-chart">
            <h2 id="edu-chart">{t("edu.chart.heading")}</h2>
            {charts.status && <figure class="chart closure-chart" dangerouslySetInnerHTML={{ __html: charts.status }} />}
            <StatusKey ctx={ctx} scale={series.release.scale} statuses={series.statuses} />
            <WeeksTable ctx={ctx} scale={series.release.scale} label={releaseName(ctx, series.release)} statuses={series.statuses} weeks={view.weeks} />
            <DailyDownloads ctx={ctx} view={view} />
          </section>
          <LearnersSection ctx={ctx} view={view} />
          <RegionsSection ctx={ctx} view={view} chartSvg={charts.regions} closedWord={closedWord} />
          <TopCountriesSection ctx={ctx} view={view} labels={labels} closedWord={closedWord} />
        </>
      )}
      <SourcesSection ctx={ctx} view={view} />
    </Layout>
  );
}

/** The page's figures as download rows: every day and status of the release, for the selected countries. */
export function closureDownloadRows(view: ClosureGlobalView | { series: ClosureGlobalView["series"] }): ClosureDayDownloadRow[] {
  const series = view.series;
  if (!series) return [];
  const r = series.release;
  return series.days.flatMap((d) =>
    d.byStatus.map((c, i) => {
      const s = series.statuses[i];
      return {
        day: d.day,
        releaseId: r.id,
        releaseLabel: r.label,
        source: r.source,
        scaleCode: c.status,
        status: s?.word ?? String(c.status),
        comparable: s?.comparable ?? null,
        countries: c.countries,
        reporting: d.reporting,
        learnersTotal: c.learnersTotal,
        learnersCountries: c.learnersCountries,
      };
    }),
  );
}

export function registerEducationGlobalPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/education", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const view = await getClosureGlobalView(db, queryOf(request));
    const [charts, labels] = await Promise.all([chartsOf(ctx, view), codeLabels(db, ctx.lang)]);
    return sendPage(reply, <EducationGlobalPage ctx={ctx} view={view} charts={charts} labels={labels} />);
  });

  for (const format of TABLE_FORMATS) {
    app.get(`/${tableFileName("education", format)}`, async (request, reply) => {
      // Checked before anything is sent: a bad filter is a clear 400, not a broken download.
      const series = await getClosureDailySeries(db, queryOf(request));
      const name = series ? `school-closures-${series.release.id}` : "school-closures";
      return sendTable(db, request, reply, { format, filename: name, columns: CLOSURE_DAY_COLUMNS, rows: closureDownloadRows({ series }) });
    });
  }
}
