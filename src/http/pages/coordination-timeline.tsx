import type { CoordinationActivityView } from "../../domain/coordination/coordination-service.js";
import { formatDate, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";

// A Gantt-like timeline of a country's activities (R16 "calendar"), drawn as plain SVG on the server: one row per
// activity, a bar for when it runs, a dashed outline for the planned period, an arrow when it has no end. Readable
// without colour — each status has its own fill pattern, named in the legend, and every bar has a text label; the
// activities table next to it is the text alternative. Presentation attributes only (CSP: no style attributes).

const WIDTH = 720;
const PAD_START = 8;
const PAD_END = 28;
const AXIS = 28;
const ROW = 46;
const LEGEND_ROW = 22;
const INK = "#1a1a1a";
const ACCENT = "#0b4f8a";
const GREY = "#737373";
const ORANGE = "#c85000";
const DAY_MS = 86_400_000;

const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Fill of each IATI status: a pattern id or a plain colour. */
const FILLS: Record<number, string> = {
  1: "url(#tl-pipeline)",
  2: ACCENT,
  3: "url(#tl-finalisation)",
  4: GREY,
  5: "url(#tl-cancelled)",
  6: "url(#tl-suspended)",
};

function Patterns() {
  return (
    <defs>
      <pattern id="tl-pipeline" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ffffff" />
        <line x1="0" y1="0" x2="0" y2="6" stroke={ACCENT} stroke-width="3" />
      </pattern>
      <pattern id="tl-finalisation" width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" fill="#ffffff" />
        <circle cx="2.5" cy="2.5" r="1.4" fill={ACCENT} />
      </pattern>
      <pattern id="tl-cancelled" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#ffffff" />
        <path d="M0 0L6 6M6 0L0 6" stroke={GREY} stroke-width="1.2" />
      </pattern>
      <pattern id="tl-suspended" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#ffffff" />
        <line x1="0" y1="1.5" x2="6" y2="1.5" stroke={ORANGE} stroke-width="2" />
        <line x1="0" y1="4.5" x2="6" y2="4.5" stroke={ORANGE} stroke-width="2" />
      </pattern>
    </defs>
  );
}

/** Year lines for long spans, quarter lines for spans under two years. */
function ticks(first: number, last: number): number[] {
  const start = new Date(first * DAY_MS);
  const years = (last - first) / 365;
  const step = years > 2 ? 12 : 3;
  const out: number[] = [];
  const d = new Date(Date.UTC(start.getUTCFullYear(), step === 12 ? 0 : Math.floor(start.getUTCMonth() / 3) * 3, 1));
  while (d.getTime() / DAY_MS <= last) {
    const n = Math.round(d.getTime() / DAY_MS);
    if (n >= first) out.push(n);
    d.setUTCMonth(d.getUTCMonth() + step);
  }
  return out;
}

const shorten = (s: string, max = 64) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function ActivityTimeline({
  ctx,
  activities,
  state,
  today,
}: {
  ctx: PageContext;
  activities: CoordinationActivityView[];
  state: string;
  today: string;
}) {
  const { t, lang } = ctx;
  const placed = activities.filter((a) => a.period !== null);
  if (placed.length === 0) return null;
  const starts = placed.flatMap((a) => [a.period?.start as string, a.plannedStart].filter((d): d is string => d !== null));
  const ends = placed.flatMap((a) => [a.period?.end, a.plannedEnd].filter((d): d is string => d !== null && d !== undefined));
  const first = Math.min(...starts.map(dayNumber));
  // Open-ended bars run to today, or a quarter past their start when that is later, so they stay visible.
  const openEnds = placed.filter((a) => a.period?.end === null).map((a) => Math.max(dayNumber(today), dayNumber(a.period?.start as string) + 90));
  const last = Math.max(first + 30, ...ends.map(dayNumber), ...openEnds) + 1;
  const x = (n: number) => PAD_START + ((n - first) / (last - first)) * (WIDTH - PAD_START - PAD_END);
  const statuses = [...new Set(placed.map((a) => a.status))].sort();
  const hasOpen = placed.some((a) => a.period?.end === null);
  const showToday = today >= isoOf(first) && today <= isoOf(last);
  // Legend rows: one per status shown, then the planned outline, the open-end arrow and today's line.
  const keys = 1 + (hasOpen ? 1 : 0) + (showToday ? 1 : 0);
  const height = AXIS + placed.length * ROW + 12 + (statuses.length + keys) * LEGEND_ROW;
  const fmt = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", timeZone: "UTC" });
  const status = (s: number) => t(`coord.status.${s}` as MessageKey);
  const dates = (start: string, end: string | null) =>
    end ? t("coord.dates", { start: formatDate(lang, start), end: formatDate(lang, end) }) : t("coord.datesOpen", { start: formatDate(lang, start) });
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
      role="img"
      aria-labelledby="tl-title tl-desc"
      direction="ltr"
      font-family="system-ui, sans-serif"
      class="timeline"
    >
      <title id="tl-title">{t("coord.timeline.title", { state })}</title>
      <desc id="tl-desc">{t("coord.timeline.desc")}</desc>
      <Patterns />
      {ticks(first, last).map((n) => (
        <g key={n}>
          <line x1={x(n)} x2={x(n)} y1={AXIS - 6} y2={AXIS + placed.length * ROW} stroke="#d9d9d9" stroke-width="1" />
          <text x={x(n) + 3} y={AXIS - 10} font-size="11" fill={INK}>
            {fmt.format(new Date(n * DAY_MS))}
          </text>
        </g>
      ))}
      {showToday && (
        <line
          x1={x(dayNumber(today))}
          x2={x(dayNumber(today))}
          y1={AXIS - 6}
          y2={AXIS + placed.length * ROW}
          stroke={INK}
          stroke-width="1.5"
          stroke-dasharray="2 2"
        />
      )}
      {placed.map((a, i) => {
        const y = AXIS + i * ROW;
        const p = a.period as { start: string; end: string | null };
        const x1 = x(dayNumber(p.start));
        const x2 = p.end ? x(dayNumber(p.end) + 1) : x(last);
        const plannedStart = a.plannedStart ? x(dayNumber(a.plannedStart)) : null;
        const plannedEnd = a.plannedEnd ? x(dayNumber(a.plannedEnd) + 1) : x(last);
        return (
          <g key={a.id}>
            <text x={PAD_START} y={y + 14} font-size="12" fill={INK}>
              {shorten(`${a.title} — ${a.provider.name}`)} · {status(a.status)}
            </text>
            {plannedStart !== null && (
              <rect
                x={plannedStart}
                y={y + 19}
                width={Math.max(2, plannedEnd - plannedStart)}
                height="18"
                fill="none"
                stroke={INK}
                stroke-width="1"
                stroke-dasharray="4 3"
              />
            )}
            <rect
              x={x1}
              y={y + 22}
              width={Math.max(3, x2 - x1)}
              height="12"
              fill={FILLS[a.status] ?? ACCENT}
              stroke={a.status === 6 ? ORANGE : a.status >= 4 ? GREY : ACCENT}
              stroke-width="1"
            >
              <title>{`${a.title} (${a.provider.name}): ${dates(p.start, p.end)} · ${status(a.status)}`}</title>
            </rect>
            {p.end === null && <path d={`M${x2} ${y + 20}L${x2 + 10} ${y + 28}L${x2} ${y + 36}Z`} fill={INK} />}
          </g>
        );
      })}
      <g>
        {[
          {
            key: "planned",
            label: t("coord.timeline.legendPlanned"),
            mark: (y: number) => <rect x={PAD_START} y={y - 2} width="28" height="16" fill="none" stroke={INK} stroke-dasharray="4 3" />,
          },
          ...(hasOpen
            ? [
                {
                  key: "open",
                  label: t("coord.timeline.legendOpen"),
                  mark: (y: number) => <path d={`M${PAD_START + 10} ${y - 2}L${PAD_START + 22} ${y + 6}L${PAD_START + 10} ${y + 14}Z`} fill={INK} />,
                },
              ]
            : []),
          ...(showToday
            ? [
                {
                  key: "today",
                  label: t("coord.timeline.legendToday"),
                  mark: (y: number) => (
                    <line x1={PAD_START + 14} x2={PAD_START + 14} y1={y - 4} y2={y + 16} stroke={INK} stroke-width="1.5" stroke-dasharray="2 2" />
                  ),
                },
              ]
            : []),
        ].map((k, i) => {
          const y = AXIS + placed.length * ROW + 12 + (statuses.length + i) * LEGEND_ROW;
          return (
            <g key={k.key}>
              {k.mark(y)}
              <text x={PAD_START + 36} y={y + 11} font-size="12" fill={INK}>
                {k.label}
              </text>
            </g>
          );
        })}
        {statuses.map((s, i) => {
          const y = AXIS + placed.length * ROW + 12 + i * LEGEND_ROW;
          return (
            <g key={s}>
              <rect x={PAD_START} y={y} width="28" height="12" fill={FILLS[s] ?? ACCENT} stroke={INK} stroke-width="1" />
              <text x={PAD_START + 36} y={y + 11} font-size="12" fill={INK}>
                {status(s)}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
