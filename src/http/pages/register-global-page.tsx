import type { RegisterSummary, SummaryRow } from "../../domain/transparency/register-schemas.js";
import { REGISTER_REGIONS } from "../../domain/transparency/register-schemas.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { SelectField } from "../../web/components/form-fields.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { formatNumber } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { tableDownloadHrefs } from "../table-download.js";
import type { CodeLabels } from "./page-labels.js";
import { MoneyView, RegisterNotes, WithheldNotice } from "./register-bits.js";

// /transparency: the register for the world (R14; res. 45/32 OP8), one row per State, with a chart of commitments and
// disbursements by year and its table, filters as a GET form, downloads of each table.

export type RegisterFilters = { region: string; year: string; provider: string; theme: string };

export type GlobalPageProps = {
  ctx: PageContext;
  summary: RegisterSummary;
  filters: RegisterFilters;
  providers: { slug: string; name: string }[];
  themes: { code: string; label: string }[];
  labels: CodeLabels;
  chartSvg: string | null;
  rates: Parameters<typeof RegisterNotes>[0]["rates"];
};

function Filters({ ctx, filters, providers, themes }: Pick<GlobalPageProps, "ctx" | "filters" | "providers" | "themes">) {
  const { t } = ctx;
  const thisYear = new Date().getUTCFullYear();
  const years = Array.from({ length: thisYear + 2 - 2010 }, (_, i) => String(thisYear + 1 - i));
  return (
    <form method="get" action="/transparency" class="filters" role="search" aria-label={t("register.filter.label")}>
      <SelectField
        id="f-region"
        name="region"
        label={t("register.filter.region")}
        anyLabel={t("register.filter.any")}
        selected={filters.region}
        choices={REGISTER_REGIONS.map((r) => ({ value: r, label: t(`region.${r}`) }))}
      />
      <SelectField
        id="f-year"
        name="year"
        label={t("register.filter.year")}
        anyLabel={t("register.filter.any")}
        selected={filters.year}
        choices={years.map((y) => ({ value: y, label: y }))}
      />
      <SelectField
        id="f-provider"
        name="provider"
        label={t("register.filter.provider")}
        anyLabel={t("register.filter.any")}
        selected={filters.provider}
        choices={providers.map((p) => ({ value: p.slug, label: p.name }))}
      />
      <SelectField
        id="f-theme"
        name="theme"
        label={t("register.filter.theme")}
        anyLabel={t("register.filter.any")}
        selected={filters.theme}
        choices={themes.map((c) => ({ value: c.code, label: c.label }))}
      />
      <button type="submit" class="button">
        {t("register.filter.apply")}
      </button>
      <a class="button button-secondary" href="/transparency">
        {t("register.filter.reset")}
      </a>
    </form>
  );
}

function StateCells({ ctx, row }: { ctx: PageContext; row: Omit<SummaryRow, "stateIso3" | "stateName"> }) {
  const n = (v: number) => formatNumber(ctx.lang, v);
  return (
    <>
      <td class="num">{n(row.requests)}</td>
      <td class="num">{n(row.offers)}</td>
      <td class="num">{n(row.activities)}</td>
      <td class="num">
        <MoneyView ctx={ctx} money={row.committed} />
      </td>
      <td class="num">
        <MoneyView ctx={ctx} money={row.disbursed} />
      </td>
    </>
  );
}

export function GlobalRegisterPage({ ctx, summary, filters, providers, themes, labels, chartSvg, rates }: GlobalPageProps) {
  const { t } = ctx;
  const query = { ...filters };
  const yearHeading = filters.year ? t("register.states.captionYear", { year: filters.year }) : t("register.states.caption");
  return (
    <Layout ctx={ctx} title={t("register.title")} active="transparency">
      <h1>{t("register.title")}</h1>
      <p class="lead">{t("register.lead")}</p>
      <Filters ctx={ctx} filters={filters} providers={providers} themes={themes} />
      {filters.year && <p class="meta">{t("register.filter.yearNote", { year: filters.year })}</p>}

      <section aria-labelledby="register-years">
        <h2 id="register-years">{t("register.chart.heading")}</h2>
        {summary.byYear.length === 0 ? (
          <p>{t("register.none")}</p>
        ) : (
          <div class="chart-and-table">
            {chartSvg && <figure class="chart" dangerouslySetInnerHTML={{ __html: chartSvg }} />}
            <ScrollTable caption={t("register.chart.caption")} headers={[t("register.col.year"), t("register.col.committed"), t("register.col.disbursed")]}>
              {summary.byYear.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  <td class="num">
                    <MoneyView ctx={ctx} money={y.committed} />
                  </td>
                  <td class="num">
                    <MoneyView ctx={ctx} money={y.disbursed} />
                  </td>
                </tr>
              ))}
              {summary.byYearNotBrokenDown && (
                <tr class="register-withheld">
                  <th scope="row">
                    <a href="#register-notes">{t("register.notBrokenDown")}</a>
                  </th>
                  <td class="num">
                    <MoneyView ctx={ctx} money={summary.byYearNotBrokenDown.committed} />
                  </td>
                  <td class="num">
                    <MoneyView ctx={ctx} money={summary.byYearNotBrokenDown.disbursed} />
                  </td>
                </tr>
              )}
            </ScrollTable>
          </div>
        )}
        <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs("/transparency/years", query)} dataset={t("register.dataset.years")} />
      </section>

      <section aria-labelledby="register-states">
        <h2 id="register-states">{t("register.states.heading")}</h2>
        <WithheldNotice ctx={ctx} count={summary.total.withheldIncluded} />
        {summary.rows.length === 0 ? (
          <p>{t("register.none")}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption>{yearHeading}</caption>
              <thead>
                <tr>
                  {[
                    t("register.col.state"),
                    t("register.col.requests"),
                    t("register.col.offers"),
                    t("register.col.activities"),
                    t("register.col.committed"),
                    t("register.col.disbursed"),
                  ].map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {summary.rows.map((r) => (
                  <tr key={r.stateIso3}>
                    <th scope="row">
                      <a href={`/transparency/countries/${r.stateIso3}`}>{labels.country(r.stateIso3)}</a>
                    </th>
                    <StateCells ctx={ctx} row={r} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("register.total")}</th>
                  <StateCells ctx={ctx} row={summary.total} />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        <p class="meta">{t("register.states.count", { count: summary.rows.length })}</p>
        <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs("/transparency/states", query)} dataset={t("register.dataset.states")} />
      </section>

      {providers.length > 0 && (
        <section aria-labelledby="register-providers">
          <h2 id="register-providers">{t("register.providers.heading")}</h2>
          <p>{t("register.providers.lead")}</p>
          <ul class="register-provider-list">
            {providers.map((p) => (
              <li key={p.slug}>
                <a href={`/transparency/providers/${p.slug}`}>{p.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <RegisterNotes ctx={ctx} rates={rates} />
    </Layout>
  );
}
