import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { getSeries, removeIndicatorValue, setIndicatorValue } from "../../domain/education/indicator-service.js";
import { type IndicatorSeries, SEXES } from "../../domain/education/monitoring-schemas.js";
import { FormErrors } from "../../web/components/form-errors.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { formatDecimal, monitoringLinks, SeriesFacts, SeriesFigure } from "./monitoring-bits.js";
import { seriesChartSvg } from "./monitoring-chart.js";
import { editorContext, refusal } from "./monitoring-forms.js";
import { type Problems, Select, TextInput } from "./monitoring-form-fields.js";
import { codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";

// One indicator series (R25, R27): its chart by sex and table, baseline and target, and — for those who may change
// it — its recorded values with a form to record, correct or delete a value of a year and sex, working without script.

type ValueForm = { year: string; sex: string; value: string; note: string };
type Props = {
  ctx: PageContext;
  iso3: string;
  state: string;
  series: IndicatorSeries & { canEdit: boolean };
  svg: string | null;
  form: ValueForm;
  problems: Problems;
  saved: boolean;
};

function ValuesManager({ ctx, iso3, series }: { ctx: PageContext; iso3: string; series: IndicatorSeries }) {
  const { t } = ctx;
  if (series.values.length === 0) return null;
  const href = `/countries/${iso3}/monitoring/indicators/${series.id}`;
  return (
    <ScrollTable
      caption={t("monitoring.valuesManageCaption", { title: series.title })}
      headers={[t("monitoring.col.year"), t("monitoring.f.sex"), t("monitoring.f.value"), t("monitoring.col.note"), t("monitoring.col.actions")]}
    >
      {series.values.map((v) => {
        const label = { year: String(v.year), sex: t(`monitoring.sex.${v.sex}`) };
        return (
          <tr key={`${v.year}-${v.sex}`}>
            <td>{v.year}</td>
            <td>{t(`monitoring.sex.${v.sex}`)}</td>
            <td class="num">{formatDecimal(ctx.lang, v.value)}</td>
            <td>{v.note}</td>
            <td>
              <a href={`${href}?year=${v.year}&sex=${v.sex}#value-form`} aria-label={t("monitoring.changeValueLabel", label)}>
                {t("monitoring.change")}
              </a>{" "}
              <form method="post" action={`${href}/values/delete`} class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <input type="hidden" name="version" value={String(series.version)} />
                <input type="hidden" name="year" value={String(v.year)} />
                <input type="hidden" name="sex" value={v.sex} />
                <button type="submit" class="button button-secondary" aria-label={t("monitoring.deleteValueLabel", label)}>
                  {t("monitoring.deleteValue")}
                </button>
              </form>
            </td>
          </tr>
        );
      })}
    </ScrollTable>
  );
}

function SeriesPage({ ctx, iso3, state, series, svg, form, problems, saved }: Props) {
  const { t } = ctx;
  const href = `/countries/${iso3}/monitoring/indicators/${series.id}`;
  return (
    <Layout ctx={ctx} title={series.title} active="countries">
      {monitoringLinks(ctx, iso3, state)}
      <p class="meta">
        <a href={`/countries/${iso3}/monitoring`}>{t("monitoring.stateTitle", { state })}</a>
      </p>
      <h1 lang={series.textLang}>{series.title}</h1>
      {saved && (
        <p class="notice" role="status">
          {t("monitoring.saved")}
        </p>
      )}
      <SeriesFacts ctx={ctx} series={series} />
      {series.canEdit && (
        <p>
          <a href={`${href}/edit`}>{t("monitoring.edit")}</a>
        </p>
      )}
      <SeriesFigure ctx={ctx} series={series} svg={svg} />
      {series.canEdit && (
        <section aria-labelledby="value-form-h" id="value-form">
          <h2 id="value-form-h">{t("monitoring.f.recordValue")}</h2>
          <ValuesManager ctx={ctx} iso3={iso3} series={series} />
          <FormErrors ctx={ctx} problems={problems.problems} message={problems.message} />
          {problems.conflictHref && (
            <p class="notice-warn" role="alert">
              {t("monitoring.f.conflict")} <a href={problems.conflictHref}>{t("monitoring.f.openCurrent")}</a>
            </p>
          )}
          <p class="meta">{t("monitoring.f.recordValueHelp")}</p>
          <form method="post" action={`${href}/values`} class="stacked" novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="version" value={String(series.version)} />
            <TextInput id="year" type="number" label={t("monitoring.f.year")} value={form.year} problems={problems.problems} />
            <Select
              id="sex"
              label={t("monitoring.f.sex")}
              value={form.sex}
              problems={problems.problems}
              options={SEXES.map((s) => ({ value: s, label: t(`monitoring.sex.${s}`) }))}
            />
            <TextInput id="value" label={t("monitoring.f.value")} hint={t("monitoring.f.numberHint")} value={form.value} problems={problems.problems} />
            <TextInput id="note" label={t("monitoring.f.note")} value={form.note} problems={problems.problems} />
            <div class="form-actions">
              <button type="submit" class="button">
                {t("monitoring.f.save")}
              </button>
            </div>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function registerSeriesPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  async function show(request: FastifyRequest, reply: FastifyReply, form: ValueForm | null, problems: Problems, status = 200) {
    const { iso3: raw, id } = request.params as { iso3: string; id: string };
    const iso3 = raw.toUpperCase();
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const [series, labels] = await Promise.all([getSeries(db, request.viewer, iso3, id), codeLabels(db, ctx.lang)]);
    const year = field(request.query, "year") ?? "";
    const sex = field(request.query, "sex") ?? "total";
    const existing = series.values.find((v) => String(v.year) === year && v.sex === sex);
    const shown = form ?? { year, sex, value: existing?.value ?? "", note: existing?.note ?? "" };
    const svg = await seriesChartSvg(ctx, series);
    const saved = Boolean(field(request.query, "saved"));
    return sendPage(
      reply,
      <SeriesPage ctx={ctx} iso3={iso3} state={labels.country(iso3)} series={series} svg={svg} form={shown} problems={problems} saved={saved} />,
      status,
    );
  }

  app.get("/countries/:iso3/monitoring/indicators/:id", async (request, reply) => show(request, reply, null, { problems: [] }));

  app.post("/countries/:iso3/monitoring/indicators/:id/values", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    const { id } = request.params as { id: string };
    const form: ValueForm = {
      year: field(request.body, "year") ?? "",
      sex: field(request.body, "sex") ?? "",
      value: field(request.body, "value") ?? "",
      note: field(request.body, "note") ?? "",
    };
    try {
      await setIndicatorValue(db, request.viewer, e.iso3, id, { ...form, version: field(request.body, "version") ?? "" });
      return reply.redirect(`/countries/${e.iso3}/monitoring/indicators/${id}?saved=1`, 303);
    } catch (err) {
      const r = refusal(err, `/countries/${e.iso3}/monitoring/indicators/${id}`);
      return show(request, reply, form, r.problems, r.status);
    }
  });

  app.post("/countries/:iso3/monitoring/indicators/:id/values/delete", { preHandler: app.csrfProtection }, async (request, reply) => {
    const e = await editorContext(deps, request, reply);
    if (!e) return reply;
    const { id } = request.params as { id: string };
    try {
      const key = { year: field(request.body, "year") ?? "", sex: field(request.body, "sex") ?? "", version: field(request.body, "version") ?? "" };
      await removeIndicatorValue(db, request.viewer, e.iso3, id, key);
      return reply.redirect(`/countries/${e.iso3}/monitoring/indicators/${id}?saved=1`, 303);
    } catch (err) {
      const r = refusal(err, `/countries/${e.iso3}/monitoring/indicators/${id}`);
      return show(request, reply, null, r.problems, r.status);
    }
  });
}
