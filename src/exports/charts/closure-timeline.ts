import { CHART_ACCENT, CHART_INK, CHART_PALETTE, estimateTextWidth } from "./chart-render.js";

// The school-closure timeline of a country page (R25; res. 45/32 PP9–PP10): one lane per source release (UNESCO
// daily, an older UNESCO release, OxCGRT C1) on a shared time axis. Written as SVG directly rather than through
// Vega-Lite, which has no fill patterns: every status has a pattern as well as a colour (solid, hatched, dotted,
// striped, empty), each lane has its own legend in the words of its scale, and OxCGRT's "targeted" flag is a strip
// under the bar — so the chart reads without colour (WCAG 1.4.1) and in greyscale print. Static markup with
// presentation attributes only (the CSP forbids `style`), `role="img"` named by <title> and described by <desc>;
// the page's table of periods is the full text alternative.

/** How a status is drawn; the page maps each scale's statuses onto these. */
export const TIMELINE_KINDS = ["open", "open_recommended", "partial", "closed", "break"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type TimelinePeriod = {
  firstDay: string;
  lastDay: string;
  kind: TimelineKind /** OxCGRT flag 0: measures targeted, not general. */;
  targeted?: boolean;
};
export type TimelineLane = {
  label: string;
  periods: readonly TimelinePeriod[];
  /** The legend of this lane: each kind it uses, in the words of its scale. */
  legend: readonly { kind: TimelineKind; label: string }[];
};

export type ClosureTimelineInput = {
  lanes: readonly TimelineLane[];
  /** The time axis: from the earliest to the latest day any lane covers. */
  from: string;
  to: string;
  title: string;
  description: string;
  noDataLabel: string;
  targetedLabel: string;
  lang: string;
  /** Unique per page: pattern ids are prefixed with it. */
  idPrefix: string;
  width?: number;
};

// The house chart width (chart-specs.ts): scales to a 360 px phone through viewBox.
const WIDTH = 560;
const FONT_SIZE = 13;
const FONT = "system-ui, sans-serif";
const ORANGE = CHART_PALETTE[1];
const GREY = CHART_PALETTE[2];
const NO_DATA = "#e3e3e3";
const BAR = 22;
const STRIP = 5;
const LINE = 17;
const SWATCH = 14;
const DAY_MS = 86_400_000;

const dayOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const n = (x: number) => String(Math.round(x * 10) / 10);

function escapeXml(s: string): string {
  return Array.from(s)
    .filter((ch) => {
      const c = ch.codePointAt(0) ?? 0;
      return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
    })
    .join("")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Patterns: each kind differs from the others by its texture, not only by its colour. */
function patternDefs(p: string): string {
  const tile = (id: string, size: number, body: string, rotate = 0) =>
    `<pattern id="${p}-${id}" patternUnits="userSpaceOnUse" width="${size}" height="${size}"${rotate ? ` patternTransform="rotate(${rotate})"` : ""}>` +
    `<rect width="${size}" height="${size}" fill="#ffffff"/>${body}</pattern>`;
  return (
    "<defs>" +
    tile("open_recommended", 8, `<line x1="2" y1="0" x2="2" y2="8" stroke="${CHART_ACCENT}" stroke-width="1.5"/>`) +
    tile("partial", 6, `<line x1="0" y1="0" x2="0" y2="6" stroke="${ORANGE}" stroke-width="3"/>`, 45) +
    tile("break", 6, `<circle cx="3" cy="3" r="1.4" fill="${GREY}"/>`) +
    "</defs>"
  );
}

function fillOf(kind: TimelineKind, p: string): string {
  switch (kind) {
    case "open":
      return "#ffffff";
    case "closed":
      return CHART_ACCENT;
    default:
      return `url(#${p}-${kind})`;
  }
}

/** One legend row, wrapped to the width; returns the markup and the height used. */
function legendRows(items: readonly { fill: string; label: string; strip?: boolean }[], y: number, width: number): { svg: string; height: number } {
  let x = 0;
  let row = 0;
  let svg = "";
  for (const item of items) {
    const w = SWATCH + 5 + estimateTextWidth(item.label, FONT_SIZE) + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const top = y + row * LINE;
    svg += item.strip
      ? `<rect x="${n(x)}" y="${n(top + 5)}" width="${SWATCH}" height="${STRIP}" fill="${CHART_INK}"/>`
      : `<rect x="${n(x)}" y="${n(top + 1)}" width="${SWATCH}" height="${SWATCH - 2}" fill="${item.fill}" stroke="${CHART_INK}" stroke-width="0.75"/>`;
    svg += `<text x="${n(x + SWATCH + 5)}" y="${n(top + 11)}" font-size="${FONT_SIZE}" fill="${CHART_INK}">${escapeXml(item.label)}</text>`;
    x += w;
  }
  return { svg, height: items.length === 0 ? 0 : (row + 1) * LINE };
}

function yearAxis(from: number, to: number, x: (day: number) => number, bottom: number): string {
  // Month ticks and (longer, thicker) year ticks, each as one path: a chart of 2.5 years has 29 of them.
  let months = "";
  let years = "";
  const first = new Date(from * DAY_MS);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); ; m++) {
    const day = Date.UTC(y, m, 1) / DAY_MS;
    if (day > to) break;
    if (day < from) continue;
    if (new Date(day * DAY_MS).getUTCMonth() === 0) years += `M${n(x(day))} ${n(bottom)}v8`;
    else months += `M${n(x(day))} ${n(bottom)}v4`;
  }
  let svg = `<path d="M0 ${n(bottom)}H${n(x(to + 1))}${months}" stroke="${CHART_INK}" stroke-width="0.75" fill="none"/>`;
  if (years) svg += `<path d="${years}" stroke="${CHART_INK}" stroke-width="1.5" fill="none"/>`;
  // Year labels in the middle of the part of each year on the axis.
  for (let year = first.getUTCFullYear(); Date.UTC(year, 0, 1) / DAY_MS <= to; year++) {
    const a = Math.max(from, Date.UTC(year, 0, 1) / DAY_MS);
    const b = Math.min(to + 1, Date.UTC(year + 1, 0, 1) / DAY_MS);
    if (x(b) - x(a) < 30) continue;
    svg += `<text x="${n((x(a) + x(b)) / 2)}" y="${n(bottom + 18)}" font-size="${FONT_SIZE}" text-anchor="middle" fill="${CHART_INK}">${year}</text>`;
  }
  return svg;
}

/** The timeline as a complete SVG string (about 1 KB per lane plus 70 bytes per period). */
export function closureTimelineSvg(input: ClosureTimelineInput): string {
  if (!/^[A-Za-z][\w-]*$/.test(input.idPrefix)) throw new Error("idPrefix must be a plain identifier");
  const p = input.idPrefix;
  const width = input.width ?? WIDTH;
  const from = dayOf(input.from);
  const to = dayOf(input.to);
  const perDay = width / Math.max(1, to - from + 1);
  const x = (day: number) => (day - from) * perDay;
  let y = 0;
  let body = "";
  for (const lane of input.lanes) {
    body += `<text x="0" y="${n(y + 12)}" font-size="${FONT_SIZE}" font-weight="bold" fill="${CHART_INK}">${escapeXml(lane.label)}</text>`;
    y += LINE + 2;
    body += `<rect x="0" y="${n(y)}" width="${n(width)}" height="${BAR}" fill="${NO_DATA}"/>`;
    for (const period of lane.periods) {
      const a = Math.max(from, dayOf(period.firstDay));
      const b = Math.min(to, dayOf(period.lastDay));
      if (b < a) continue;
      body += `<rect x="${n(x(a))}" y="${n(y)}" width="${n(Math.max(0.5, x(b + 1) - x(a)))}" height="${BAR}" fill="${fillOf(period.kind, p)}"/>`;
      if (period.targeted)
        body += `<rect x="${n(x(a))}" y="${n(y + BAR + 1)}" width="${n(Math.max(0.5, x(b + 1) - x(a)))}" height="${STRIP}" fill="${CHART_INK}"/>`;
    }
    body += `<rect x="0" y="${n(y)}" width="${n(width)}" height="${BAR}" fill="none" stroke="${CHART_INK}" stroke-width="1"/>`;
    y += BAR + STRIP + 6;
    const hasTargeted = lane.periods.some((q) => q.targeted);
    const legend = legendRows(
      [
        ...lane.legend.map((l) => ({ fill: fillOf(l.kind, p), label: l.label })),
        { fill: NO_DATA, label: input.noDataLabel },
        ...(hasTargeted ? [{ fill: CHART_INK, label: input.targetedLabel, strip: true }] : []),
      ],
      y,
      width,
    );
    body += legend.svg;
    y += legend.height + 12;
  }
  const axisBottom = y;
  const axis = yearAxis(from, to, x, axisBottom);
  const height = Math.ceil(axisBottom + 24);
  const titleId = `${p}-title`;
  const descId = `${p}-desc`;
  // direction="ltr": time runs left to right on every page; an Arabic page's rtl would flip text anchors.
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet"` +
    ` role="img" aria-labelledby="${titleId}" aria-describedby="${descId}" lang="${escapeXml(input.lang)}" direction="ltr" font-family="${FONT}">` +
    `<title id="${titleId}">${escapeXml(input.title)}</title><desc id="${descId}">${escapeXml(input.description)}</desc>` +
    `${patternDefs(p)}${body}${axis}</svg>`
  );
}
