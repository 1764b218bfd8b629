import type { FastifyInstance } from "fastify";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { providerMemberships } from "../../domain/activities/activity-permissions.js";
import { listActivities, listActivityFilterChoices } from "../../domain/activities/activity-queries.js";
import { ACTIVITY_STATUSES } from "../../domain/activities/activity-status.js";
import type { ActivityList } from "../../domain/activities/activity-views.js";
import { SelectField } from "../../web/components/form-fields.js";
import type { MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { ConsentBadgeView, formatMoney, period, StatusBadge } from "./activity-bits.js";
import { type ActivityCodeLabels, activityCodeLabels } from "./activity-labels.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";

// /activities: the register of support provided (res. 45/32 OP8), filtered in SQL by what the viewer may see.
// Activities whose details the State withheld are not listed to outsiders; from 3 up they are counted in one line.

const PAGE_SIZE = 50;

type Filters = { state: string; provider: string; status: string; theme: string };

type Props = {
  ctx: PageContext;
  list: ActivityList;
  filters: Filters;
  choices: { states: string[]; providers: { id: string; name: string }[] };
  labels: CodeLabels;
  codes: ActivityCodeLabels;
};

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
      <form method="get" action="/activities" class="filters" role="search">
        <SelectField
          id="filter-state"
          name="state"
          label={t("activity.field.state")}
          anyLabel={t("activity.list.any")}
          selected={filters.state}
          choices={choices.states.map((s) => ({ value: s, label: labels.country(s) }))}
        />
        <SelectField
          id="filter-provider"
          name="provider"
          label={t("activity.field.provider")}
          anyLabel={t("activity.list.any")}
          selected={filters.provider}
          choices={choices.providers.map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          id="filter-status"
          name="status"
          label={t("activity.field.status")}
          anyLabel={t("activity.list.any")}
          selected={filters.status}
          choices={ACTIVITY_STATUSES.map((s) => ({ value: String(s), label: t(`activity.status.${s}` as MessageKey) }))}
        />
        <SelectField
          id="filter-theme"
          name="theme"
          label={t("activity.field.themes")}
          anyLabel={t("activity.list.any")}
          selected={filters.theme}
          choices={codes.themes.map((c) => ({ value: c.code, label: c.label }))}
        />
        <button type="submit" class="button">
          {t("activity.list.filter")}
        </button>
      </form>
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
      {list.furtherWithheld !== null && <p class="notice">{t("activity.list.furtherWithheld", { count: list.furtherWithheld })}</p>}
      {pages > 1 && (
        <nav class="pager" aria-label={t("common.page", { page, pages })}>
          {page > 1 && <a href={query(page - 1)}>{t("common.previous")}</a>}
          <span>{t("common.page", { page, pages })}</span>
          {page < pages && <a href={query(page + 1)}>{t("common.next")}</a>}
        </nav>
      )}
    </Layout>
  );
}

export function registerActivityListPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  app.get("/activities", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const q = request.query;
    const filters: Filters = {
      state: field(q, "state") ?? "",
      provider: field(q, "provider") ?? "",
      status: field(q, "status") ?? "",
      theme: field(q, "theme") ?? "",
    };
    const page = Math.max(1, Math.min(2000, Number(field(q, "page")) || 1));
    // Bad filter values are refused (400) by the domain schema, naming the filter.
    const list = await listActivities(db, request.viewer, { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const [choices, labels, codes] = await Promise.all([
      listActivityFilterChoices(db, request.viewer),
      codeLabels(db, ctx.lang),
      activityCodeLabels(db, ctx.lang),
    ]);
    return sendPage(reply, <ActivityListPage ctx={ctx} list={list} filters={filters} choices={choices} labels={labels} codes={codes} />);
  });
}
