import { CHART_PALETTE, renderChartSvg, type VegaLiteSpec } from "../../exports/charts/chart-render.js";
import { DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH } from "../../exports/charts/chart-specs.js";
import type { SummaryYear } from "../../domain/transparency/register-schemas.js";
import type { PageContext } from "../../web/page-context.js";

// The register's chart (R14): commitments and disbursements in US dollars per year, side by side (a disbursement is
// part of a commitment, so the bars are grouped, never stacked), rendered to SVG on the server; the page's table
// beside it carries the same figures for screen readers and print.

const CACHE_SIZE = 200;
const cache = new Map<string, string>();

export function yearChartSpec(rows: readonly SummaryYear[], labels: { committed: string; disbursed: string; x: string; y: string }): VegaLiteSpec {
  // Numbers only for the bars' geometry: the figures people read stay decimal strings in the table beside the chart.
  const values = rows.flatMap((r) => [
    { year: r.year, series: labels.committed, value: Number(r.committed.usd) },
    { year: r.year, series: labels.disbursed, value: Number(r.disbursed.usd) },
  ]);
  const order = [labels.committed, labels.disbursed];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: DEFAULT_CHART_WIDTH,
    height: DEFAULT_CHART_HEIGHT - 60,
    autosize: { type: "fit", contains: "padding" },
    data: { values },
    // White outlines keep neighbouring bars apart, so each needs contrast with white only (WCAG 1.4.11).
    mark: { type: "bar", stroke: "#ffffff", strokeWidth: 1 },
    encoding: {
      x: { field: "year", type: "ordinal", title: labels.x, axis: { labelAngle: 0, ticks: false, domain: false } },
      xOffset: { field: "series", type: "nominal", sort: order },
      y: { field: "value", type: "quantitative", title: labels.y, axis: { grid: true, tickCount: 5, domain: false, ticks: false, format: "~s" } },
      color: {
        field: "series",
        type: "nominal",
        scale: { domain: order, range: [CHART_PALETTE[0], CHART_PALETTE[1]] },
        legend: { title: null, orient: "top", direction: "horizontal", symbolType: "square" },
      },
    },
  } as VegaLiteSpec;
}

/** The SVG of the chart, or null when there is nothing to draw. Rendering costs 10–20 ms: recent charts are kept. */
export async function yearChartSvg(ctx: PageContext, rows: readonly SummaryYear[]): Promise<string | null> {
  if (rows.length === 0) return null;
  const { t } = ctx;
  const spec = yearChartSpec(rows, {
    committed: t("register.chart.committed"),
    disbursed: t("register.chart.disbursed"),
    x: t("register.col.year"),
    y: t("register.chart.yAxis"),
  });
  const options = { title: t("register.chart.title"), description: t("register.chart.desc"), lang: ctx.lang };
  const key = JSON.stringify([spec, options]);
  let svg = cache.get(key);
  if (!svg) {
    svg = await renderChartSvg(spec, options);
    cache.set(key, svg);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  return svg;
}
