import { CHART_PALETTE, estimateTextWidth, type VegaLiteSpec } from "./chart-render.js";
import { barChart, DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH } from "./chart-specs.js";

// The global view's charts (res. 45/32 PP10; R25): the number of countries by school status per day as stacked areas,
// and the share of reported country-days closed per region as bars. Readable without colour: every area carries its
// status as a label inside the band (where the band is thick enough), the legend repeats the order, the stack order is
// fixed (most closed at the base) and the page's tables carry every figure.

export type ClosureSeriesStatus = {
  /** The translated status word shown in the legend and on the area. */
  name: string;
  comparable: "open" | "partial" | "closed" | null;
};

export type ClosureAreaInput = {
  statuses: readonly ClosureSeriesStatus[];
  /** One entry per day ("YYYY-MM-DD"), countries per status in the order of `statuses`. */
  days: readonly { day: string; counts: readonly number[] }[];
  xTitle: string;
  yTitle: string;
  width?: number;
  height?: number;
};

const BROWN = CHART_PALETTE[3];
const ORANGE = CHART_PALETTE[1];
const BLUE = CHART_PALETTE[0];
const GREY = CHART_PALETTE[2];
const VIOLET = CHART_PALETTE[4];

/**
 * Colours by what a status means: closed dark brown, partial orange, open blue, not comparable (an academic break)
 * grey; a second "open" status (OxCGRT C1 1, closing recommended) violet. Each has ≥ 4.5:1 against white, so the white
 * labels inside the areas are legible too.
 */
export function closureStatusColors(statuses: readonly ClosureSeriesStatus[]): string[] {
  const opens = statuses.filter((s) => s.comparable === "open").length;
  let seen = 0;
  return statuses.map((s) => {
    if (s.comparable === "closed") return BROWN;
    if (s.comparable === "partial") return ORANGE;
    if (s.comparable === "open") return ++seen < opens ? VIOLET : BLUE;
    return GREY;
  });
}

const LABEL_SIZE = 12;
// Roughly the plot's share of the chart's width and height once axes and legend are drawn.
const PLOT_SHARE_X = 0.82;
const PLOT_SHARE_Y = 0.72;

export type AreaLabel = { day: string; y: number; label: string };

/**
 * Where each status's name fits inside its band: the day whose neighbourhood (as wide as the label) keeps the band
 * thickest, if that thickness holds the text; none otherwise (the legend and the table still name it).
 */
export function placeAreaLabels(input: ClosureAreaInput): AreaLabel[] {
  const n = input.days.length;
  if (n < 3) return [];
  const width = (input.width ?? DEFAULT_CHART_WIDTH) * PLOT_SHARE_X;
  const height = (input.height ?? DEFAULT_CHART_HEIGHT) * PLOT_SHARE_Y;
  const totals = input.days.map((d) => d.counts.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const unitsPerCountry = height / max;
  const labels: AreaLabel[] = [];
  input.statuses.forEach((s, k) => {
    const textWidth = estimateTextWidth(s.name, LABEL_SIZE, true) + 8;
    if (textWidth > width * 0.9) return;
    const half = Math.ceil(((textWidth / width) * n) / 2);
    let best = { thickness: 0, index: -1 };
    for (let i = half; i < n - half; i++) {
      let thinnest = Number.POSITIVE_INFINITY;
      for (let j = i - half; j <= i + half && thinnest > best.thickness; j++) thinnest = Math.min(thinnest, input.days[j]?.counts[k] ?? 0);
      if (thinnest > best.thickness) best = { thickness: thinnest, index: i };
    }
    const day = input.days[best.index];
    if (!day || best.thickness * unitsPerCountry < LABEL_SIZE + 4) return;
    const below = day.counts.slice(0, k).reduce((a, b) => a + b, 0);
    labels.push({ day: day.day, y: below + (day.counts[k] ?? 0) / 2, label: s.name });
  });
  return labels;
}

/**
 * The first day, each day on which any count changes, and the last day: with step-after interpolation the drawing is
 * the same as with every day, for a fraction of the SVG (statuses hold for weeks).
 */
export function changeDays<D extends { counts: readonly number[] }>(days: readonly D[]): D[] {
  return days.filter((d, i) => {
    const before = days[i - 1];
    return i === 0 || i === days.length - 1 || !before || d.counts.some((n, k) => n !== before.counts[k]);
  });
}

function monthTicks(days: readonly { day: string }[]) {
  const first = days[0]?.day ?? "2020-01-01";
  const last = days[days.length - 1]?.day ?? first;
  const months = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7)) + 1;
  const step = [1, 2, 3, 4, 6, 12].find((s) => months / s <= 7) ?? 12;
  return { format: step === 12 ? "%Y" : "%b %Y", tickCount: { interval: "month" as const, step } };
}

/** Stacked areas of countries per status per day, each band named inside it; the base of the stack is the most closed. */
export function closureAreaChart(input: ClosureAreaInput): VegaLiteSpec {
  const colors = closureStatusColors(input.statuses);
  const names = input.statuses.map((s) => s.name);
  if (new Set(names).size !== names.length) throw new Error("Closure statuses must have distinct names");
  const values = changeDays(input.days).flatMap((d) => input.statuses.map((s, k) => ({ day: d.day, status: s.name, rank: k, countries: d.counts[k] ?? 0 })));
  if (values.some((v) => !Number.isFinite(v.countries))) throw new Error("Chart values must be finite numbers");
  const x = {
    field: "day",
    type: "temporal" as const,
    scale: { type: "utc" as const },
    title: input.xTitle,
    axis: { grid: false, labelOverlap: true, ...monthTicks(input.days) },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: input.width ?? DEFAULT_CHART_WIDTH,
    height: input.height ?? DEFAULT_CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    layer: [
      {
        data: { values },
        // Step-after: a status holds for the whole day, as the sources report it; white edges keep the bands apart.
        mark: { type: "area", interpolate: "step-after", stroke: "#ffffff", strokeWidth: 0.5 },
        encoding: {
          x,
          y: { field: "countries", type: "quantitative", stack: "zero", title: input.yTitle, axis: { grid: true, tickCount: 5, domain: false, ticks: false } },
          color: {
            field: "status",
            type: "nominal",
            scale: { domain: names, range: colors },
            legend: { title: null, orient: "top", direction: "horizontal", symbolType: "square", columns: 2, labelLimit: 260 },
          },
          order: { field: "rank", type: "quantitative" },
        },
      },
      {
        data: { values: placeAreaLabels(input) },
        mark: { type: "text", color: "#ffffff", fontWeight: "bold", fontSize: LABEL_SIZE, align: "center", baseline: "middle" },
        encoding: { x: { ...x, axis: null, title: null }, y: { field: "y", type: "quantitative" }, text: { field: "label", type: "nominal" } },
      },
    ],
  } as VegaLiteSpec;
}

/** Horizontal bars of a share (percent) per region, largest first, each value printed at the end of its bar. */
export function regionShareChart(rows: readonly { label: string; percent: number }[], titles: { x: string; y: string }): VegaLiteSpec {
  return barChart({
    data: rows.map((r) => ({ label: r.label, value: Math.round(r.percent * 10) / 10 })),
    xTitle: titles.x,
    yTitle: titles.y,
    horizontal: true,
    sort: "value",
    valueFormat: ",.1~f",
  });
}
