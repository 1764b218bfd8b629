import { REQUEST_STATUSES } from "../../domain/cooperation/request-status.js";
import type { ProviderChoice } from "../../domain/requests/request-queries.js";
import { ACKNOWLEDGEMENT_TARGET_WORKING_DAYS, COVID_ACKNOWLEDGEMENT_TARGET_WORKING_DAYS } from "../../domain/requests/request-rules.js";
import type { RequestQueueItem, RequestSummary } from "../../domain/requests/request-schemas.js";
import { SelectField } from "../../web/components/form-fields.js";
import { DownloadLinks } from "../../web/components/download-links.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { tableDownloadHrefs } from "../table-download.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import type { CodeLabels } from "./page-labels.js";
import { formatWhen, providerNames, requestTitle, StatusBadge } from "./request-bits.js";

// The requests a viewer works with (R12, R13): a State's own requests, a provider's queue, and every request the
// viewer may see (published ones for the public), with filters that work as a plain GET form.

export type ListProps = {
  ctx: PageContext;
  labels: CodeLabels;
  canRequest: boolean;
  stateRequests: { total: number; items: RequestSummary[] } | null;
  queue: { total: number; items: RequestQueueItem[]; includeClosed: boolean } | null;
  all: { total: number; items: RequestSummary[] };
  filters: { state: string; status: string; provider: string };
  providers: ProviderChoice[];
  page: number;
  pages: number;
};

function RequestLink({ ctx, r }: { ctx: PageContext; r: RequestSummary }) {
  return <a href={`/requests/${r.id}`}>{requestTitle(ctx, r)}</a>;
}

export function RequestListPage({ ctx, labels, canRequest, stateRequests, queue, all, filters, providers, page, pages }: ListProps) {
  const { t } = ctx;
  const signedIn = ctx.viewer.userId !== null;
  const pageLink = (p: number) => {
    const params = new URLSearchParams({ ...ctx.query, page: String(p) });
    return `/requests?${params.toString()}`;
  };
  return (
    <Layout ctx={ctx} title={t("req.list.title")} active="requests">
      <h1>{t("req.list.title")}</h1>
      <p class="lead">{t("req.list.lead")}</p>
      <p>
        {canRequest && (
          <>
            <a class="button" href="/requests/new">
              {t("req.list.new")}
            </a>{" "}
          </>
        )}
        <a href="/providers/response-times">{t("req.list.responseTimes")}</a>
      </p>

      {stateRequests && (
        <section aria-labelledby="state-requests">
          <h2 id="state-requests">{t("req.list.state")}</h2>
          {stateRequests.items.length === 0 ? (
            <p>{t("req.list.stateEmpty")}</p>
          ) : (
            <ScrollTable headers={[t("req.col.reference"), t("req.col.title"), t("req.col.status"), t("req.col.providers"), t("req.col.updated")]}>
              {stateRequests.items.map((r) => (
                <tr key={r.id}>
                  <td>{r.reference ?? <span class="meta">—</span>}</td>
                  <td>
                    <RequestLink ctx={ctx} r={r} />
                  </td>
                  <td>
                    <StatusBadge ctx={ctx} status={r.status} />
                  </td>
                  <td>{providerNames(r) || <span class="meta">—</span>}</td>
                  <td>{formatWhen(ctx, r.updatedAt)}</td>
                </tr>
              ))}
            </ScrollTable>
          )}
        </section>
      )}

      {queue && (
        <section aria-labelledby="queue">
          <h2 id="queue">{t("req.list.queue")}</h2>
          <p class="meta">{t("req.list.queueLead", { days: ACKNOWLEDGEMENT_TARGET_WORKING_DAYS, covidDays: COVID_ACKNOWLEDGEMENT_TARGET_WORKING_DAYS })}</p>
          <p>
            <a href={queue.includeClosed ? "/requests" : "/requests?queue=all"}>{queue.includeClosed ? t("req.list.queueOpen") : t("req.list.queueAll")}</a>
          </p>
          {queue.items.length === 0 ? (
            <p>{t("req.list.queueEmpty")}</p>
          ) : (
            <ScrollTable
              headers={[t("req.col.reference"), t("req.col.state"), t("req.col.title"), t("req.col.status"), t("req.col.submitted"), t("req.col.waiting")]}
            >
              {queue.items.map((r) => (
                <tr key={r.id}>
                  <td>{r.reference}</td>
                  <td>{labels.country(r.stateIso3)}</td>
                  <td>
                    <RequestLink ctx={ctx} r={r} /> {r.covidContext && <span class="badge badge-warn">{t("req.covid")}</span>}
                  </td>
                  <td>
                    <StatusBadge ctx={ctx} status={r.status} />
                  </td>
                  <td>{r.submittedAt ? formatWhen(ctx, r.submittedAt) : "—"}</td>
                  <td>
                    {r.daysSinceSubmission !== null && t("req.waiting", { days: r.daysSinceSubmission, working: r.workingDaysSinceSubmission ?? 0 })}{" "}
                    {r.overdue && <span class="badge badge-warn">{t("req.overdue")}</span>}
                  </td>
                </tr>
              ))}
            </ScrollTable>
          )}
        </section>
      )}

      <section aria-labelledby="all-requests">
        <h2 id="all-requests">{signedIn ? t("req.list.visible") : t("req.list.public")}</h2>
        <form method="get" action="/requests" class="filters" role="search">
          <div class="field">
            <label for="filter-state">{t("req.filter.state")}</label>
            <input type="text" id="filter-state" name="state" value={filters.state} maxLength={3} size={5} dir="ltr" />
          </div>
          <SelectField
            id="filter-status"
            name="status"
            label={t("req.col.status")}
            anyLabel={t("countries.any")}
            selected={filters.status}
            choices={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`req.status.${s}`) }))}
          />
          <SelectField
            id="filter-provider"
            name="provider"
            label={t("req.col.providers")}
            anyLabel={t("countries.any")}
            selected={filters.provider}
            choices={providers.map((p) => ({ value: p.id, label: p.acronym ?? p.name }))}
          />
          <button type="submit" class="button">
            {t("countries.apply")}
          </button>
        </form>
        <p role="status">{t("req.list.count", { count: all.total })}</p>
        {all.items.length > 0 && (
          <ScrollTable
            headers={[t("req.col.reference"), t("req.col.state"), t("req.col.title"), t("req.col.status"), t("req.col.providers"), t("req.col.updated")]}
          >
            {all.items.map((r) => (
              <tr key={r.id}>
                <td>{r.reference ?? <span class="meta">—</span>}</td>
                <td>{labels.country(r.stateIso3)}</td>
                <td>
                  <RequestLink ctx={ctx} r={r} />
                </td>
                <td>
                  <StatusBadge ctx={ctx} status={r.status} />
                </td>
                <td>{providerNames(r) || <span class="meta">—</span>}</td>
                <td>{formatWhen(ctx, r.updatedAt)}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
        <DownloadLinks ctx={ctx} dataset={t("opendata.dataset.requests")} hrefs={tableDownloadHrefs("/requests", filters)} />
        {pages > 1 && (
          <nav class="pager" aria-label={t("common.page", { page, pages })}>
            {page > 1 && <a href={pageLink(page - 1)}>{t("common.previous")}</a>}
            <span>{t("common.page", { page, pages })}</span>
            {page < pages && <a href={pageLink(page + 1)}>{t("common.next")}</a>}
          </nav>
        )}
      </section>
    </Layout>
  );
}
