import { ACKNOWLEDGEMENT_TARGET_WORKING_DAYS, COVID_ACKNOWLEDGEMENT_TARGET_WORKING_DAYS } from "../../domain/requests/request-rules.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import type { ProviderResponseTime } from "../../domain/requests/request-schemas.js";
import { RESPONSE_TIME_MIN_REQUESTS } from "../../domain/requests/response-times.js";
import { formatNumber } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";

// Response-time figures per provider (R13): a text-first table, readable on a phone and printable.

export function ResponseTimesPage({ ctx, figures }: { ctx: PageContext; figures: ProviderResponseTime[] }) {
  const { t, lang } = ctx;
  const num = (n: number | null) => (n === null ? "—" : formatNumber(lang, n));
  const share = (n: number | null) => (n === null ? "—" : new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(n));
  const withheld = <span class="meta">{t("req.rt.withheld")}</span>;
  return (
    <Layout ctx={ctx} title={t("req.rt.title")} active="requests">
      <p class="meta">
        <a href="/requests">{t("req.list.title")}</a>
      </p>
      <h1>{t("req.rt.title")}</h1>
      <p class="lead">{t("req.rt.lead")}</p>
      <p>{t("req.rt.targets", { days: ACKNOWLEDGEMENT_TARGET_WORKING_DAYS, covidDays: COVID_ACKNOWLEDGEMENT_TARGET_WORKING_DAYS })}</p>
      <p class="meta">{t("req.rt.smallCell", { min: RESPONSE_TIME_MIN_REQUESTS })}</p>
      {figures.length === 0 ? (
        <p>{t("req.rt.none")}</p>
      ) : (
        <ScrollTable
          caption={t("req.rt.caption")}
          headers={[
            t("req.rt.col.provider"),
            t("req.rt.col.addressed"),
            t("req.rt.col.acknowledged"),
            t("req.rt.col.ackMedian"),
            t("req.rt.col.ackP90"),
            t("req.rt.col.offered"),
            t("req.rt.col.offerMedian"),
            t("req.rt.col.offerP90"),
            t("req.rt.col.declined"),
            t("req.rt.col.referred"),
          ]}
        >
          {figures.map((f) => (
            <tr key={f.organizationId}>
              <th scope="row">
                {f.name}
                {f.acronym && <span class="meta"> ({f.acronym})</span>}
              </th>
              <td class="num">{num(f.addressed)}</td>
              {f.suppressed ? (
                <td colSpan={8}>{withheld}</td>
              ) : (
                <>
                  <td class="num">{num(f.acknowledged)}</td>
                  <td class="num">{num(f.medianDaysToAcknowledge)}</td>
                  <td class="num">{num(f.p90DaysToAcknowledge)}</td>
                  <td class="num">{num(f.offered)}</td>
                  <td class="num">{num(f.medianDaysToOffer)}</td>
                  <td class="num">{num(f.p90DaysToOffer)}</td>
                  <td class="num">{share(f.declinedShare)}</td>
                  <td class="num">{share(f.referredShare)}</td>
                </>
              )}
            </tr>
          ))}
        </ScrollTable>
      )}
    </Layout>
  );
}
