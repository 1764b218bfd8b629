// Usage: build a Vega-Lite spec with one of the builders in chart-specs.ts (or by hand), then
// `const svg = await renderChartSvg(spec, { title, description, lang })` and insert the string as-is into the page
// (it is complete, escaped markup: e.g. `<div class="chart" dangerouslySetInnerHTML={{ __html: svg }} />` next to
// the page's own data table, which stays the accessible alternative and carries the full labels). The SVG is
// static: no script, no `style` attribute or element (our CSP is `style-src 'self'`), presentation attributes only,
// system fonts, a fixed colour-blind-safe palette, `role="img"` named by its <title> and described by its <desc>.
// It has `width`/`height` plus `viewBox`, so a container CSS rule `svg { max-width: 100%; height: auto }` scales it
// down on a 360 px phone. Numbers and dates follow `locale` (or `lang`'s base language; English otherwise). Ids
// derive from a hash of the input, so the same input gives the same bytes (cacheable, testable) while different
// charts on one page never share ids; pass `idPrefix` when the same chart must appear twice on a page.
import { createHash } from "node:crypto";
import * as vega from "vega";
import { compile, type Config, type TopLevelSpec } from "vega-lite";

export type VegaLiteSpec = TopLevelSpec;

// The six UN languages (same codes as web/i18n; exports must not import web/).
export const CHART_LOCALES = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type ChartLocale = (typeof CHART_LOCALES)[number];

export const CHART_INK = "#1a1a1a";
export const CHART_ACCENT = "#0b4f8a";
// Blue, orange, grey, brown, violet, ink: each ≥ 4.5:1 against white (WCAG 1.4.11 asks 3:1 for graphics) and,
// by CIE Lab distance after simulating deuteranopia, protanopia and tritanopia (Machado 2009), no pair closer than
// ΔE ≈ 22. Beyond six series colours repeat: such charts must not rely on colour alone (the table carries it).
export const CHART_PALETTE = [CHART_ACCENT, "#c85000", "#737373", "#5c3317", "#9b3fd1", CHART_INK] as const;
const GRID = "#d9d9d9";
const FONT = "system-ui, sans-serif";

export interface ChartRenderOptions {
  /** Short accessible name (the <title>); the page shows its own visible heading. */
  title: string;
  /** What the chart shows and its main finding (the <desc>). */
  description: string;
  /** Language of the labels (the `lang` attribute); also picks the locale when `locale` is absent. */
  lang?: string;
  /** Number and date formatting; defaults to `lang`'s base language if it is a UN language, else English. */
  locale?: ChartLocale;
  /** Overrides the hash-derived id prefix (only needed to show the very same chart twice on one page). */
  idPrefix?: string;
  /** Receives Vega-Lite/Vega warnings (ignored by default; tests use it to keep builders warning-free). */
  onWarning?: (message: string) => void;
}

type NumberLocale = { decimal: string; thousands: string; grouping: number[]; currency: [string, string]; percent?: string };
type TimeLocale = {
  dateTime: string;
  date: string;
  time: string;
  periods: [string, string];
  days: string[];
  shortDays: string[];
  months: string[];
  shortMonths: string[];
};

// Separators match Intl.NumberFormat in Node 20 (what pages use for their tables): French groups with a narrow
// no-break space (U+202F), Russian with a no-break space (U+00A0). Arabic keeps Western digits, as UN Arabic documents
// do. d3-format has no "minimum grouping digits", so Spanish shows 1.234 where Intl shows 1234 (5+ digits agree).
const NUMBER_LOCALES: Record<ChartLocale, NumberLocale> = {
  ar: { decimal: ".", thousands: ",", grouping: [3], currency: ["", ""] },
  zh: { decimal: ".", thousands: ",", grouping: [3], currency: ["", ""] },
  en: { decimal: ".", thousands: ",", grouping: [3], currency: ["", ""] },
  fr: { decimal: ",", thousands: "\u202f", grouping: [3], currency: ["", ""], percent: "\u202f%" },
  ru: { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", ""], percent: "\u00a0%" },
  es: { decimal: ",", thousands: ".", grouping: [3], currency: ["", ""], percent: "\u00a0%" },
};

// Names are written here rather than read from Intl so output does not change with the ICU version of the host.
// Order: days | short days | months | short months ("|"-separated groups, ","-separated names).
const TIME_NAMES: Record<ChartLocale, string> = {
  ar:
    "الأحد,الاثنين,الثلاثاء,الأربعاء,الخميس,الجمعة,السبت|الأحد,الاثنين,الثلاثاء,الأربعاء,الخميس,الجمعة,السبت|" +
    // UN Arabic documents name months in both the Levantine and the Egyptian form; axes use the short form.
    "كانون الثاني/يناير,شباط/فبراير,آذار/مارس,نيسان/أبريل,أيار/مايو,حزيران/يونيه,تموز/يوليه,آب/أغسطس,أيلول/سبتمبر,تشرين الأول/أكتوبر,تشرين الثاني/نوفمبر,كانون الأول/ديسمبر|" +
    "يناير,فبراير,مارس,أبريل,مايو,يونيه,يوليه,أغسطس,سبتمبر,أكتوبر,نوفمبر,ديسمبر",
  zh:
    "星期日,星期一,星期二,星期三,星期四,星期五,星期六|周日,周一,周二,周三,周四,周五,周六|" +
    "一月,二月,三月,四月,五月,六月,七月,八月,九月,十月,十一月,十二月|1月,2月,3月,4月,5月,6月,7月,8月,9月,10月,11月,12月",
  en:
    "Sunday,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday|Sun,Mon,Tue,Wed,Thu,Fri,Sat|" +
    "January,February,March,April,May,June,July,August,September,October,November,December|Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec",
  fr:
    "dimanche,lundi,mardi,mercredi,jeudi,vendredi,samedi|dim.,lun.,mar.,mer.,jeu.,ven.,sam.|" +
    "janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre|janv.,févr.,mars,avr.,mai,juin,juil.,août,sept.,oct.,nov.,déc.",
  ru:
    "воскресенье,понедельник,вторник,среда,четверг,пятница,суббота|вс,пн,вт,ср,чт,пт,сб|" +
    "январь,февраль,март,апрель,май,июнь,июль,август,сентябрь,октябрь,ноябрь,декабрь|янв.,февр.,март,апр.,май,июнь,июль,авг.,сент.,окт.,нояб.,дек.",
  es:
    "domingo,lunes,martes,miércoles,jueves,viernes,sábado|dom.,lun.,mar.,mié.,jue.,vie.,sáb.|" +
    "enero,febrero,marzo,abril,mayo,junio,julio,agosto,septiembre,octubre,noviembre,diciembre|ene.,feb.,mar.,abr.,may.,jun.,jul.,ago.,sept.,oct.,nov.,dic.",
};
const TIME_FORMATS: Record<ChartLocale, [date: string, periods: [string, string]]> = {
  ar: ["%d/%m/%Y", ["ص", "م"]],
  zh: ["%Y/%-m/%-d", ["上午", "下午"]],
  en: ["%-m/%-d/%Y", ["AM", "PM"]],
  fr: ["%d/%m/%Y", ["AM", "PM"]],
  ru: ["%d.%m.%Y", ["AM", "PM"]],
  es: ["%d/%m/%Y", ["a. m.", "p. m."]],
};

function timeLocale(locale: ChartLocale): TimeLocale {
  const [days = [], shortDays = [], months = [], shortMonths = []] = TIME_NAMES[locale].split("|").map((g) => g.split(","));
  const [date, periods] = TIME_FORMATS[locale];
  const time = locale === "en" ? "%-I:%M:%S %p" : "%H:%M:%S";
  return { dateTime: "%x %X", date, time, periods, days, shortDays, months, shortMonths };
}

export function resolveChartLocale(locale: ChartLocale | undefined, lang: string | undefined): ChartLocale {
  if (locale) return locale;
  const base = (lang ?? "").toLowerCase().split("-")[0];
  return (CHART_LOCALES as readonly string[]).includes(base ?? "") ? (base as ChartLocale) : "en";
}

// The house theme. Font sizes are in SVG user units: a 560-unit chart scaled to a 340 px phone shows 12-unit
// labels at about 7 px, so they are as large as the layout allows; the page's table is the readable fallback.
const THEME: Config = {
  font: FONT,
  background: "#ffffff",
  padding: 4,
  // Vega's own ARIA (a role and label per mark) is replaced by one role="img" with <title>/<desc>.
  aria: false,
  view: { stroke: null },
  mark: { color: CHART_ACCENT },
  range: { category: [...CHART_PALETTE] },
  axis: {
    labelColor: CHART_INK,
    titleColor: CHART_INK,
    domainColor: CHART_INK,
    tickColor: CHART_INK,
    gridColor: GRID,
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: "bold",
    titlePadding: 8,
  },
  legend: {
    labelColor: CHART_INK,
    titleColor: CHART_INK,
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: "bold",
    symbolStrokeWidth: 0,
  },
  title: { color: CHART_INK, fontSize: 14 },
  text: { color: CHART_INK, fontSize: 12 },
};

// Without the native `canvas` package Vega estimates every glyph as 0.8 em, which makes label gutters far too wide
// for Latin text and too narrow for Chinese. Vega lets a user-defined width function replace the estimate (vl-convert
// does the same); this one uses Arial's advance widths (hundredths of an em) for ASCII and per-script averages
// elsewhere, 5 % generous so text never overlaps. Deterministic, unlike measuring with whatever fonts a host has.
// Checked against Chromium with Noto Sans (what system-ui resolves to on Debian): Latin, Cyrillic and Arabic labels
// within ±3 %, Chinese 6 % over.
const ASCII_WIDTHS = (
  "28,28,36,56,56,89,67,19,33,33,39,58,28,33,28,28,56,56,56,56,56,56,56,56,56,56,28,28,58,58,58,56," +
  "100,67,67,72,72,67,61,78,72,28,50,67,56,83,72,78,67,78,72,67,61,72,67,94,67,67,61,28,28,28,47,56," +
  "33,56,56,50,56,56,28,56,56,22,22,50,22,83,56,56,56,56,33,50,28,56,50,72,50,50,50,33,26,33,58"
)
  .split(",")
  .map(Number);

function charWidthEm(code: number): number {
  if (code >= 32 && code <= 126) return (ASCII_WIDTHS[code - 32] ?? 56) / 100;
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x64b && code <= 0x65f) || code === 0x200b) return 0; // combining marks
  if (code === 0xa0) return 0.28;
  if (code === 0x202f) return 0.2;
  if (code === 0x2026) return 1;
  if ((code >= 0x2e80 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60))
    return 1; // CJK, Hangul, full-width forms
  if ((code >= 0x600 && code <= 0x6ff) || (code >= 0x750 && code <= 0x77f) || (code >= 0xfb50 && code <= 0xfeff)) return 0.42;
  if (code >= 0x400 && code <= 0x4ff) return 0.55;
  return 0.58;
}

type TextItem = { fontSize?: number; fontWeight?: string | number; limit?: number };
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charWidthEm(ch.codePointAt(0) ?? 32);
  return em * fontSize * (bold ? 1.08 : 1) * 1.05;
}

type TextMetrics = { width: unknown; estimateWidth: unknown };
const metrics = (vega as unknown as { textMetrics?: TextMetrics }).textMetrics;
// Only replace the crude estimate: if a canvas is ever installed, Vega measures real glyphs instead.
if (metrics && metrics.width === metrics.estimateWidth) {
  metrics.width = (item: TextItem, text: unknown): number => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const bold = item.fontWeight === "bold" || Number(item.fontWeight) >= 600;
    const width = estimateTextWidth(text == null ? "" : String(text).trim(), size, bold);
    // Vega truncates to `limit` by calling this very function on slices, so it must not truncate itself (that would
    // recurse); capping at the limit still gives layout the width of the truncated label.
    const limit = Number(item.limit) || 0;
    return limit > 0 ? Math.min(width, limit) : width;
  };
}

// Charts are built from inline data only: a loader that refuses every URL or file keeps a spec from reading the
// server's disk or network.
// Vega only warns when data fails to load, so the refusal is also recorded as an error to fail the render.
// `sanitize` must resolve: Vega calls it for `href` links without catching, and a rejection would go unhandled.
function inlineOnlyLoader(logger: ChartLogger): vega.Loader {
  const refuse = async (uri?: unknown): Promise<never> => {
    const message = `Charts take inline data only, not ${String(uri)}`;
    logger.error(message);
    throw new Error(message);
  };
  return { load: refuse, sanitize: async () => ({ href: "" }), http: refuse, file: refuse } as unknown as vega.Loader;
}

// Errors are collected rather than thrown: throwing inside Vega's dataflow would leave the view half-evaluated.
// A plain object of closures, not a class: Vega calls these methods with its View as `this`.
type ChartLogger = vega.LoggerInterface & { readonly errors: string[] };
function chartLogger(onWarning: ((message: string) => void) | undefined): ChartLogger {
  let level = vega.Warn;
  const errors: string[] = [];
  const text = (args: unknown[]) => args.map(String).join(" ");
  const logger: ChartLogger = {
    errors,
    level(_?: number) {
      if (_ === undefined) return level;
      level = _;
      return logger;
    },
    error(...args: unknown[]) {
      errors.push(text(args));
      return logger;
    },
    warn(...args: unknown[]) {
      onWarning?.(text(args));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

// Characters XML 1.0 forbids (most C0 controls) would make the whole inline SVG, and an XHTML or DOCX consumer, fail.
const isXmlChar = (ch: string): boolean => {
  const c = ch.codePointAt(0) ?? 0;
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
};
const xmlEscape = (s: string): string =>
  Array.from(s).filter(isXmlChar).join("").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

// Inner attributes we drop: classes could collide with the page stylesheet; ARIA and pointer-events are moot inside
// role="img"; `style` is what the CSP forbids (Vega emits it only for blend modes and pixelated images).
const DROPPED_ATTRIBUTES = /\s(?:class|style|role|aria-[a-z]+|pointer-events)="[^"]*"/g;
// Our specs never produce these; a hand-written spec with an `href` channel or image mark is refused, not shown.
const FORBIDDEN_TAG = /^<(?:script|foreignObject|image|a|iframe|use)\b|\son[a-z]+=|href=/i;

/** Renders a Vega-Lite spec to a static, accessible, CSP-safe SVG string. */
export async function renderChartSvg(spec: VegaLiteSpec, options: ChartRenderOptions): Promise<string> {
  const locale = resolveChartLocale(options.locale, options.lang);
  const logger = chartLogger(options.onWarning);
  // The spec's own config may refine the theme; the locale is always the one asked for.
  const config = { ...spec.config, locale: { number: NUMBER_LOCALES[locale], time: timeLocale(locale) } };
  const vgSpec = compile({ ...spec, config } as VegaLiteSpec, { config: THEME, logger }).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none", loader: inlineOnlyLoader(logger), logger, logLevel: vega.Warn });
  let raw: string;
  try {
    raw = await view.toSVG();
  } finally {
    view.finalize();
  }
  if (logger.errors.length > 0) throw new Error(`Chart failed to render: ${logger.errors.join("; ")}`);

  if (options.idPrefix !== undefined && !/^[A-Za-z][\w-]*$/.test(options.idPrefix)) throw new Error("idPrefix must be a plain identifier");
  const prefix =
    options.idPrefix ??
    "chart-" +
      createHash("sha256")
        .update(JSON.stringify([spec, options.title, options.description, options.lang ?? "", locale]))
        .digest("hex")
        .slice(0, 12);
  return finishSvg(raw, prefix, options);
}

function finishSvg(raw: string, prefix: string, options: ChartRenderOptions): string {
  const root = /^<svg\b[^>]*>/.exec(raw);
  if (!root || !raw.endsWith("</svg>")) throw new Error("Unexpected SVG from Vega");
  const attr = (name: string): string => new RegExp(`\\s${name}="([^"]*)"`).exec(root[0])?.[1] ?? "";
  const width = attr("width");
  const height = attr("height");

  // Vega numbers clip paths and gradients with process-wide counters: renumber them per chart, under the prefix,
  // so output is deterministic and ids never clash between charts on one page.
  const ids = new Map<string, string>();
  const rename = (id: string): string => {
    let next = ids.get(id);
    if (!next) {
      next = `${prefix}-d${ids.size + 1}`;
      ids.set(id, next);
    }
    return next;
  };

  // Vega escapes `<` and `>` in text and attribute values, so `<[^>]*>` matches real tags only.
  let body = raw.slice(root[0].length, -"</svg>".length).replace(/<[^>]*>/g, (tag) => {
    if (FORBIDDEN_TAG.test(tag)) throw new Error("Chart SVG contains links, images or scripts, which pages cannot show");
    return tag
      .replace(DROPPED_ATTRIBUTES, "")
      .replace(/\sid="([^"]*)"/g, (_m, id: string) => ` id="${rename(id)}"`)
      .replace(/url\(#([^)]*)\)/g, (_m, id: string) => `url(#${rename(id)})`);
  });
  // Paths with nothing but `d` (group backgrounds without fill, under the root's fill="none") and hidden foreground
  // paths draw nothing.
  body = body
    .replace(/<path d="[^"]*"\/>/g, "")
    .replace(/<path[^>]*\sdisplay="none"[^>]*\/>/g, "")
    .replace(/<style\b[\s\S]*?<\/style>/g, "");

  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  const lang = options.lang ? ` lang="${xmlEscape(options.lang)}"` : "";
  // direction="ltr": an Arabic page sets direction rtl, which SVG inherits and which flips every text-anchor Vega
  // computed; Arabic words still render right to left inside their own text runs.
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${attr("viewBox")}"` +
    ` preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="${titleId}" aria-describedby="${descId}"` +
    `${lang} direction="ltr" font-family="${FONT}">` +
    `<title id="${titleId}">${xmlEscape(options.title)}</title><desc id="${descId}">${xmlEscape(options.description)}</desc>` +
    `${body}</svg>`
  );
}

// Rendering a chart costs tens of milliseconds (the 867-day OxCGRT chart most): recent charts are kept, keyed by
// their whole input (same input, same bytes). A failed render is forgotten so the next request tries again.
const RENDER_CACHE_SIZE = 100;
const renderCache = new Map<string, Promise<string>>();

/** renderChartSvg with a small cache of recent charts. */
export function renderChartSvgCached(spec: VegaLiteSpec, options: ChartRenderOptions): Promise<string> {
  const key = JSON.stringify([spec, options.title, options.description, options.lang, options.locale]);
  let svg = renderCache.get(key);
  if (!svg) {
    svg = renderChartSvg(spec, options);
    renderCache.set(key, svg);
    svg.catch(() => renderCache.delete(key));
    if (renderCache.size > RENDER_CACHE_SIZE) renderCache.delete(renderCache.keys().next().value as string);
  }
  return svg;
}
