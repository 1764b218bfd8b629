import { CHART_PALETTE, estimateTextWidth, type VegaLiteSpec } from "./chart-render.js";

// Builders for the charts the product shows, from plain rows to Vega-Lite specs for renderChartSvg. Axis titles are
// by position as drawn: `xTitle` is the horizontal axis, `yTitle` the vertical one, whatever the orientation.
// Each builder fixes the total size (autosize "fit" includes labels and legend), so a page knows the SVG's
// dimensions in advance: by default 560 units wide, which scales to a phone through viewBox.

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
export const DEFAULT_CHART_WIDTH = 560;
export const DEFAULT_CHART_HEIGHT = 320;
/** Category labels longer than this are cut with an ellipsis on the axis; the page's table shows them in full. */
export const LABEL_MAX_CHARS = 40;
// A pixel cap as well, for scripts whose characters are wider than Latin ones (40 Chinese characters ≈ 480 units).
const LABEL_MAX_WIDTH = 270;
// Horizontal charts are sized by bar count (a numeric height rather than Vega-Lite's {step}, which "fit-x" rejects).
const BAR_STEP = 24;
/** d3-format for values printed on bars: thousands grouped, at most two decimals, trailing zeros dropped. */
export const DEFAULT_VALUE_FORMAT = ",.2~f";
// Dash patterns distinguish lines without colour (colour-blind readers, greyscale print of a DOCX).
const DASHES = [
  [1, 0],
  [7, 3],
  [2, 2],
  [9, 3, 2, 3],
  [4, 4],
  [1, 4],
];

export interface BarDatum {
  label: string;
  value: number;
}

export interface BarChartInput {
  data: readonly BarDatum[];
  xTitle: string;
  yTitle: string;
  /** Bars along the horizontal axis, labels down the left: for many or long labels (countries, themes). */
  horizontal?: boolean;
  /** "value": largest first; "none" (default): the order of `data` (e.g. UPR cycles in chronological order). */
  sort?: "value" | "none";
  /** Print each value at the end of its bar (default: on for horizontal charts, where there is room). */
  valueLabels?: boolean;
  valueFormat?: string;
  width?: number;
  /** Vertical charts only: horizontal ones grow 24 units per bar. */
  height?: number;
}

export interface StackedBarDatum {
  category: string;
  series: string;
  value: number;
}

export interface StackedBarChartInput {
  data: readonly StackedBarDatum[];
  xTitle: string;
  yTitle: string;
  /** Every series, in stacking and legend order (first at the base of the stack). */
  seriesOrder: readonly string[];
  /** Colour per series name; series without one take the palette colour of their position. */
  seriesColors?: Readonly<Record<string, string>>;
  legendTitle?: string;
  /** Category order; default: order of first appearance in `data`. */
  categoryOrder?: readonly string[];
  horizontal?: boolean;
  width?: number;
  height?: number;
}

export interface LineDatum {
  /** An ISO date without time ("2021", "2021-03" or "2021-03-15"), read as UTC so output never depends on the host. */
  date: string;
  value: number;
  /** Omit for a single line. */
  series?: string;
}

export interface LineChartInput {
  data: readonly LineDatum[];
  xTitle: string;
  yTitle: string;
  seriesOrder?: readonly string[];
  seriesColors?: Readonly<Record<string, string>>;
  legendTitle?: string;
  /** The data's granularity: "year" puts one tick per year labelled with the year alone. */
  timeUnit?: "year" | "month" | "day";
  /** Mark each value with a dot (default: when there are at most 60 values per line). */
  points?: boolean;
  width?: number;
  height?: number;
}

// Truncates on the axis only: the scale keeps the full label as its key, so two labels sharing their first 40
// characters stay two bars.
const TRUNCATE_LABEL = `length(datum.label) > ${LABEL_MAX_CHARS} ? trim(slice(datum.label, 0, ${LABEL_MAX_CHARS - 1})) + '\u2026' : datum.label`;
// maxExtent: Vega reserves at most 200 units for an axis by default and would set the title over longer labels.
const categoryAxis = { labelExpr: TRUNCATE_LABEL, labelLimit: LABEL_MAX_WIDTH, maxExtent: LABEL_MAX_WIDTH + 10, ticks: false, domain: false, labelPadding: 6 };
const valueAxis = { grid: true, tickCount: 5, domain: false, ticks: false };

function requireUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new Error(`Chart data has two ${what} named "${v.replace("\u0000", " / ")}": aggregate them before charting`);
    seen.add(v);
  }
}

function requireFinite(values: readonly number[]): void {
  if (values.some((v) => !Number.isFinite(v))) throw new Error("Chart values must be finite numbers");
}

function seriesScale(order: readonly string[], colors: Readonly<Record<string, string>> | undefined) {
  return {
    domain: [...order],
    range: order.map((name, i) => colors?.[name] ?? CHART_PALETTE[i % CHART_PALETTE.length] ?? CHART_PALETTE[0]),
  };
}

function legendFor(title: string | undefined) {
  // Above the plot, in a row: on a phone the key is read before the bars and does not eat plot width.
  return { title: title ?? null, orient: "top" as const, direction: "horizontal" as const, symbolType: "square", labelLimit: 200 };
}

export function barChart(input: BarChartInput): VegaLiteSpec {
  requireUnique(
    input.data.map((d) => d.label),
    "bars",
  );
  requireFinite(input.data.map((d) => d.value));
  const horizontal = input.horizontal ?? false;
  const valueLabels = input.valueLabels ?? horizontal;
  // Sorted here rather than by the scale: a layered bar + text chart would otherwise get two conflicting sorts.
  // Array.prototype.sort is stable, so ties keep the caller's order.
  const values = input.data.map((d) => ({ label: d.label, value: d.value }));
  if (input.sort === "value") values.sort((a, b) => b.value - a.value);
  const [catChannel, valChannel] = horizontal ? (["y", "x"] as const) : (["x", "y"] as const);
  const category = {
    field: "label",
    type: "nominal" as const,
    sort: null,
    title: horizontal ? input.yTitle : input.xTitle,
    axis: horizontal ? categoryAxis : { ...categoryAxis, labelAngle: -45 },
  };
  const value = { field: "value", type: "quantitative" as const, title: horizontal ? input.xTitle : input.yTitle, axis: valueAxis };
  const text = horizontal ? { align: "left" as const, baseline: "middle" as const, dx: 4 } : { align: "center" as const, baseline: "bottom" as const, dy: -3 };
  // "fit" sizes the plot without the value printed past the longest bar: reserve room for it in the padding. English
  // grouping stands in for the locale's (separators of similar width); the estimate errs wide.
  const english = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
  const widest = Math.max(0, ...values.map((d) => estimateTextWidth(english.format(d.value), 12)));
  const padding = valueLabels
    ? horizontal
      ? { left: 4, top: 4, bottom: 4, right: 8 + Math.ceil(widest) }
      : { left: 4, right: 4, bottom: 4, top: 20 }
    : undefined;

  return {
    $schema: SCHEMA,
    width: input.width ?? DEFAULT_CHART_WIDTH,
    height: horizontal ? Math.max(values.length, 1) * BAR_STEP : (input.height ?? DEFAULT_CHART_HEIGHT),
    autosize: { type: horizontal ? "fit-x" : "fit", contains: "padding" },
    ...(padding ? { padding } : {}),
    data: { values },
    encoding: { [catChannel]: category, [valChannel]: value },
    layer: [
      { mark: { type: "bar" } },
      ...(valueLabels
        ? [
            {
              mark: { type: "text" as const, ...text },
              encoding: { text: { field: "value", type: "quantitative" as const, format: input.valueFormat ?? DEFAULT_VALUE_FORMAT } },
            },
          ]
        : []),
    ],
  } as VegaLiteSpec;
}

export function stackedBarChart(input: StackedBarChartInput): VegaLiteSpec {
  requireUnique(input.seriesOrder, "series");
  requireUnique(
    input.data.map((d) => `${d.category}\u0000${d.series}`),
    "category/series rows",
  );
  requireFinite(input.data.map((d) => d.value));
  const rank = new Map(input.seriesOrder.map((s, i) => [s, i]));
  const values = input.data.map((d) => {
    const seriesRank = rank.get(d.series);
    if (seriesRank === undefined) throw new Error(`Series "${d.series}" is missing from seriesOrder`);
    return { label: d.category, series: d.series, value: d.value, seriesRank };
  });
  const horizontal = input.horizontal ?? false;
  const [catChannel, valChannel] = horizontal ? (["y", "x"] as const) : (["x", "y"] as const);

  return {
    $schema: SCHEMA,
    width: input.width ?? DEFAULT_CHART_WIDTH,
    height: horizontal ? Math.max(new Set(values.map((v) => v.label)).size, 1) * BAR_STEP : (input.height ?? DEFAULT_CHART_HEIGHT),
    autosize: { type: horizontal ? "fit-x" : "fit", contains: "padding" },
    data: { values },
    // A white outline keeps adjacent segments apart, so each needs contrast only with white (WCAG 1.4.11).
    mark: { type: "bar", stroke: "#ffffff", strokeWidth: 1 },
    encoding: {
      [catChannel]: {
        field: "label",
        type: "nominal",
        sort: input.categoryOrder ? [...input.categoryOrder] : null,
        title: horizontal ? input.yTitle : input.xTitle,
        axis: horizontal ? categoryAxis : { ...categoryAxis, labelAngle: -45 },
      },
      [valChannel]: { field: "value", type: "quantitative", stack: "zero", title: horizontal ? input.xTitle : input.yTitle, axis: valueAxis },
      color: { field: "series", type: "nominal", scale: seriesScale(input.seriesOrder, input.seriesColors), legend: legendFor(input.legendTitle) },
      order: { field: "seriesRank", type: "quantitative" },
    },
  } as VegaLiteSpec;
}

// Ticks on whole years or months, at most ~8 of them, instead of Vega's weekly ticks between monthly data points.
function timeTicks(unit: LineChartInput["timeUnit"], values: readonly { date: string }[]) {
  if (unit !== "year" && unit !== "month") return {};
  const months = values.map((v) => {
    const d = new Date(Date.parse(v.date));
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  });
  const span = months.length ? Math.max(...months) - Math.min(...months) + 1 : 1;
  if (unit === "year" || span > 48) {
    const years = Math.ceil(span / 12);
    const step = [1, 2, 5, 10, 20, 50].find((s) => years / s <= 8) ?? 100;
    return { format: "%Y", tickCount: { interval: "year" as const, step } };
  }
  const step = [1, 2, 3, 6, 12].find((s) => span / s <= 8) ?? 12;
  return { format: step === 12 ? "%Y" : "%b %Y", tickCount: { interval: "month" as const, step } };
}

export function lineChart(input: LineChartInput): VegaLiteSpec {
  requireFinite(input.data.map((d) => d.value));
  // Date-only ISO strings are parsed as UTC; a time without a zone would be local time and vary with the server.
  const bad = input.data.find((d) => !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(d.date) || Number.isNaN(Date.parse(d.date)));
  if (bad) throw new Error(`Chart dates must be "YYYY", "YYYY-MM" or "YYYY-MM-DD", not "${bad.date}"`);
  const named = input.data.filter((d) => d.series !== undefined);
  if (named.length !== 0 && named.length !== input.data.length) throw new Error("Either every point or none names a series");
  const order = input.seriesOrder ?? [...new Set(named.map((d) => d.series as string))];
  requireUnique(order, "series");
  const stray = named.find((d) => !order.includes(d.series as string));
  if (stray) throw new Error(`Series "${stray.series}" is missing from seriesOrder`);
  requireUnique(
    input.data.map((d) => `${d.series ?? ""}\u0000${d.date}`),
    "points",
  );
  const lines = Math.max(order.length, 1);
  const points = input.points ?? input.data.length / lines <= 60;
  // Sorted by date so each line is drawn left to right whatever the order of the rows.
  const values = input.data.map((d) => ({ date: d.date, value: d.value, series: d.series ?? "" })).sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const scale = seriesScale(order, input.seriesColors);
  // Line swatches, so the legend shows each dash pattern as well as its colour (one legend: both channels agree).
  const legend = { ...legendFor(input.legendTitle), symbolType: "stroke", symbolStrokeWidth: 2, symbolSize: 300 };

  return {
    $schema: SCHEMA,
    width: input.width ?? DEFAULT_CHART_WIDTH,
    height: input.height ?? DEFAULT_CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    data: { values },
    mark: { type: "line", strokeWidth: 2, point: points ? { filled: true, size: 36 } : false },
    encoding: {
      x: {
        field: "date",
        type: "temporal",
        // UTC: dates are calendar days, and local time would shift them with the server's time zone.
        scale: { type: "utc" },
        title: input.xTitle,
        axis: { grid: false, labelOverlap: true, ...timeTicks(input.timeUnit, values) },
      },
      y: { field: "value", type: "quantitative", title: input.yTitle, axis: valueAxis },
      ...(named.length > 0
        ? {
            color: { field: "series", type: "nominal", scale, legend },
            strokeDash: {
              field: "series",
              type: "nominal",
              scale: { domain: scale.domain, range: order.map((_, i) => DASHES[i % DASHES.length]) },
              legend,
            },
          }
        : {}),
    },
  } as VegaLiteSpec;
}
