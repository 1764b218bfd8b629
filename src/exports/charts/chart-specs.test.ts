import { describe, expect, it } from "vitest";
import { CHART_ACCENT, CHART_PALETTE, renderChartSvg, type ChartRenderOptions, type VegaLiteSpec } from "./chart-render.js";
import { barChart, LABEL_MAX_CHARS, lineChart, stackedBarChart } from "./chart-specs.js";

const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
const fills = (svg: string, colour: string): number => svg.match(new RegExp(`<path [^>]*fill="${colour}"`, "g"))?.length ?? 0;

// Every builder must compile without a Vega-Lite or Vega warning.
async function render(spec: VegaLiteSpec, extra: Partial<ChartRenderOptions> = {}): Promise<string> {
  const warnings: string[] = [];
  const svg = await renderChartSvg(spec, { title: "Chart", description: "A chart.", onWarning: (m) => warnings.push(m), ...extra });
  expect(warnings).toEqual([]);
  return svg;
}

const LONG = "United Kingdom of Great Britain and Northern Ireland (overseas territories)";

describe("barChart", () => {
  it("cuts long labels at 40 characters with an ellipsis, keeping labels that share a prefix apart", async () => {
    const data = [
      { label: LONG, value: 5 },
      { label: `${LONG} bis`, value: 3 },
      { label: "Chad", value: 1 },
    ];
    const svg = await render(barChart({ data, xTitle: "Recommendations", yTitle: "State", horizontal: true }));
    const cut = texts(svg).filter((t) => t.endsWith("\u2026"));
    expect(cut).toHaveLength(2);
    for (const t of cut) expect(t.length).toBeLessThanOrEqual(LABEL_MAX_CHARS);
    expect(cut[0]).toBe("United Kingdom of Great Britain and Nor\u2026");
    expect(svg).not.toContain(LONG);
    expect(texts(svg)).toContain("Chad");
    expect(fills(svg, CHART_ACCENT)).toBe(3);
  });

  it("sorts by value, largest first, or keeps the given order", async () => {
    const data = [
      { label: "Benin", value: 2 },
      { label: "Angola", value: 9 },
      { label: "Cabo Verde", value: 5 },
    ];
    const order = (svg: string) => texts(svg).filter((t) => data.some((d) => d.label === t));
    expect(order(await render(barChart({ data, xTitle: "n", yTitle: "State", horizontal: true, sort: "value" })))).toEqual(["Angola", "Cabo Verde", "Benin"]);
    expect(order(await render(barChart({ data, xTitle: "State", yTitle: "n" })))).toEqual(["Benin", "Angola", "Cabo Verde"]);
  });

  it("prints values on horizontal bars by default, and grows with the number of bars", async () => {
    const data = Array.from({ length: 20 }, (_, i) => ({ label: `State ${i + 1}`, value: 1000 * (i + 1) }));
    const svg = await render(barChart({ data, xTitle: "n", yTitle: "State", horizontal: true }), { lang: "en" });
    expect(texts(svg)).toContain("20,000");
    expect(fills(svg, CHART_ACCENT)).toBe(20);
    const small = await render(barChart({ data: data.slice(0, 2), xTitle: "n", yTitle: "State", horizontal: true }));
    const height = (s: string) => Number(/height="(\d+)"/.exec(s)?.[1]);
    expect(height(svg)).toBeGreaterThan(height(small) + 400);
  });

  it("refuses duplicate labels and non-finite values", () => {
    expect(() =>
      barChart({
        data: [
          { label: "A", value: 1 },
          { label: "A", value: 2 },
        ],
        xTitle: "x",
        yTitle: "y",
      }),
    ).toThrow(/two bars named "A"/);
    expect(() => barChart({ data: [{ label: "A", value: Number.NaN }], xTitle: "x", yTitle: "y" })).toThrow(/finite/);
  });
});

describe("stackedBarChart", () => {
  const positions = ["Supported", "Noted", "Other"];
  const data = ["1st cycle", "2nd cycle", "3rd cycle", "4th cycle"].flatMap((category, i) =>
    positions.map((series, j) => ({ category, series, value: 10 * (i + 1) + j })),
  );

  it("stacks one segment per category and series, with a legend naming the series in order", async () => {
    const svg = await render(stackedBarChart({ data, xTitle: "UPR cycle", yTitle: "Recommendations", seriesOrder: positions, legendTitle: "Position" }));
    const labels = texts(svg);
    const legend = labels.filter((t) => positions.includes(t));
    expect(legend).toEqual(positions);
    expect(labels).toContain("Position");
    // 4 segments per series plus its legend swatch
    for (const colour of CHART_PALETTE.slice(0, 3)) expect(fills(svg, colour)).toBe(4 + 1);
  });

  it("uses the given colours, horizontal too", async () => {
    const seriesColors = { Supported: "#117733", Noted: "#882255" };
    const svg = await render(stackedBarChart({ data, xTitle: "n", yTitle: "Cycle", seriesOrder: positions, seriesColors, horizontal: true }));
    expect(fills(svg, "#117733")).toBe(5);
    expect(fills(svg, "#882255")).toBe(5);
    expect(fills(svg, CHART_PALETTE[2])).toBe(5); // "Other" keeps the palette colour of its position
  });

  it("refuses a series missing from seriesOrder", () => {
    expect(() => stackedBarChart({ data, xTitle: "x", yTitle: "y", seriesOrder: ["Supported", "Noted"] })).toThrow(/"Other" is missing/);
  });
});

describe("lineChart", () => {
  const years = ["2016", "2017", "2018", "2019", "2020", "2021"];

  it("draws one line per series, distinguished by colour and dash, with a legend", async () => {
    const data = years.flatMap((date, i) => [
      { date, value: 100 + i, series: "Closed" },
      { date, value: 50 - i, series: "Partly open" },
    ]);
    const svg = await render(lineChart({ data, xTitle: "Year", yTitle: "Countries", timeUnit: "year", seriesOrder: ["Closed", "Partly open"] }));
    // A line is one <path d="M…L…"> (legend swatches carry a transform and a two-point path).
    const lines = (colour: string) => svg.match(new RegExp(`<path d="M[^"]*L[^"]*L[^"]*" [^>]*stroke="${colour}"[^>]*>`, "g")) ?? [];
    expect(lines(CHART_ACCENT)).toHaveLength(1);
    expect(lines(CHART_PALETTE[1])).toHaveLength(1);
    expect(lines(CHART_PALETTE[1])[0]).toContain('stroke-dasharray="7,3"');
    // the legend swatch shows the dash too
    expect(svg).toMatch(/<path transform="[^"]*" d="M[^"]*" [^>]*stroke="#c85000" stroke-width="2" stroke-dasharray="7,3"/);
    const labels = texts(svg);
    expect(labels).toEqual(expect.arrayContaining(["Closed", "Partly open", ...years]));
  });

  it("labels monthly data by month in the locale, whatever the server's time zone", async () => {
    const data = ["2020-01-01", "2020-02-01", "2020-03-01", "2020-04-01"].map((date, i) => ({ date, value: i }));
    const spec = lineChart({ data, xTitle: "Mois", yTitle: "Pays", timeUnit: "month" });
    const svg = await render(spec, { lang: "fr" });
    expect(texts(svg)).toEqual(expect.arrayContaining(["janv. 2020", "févr. 2020", "mars 2020", "avr. 2020"]));
    const zone = process.env.TZ;
    try {
      for (const tz of ["Pacific/Kiritimati", "America/Los_Angeles"]) {
        process.env.TZ = tz;
        expect(await render(spec, { lang: "fr" })).toBe(svg);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("draws a single series in the accent colour without a legend", async () => {
    const svg = await render(lineChart({ data: years.map((date, i) => ({ date, value: i * 1000 })), xTitle: "Year", yTitle: "USD", timeUnit: "year" }), {
      lang: "fr",
    });
    expect(svg).toMatch(new RegExp(`<path [^>]*stroke="${CHART_ACCENT}"`));
    expect(texts(svg)).toContain("5\u202f000");
  });
});
