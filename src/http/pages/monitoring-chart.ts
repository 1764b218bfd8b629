import { CHART_INK, CHART_PALETTE, renderChartSvg, type VegaLiteSpec } from "../../exports/charts/chart-render.js";
import type { IndicatorSeries, Sex } from "../../domain/education/monitoring-schemas.js";
import type { PageContext } from "../../web/page-context.js";
import { formatDecimal } from "./monitoring-bits.js";

// A small line chart of one indicator series by sex (R27), rendered to SVG on the server. Readable without colour:
// each sex has its own dash pattern and point shape as well as its colour, and the legend shows all three; the
// target is a labelled rule. The table beside the chart carries the same values for screen readers and print.

const SEX_ORDER: readonly Sex[] = ["total", "female", "male"];
const STYLE: Record<Sex, { color: string; dash: number[]; shape: string }> = {
  total: { color: CHART_PALETTE[0], dash: [1, 0], shape: "circle" },
  female: { color: CHART_PALETTE[1], dash: [6, 3], shape: "square" },
  male: { color: CHART_PALETTE[4], dash: [2, 2], shape: "triangle-up" },
};

const CACHE_SIZE = 200;
const cache = new Map<string, string>();

export function seriesChartSpec(series: IndicatorSeries, labels: { sex: Record<Sex, string>; x: string; y: string; target: string | null }): VegaLiteSpec {
  const present = SEX_ORDER.filter((s) => series.values.some((v) => v.sex === s));
  const domain = present.map((s) => labels.sex[s]);
  const values = series.values.map((v) => ({ year: v.year, value: Number(v.value), sex: labels.sex[v.sex] }));
  const scale = (pick: (s: Sex) => unknown) => ({ domain, range: present.map(pick) });
  const legend = { title: null, orient: "top", direction: "horizontal", symbolStrokeWidth: 2, symbolSize: 120, labelLimit: 200 };
  const x = { field: "year", type: "quantitative", title: labels.x, scale: { zero: false, nice: false }, axis: { format: "d", tickMinStep: 1, grid: false } };
  const y = { field: "value", type: "quantitative", title: labels.y, scale: { zero: series.unit === "number" }, axis: { grid: true, tickCount: 5 } };
  const layers: unknown[] = [
    {
      mark: { type: "line", strokeWidth: 2 },
      encoding: {
        x,
        y,
        color: { field: "sex", type: "nominal", scale: scale((s) => STYLE[s].color), legend },
        strokeDash: { field: "sex", type: "nominal", scale: scale((s) => STYLE[s].dash), legend },
      },
    },
    {
      mark: { type: "point", filled: true, size: 60, opacity: 1 },
      encoding: {
        x,
        y,
        color: { field: "sex", type: "nominal", scale: scale((s) => STYLE[s].color), legend },
        shape: { field: "sex", type: "nominal", scale: scale((s) => STYLE[s].shape), legend },
      },
    },
  ];
  if (labels.target !== null && series.targetValue !== null) {
    const target = { data: { values: [{ value: Number(series.targetValue), label: labels.target }] } };
    layers.push(
      { ...target, mark: { type: "rule", color: CHART_INK, strokeDash: [4, 4] }, encoding: { y: { field: "value", type: "quantitative" } } },
      {
        ...target,
        mark: { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -2, x: 0, color: CHART_INK },
        encoding: { y: { field: "value", type: "quantitative" }, text: { field: "label" } },
      },
    );
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 480,
    height: 220,
    autosize: { type: "fit", contains: "padding" },
    data: { values },
    layer: layers,
    resolve: { scale: { color: "shared", strokeDash: "shared", shape: "shared" } },
  } as VegaLiteSpec;
}

/** The chart's SVG, or null when the series has no value yet. Rendering costs milliseconds: recent charts are kept. */
export async function seriesChartSvg(ctx: PageContext, series: IndicatorSeries): Promise<string | null> {
  if (series.values.length === 0) return null;
  const { t } = ctx;
  const target =
    series.targetValue !== null && series.targetYear !== null
      ? t("monitoring.chart.targetLabel", { year: String(series.targetYear), value: formatDecimal(ctx.lang, series.targetValue) })
      : null;
  const spec = seriesChartSpec(series, {
    sex: { total: t("monitoring.sex.total"), female: t("monitoring.sex.female"), male: t("monitoring.sex.male") },
    x: t("monitoring.col.year"),
    y: t(`monitoring.unit.${series.unit}`),
    target,
  });
  const options = {
    title: t("monitoring.chart.title", { title: series.title }),
    description: t("monitoring.chart.desc", { title: series.title }),
    lang: ctx.lang,
    idPrefix: `s${series.id.slice(0, 8)}`,
  };
  const key = JSON.stringify([spec, options]);
  let svg = cache.get(key);
  if (!svg) {
    svg = await renderChartSvg(spec, options);
    cache.set(key, svg);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  return svg;
}
