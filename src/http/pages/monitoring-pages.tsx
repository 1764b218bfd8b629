import type { FastifyInstance } from "fastify";
import { listStateSeries } from "../../domain/education/indicator-service.js";
import { canRecordMonitoring } from "../../domain/education/monitoring-access.js";
import {
  CHILDREN_PARTICIPATION,
  type IndicatorSeries,
  MECHANISM_KINDS,
  type Mechanism,
  MONITORED_SUBJECTS,
} from "../../domain/education/monitoring-schemas.js";
import {
  canEditMonitoringRecord,
  listMechanismRegistry,
  listMechanismRegistryRows,
  listStateMechanisms,
  type RegistryPage,
} from "../../domain/education/monitoring-service.js";
import { readAllPages } from "../../domain/core/pages.js";
import { TABLE_FORMATS, tableFileName } from "../../exports/hxl.js";
import { MECHANISM_COLUMNS } from "../../exports/monitoring-table.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { sendTable, tableDownloadHrefs } from "../table-download.js";
import { scopeOf } from "../../domain/access/viewer.js";
import { listCountries } from "../../domain/reference/reference-service.js";
import { SelectField } from "../../web/components/form-fields.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { MechanismCard, monitoringLinks, SeriesFacts, SeriesFigure } from "./monitoring-bits.js";
import { seriesChartSvg } from "./monitoring-chart.js";
import { registerMonitoringForms } from "./monitoring-forms.js";
import { registerSeriesPage } from "./monitoring-series-page.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";

// National monitoring of education (res. 45/32 PP10; R25, R26, R27): one State's registry of monitoring mechanisms
// and indicator series, and the registry across States. Server-rendered, no script needed.

type StatePageProps = {
  ctx: PageContext;
  iso3: string;
  state: string;
  mechanisms: (Mechanism & { canEdit: boolean })[];
  series: (IndicatorSeries & { canEdit: boolean; svg: string | null })[];
  canRecord: boolean;
  notice: string | null;
};

function StateMonitoringPage({ ctx, iso3, state, mechanisms, series, canRecord, notice }: StatePageProps) {
  const { t } = ctx;
  const title = t("monitoring.stateTitle", { state });
  return (
    <Layout ctx={ctx} title={title} active="countries">
      {monitoringLinks(ctx, iso3, state)}
      <h1>{title}</h1>
      <p class="lead">{t("monitoring.lead")}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {canRecord ? (
        <p class="form-actions">
          <a class="button" href={`/countries/${iso3}/monitoring/mechanisms/new`}>
            {t("monitoring.addMechanism")}
          </a>
          <a class="button button-secondary" href={`/countries/${iso3}/monitoring/indicators/new`}>
            {t("monitoring.addSeries")}
          </a>
        </p>
      ) : (
        <p class="meta">{t("monitoring.whoRecords")}</p>
      )}
      <section aria-labelledby="mechanisms-h">
        <h2 id="mechanisms-h">{t("monitoring.mechanisms")}</h2>
        {mechanisms.length === 0 && <p>{t("monitoring.noMechanisms")}</p>}
        {mechanisms.map((m) => (
          <MechanismCard key={m.id} ctx={ctx} m={m} iso3={iso3} canEdit={m.canEdit} />
        ))}
      </section>
      <section aria-labelledby="series-h">
        <h2 id="series-h">{t("monitoring.series")}</h2>
        {series.length === 0 && <p>{t("monitoring.noSeries")}</p>}
        {series.map((s) => (
          <article key={s.id} class="profile-entry" id={`series-${s.id}`} aria-labelledby={`series-${s.id}-title`}>
            <h3 id={`series-${s.id}-title`}>
              {s.sdgIndicator && <span class="badge">{s.sdgIndicator}</span>} <span lang={s.textLang}>{s.title}</span>
            </h3>
            <SeriesFacts ctx={ctx} series={s} />
            <SeriesFigure ctx={ctx} series={s} svg={s.svg} />
            <p>
              <a href={`/countries/${iso3}/monitoring/indicators/${s.id}`}>
                {t("monitoring.openSeries")}
                <span class="visually-hidden">: {s.title}</span>
              </a>
            </p>
          </article>
        ))}
      </section>
    </Layout>
  );
}

type RegistryProps = { ctx: PageContext; page: RegistryPage; labels: CodeLabels; states: { iso3: string; name: string }[]; filters: Record<string, string> };

function RegistryPageView({ ctx, page, labels, states, filters }: RegistryProps) {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const query = (n: number) => `/education/monitoring?${new URLSearchParams({ ...filters, page: String(n) }).toString()}`;
  return (
    <Layout ctx={ctx} title={t("monitoring.registry.title")} active="education">
      <h1>{t("monitoring.registry.title")}</h1>
      <p class="lead">{t("monitoring.registry.lead")}</p>
      <p>
        <strong>{t("monitoring.registry.states", { count: page.statesAll })}</strong>
      </p>
      <form method="get" action="/education/monitoring" class="filters" role="search" aria-label={t("monitoring.registry.filters")}>
        <SelectField
          id="f-state"
          name="state"
          label={t("monitoring.col.state")}
          anyLabel={t("monitoring.registry.any")}
          selected={filters.state}
          choices={states.map((c) => ({ value: c.iso3, label: c.name }))}
        />
        <SelectField
          id="f-kind"
          name="kind"
          label={t("monitoring.col.kind")}
          anyLabel={t("monitoring.registry.any")}
          selected={filters.kind}
          choices={MECHANISM_KINDS.map((k) => ({ value: k, label: t(`monitoring.kind.${k}`) }))}
        />
        <SelectField
          id="f-monitors"
          name="monitors"
          label={t("monitoring.col.monitors")}
          anyLabel={t("monitoring.registry.any")}
          selected={filters.monitors}
          choices={MONITORED_SUBJECTS.map((s) => ({ value: s, label: t(`monitoring.subject.${s}`) }))}
        />
        <SelectField
          id="f-participation"
          name="participation"
          label={t("monitoring.col.participation")}
          anyLabel={t("monitoring.registry.any")}
          selected={filters.participation}
          choices={CHILDREN_PARTICIPATION.map((p) => ({ value: p, label: t(`monitoring.participation.${p}`) }))}
        />
        <div class="form-actions">
          <button type="submit" class="button">
            {t("monitoring.registry.apply")}
          </button>
        </div>
      </form>
      <p role="status">{t("monitoring.registry.matching", { count: page.total, states: page.statesWithMechanism })}</p>
      <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs("/education/monitoring", filters)} dataset={t("monitoring.registry.dataset")} />
      {page.items.length > 0 && (
        <ScrollTable
          caption={t("monitoring.registry.caption")}
          headers={[
            t("monitoring.col.state"),
            t("monitoring.col.mechanism"),
            t("monitoring.col.kind"),
            t("monitoring.col.monitors"),
            t("monitoring.col.frequency"),
            t("monitoring.col.participation"),
          ]}
        >
          {page.items.map((m) => (
            <tr key={m.id}>
              <td>
                <a href={`/countries/${m.stateIso3}/monitoring`}>{labels.country(m.stateIso3)}</a>
              </td>
              <td>
                <a href={`/countries/${m.stateIso3}/monitoring#mechanism-${m.id}`} lang={m.textLang}>
                  {m.name}
                </a>
              </td>
              <td>{t(`monitoring.kind.${m.kind}`)}</td>
              <td>{m.monitors.map((s) => t(`monitoring.subject.${s}`)).join(", ")}</td>
              <td>{t(`monitoring.frequency.${m.frequency}`)}</td>
              <td>{t(`monitoring.participation.${m.childrenParticipation}`)}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={t("monitoring.pageOf", { page: page.page, pages })}>
          {page.page > 1 && <a href={query(page.page - 1)}>{t("monitoring.prev")}</a>}
          <span>{t("monitoring.pageOf", { page: page.page, pages })}</span>
          {page.page < pages && <a href={query(page.page + 1)}>{t("monitoring.next")}</a>}
        </nav>
      )}
    </Layout>
  );
}

/** The registry's filters from the query string, shared by the page and its downloads. */
function registryFiltersOf(query: unknown): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const name of ["state", "kind", "monitors", "participation"] as const) {
    const value = field(query, name)?.trim();
    if (value) filters[name] = name === "state" ? value.toUpperCase() : value;
  }
  return filters;
}

export function registerMonitoringPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  // The registry as open data, with the page's filters: /education/monitoring.csv, .hxl.csv, .json.
  for (const format of TABLE_FORMATS) {
    app.get(`/education/${tableFileName("monitoring", format)}`, async (request, reply) => {
      const filters = registryFiltersOf(request.query);
      return sendTable(db, request, reply, {
        format,
        filename: "monitoring-mechanisms",
        columns: MECHANISM_COLUMNS,
        rows: readAllPages((offset, limit) => listMechanismRegistryRows(db, request.viewer, filters, { offset, limit })),
      });
    });
  }

  app.get("/countries/:iso3/monitoring", async (request, reply) => {
    const { iso3: raw } = request.params as { iso3: string };
    const iso3 = raw.toUpperCase();
    if (raw !== iso3) return reply.redirect(`/countries/${encodeURIComponent(iso3)}/monitoring`, 301);
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const scope = scopeOf(request.viewer);
    const [mechanisms, series, labels] = await Promise.all([
      listStateMechanisms(db, request.viewer, iso3),
      listStateSeries(db, request.viewer, iso3),
      codeLabels(db, ctx.lang),
    ]);
    const withCharts = await Promise.all(series.map(async (s) => ({ ...s, svg: await seriesChartSvg(ctx, s) })));
    const notice = field(request.query, "saved") ? ctx.t("monitoring.saved") : field(request.query, "deleted") ? ctx.t("monitoring.deleted") : null;
    return sendPage(
      reply,
      <StateMonitoringPage
        ctx={ctx}
        iso3={iso3}
        state={labels.country(iso3)}
        mechanisms={mechanisms.map((m) => ({ ...m, canEdit: canEditMonitoringRecord(request.viewer, scope, m) }))}
        series={withCharts}
        canRecord={canRecordMonitoring(request.viewer, iso3)}
        notice={notice}
      />,
    );
  });

  app.get("/education/monitoring", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const filters = registryFiltersOf(request.query);
    const pageNumber = Number(field(request.query, "page") ?? "1");
    const [page, labels, countries] = await Promise.all([
      listMechanismRegistry(db, request.viewer, { ...filters, page: Number.isInteger(pageNumber) && pageNumber > 0 ? pageNumber : 1 }),
      codeLabels(db, ctx.lang),
      listCountries(db, { lang: ctx.lang, limit: 500 }),
    ]);
    const states = countries.items.map((c) => ({ iso3: c.iso3, name: c.localName ?? c.name })).sort((a, b) => a.name.localeCompare(b.name, ctx.lang));
    return sendPage(reply, <RegistryPageView ctx={ctx} page={page} labels={labels} states={states} filters={filters} />);
  });

  registerSeriesPage(app, deps);
  registerMonitoringForms(app, deps);
}
