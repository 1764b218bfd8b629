import { ACTIVITY_STATUSES } from "../../domain/activities/activity-status.js";
import { MODALITIES } from "../../domain/cooperation/vocabularies.js";
import type { CountryRegister, RegisterActivityList } from "../../domain/transparency/register-schemas.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { SearchField, SelectField } from "../../web/components/form-fields.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import type { MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { tableDownloadHrefs } from "../table-download.js";
import { period, StatusBadge } from "./activity-bits.js";
import type { CodeLabels } from "./page-labels.js";
import { ActivityBreakdowns, type LabelOf, labelsOf, OfferedBlock, ProvidedBlock } from "./register-breakdowns.js";
import { CountTable, MoneyView, RegisterBlock, RegisterNotes } from "./register-bits.js";

// /transparency/countries/{ISO3}: "support requested, offered and provided" for one State (R14; res. 45/32 OP8): the
// three blocks side by side on a wide screen and stacked on a phone, the breakdowns, and the State's activities as a
// searchable table. Activities whose details the viewer may not see are counted, never listed.

export const ACTIVITY_PAGE_SIZE = 50;

export type ActivityFilters = { q: string; provider: string; theme: string; modality: string; status: string; year: string };

export type CountryPageProps = {
  ctx: PageContext;
  register: CountryRegister;
  stateName: string;
  list: RegisterActivityList;
  filters: ActivityFilters;
  themes: { code: string; label: string }[];
  labels: CodeLabels;
};

function ActivityFilterForm({
  ctx,
  iso3,
  filters,
  providers,
  themes,
}: {
  ctx: PageContext;
  iso3: string;
  filters: ActivityFilters;
  providers: { slug: string; name: string }[];
  themes: { code: string; label: string }[];
}) {
  const { t } = ctx;
  const thisYear = new Date().getUTCFullYear();
  const years = Array.from({ length: thisYear + 2 - 2010 }, (_, i) => String(thisYear + 1 - i));
  return (
    <form
      method="get"
      action={`/transparency/countries/${iso3}#register-activities`}
      class="filters"
      role="search"
      aria-label={t("register.activities.filter")}
    >
      <SearchField id="f-q" name="q" label={t("register.filter.words")} value={filters.q} />
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
      <SelectField
        id="f-modality"
        name="modality"
        label={t("register.filter.modality")}
        anyLabel={t("register.filter.any")}
        selected={filters.modality}
        choices={MODALITIES.map((m) => ({ value: m, label: t(`vocab.modality.${m}` as MessageKey) }))}
      />
      <SelectField
        id="f-status"
        name="status"
        label={t("register.filter.status")}
        anyLabel={t("register.filter.any")}
        selected={filters.status}
        choices={ACTIVITY_STATUSES.map((s) => ({ value: String(s), label: t(`activity.status.${s}` as MessageKey) }))}
      />
      <SelectField
        id="f-year"
        name="year"
        label={t("register.filter.startYear")}
        anyLabel={t("register.filter.any")}
        selected={filters.year}
        choices={years.map((y) => ({ value: y, label: y }))}
      />
      <button type="submit" class="button">
        {t("register.filter.apply")}
      </button>
      <a class="button button-secondary" href={`/transparency/countries/${iso3}#register-activities`}>
        {t("register.filter.reset")}
      </a>
    </form>
  );
}

function ActivityTable({
  ctx,
  iso3,
  list,
  filters,
  labels,
}: {
  ctx: PageContext;
  iso3: string;
  list: RegisterActivityList;
  filters: ActivityFilters;
  labels: CodeLabels;
}) {
  const { t } = ctx;
  const page = Math.floor(list.offset / ACTIVITY_PAGE_SIZE) + 1;
  const pages = Math.max(1, Math.ceil(list.total / ACTIVITY_PAGE_SIZE));
  const href = (p: number) => {
    const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
    if (p > 1) params.set("page", String(p));
    const qs = params.toString();
    return `/transparency/countries/${iso3}${qs ? `?${qs}` : ""}#register-activities`;
  };
  return (
    <>
      <p role="status">{t("register.activities.count", { count: list.total })}</p>
      {list.items.length > 0 && (
        <ScrollTable
          caption={t("register.activities.caption")}
          headers={[
            t("register.col.activity"),
            t("register.col.provider"),
            t("register.col.status"),
            t("register.col.period"),
            t("register.col.budget"),
            t("register.col.committed"),
            t("register.col.disbursed"),
          ]}
        >
          {list.items.map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/activities/${a.id}`}>{a.title}</a>
                {a.iatiIdentifier && <span class="meta iati-id"> {a.iatiIdentifier}</span>}
                {a.themes.length > 0 && <span class="meta register-themes"> {a.themes.map((c) => labels.theme(c)).join(" · ")}</span>}
              </td>
              <td>
                <a href={`/transparency/providers/${a.provider.slug}`}>{a.provider.name}</a>
              </td>
              <td>
                <StatusBadge ctx={ctx} status={a.status} />
              </td>
              <td>{period(ctx, a.actualStart ?? a.plannedStart, a.actualEnd ?? a.plannedEnd)}</td>
              <td class="num">
                <MoneyView ctx={ctx} money={a.budget} />
              </td>
              <td class="num">
                <MoneyView ctx={ctx} money={a.committed} />
              </td>
              <td class="num">
                <MoneyView ctx={ctx} money={a.disbursed} />
                {a.rateYears.length > 0 && <span class="meta money-rate">{t("register.money.rateOf", { years: a.rateYears.join(", ") })}</span>}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {list.withheldCounted > 0 && <p class="notice">{t("register.activities.withheld", { count: list.withheldCounted })}</p>}
      {pages > 1 && (
        <nav class="pager" aria-label={t("common.page", { page, pages })}>
          {page > 1 && <a href={href(page - 1)}>{t("common.previous")}</a>}
          <span>{t("common.page", { page, pages })}</span>
          {page < pages && <a href={href(page + 1)}>{t("common.next")}</a>}
        </nav>
      )}
    </>
  );
}

export function CountryRegisterPage({ ctx, register: r, stateName, list, filters, themes, labels }: CountryPageProps) {
  const { t } = ctx;
  const iso3 = r.stateIso3;
  const base = `/transparency/countries/${iso3}`;
  const label: LabelOf = labelsOf(ctx, labels);
  const providers = r.activities.byProvider.rows.filter((p) => p.slug).map((p) => ({ slug: p.slug as string, name: p.label ?? p.key }));
  const activityQuery = { ...filters };
  return (
    <Layout ctx={ctx} title={t("register.country.title", { state: stateName })} active="transparency">
      <h1>{t("register.country.title", { state: stateName })}</h1>
      <p class="lead">{t("register.country.lead", { state: stateName })}</p>
      <p class="country-links">
        <a href={`/countries/${iso3}`}>{t("register.link.country")}</a> · <a href={`/countries/${iso3}/coordination`}>{t("coord.link")}</a> ·{" "}
        <a href={`/countries/${iso3}/education`}>{t("educountry.link")}</a> · <a href="/transparency">{t("register.link.all")}</a>
      </p>

      <div class="register-blocks">
        <RegisterBlock id="block-requested" heading={t("register.block.requested")}>
          <p class="register-figure">{t("register.requests.count", { count: r.requests.total })}</p>
          <CountTable
            ctx={ctx}
            caption={t("register.requests.byStatus")}
            keyHeader={t("register.col.status")}
            rows={r.requests.byStatus}
            label={label.requestStatus}
          />
        </RegisterBlock>
        <OfferedBlock ctx={ctx} offers={r.offers} label={label} />
        <ProvidedBlock ctx={ctx} total={r.activities.total} />
      </div>

      <section aria-labelledby="register-provided">
        <h2 id="register-provided">{t("register.section.provided")}</h2>
        <ActivityBreakdowns
          ctx={ctx}
          base={base}
          label={label}
          tables={[
            ["provider", r.activities.byProvider],
            ["theme", r.activities.byTheme],
            ["modality", r.activities.byModality],
            ["status", r.activities.byStatus],
          ]}
          byYear={r.activities.byYear}
          place={stateName}
          hrefOf={(kind, key) => (kind === "state" || kind === "provider" ? null : `${base}?${kind}=${encodeURIComponent(key)}#register-activities`)}
        />
      </section>

      <section aria-labelledby="register-requested">
        <h2 id="register-requested">{t("register.section.requested")}</h2>
        {r.requests.total === 0 ? (
          <p>{t("register.requests.none")}</p>
        ) : (
          <div class="register-count-tables">
            <CountTable ctx={ctx} caption={t("register.requests.byYear")} keyHeader={t("register.col.year")} rows={r.requests.byYear} label={label.year} />
            <CountTable ctx={ctx} caption={t("register.requests.byTheme")} keyHeader={t("register.col.theme")} rows={r.requests.byTheme} label={label.theme} />
          </div>
        )}
        <p class="meta">{t("register.requests.note")}</p>
        <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs(`${base}/requests`)} dataset={t("register.dataset.requests")} />
      </section>

      <section aria-labelledby="register-offered">
        <h2 id="register-offered">{t("register.section.offered")}</h2>
        {r.offers.total === 0 ? (
          <p>{t("register.offers.none")}</p>
        ) : (
          <>
            <ScrollTable
              caption={t("register.offers.byProvider")}
              headers={[t("register.col.provider"), t("register.col.offers"), t("register.col.offerBudget")]}
            >
              {r.offers.byProvider.map((o) => (
                <tr key={o.key}>
                  <th scope="row">{o.slug ? <a href={`/transparency/providers/${o.slug}`}>{o.label}</a> : o.key}</th>
                  <td class="num">{o.offers}</td>
                  <td class="num">
                    <MoneyView ctx={ctx} money={o.budget} />
                  </td>
                </tr>
              ))}
            </ScrollTable>
            <CountTable
              ctx={ctx}
              caption={t("register.offers.byModality")}
              keyHeader={t("register.col.modality")}
              rows={r.offers.byModality}
              label={label.modality}
            />
          </>
        )}
        <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs(`${base}/offers`)} dataset={t("register.dataset.offers")} />
      </section>

      <section aria-labelledby="register-activities">
        <h2 id="register-activities">{t("register.activities.heading", { state: stateName })}</h2>
        <ActivityFilterForm ctx={ctx} iso3={iso3} filters={filters} providers={providers} themes={themes} />
        <ActivityTable ctx={ctx} iso3={iso3} list={list} filters={filters} labels={labels} />
        <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs(`${base}/activities`, activityQuery)} dataset={t("register.dataset.activities")} />
        <p class="download-links">
          <a href={`/api/v1/iati/activities.xml?country=${iso3}`} type="application/xml">
            {t("register.iati")}
          </a>
        </p>
      </section>

      <RegisterNotes ctx={ctx} rates={r.rates} />
    </Layout>
  );
}
