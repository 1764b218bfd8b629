import type { ClosureComparisonView, ClosureReleaseView, CountryEducation } from "../../domain/education/country-education-schemas.js";
import { closureTimelineSvg, type TimelineKind, type TimelineLane } from "../../exports/charts/closure-timeline.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { formatNumber, type Lang, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import { releaseName } from "./closure-release-name.js";

// Parts of the country education page (education-country-page.tsx): the closure timeline with its table, days per
// year, the day-by-day comparisons. Statuses are shown in the words of their own scale, never merged (R25).

type Scale = ClosureReleaseView["scale"];

/** The codes of each scale (migration 0008 closure_statuses), in the order of the tables' columns. */
export const SCALE_CODES: Record<Scale, readonly number[]> = { unesco_status: [0, 1, 2, 3], unesco_scale: [0, 1, 2], oxcgrt_c1: [0, 1, 2, 3] };

const KIND: Record<Scale, readonly TimelineKind[]> = {
  unesco_status: ["open", "partial", "closed", "break"],
  unesco_scale: ["open", "partial", "closed"],
  // OxCGRT codebook C1: 0 no measures, 1 recommend closing (schools open), 2 require closing some levels, 3 all levels.
  oxcgrt_c1: ["open", "open_recommended", "partial", "closed"],
};

export const statusWord = (ctx: PageContext, scale: Scale, code: number) => ctx.t(`educountry.status.${scale}.${code}` as MessageKey);

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** A day in the page's language, medium length ("16 Feb 2020"). */
/** A release's name in the page's language (closure-release-name.ts), from the country view's shape. */
export function countryReleaseName(ctx: PageContext, r: ClosureReleaseView): string {
  return releaseName(ctx, { ...r, coverageFrom: r.coverage.from, coverageTo: r.coverage.to });
}

export function shortDate(lang: Lang, iso: string): string {
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
    dateFormats.set(lang, f);
  }
  return f.format(new Date(`${iso}T00:00:00Z`));
}

export const dayRange = (ctx: PageContext, from: string, to: string) =>
  ctx.t("educountry.range", { from: shortDate(ctx.lang, from), to: shortDate(ctx.lang, to) });

export function flagText(ctx: PageContext, flag: number | null): string {
  if (flag === 0) return ctx.t("educountry.flag.targeted");
  if (flag === 1) return ctx.t("educountry.flag.general");
  return "—";
}

export function Timeline({ ctx, releases }: { ctx: PageContext; releases: readonly ClosureReleaseView[] }) {
  const { t } = ctx;
  const shown = releases.filter((r) => r.hasData);
  if (shown.length === 0) return null;
  const from = shown.map((r) => r.coverage.from).sort()[0] as string;
  const to = shown
    .map((r) => r.coverage.to)
    .sort()
    .at(-1) as string;
  const lanes: TimelineLane[] = shown.map((r) => ({
    label: countryReleaseName(ctx, r),
    periods: r.periods.map((p) => ({
      firstDay: p.firstDay,
      lastDay: p.lastDay,
      kind: KIND[r.scale][p.status] ?? "open",
      targeted: r.scale === "oxcgrt_c1" && p.flag === 0,
    })),
    legend: SCALE_CODES[r.scale].map((code) => ({ kind: KIND[r.scale][code] ?? "open", label: statusWord(ctx, r.scale, code) })),
  }));
  const svg = closureTimelineSvg({
    lanes,
    from,
    to,
    title: t("educountry.chart.title"),
    description: t("educountry.chart.desc", { lanes: shown.length }),
    noDataLabel: t("educountry.noData"),
    targetedLabel: t("educountry.chart.targeted"),
    lang: ctx.lang,
    idPrefix: "closure-timeline",
  });
  return <div class="chart closure-timeline" dangerouslySetInnerHTML={{ __html: svg }} />;
}

export function PeriodTables({ ctx, releases }: { ctx: PageContext; releases: readonly ClosureReleaseView[] }) {
  const { t, lang } = ctx;
  return (
    <details class="closure-periods">
      <summary>{t("educountry.periods.summary")}</summary>
      {releases
        .filter((r) => r.hasData)
        .map((r) => (
          <ScrollTable
            key={r.id}
            caption={countryReleaseName(ctx, r)}
            headers={[
              t("educountry.col.from"),
              t("educountry.col.to"),
              t("educountry.col.status"),
              t("educountry.col.days"),
              ...(r.scale === "oxcgrt_c1" ? [t("educountry.col.flag")] : []),
              t("educountry.col.note"),
            ]}
          >
            {r.periods.map((p) => (
              <tr key={p.firstDay}>
                <td>{shortDate(lang, p.firstDay)}</td>
                <td>{shortDate(lang, p.lastDay)}</td>
                <td>{statusWord(ctx, r.scale, p.status)}</td>
                <td class="num">{formatNumber(lang, p.days)}</td>
                {r.scale === "oxcgrt_c1" && <td>{flagText(ctx, p.flag)}</td>}
                <td>{p.note ?? ""}</td>
              </tr>
            ))}
          </ScrollTable>
        ))}
    </details>
  );
}

export function YearTables({ ctx, releases }: { ctx: PageContext; releases: readonly ClosureReleaseView[] }) {
  const { t, lang } = ctx;
  return (
    <>
      {releases
        .filter((r) => r.hasData)
        .map((r) => (
          <ScrollTable
            key={r.id}
            caption={countryReleaseName(ctx, r)}
            headers={[
              t("educountry.col.year"),
              t("educountry.col.window"),
              ...SCALE_CODES[r.scale].map((code) => statusWord(ctx, r.scale, code)),
              t("educountry.noData"),
            ]}
          >
            {r.years.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td>
                  {dayRange(ctx, y.window.from, y.window.to)} <span class="meta">({t("educountry.days", { count: y.days })})</span>
                </td>
                {SCALE_CODES[r.scale].map((code) => (
                  <td key={code} class="num">
                    {formatNumber(lang, y.byStatus.find((s) => s.status === code)?.days ?? 0)}
                  </td>
                ))}
                <td class="num">{formatNumber(lang, y.noData)}</td>
              </tr>
            ))}
          </ScrollTable>
        ))}
    </>
  );
}

function scaleOf(releases: readonly ClosureReleaseView[], id: number): Scale {
  return releases.find((r) => r.id === id)?.scale ?? "unesco_status";
}

function sideText(ctx: PageContext, scale: Scale, side: { status: number; flag: number | null }): string {
  const word = statusWord(ctx, scale, side.status);
  return scale === "oxcgrt_c1" && side.flag !== null ? `${word} (${flagText(ctx, side.flag)})` : word;
}

export function ComparisonBlock({ ctx, c, releases }: { ctx: PageContext; c: ClosureComparisonView; releases: readonly ClosureReleaseView[] }) {
  const nameOfId = (id: number) => {
    const r = releases.find((x) => x.id === id);
    return r ? countryReleaseName(ctx, r) : String(id);
  };
  const { t, lang } = ctx;
  const id = `compare-${c.a.releaseId}-${c.b.releaseId}`;
  const share = c.comparable > 0 ? new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(c.disagree / c.comparable) : "—";
  const scaleA = scaleOf(releases, c.a.releaseId);
  const scaleB = scaleOf(releases, c.b.releaseId);
  const figure = (key: MessageKey, value: number, extra?: string) => (
    <tr>
      <th scope="row">{t(key)}</th>
      <td class="num">
        {formatNumber(lang, value)}
        {extra && <span class="meta"> ({extra})</span>}
      </td>
    </tr>
  );
  return (
    <section aria-labelledby={id} class="closure-comparison">
      <h3 id={id}>
        {c.kind === "sources"
          ? t("educountry.compare.sources")
          : t("educountry.compare.releases", { older: nameOfId(c.a.releaseId), newer: nameOfId(c.b.releaseId) })}
      </h3>
      <p>{c.kind === "sources" ? t("educountry.compare.sourcesLead") : t("educountry.compare.releasesLead")}</p>
      <ScrollTable
        caption={t("educountry.compare.caption", { window: dayRange(ctx, c.window.from, c.window.to) })}
        headers={[t("educountry.col.measure"), t("educountry.col.days")]}
      >
        {figure("educountry.compare.window", c.days)}
        {figure("educountry.compare.comparable", c.comparable)}
        {figure("educountry.compare.agree", c.agree)}
        {figure("educountry.compare.disagree", c.disagree, t("educountry.compare.share", { share }))}
        {figure("educountry.compare.notComparable", c.notComparable)}
        {figure("educountry.compare.missing", c.missing)}
      </ScrollTable>
      {c.disagreements.length > 0 && (
        <details>
          <summary>{t("educountry.compare.runs", { count: c.disagreements.length })}</summary>
          <ScrollTable
            caption={t("educountry.compare.runsCaption")}
            headers={[t("educountry.col.from"), t("educountry.col.to"), t("educountry.col.days"), nameOfId(c.a.releaseId), nameOfId(c.b.releaseId)]}
          >
            {c.disagreements.map((d) => (
              <tr key={d.from}>
                <td>{shortDate(lang, d.from)}</td>
                <td>{shortDate(lang, d.to)}</td>
                <td class="num">{formatNumber(lang, d.days)}</td>
                <td>{sideText(ctx, scaleA, d.a)}</td>
                <td>{sideText(ctx, scaleB, d.b)}</td>
              </tr>
            ))}
          </ScrollTable>
        </details>
      )}
    </section>
  );
}

/** Rows: SDG 4 targets; columns: recommendations, requests, activities naming them (R11). */
export function Sdg4Matrix({ ctx, sdg4 }: { ctx: PageContext; sdg4: CountryEducation["sdg4"] }) {
  const { t, lang } = ctx;
  return (
    <>
      <ScrollTable
        caption={t("educountry.matrix.caption")}
        headers={[t("educountry.col.target"), t("educountry.col.recommendations"), t("educountry.col.requests"), t("educountry.col.activities")]}
      >
        {sdg4.rows.map((r) => (
          <tr key={r.target}>
            <th scope="row">
              <span class="sdg-target-code">{r.target}</span> {r.label === r.target ? "" : r.label}
            </th>
            <td class="num">{formatNumber(lang, r.recommendations)}</td>
            <td class="num">{formatNumber(lang, r.requests)}</td>
            <td class="num">{formatNumber(lang, r.activities)}</td>
          </tr>
        ))}
      </ScrollTable>
      <p class="meta">{t("educountry.matrix.note")}</p>
      {sdg4.activitiesNotBrokenDown > 0 && <p class="meta">{t("educountry.matrix.notBrokenDown", { count: sdg4.activitiesNotBrokenDown })}</p>}
    </>
  );
}
