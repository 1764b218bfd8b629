import type { ClosureDay, ClosureGlobalView, ClosureReleaseWithReport, ClosureStatus } from "../../domain/education/closure-global-schemas.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { SelectField } from "../../web/components/form-fields.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { formatDate, formatNumber, type Lang, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import { tableDownloadHrefs } from "../table-download.js";
import type { CodeLabels } from "./page-labels.js";
import { releaseName } from "./closure-release-name.js";

// Parts of /education, the global view of school closures (res. 45/32 PP10; R25): the filter form, the weekly table
// that is the chart's text alternative, learners, the comparison of regions, the countries closed longest, and the
// sources. Every figure is in a table with a caption and header cells; nothing depends on colour or JavaScript.

export type Scale = ClosureReleaseWithReport["scale"];

/** A status in the page's language: UNESCO's words and OxCGRT's C1 levels are all in the area's messages. */
export function statusName(ctx: PageContext, scale: Scale, s: Pick<ClosureStatus, "code" | "word">): string {
  const key = `closure.status.${scale}.${s.code}` as MessageKey;
  const text = ctx.t(key);
  return text === key ? s.word : text;
}

export function regionName(ctx: PageContext, code: string, fallback: string | undefined): string {
  if (code === "") return ctx.t("edu.regions.noRegion");
  const key = `region.${code}` as MessageKey;
  const text = ctx.t(key);
  return text === key ? (fallback ?? code) : text;
}

const percent = (lang: Lang, share: number | null) =>
  share === null ? "–" : new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(share);
const decimal = (lang: Lang, n: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n);

/** The page's query without empty values: the same for the downloads and the links between releases. */
export function pageQuery(view: ClosureGlobalView, release: number | null): Record<string, string> {
  const f = view.filters;
  const q: Record<string, string> = {};
  if (release !== null) q.release = String(release);
  if (f.region) q.region = f.region;
  if (f.group) q.group = f.group;
  if (f.ldc !== undefined) q.ldc = f.ldc ? "1" : "0";
  if (f.sids !== undefined) q.sids = f.sids ? "1" : "0";
  return q;
}

function withQuery(path: string, query: Record<string, string>): string {
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}

export function ClosureFilters({ ctx, view }: { ctx: PageContext; view: ClosureGlobalView }) {
  const { t } = ctx;
  const selected = view.series?.release.id;
  const f = view.filters;
  return (
    <form method="get" action="/education" class="filters" role="search" aria-label={t("edu.filter.label")}>
      <div class="field">
        <label for="f-release">{t("edu.filter.release")}</label>
        <select id="f-release" name="release">
          {view.releases.map((r) => (
            <option key={r.id} value={String(r.id)} selected={r.id === selected}>
              {releaseName(ctx, r)}
            </option>
          ))}
        </select>
      </div>
      <SelectField
        id="f-region"
        name="region"
        label={t("edu.filter.region")}
        anyLabel={t("edu.filter.any")}
        selected={f.region}
        choices={view.choices.regions.map((r) => ({ value: r.code, label: regionName(ctx, r.code, r.name) }))}
      />
      <SelectField
        id="f-group"
        name="group"
        label={t("edu.filter.group")}
        anyLabel={t("edu.filter.any")}
        selected={f.group}
        choices={view.choices.groups.map((g) => ({ value: g, label: t(`group.${g}` as MessageKey) }))}
      />
      <fieldset class="checkbox-group">
        <legend>{t("edu.filter.only")}</legend>
        <div class="field checkbox">
          <input type="checkbox" id="f-ldc" name="ldc" value="1" checked={f.ldc === true} />
          <label for="f-ldc">{t("edu.filter.ldc")}</label>
        </div>
        <div class="field checkbox">
          <input type="checkbox" id="f-sids" name="sids" value="1" checked={f.sids === true} />
          <label for="f-sids">{t("edu.filter.sids")}</label>
        </div>
      </fieldset>
      <button type="submit" class="button">
        {t("edu.filter.apply")}
      </button>
      <a class="button button-secondary" href="/education">
        {t("edu.filter.reset")}
      </a>
    </form>
  );
}

/** What the release's statuses mean: OxCGRT's levels in the codebook's words, the others by their scale. */
export function StatusKey({ ctx, scale, statuses }: { ctx: PageContext; scale: Scale; statuses: ClosureStatus[] }) {
  const { t } = ctx;
  return (
    <div class="closure-statuses">
      <h3>{t("edu.statuses.heading")}</h3>
      <p>{t(`edu.scale.${scale}` as MessageKey)}</p>
      {scale === "oxcgrt_c1" && (
        <dl>
          {[...statuses]
            .sort((a, b) => a.code - b.code)
            .map((s) => (
              <div key={s.code}>
                <dt>{statusName(ctx, scale, s)}</dt>
                <dd>{t(`closure.c1.${s.code}` as MessageKey)}</dd>
              </div>
            ))}
        </dl>
      )}
    </div>
  );
}

export function WeeksTable({
  ctx,
  scale,
  label,
  statuses,
  weeks,
}: {
  ctx: PageContext;
  scale: Scale;
  label: string;
  statuses: ClosureStatus[];
  weeks: ClosureDay[];
}) {
  const { t, lang } = ctx;
  return (
    <details class="closure-weeks">
      <summary>{t("edu.weeks.summary", { count: weeks.length })}</summary>
      <ScrollTable
        caption={t("edu.weeks.caption", { label })}
        headers={[t("edu.col.date"), ...statuses.map((s) => statusName(ctx, scale, s)), t("edu.col.reporting")]}
      >
        {weeks.map((w) => (
          <tr key={w.day}>
            <th scope="row">
              <time datetime={w.day}>{formatDate(lang, w.day)}</time>
            </th>
            {w.byStatus.map((c) => (
              <td key={c.status} class="num">
                {formatNumber(lang, c.countries)}
              </td>
            ))}
            <td class="num">{formatNumber(lang, w.reporting)}</td>
          </tr>
        ))}
      </ScrollTable>
    </details>
  );
}

export function LearnersSection({ ctx, view }: { ctx: PageContext; view: ClosureGlobalView }) {
  const { t, lang } = ctx;
  const series = view.series;
  if (!series) return null;
  const scale = series.release.scale;
  return (
    <section aria-labelledby="edu-learners">
      <h2 id="edu-learners">{t("edu.learners.heading")}</h2>
      {!series.learnersReported ? (
        <p>{t("edu.learners.none")}</p>
      ) : (
        <>
          <p>{t("edu.learners.partial")}</p>
          <ScrollTable
            caption={t("edu.learners.caption", { label: releaseName(ctx, series.release) })}
            headers={[t("edu.col.date"), ...series.statuses.map((s) => statusName(ctx, scale, s))]}
          >
            {view.weeks.map((w) => (
              <tr key={w.day}>
                <th scope="row">
                  <time datetime={w.day}>{formatDate(lang, w.day)}</time>
                </th>
                {w.byStatus.map((c) => (
                  <td key={c.status} class="num">
                    {c.learnersTotal === null ? "–" : t("edu.learners.cell", { learners: formatNumber(lang, c.learnersTotal), count: c.learnersCountries })}
                  </td>
                ))}
              </tr>
            ))}
          </ScrollTable>
        </>
      )}
    </section>
  );
}

export function RegionsSection({
  ctx,
  view,
  chartSvg,
  closedWord,
}: {
  ctx: PageContext;
  view: ClosureGlobalView;
  chartSvg: string | null;
  closedWord: string;
}) {
  const { t, lang } = ctx;
  const series = view.series;
  if (!series) return null;
  const closedAt = series.statuses.findIndex((s) => s.comparable === "closed");
  const names = new Map(view.choices.regions.map((r) => [r.code, r.name]));
  return (
    <section aria-labelledby="edu-regions">
      <h2 id="edu-regions">{t("edu.regions.heading")}</h2>
      <p>{t("edu.regions.lead", { status: closedWord, days: series.release.days })}</p>
      {/* Stacked rather than side by side: the table's five columns need the full width. */}
      {chartSvg && <figure class="chart closure-region-chart" dangerouslySetInnerHTML={{ __html: chartSvg }} />}
      <ScrollTable
        caption={t("edu.regions.caption", { label: releaseName(ctx, series.release) })}
        headers={[t("edu.col.region"), t("edu.col.countries"), t("edu.col.countryDaysClosed"), t("edu.col.closedPerDay"), t("edu.col.shareClosed")]}
      >
        {view.regions.map((r) => (
          <tr key={r.regionCode}>
            <th scope="row">{regionName(ctx, r.regionCode, names.get(r.regionCode))}</th>
            <td class="num">{formatNumber(lang, r.countries)}</td>
            <td class="num">{formatNumber(lang, r.countryDays[closedAt] ?? 0)}</td>
            <td class="num">{decimal(lang, r.closedPerDay)}</td>
            <td class="num">{percent(lang, r.shareClosed)}</td>
          </tr>
        ))}
      </ScrollTable>
    </section>
  );
}

export function TopCountriesSection({ ctx, view, labels, closedWord }: { ctx: PageContext; view: ClosureGlobalView; labels: CodeLabels; closedWord: string }) {
  const { t, lang } = ctx;
  const series = view.series;
  if (!series) return null;
  const names = new Map(view.choices.regions.map((r) => [r.code, r.name]));
  return (
    <section aria-labelledby="edu-top">
      <h2 id="edu-top">{t("edu.top.heading")}</h2>
      {view.topCountries.length === 0 ? (
        <p>{t("edu.top.none", { status: closedWord })}</p>
      ) : (
        <>
          <p>{t("edu.top.link")}</p>
          <ScrollTable
            caption={t("edu.top.caption", { count: view.topCountries.length, status: closedWord, label: releaseName(ctx, series.release) })}
            headers={[t("edu.col.country"), t("edu.col.region"), t("edu.col.daysClosed"), t("edu.col.daysPartial"), t("edu.col.daysReported")]}
          >
            {view.topCountries.map((c) => (
              <tr key={c.iso3}>
                <th scope="row">
                  <a href={`/countries/${c.iso3}/education`}>{labels.country(c.iso3)}</a>
                </th>
                <td>{regionName(ctx, c.regionCode, names.get(c.regionCode))}</td>
                <td class="num">{formatNumber(lang, c.daysClosed)}</td>
                <td class="num">{formatNumber(lang, c.daysPartial)}</td>
                <td class="num">{formatNumber(lang, c.daysReported)}</td>
              </tr>
            ))}
          </ScrollTable>
        </>
      )}
    </section>
  );
}

/** The imported releases with their provenance (R34): shown on /education and on the data sources page. */
export function ReleasesTable({
  ctx,
  releases,
  shown,
  hrefOf,
}: {
  ctx: PageContext;
  releases: readonly ClosureReleaseWithReport[];
  shown: number | null;
  hrefOf: (id: number) => string;
}) {
  const { t, lang } = ctx;
  return (
    <ScrollTable
      caption={t("edu.sources.caption")}
      headers={[
        t("edu.col.release"),
        t("edu.col.publisher"),
        t("edu.col.coverage"),
        t("edu.col.rows"),
        t("edu.col.imported"),
        t("edu.col.licence"),
        t("edu.col.report"),
      ]}
    >
      {releases.map((r) => (
        <tr key={r.id}>
          <th scope="row">
            {r.id === shown ? (
              <>
                {releaseName(ctx, r)} <span class="meta">({t("edu.sources.shown")})</span>
              </>
            ) : (
              <a href={hrefOf(r.id)}>{releaseName(ctx, r)}</a>
            )}
          </th>
          <td>{r.publisher}</td>
          <td>{t("edu.sources.range", { from: formatDate(lang, r.coverageFrom), to: formatDate(lang, r.coverageTo) })}</td>
          <td class="num">{t("edu.sources.rows", { stored: formatNumber(lang, r.rowsStored), skipped: formatNumber(lang, r.rowsSkipped) })}</td>
          <td>
            <time datetime={r.importedAt.toISOString()}>{formatDate(lang, r.importedAt)}</time>
          </td>
          <td>{r.licence || t("edu.sources.noLicence")}</td>
          <td>{t("edu.sources.warnings", { count: r.warnings.length })}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}

export function SourcesSection({ ctx, view }: { ctx: PageContext; view: ClosureGlobalView }) {
  const { t } = ctx;
  const shown = view.series?.release.id ?? null;
  return (
    <section aria-labelledby="edu-sources">
      <h2 id="edu-sources">{t("edu.sources.heading")}</h2>
      <p>{t("edu.sources.lead")}</p>
      <ReleasesTable ctx={ctx} releases={view.releases} shown={shown} hrefOf={(id) => withQuery("/education", pageQuery(view, id))} />
      <ul class="closure-source-links">
        <li>
          <a href="/api/v1/closures/releases" type="application/json">
            {t("edu.sources.json")}
          </a>
        </li>
        {shown !== null && (
          <li>
            <a href={withQuery("/api/v1/closures/daily", pageQuery(view, shown))} type="application/json">
              {t("edu.sources.api")}
            </a>
          </li>
        )}
      </ul>
      <p class="meta">{t("edu.sources.citation")}</p>
    </section>
  );
}

export function DailyDownloads({ ctx, view }: { ctx: PageContext; view: ClosureGlobalView }) {
  const release = view.series?.release.id ?? null;
  return <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs("/education", pageQuery(view, release))} dataset={ctx.t("edu.dataset.daily")} />;
}
