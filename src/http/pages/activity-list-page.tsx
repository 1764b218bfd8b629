import type { FastifyInstance } from "fastify";
import { openActivityDownload } from "../../domain/activities/activity-download.js";
import { providerMemberships } from "../../domain/activities/activity-permissions.js";
import { listActivities, listActivityFilterChoices } from "../../domain/activities/activity-queries.js";
import { ACTIVITY_LIST_SORTS } from "../../domain/activities/activity-schemas.js";
import { ACTIVITY_STATUSES } from "../../domain/activities/activity-status.js";
import type { ActivityList } from "../../domain/activities/activity-views.js";
import { MODALITIES } from "../../domain/cooperation/vocabularies.js";
import { ACTIVITY_COLUMNS } from "../../exports/activity-table.js";
import { TABLE_FORMATS, tableFileName } from "../../exports/hxl.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { SelectField } from "../../web/components/form-fields.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import type { MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { sendTable, tableDownloadHrefs } from "../table-download.js";
import { ConsentBadgeView, formatMoney, period, StatusBadge } from "./activity-bits.js";
import { type ActivityCodeLabels, activityCodeLabels } from "./activity-labels.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";

// /activities: the register of support provided (res. 45/32 OP8), searchable and filtered in SQL by what the viewer
// may see, with downloads of every matching activity (issue 5 item 4). Activities whose details the State withheld
// are not listed to outsiders; from 3 up they are counted in one line.

const PAGE_SIZE = 50;
const FILTER_NAMES = ["q", "state", "provider", "status", "theme", "year", "modality", "sdg", "sort"] as const;
type Filters = Record<(typeof FILTER_NAMES)[number], string>;
/** Years offered by the year filter: from the first UPR cycle (2008) to a few years ahead (planned activities). */
const FIRST_YEAR = 2008;

type Choices = { states: string[]; providers: { id: string; name: string; slug: string }[] };
type Props = { ctx: PageContext; list: ActivityList; filters: Filters; choices: Choices; labels: CodeLabels; codes: ActivityCodeLabels };

function filtersOf(query: unknown): Filters {
  return Object.fromEntries(FILTER_NAMES.map((n) => [n, field(query, n)?.trim() ?? ""])) as Filters;
}

/** The IATI activity file of the same State and provider (the XML export filters by these two only). */
function iatiHref(filters: Filters, choices: Choices): string {
  const params = new URLSearchParams();
  const provider = choices.providers.find((p) => p.id === filters.provider);
  if (provider) params.set("provider", provider.slug);
  if (filters.state) params.set("country", filters.state);
  const qs = params.toString();
  return `/api/v1/iati/activities.xml${qs ? `?${qs}` : ""}`;
}

function FilterForm({ ctx, filters, choices, labels, codes }: Omit<Props, "list">) {
  const { t } = ctx;
  const any = t("activity.list.any");
  const lastYear = new Date().getUTCFullYear() + 3;
  const years = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => String(lastYear - i));
  return (
    <form method="get" action="/activities" class="filters" role="search">
      <div class="field search-field">
        <label for="filter-q">{t("activity.list.search")}</label>
        <input type="search" id="filter-q" name="q" value={filters.q} maxLength={200} aria-describedby="filter-q-help" />
        <span id="filter-q-help" class="meta">
          {t("activity.list.searchHelp")}
        </span>
      </div>
      <SelectField
        id="filter-state"
        name="state"
        label={t("activity.field.state")}
        anyLabel={any}
        selected={filters.state}
        choices={choices.states.map((s) => ({ value: s, label: labels.country(s) }))}
      />
      <SelectField
        id="filter-provider"
        name="provider"
        label={t("activity.field.provider")}
        anyLabel={any}
        selected={filters.provider}
        choices={choices.providers.map((p) => ({ value: p.id, label: p.name }))}
      />
      <SelectField
        id="filter-status"
        name="status"
        label={t("activity.field.status")}
        anyLabel={any}
        selected={filters.status}
        choices={ACTIVITY_STATUSES.map((s) => ({ value: String(s), label: t(`activity.status.${s}` as MessageKey) }))}
      />
      <SelectField
        id="filter-theme"
        name="theme"
        label={t("activity.field.themes")}
        anyLabel={any}
        selected={filters.theme}
        choices={codes.themes.map((c) => ({ value: c.code, label: c.label }))}
      />
      <SelectField
        id="filter-year"
        name="year"
        label={t("activity.list.year")}
        anyLabel={any}
        selected={filters.year}
        choices={years.map((y) => ({ value: y, label: y }))}
      />
      <SelectField
        id="filter-modality"
        name="modality"
        label={t("activity.list.modality")}
        anyLabel={any}
        selected={filters.modality}
        choices={MODALITIES.map((m) => ({ value: m, label: t(`vocab.modality.${m}` as MessageKey) }))}
      />
      <SelectField
        id="filter-sdg"
        name="sdg"
        label={t("activity.list.sdg")}
        anyLabel={any}
        selected={filters.sdg}
        choices={Array.from({ length: 17 }, (_, i) => ({ value: String(i + 1), label: labels.sdg(i + 1) }))}
      />
      <div class="field">
        <label for="filter-sort">{t("activity.list.sort")}</label>
        <select id="filter-sort" name="sort">
          {ACTIVITY_LIST_SORTS.map((s) => (
            <option key={s} value={s} selected={(filters.sort || "newest") === s}>
              {t(`activity.list.sort.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        {t("activity.list.filter")}
      </button>
      {FILTER_NAMES.some((n) => n !== "sort" && filters[n] !== "") && <a href="/activities">{t("activity.list.clear")}</a>}
    </form>
  );
}

function ActivityListPage({ ctx, list, filters, choices, labels, codes }: Props) {
  const { t, lang } = ctx;
  const page = Math.floor(list.offset / PAGE_SIZE) + 1;
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const query = (p: number) => {
    const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
    if (p > 1) params.set("page", String(p));
    return `/activities?${params.toString()}`;
  };
  return (
    <Layout ctx={ctx} title={t("activity.list.title")} active="activities">
      <h1>{t("activity.list.title")}</h1>
      <p class="lead">{t("activity.list.lead")}</p>
      {providerMemberships(ctx.viewer).length > 0 && (
        <p>
          <a class="button" href="/activities/new">
            {t("activity.list.start")}
          </a>
        </p>
      )}
      <FilterForm ctx={ctx} filters={filters} choices={choices} labels={labels} codes={codes} />
      <p role="status">{t("activity.list.count", { count: list.total })}</p>
      {list.items.length > 0 && (
        <ScrollTable
          caption={t("activity.list.caption")}
          headers={[
            t("activity.field.title"),
            t("activity.field.state"),
            t("activity.field.provider"),
            t("activity.field.status"),
            t("activity.field.period"),
            t("activity.field.budget"),
          ]}
        >
          {list.items.map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/activities/${a.id}`}>{a.title}</a>
                {a.iatiIdentifier && <span class="meta iati-id"> {a.iatiIdentifier}</span>}
                {a.detailsWithheld && <span class="badge badge-warn">{t("activity.withheld.badge")}</span>}
              </td>
              <td>
                <a href={`/countries/${a.stateIso3}`}>{labels.country(a.stateIso3)}</a>
              </td>
              <td>{a.organizationName}</td>
              <td>
                <StatusBadge ctx={ctx} status={a.status} />
                <ConsentBadgeView ctx={ctx} badge={a.consent} />
              </td>
              <td>{period(ctx, a.actualStart ?? a.plannedStart, a.actualEnd ?? a.plannedEnd)}</td>
              <td class="num">{a.budgetAmount ? formatMoney(lang, a.budgetAmount, a.defaultCurrency) : "—"}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {list.furtherWithheld !== null && (
        <p class="notice">
          {filters.q
            ? t("activity.list.furtherWithheldText", { count: list.furtherWithheld })
            : t("activity.list.furtherWithheld", { count: list.furtherWithheld })}
        </p>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={t("common.page", { page, pages })}>
          {page > 1 && <a href={query(page - 1)}>{t("common.previous")}</a>}
          <span>{t("common.page", { page, pages })}</span>
          {page < pages && <a href={query(page + 1)}>{t("common.next")}</a>}
        </nav>
      )}
      <DownloadLinks ctx={ctx} hrefs={tableDownloadHrefs("/activities", filters)} dataset={t("opendata.dataset.activities")} />
      <p class="meta">
        <a href={iatiHref(filters, choices)} type="application/xml">
          {t("activity.list.iati")}
        </a>
      </p>
    </Layout>
  );
}

export function registerActivityListPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  app.get("/activities", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const filters = filtersOf(request.query);
    const page = Math.max(1, Math.min(2000, Number(field(request.query, "page")) || 1));
    // Bad filter values are refused (400) by the domain schema, naming the filter.
    const list = await listActivities(db, request.viewer, { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const [choices, labels, codes] = await Promise.all([
      listActivityFilterChoices(db, request.viewer),
      codeLabels(db, ctx.lang),
      activityCodeLabels(db, ctx.lang),
    ]);
    return sendPage(reply, <ActivityListPage ctx={ctx} list={list} filters={filters} choices={choices} labels={labels} codes={codes} />);
  });

  // Every matching activity the viewer may see, whatever the page: /activities.csv, .hxl.csv, .json?<same query>.
  for (const format of TABLE_FORMATS) {
    app.get(`/${tableFileName("activities", format)}`, async (request, reply) => {
      const rows = openActivityDownload(db, request.viewer, filtersOf(request.query));
      return sendTable(db, request, reply, { format, filename: "activities", columns: ACTIVITY_COLUMNS, rows });
    });
  }
}
