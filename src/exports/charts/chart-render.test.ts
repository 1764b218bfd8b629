import { describe, expect, it } from "vitest";
import { CHART_ACCENT, estimateTextWidth, renderChartSvg, resolveChartLocale, type VegaLiteSpec } from "./chart-render.js";
import { barChart } from "./chart-specs.js";

const FIVE = ["Cycle 1", "Cycle 2", "Cycle 3", "Cycle 4", "Cycle 5"].map((label, i) => ({ label, value: (i + 1) * 10 }));
const options = { title: "Recommendations per cycle", description: "Five cycles, rising." };

/** Bars are Vega rect marks, drawn as <path> elements filled with the accent colour. */
const countBars = (svg: string): number => svg.match(new RegExp(`<path [^>]*fill="${CHART_ACCENT}"`, "g"))?.length ?? 0;
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? "");

/** Tag balance: every element closed, in order (the SVG is inserted as markup, so it must be well formed). */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const [tag, close, name, selfClose] of svg.matchAll(/<(\/?)([A-Za-z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (selfClose) continue;
    if (close) expect(stack.pop(), tag).toBe(name);
    else stack.push(name ?? "");
  }
  expect(stack).toEqual([]);
}

describe("renderChartSvg", () => {
  it("names the chart with <title> and <desc> through role=img, escaping their text", async () => {
    const svg = await renderChartSvg(barChart({ data: FIVE, xTitle: "Cycle", yTitle: "Count" }), {
      title: `<script>alert("x")</script> & more`,
      description: "Tom & Jerry's <b>data</b>\u0001",
    });
    const root = /^<svg [^>]*>/.exec(svg)?.[0] ?? "";
    expect(root).toContain('role="img"');
    const titleId = /aria-labelledby="([^"]+)"/.exec(root)?.[1];
    const descId = /aria-describedby="([^"]+)"/.exec(root)?.[1];
    expect(svg).toContain(`<title id="${titleId}">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</title>`);
    expect(svg).toContain(`<desc id="${descId}">Tom &amp; Jerry&#39;s &lt;b&gt;data&lt;/b&gt;</desc>`);
    expect(svg).not.toContain("<script");
    expectWellFormed(svg);
  });

  it("emits no style attribute or element, no script, no classes and no inner ARIA", async () => {
    const svg = await renderChartSvg(barChart({ data: FIVE, xTitle: "Cycle", yTitle: "Count", valueLabels: true }), options);
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toMatch(/<style/);
    expect(svg).not.toMatch(/<script|\son[a-z]+=|href=/i);
    expect(svg).not.toMatch(/\sclass=/);
    // role and aria-* only on the root
    expect(svg.match(/\srole=/g)).toHaveLength(1);
    expect(svg.match(/\saria-[a-z]+=/g)).toHaveLength(2);
    expect(svg).toMatch(/font-family="system-ui, sans-serif"/);
  });

  it("sizes with width, height and a matching viewBox so it scales down", async () => {
    const svg = await renderChartSvg(barChart({ data: FIVE, xTitle: "Cycle", yTitle: "Count" }), options);
    const [, w, h, vw, vh] = /^<svg [^>]*width="(\d+)" height="(\d+)" viewBox="0 0 (\d+) (\d+)"/.exec(svg) ?? [];
    expect(Number(w)).toBe(560);
    expect(Number(h)).toBe(320);
    expect([vw, vh]).toEqual([w, h]);
    expect(svg).toContain('preserveAspectRatio="xMinYMin meet"');
    expect(svg).toContain('direction="ltr"');
  });

  it("draws one mark per bar", async () => {
    expect(countBars(await renderChartSvg(barChart({ data: FIVE, xTitle: "Cycle", yTitle: "Count" }), options))).toBe(5);
    expect(countBars(await renderChartSvg(barChart({ data: FIVE, xTitle: "Count", yTitle: "Cycle", horizontal: true }), options))).toBe(5);
  });

  it("formats numbers per locale, with Western digits in Arabic", async () => {
    const spec = barChart({ data: [{ label: "A", value: 12345 }], xTitle: "Count", yTitle: "State", horizontal: true });
    const labelOf = async (lang: string) => texts(await renderChartSvg(spec, { ...options, lang })).find((t) => t.includes("345"));
    expect(await labelOf("fr")).toBe("12\u202f345"); // narrow no-break space, as Intl.NumberFormat("fr")
    expect(await labelOf("ru")).toBe("12\u00a0345"); // no-break space, as Intl.NumberFormat("ru")
    expect(await labelOf("es")).toBe("12.345");
    expect(await labelOf("en")).toBe("12,345");
    expect(await labelOf("zh")).toBe("12,345");
    expect(await labelOf("ar")).toBe("12,345");
    const ar = await renderChartSvg(spec, { ...options, lang: "ar" });
    expect(ar).not.toMatch(/[\u0660-\u0669]/);
    expect(ar).toContain('lang="ar"');
    // axis ticks follow the locale too
    expect(texts(await renderChartSvg(spec, { ...options, lang: "fr" }))).toContain("10\u202f000");
  });

  it("takes the locale from lang's base language, and an explicit locale over it", () => {
    expect(resolveChartLocale(undefined, "fr-CH")).toBe("fr");
    expect(resolveChartLocale(undefined, "de")).toBe("en");
    expect(resolveChartLocale("ru", "fr")).toBe("ru");
    expect(resolveChartLocale(undefined, undefined)).toBe("en");
  });

  it("is deterministic, with ids unique per chart and within it", async () => {
    const spec = barChart({ data: FIVE, xTitle: "Cycle", yTitle: "Count" });
    const first = await renderChartSvg(spec, options);
    await renderChartSvg(barChart({ data: FIVE.slice(1), xTitle: "Cycle", yTitle: "Count" }), options);
    expect(await renderChartSvg(spec, options)).toBe(first);

    const ids = (svg: string) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    const other = await renderChartSvg(spec, { ...options, title: "Another chart" });
    expect(ids(first).filter((id) => ids(other).includes(id))).toEqual([]);
    expect(new Set(ids(first)).size).toBe(ids(first).length);

    const fixed = await renderChartSvg(spec, { ...options, idPrefix: "recs" });
    expect(fixed).toContain('aria-labelledby="recs-title"');
    await expect(renderChartSvg(spec, { ...options, idPrefix: 'x" onload="y' })).rejects.toThrow(/idPrefix/);
  });

  it("renumbers Vega's clip-path ids under the chart's prefix", async () => {
    const spec = { ...barChart({ data: FIVE, xTitle: "Cycle", yTitle: "Count" }), layer: [{ mark: { type: "bar", clip: true } }] } as VegaLiteSpec;
    const svg = await renderChartSvg(spec, { ...options, idPrefix: "c1" });
    expect(svg).toContain('<clipPath id="c1-d1">');
    expect(svg).toContain('clip-path="url(#c1-d1)"');
    expect(await renderChartSvg(spec, { ...options, idPrefix: "c1" })).toBe(svg);
  });

  it("escapes markup coming from the data", async () => {
    const svg = await renderChartSvg(barChart({ data: [{ label: `<script>x</script> & "q"`, value: 1 }], xTitle: "<i>x</i>", yTitle: "y" }), options);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<i>");
    expect(texts(svg)).toContain(`&lt;script&gt;x&lt;/script&gt; &amp; "q"`);
    expectWellFormed(svg);
  });

  it("refuses data from URLs or files, links and images", async () => {
    const fromFile = { data: { url: "/etc/passwd", format: { type: "csv" } }, mark: "bar", encoding: { x: { field: "a", type: "nominal" } } } as VegaLiteSpec;
    await expect(renderChartSvg(fromFile, options)).rejects.toThrow(/inline data only/);
    const linked = {
      data: { values: [{ a: "x", u: "https://example.org" }] },
      mark: "bar",
      encoding: { x: { field: "a", type: "nominal" }, href: { field: "u" } },
    } as VegaLiteSpec;
    await expect(renderChartSvg(linked, options)).rejects.toThrow(/links, images or scripts/);
  });

  it("reports Vega-Lite warnings to onWarning", async () => {
    const warnings: string[] = [];
    const spec = { data: { values: [{ a: 1 }] }, mark: "bar", encoding: { x: { field: "a", type: "quantitative" }, shape: { field: "a" } } } as VegaLiteSpec;
    await renderChartSvg(spec, { ...options, onWarning: (m) => warnings.push(m) });
    expect(warnings.join("\n")).toMatch(/shape/);
  });
});

describe("estimateTextWidth", () => {
  it("measures narrow Latin letters narrower than wide ones, and Chinese at about one em", () => {
    expect(estimateTextWidth("iiii", 10)).toBeLessThan(estimateTextWidth("MMMM", 10) / 3);
    expect(estimateTextWidth("人权", 12)).toBeCloseTo(2 * 12 * 1.05, 5);
    expect(estimateTextWidth("Recommendations", 12, true)).toBeGreaterThan(estimateTextWidth("Recommendations", 12));
  });
});
