import type { FastifyInstance } from "fastify";
import { notFound } from "../../domain/core/app-error.js";
import type { ClosureReleaseView, CountryEducation } from "../../domain/education/country-education-schemas.js";
import { getCountryClosures, getCountryEducation } from "../../domain/education/country-education-service.js";
import { listMonitoringSummary, type MonitoringSummary } from "../../domain/education/indicator-service.js";
import { LatestValues } from "./monitoring-bits.js";
import { TABLE_EXTENSIONS, type TableColumn } from "../../exports/hxl.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { formatNumber, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { sendTable, tableDownloadHrefs, tableFormatOfPath } from "../table-download.js";
import { StatusBadge as ActivityStatusBadge } from "./activity-bits.js";
import { ComparisonBlock, dayRange, PeriodTables, Sdg4Matrix, shortDate, Timeline, YearTables } from "./education-country-parts.js";
import { codeLabels } from "./page-labels.js";
import { sendPage } from "./render.js";
import { statusLabel } from "./request-bits.js";
import { releaseTitle } from "./closure-release-name.js";

// /countries/{ISO3}/education: one page that shows need, commitment and support together (R11, R25; res. 45/32
// PP9–PP11, OP7): school closures per source release (timeline, days per year, UNESCO against OxCGRT and the UNESCO
// releases against each other), the State's education recommendations, and its requests and activities on education,
// crossed with the SDG 4 targets. Works without JavaScript; the tables carry everything the chart shows.

const CITATION: Record<ClosureReleaseView["source"], MessageKey> = {
  unesco: "educountry.cite.unesco",
  oxcgrt: "educountry.cite.oxcgrt",
  national: "educountry.cite.national",
};

function Sources({ ctx, releases }: { ctx: PageContext; releases: readonly ClosureReleaseView[] }) {
  const { t, lang } = ctx;
  return (
    <ul class="closure-sources">
      {releases.map((r) => (
        <li key={r.id}>
          <strong>{releaseTitle(ctx, { ...r, coverageFrom: r.coverage.from, coverageTo: r.coverage.to })}</strong> — {r.publisher}.{" "}
          {t("educountry.source.coverage", { range: dayRange(ctx, r.coverage.from, r.coverage.to) })}
          {r.licence && <> {t("educountry.source.licence", { licence: r.licence })}</>}{" "}
          {t("educountry.source.imported", { date: shortDate(lang, r.importedAt.slice(0, 10)) })}{" "}
          {!r.hasData && <strong>{t("educountry.source.noCountryData")}</strong>}
          <br />
          <span class="meta">{t(CITATION[r.source])}</span>
        </li>
      ))}
    </ul>
  );
}

function ClosureSections({ ctx, e, name }: { ctx: PageContext; e: CountryEducation; name: string }) {
  const { t } = ctx;
  const withData = e.releases.filter((r) => r.hasData);
  const base = `/countries/${e.iso3}/education/closures`;
  return (
    <>
      <section aria-labelledby="edu-timeline">
        <h2 id="edu-timeline">{t("educountry.timeline.heading")}</h2>
        {e.releases.length === 0 ? (
          <p>{t("educountry.none.imported")}</p>
        ) : withData.length === 0 ? (
          <p>{t("educountry.none.country", { country: name })}</p>
        ) : (
          <>
            <Timeline ctx={ctx} releases={e.releases} />
            <PeriodTables ctx={ctx} releases={e.releases} />
            <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs(base)} dataset={t("educountry.dataset.periods", { country: name })} />
          </>
        )}
      </section>
      {withData.length > 0 && (
        <section aria-labelledby="edu-years">
          <h2 id="edu-years">{t("educountry.years.heading")}</h2>
          <p>{t("educountry.years.lead")}</p>
          <YearTables ctx={ctx} releases={e.releases} />
        </section>
      )}
      {withData.length > 0 && (
        <section aria-labelledby="edu-compare">
          <h2 id="edu-compare">{t("educountry.compare.heading")}</h2>
          {e.comparisons.length === 0 ? (
            <p>{t("educountry.compare.none")}</p>
          ) : (
            e.comparisons.map((c) => <ComparisonBlock key={`${c.a.releaseId}-${c.b.releaseId}`} ctx={ctx} c={c} releases={e.releases} />)
          )}
          <p class="meta">{t("educountry.compare.mapping")}</p>
        </section>
      )}
    </>
  );
}

function Commitment({ ctx, e }: { ctx: PageContext; e: CountryEducation }) {
  const { t, lang } = ctx;
  const r = e.recommendations;
  return (
    <section aria-labelledby="edu-commitment">
      <h2 id="edu-commitment">{t("educountry.recs.heading")}</h2>
      <p>{t("educountry.recs.count", { count: r.total })}</p>
      {r.total > 0 && (
        <ScrollTable
          caption={t("educountry.recs.caption")}
          headers={[t("educountry.col.cycle"), t("position.supported"), t("position.noted"), t("common.other"), t("educountry.col.total")]}
        >
          {r.byCycle.map((c) => (
            <tr key={String(c.cycle)}>
              <th scope="row">{c.cycle === null ? "—" : t("recs.cycle", { cycle: c.cycle })}</th>
              <td class="num">{formatNumber(lang, c.supported)}</td>
              <td class="num">{formatNumber(lang, c.noted)}</td>
              <td class="num">{formatNumber(lang, c.other)}</td>
              <td class="num">{formatNumber(lang, c.total)}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <p>
        <a href={`/countries/${e.iso3}/recommendations#theme-E5`}>{t("educountry.recs.link")}</a> ·{" "}
        <a href={`/recommendations?state=${e.iso3}&theme=E5`}>{t("educountry.recs.search")}</a>
      </p>
    </section>
  );
}

function Support({ ctx, e }: { ctx: PageContext; e: CountryEducation }) {
  const { t, lang } = ctx;
  const targets = (list: readonly string[]) => list.filter((c) => c.startsWith("4.")).join(", ") || "—";
  return (
    <section aria-labelledby="edu-support">
      <h2 id="edu-support">{t("educountry.support.heading")}</h2>
      <h3>{t("educountry.requests.heading")}</h3>
      <p>{t("educountry.requests.count", { count: e.requests.length })}</p>
      {e.requests.length > 0 && (
        <ScrollTable
          caption={t("educountry.requests.caption")}
          headers={[t("educountry.col.request"), t("educountry.col.status"), t("educountry.col.targets"), t("educountry.col.continuity")]}
        >
          {e.requests.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/requests/${r.id}`}>{r.title.trim() || t("req.untitled")}</a>
                {r.reference && <span class="meta"> {r.reference}</span>}
              </td>
              <td>{statusLabel(ctx, r.status)}</td>
              <td>{targets(r.sdgTargets)}</td>
              <td>{r.continuityNeeds.map((n) => t(`vocab.continuityNeed.${n}` as MessageKey)).join(", ") || "—"}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <h3>{t("educountry.activities.heading")}</h3>
      <p>{t("educountry.activities.count", { count: e.activities.total })}</p>
      {e.activities.items.length > 0 && (
        <ScrollTable
          caption={t("educountry.activities.caption")}
          headers={[
            t("educountry.col.activity"),
            t("educountry.col.provider"),
            t("educountry.col.status"),
            t("educountry.col.period"),
            t("educountry.col.targets"),
          ]}
        >
          {e.activities.items.map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/activities/${a.id}`}>{a.title}</a>
              </td>
              <td>
                <a href={`/transparency/providers/${a.provider.slug}`}>{a.provider.name}</a>
              </td>
              <td>
                <ActivityStatusBadge ctx={ctx} status={a.status} />
              </td>
              <td>{a.start || a.end ? `${a.start ? shortDate(lang, a.start) : "…"} – ${a.end ? shortDate(lang, a.end) : "…"}` : "—"}</td>
              <td>{targets(a.sdgTargets)}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {e.activities.withheldCounted > 0 && <p class="notice">{t("educountry.activities.withheld", { count: e.activities.withheldCounted })}</p>}
      <p>
        <a href={`/transparency/countries/${e.iso3}?theme=E5#register-activities`}>{t("educountry.activities.register")}</a>
      </p>
    </section>
  );
}

/** What the State's own monitoring adds (res. 45/32 PP10; R25): counts and the latest value, as the viewer may see. */
function Monitoring({ ctx, iso3, m }: { ctx: PageContext; iso3: string; m: MonitoringSummary }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="edu-monitoring">
      <h2 id="edu-monitoring">{t("educountry.monitoring.heading")}</h2>
      <p>{t("educountry.monitoring.counts", { mechanisms: m.mechanisms, series: m.series })}</p>
      {m.latest && (
        <>
          <p>{t("educountry.monitoring.latest", { title: m.latest.title, year: String(m.latest.year) })}</p>
          <LatestValues ctx={ctx} latest={m.latest} />
        </>
      )}
      <p>
        <a href={`/countries/${iso3}/monitoring`}>{t("educountry.monitoring.link")}</a>
      </p>
    </section>
  );
}

export function EducationCountryPage({ ctx, e, name, monitoring }: { ctx: PageContext; e: CountryEducation; name: string; monitoring: MonitoringSummary }) {
  const { t } = ctx;
  const title = t("educountry.title", { country: name });
  return (
    <Layout ctx={ctx} title={title} active="education">
      <p class="meta">
        <a href={`/countries/${e.iso3}`}>{name}</a> · <a href="/education">{t("nav.education")}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t("educountry.lead", { country: name })}</p>
      {e.releases.length > 0 && <Sources ctx={ctx} releases={e.releases} />}
      <ClosureSections ctx={ctx} e={e} name={name} />
      <Commitment ctx={ctx} e={e} />
      <Support ctx={ctx} e={e} />
      <section aria-labelledby="edu-sdg4">
        <h2 id="edu-sdg4">{t("educountry.matrix.heading")}</h2>
        <Sdg4Matrix ctx={ctx} sdg4={e.sdg4} />
      </section>
      <Monitoring ctx={ctx} iso3={e.iso3} m={monitoring} />
    </Layout>
  );
}

/** A row of the periods download: one period of one release. */
type PeriodRow = { release: ClosureReleaseView; period: ClosureReleaseView["periods"][number]; iso3: string };

export const CLOSURE_PERIOD_COLUMNS: readonly TableColumn<PeriodRow>[] = [
  { key: "iso3", header: "ISO3", hxl: "#country+code", value: (r) => r.iso3 },
  { key: "source", header: "Source", hxl: "#meta+source", value: (r) => r.release.publisher },
  { key: "release_id", header: "Release", hxl: "#meta+id", value: (r) => r.release.id },
  { key: "release_label", header: "Release label", hxl: "#meta+name", value: (r) => r.release.label },
  { key: "scale", header: "Scale", hxl: "#indicator+scale", value: (r) => r.release.scale },
  { key: "first_day", header: "From", hxl: "#date+start", value: (r) => r.period.firstDay },
  { key: "last_day", header: "To", hxl: "#date+end", value: (r) => r.period.lastDay },
  { key: "days", header: "Days", hxl: "#indicator+days+num", value: (r) => r.period.days },
  { key: "status_code", header: "Status code", hxl: "#status+code", value: (r) => r.period.status },
  { key: "status", header: "Status", hxl: "#status+name", value: (r) => r.period.word },
  { key: "comparable", header: "Comparable as", hxl: "#status+comparable", value: (r) => r.period.comparable ?? "" },
  { key: "c1_flag", header: "OxCGRT C1 flag (0 targeted, 1 general)", hxl: "#indicator+flag", value: (r) => r.period.flag ?? "" },
  { key: "note", header: "Note", hxl: "#description", value: (r) => r.period.note ?? "" },
];

export function registerEducationCountryPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/countries/:iso3/education", async (request, reply) => {
    const { iso3 } = request.params as { iso3: string };
    if (iso3 !== iso3.toUpperCase()) return reply.redirect(`/countries/${encodeURIComponent(iso3.toUpperCase())}/education`, 301);
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    // The State is checked by getCountryEducation (404, 400); the three reads run together.
    const [e, labels, monitoring] = await Promise.all([
      getCountryEducation(db, request.viewer, iso3, { lang: ctx.lang }),
      codeLabels(db, ctx.lang),
      listMonitoringSummary(db, request.viewer, iso3),
    ]);
    return sendPage(reply, <EducationCountryPage ctx={ctx} e={e} name={labels.country(e.iso3)} monitoring={monitoring} />);
  });

  // The State's closure periods of every release: /countries/SEN/education/closures.csv, .hxl.csv, .json.
  app.get("/countries/:iso3/education/:file", async (request, reply) => {
    const { iso3, file } = request.params as { iso3: string; file: string };
    const format = tableFormatOfPath(file);
    if (!format || file !== `closures${TABLE_EXTENSIONS[format]}`) throw notFound("Download", file);
    const e = await getCountryClosures(db, iso3.toUpperCase());
    const rows = e.releases.flatMap((release) => release.periods.map((period) => ({ release, period, iso3: e.iso3 })));
    return sendTable(db, request, reply, { format, filename: `school-closures-${e.iso3}`, columns: CLOSURE_PERIOD_COLUMNS, rows });
  });
}
