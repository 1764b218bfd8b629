import { CHART_INK, CHART_PALETTE, renderChartSvgCached, type VegaLiteSpec } from "../../exports/charts/chart-render.js";
import { LABEL_MAX_CHARS } from "../../exports/charts/chart-specs.js";

// The F1 of every UPR Info label as horizontal bars, in the order of the page's table (most test examples first),
// with a dashed line at the "weak" threshold (issue 7: "a public page states the measured accuracy per label").
// Readable without colour: each bar's value is printed at its end (over the line, so it stays legible), the line is
// labelled, and weak bars are hollow; the table below the chart carries every figure for screen readers and print.

export type LabelF1 = { label: string; f1: number; weak: boolean };

const BAR_STEP = 22;
// Wider than the other charts and with a shorter label column, so the bars keep room once scaled to a phone.
const WIDTH = 600;
const LABEL_WIDTH = 190;
// Category labels past this many characters are cut on the axis (the table shows them in full).
const TRUNCATE = `length(datum.value) > ${LABEL_MAX_CHARS} ? trim(slice(datum.value, 0, ${LABEL_MAX_CHARS - 1})) + '\u2026' : datum.value`;

export function labelF1ChartSpec(rows: readonly LabelF1[], titles: { x: string; y: string; line: string; threshold: number }): VegaLiteSpec {
  const values = rows.map((r) => ({ label: r.label, f1: Math.round(r.f1 * 100) / 100, weak: r.weak ? "weak" : "ok" }));
  const y = {
    field: "label",
    type: "nominal",
    sort: null,
    title: titles.y,
    axis: { labelExpr: TRUNCATE, labelLimit: LABEL_WIDTH, maxExtent: LABEL_WIDTH + 10, ticks: false, domain: false, labelPadding: 6 },
  };
  const x = { field: "f1", type: "quantitative", title: titles.x, scale: { domain: [0, 1] }, axis: { grid: true, tickCount: 5, domain: false, ticks: false } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: WIDTH,
    height: Math.max(rows.length, 1) * BAR_STEP,
    autosize: { type: "fit-x", contains: "padding" },
    padding: { left: 4, top: 22, bottom: 4, right: 40 },
    layer: [
      {
        data: { values },
        mark: { type: "bar", strokeWidth: 1 },
        encoding: {
          y,
          x,
          color: { field: "weak", type: "nominal", scale: { domain: ["ok", "weak"], range: [CHART_PALETTE[0], "#ffffff"] }, legend: null },
          stroke: { field: "weak", type: "nominal", scale: { domain: ["ok", "weak"], range: [CHART_PALETTE[0], CHART_PALETTE[1]] }, legend: null },
        },
      },
      {
        data: { values: [{ at: titles.threshold, text: titles.line }] },
        mark: { type: "rule", color: CHART_INK, strokeDash: [5, 4], strokeWidth: 1.5 },
        encoding: { x: { field: "at", type: "quantitative" } },
      },
      {
        data: { values },
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, color: CHART_INK },
        encoding: { y, x, text: { field: "f1", type: "quantitative", format: ".2f" } },
      },
      {
        data: { values: [{ at: titles.threshold, text: titles.line }] },
        mark: { type: "text", align: "center", baseline: "bottom", y: -4, color: CHART_INK },
        encoding: { x: { field: "at", type: "quantitative" }, text: { field: "text", type: "nominal" } },
      },
    ],
  } as VegaLiteSpec;
}

/** The chart's SVG (cached by its whole input, so the same model and language give the same bytes). */
export function labelF1ChartSvg(
  rows: readonly LabelF1[],
  titles: { x: string; y: string; line: string; threshold: number },
  options: { title: string; description: string; lang: string },
): Promise<string> {
  return renderChartSvgCached(labelF1ChartSpec(rows, titles), options);
}
