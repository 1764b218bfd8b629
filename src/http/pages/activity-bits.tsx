import type { ConsentBadge } from "../../domain/activities/consent-rules.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import type { IndicatorView } from "../../domain/activities/activity-views.js";
import { periodRows, type ValueFacts } from "../../domain/activities/results-rules.js";
import { formatDate, type Lang, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";

// Pieces shared by the activity pages: status and consent badges, money, and the indicator panel.

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: number }) {
  const tone = status === 2 || status === 3 ? "badge-ok" : status === 6 || status === 5 ? "badge-warn" : status === 4 ? "badge-muted" : "";
  return <span class={`badge ${tone}`}>{ctx.t(`activity.status.${status}` as MessageKey)}</span>;
}

/** R3: everyone who sees an activity sees whether it has the State's consent. */
export function ConsentBadgeView({ ctx, badge }: { ctx: PageContext; badge: ConsentBadge }) {
  const { t, lang } = ctx;
  const date = badge.date ? formatDate(lang, badge.date) : "";
  switch (badge.kind) {
    case "valid":
      return (
        <span class="badge badge-ok consent-badge">
          {badge.expiresOn ? t("activity.consent.validUntil", { date, until: formatDate(lang, badge.expiresOn) }) : t("activity.consent.valid", { date })}
        </span>
      );
    case "revoked":
      return <span class="badge badge-warn consent-badge">{t("activity.consent.revoked", { date })}</span>;
    case "expired":
      return <span class="badge badge-warn consent-badge">{t("activity.consent.expired", { date })}</span>;
    default:
      return <span class="badge badge-warn consent-badge">{t("activity.consent.none")}</span>;
  }
}

/** A decimal string in a currency, formatted for the language without ever going through a float. */
export function formatMoney(lang: Lang, amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: "currency", currency, currencyDisplay: "code" }).format(amount as Intl.StringNumericLiteral);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function formatDecimal(lang: Lang, value: string | null, measure = 1): string {
  if (value === null) return "—";
  const n = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value as Intl.StringNumericLiteral);
  return measure === 2 ? `${n} %` : n;
}

export function period(ctx: PageContext, start: string | null, end: string | null): string {
  if (!start && !end) return "—";
  return `${start ? formatDate(ctx.lang, start) : "…"} – ${end ? formatDate(ctx.lang, end) : "…"}`;
}

const breakdownLabel = (ctx: PageContext, v: ValueFacts) =>
  [
    v.sex !== "total" ? ctx.t(`activity.sex.${v.sex}` as MessageKey) : null,
    v.ageBand !== "total" ? ctx.t("activity.age.band", { band: v.ageBand }) : null,
    v.disability !== "total" ? ctx.t(`activity.disability.${v.disability}` as MessageKey) : null,
    v.location !== "total" ? ctx.t(`activity.location.${v.location}` as MessageKey) : null,
  ]
    .filter(Boolean)
    .join(", ");

/** One indicator: baseline, target, actual, a progress meter (R5 traffic light), values by period with girls and boys side by side (R27). */
export function IndicatorPanel({ ctx, indicator }: { ctx: PageContext; indicator: IndicatorView }) {
  const { t, lang } = ctx;
  const i = indicator;
  const rows = periodRows(i.values.map((v) => ({ ...v, createdAt: new Date(0) })));
  const pct = i.progressPercent;
  return (
    <div class="indicator">
      <h4>{i.title}</h4>
      <dl class="facts">
        <dt>{t("activity.indicator.baseline")}</dt>
        <dd>{i.baselineValue !== null ? `${formatDecimal(lang, i.baselineValue, i.measure)} (${i.baselineYear ?? "—"})` : "—"}</dd>
        <dt>{t("activity.indicator.target")}</dt>
        <dd>
          {formatDecimal(lang, i.targetValue, i.measure)}
          {i.targetDate && ` (${formatDate(lang, i.targetDate)})`}
        </dd>
        <dt>{t("activity.indicator.actual")}</dt>
        <dd>{i.actual ? `${formatDecimal(lang, i.actual.value, i.measure)} (${period(ctx, i.actual.periodStart, i.actual.periodEnd)})` : "—"}</dd>
        <dt>{t("activity.indicator.direction")}</dt>
        <dd>{i.ascending ? t("activity.indicator.ascending") : t("activity.indicator.descending")}</dd>
      </dl>
      {pct !== null ? (
        <p class="progress-line">
          <label for={`progress-${i.id}`}>{t("activity.indicator.progress")}</label>{" "}
          <meter id={`progress-${i.id}`} min={0} max={100} low={34} high={67} optimum={100} value={pct}>
            {pct} %
          </meter>{" "}
          <span>{t("activity.indicator.progressValue", { pct })}</span>
        </p>
      ) : (
        <p class="meta">{t("activity.indicator.noProgress")}</p>
      )}
      {rows.length > 0 && (
        <ScrollTable
          caption={t("activity.indicator.values", { title: i.title })}
          headers={[
            t("activity.indicator.period"),
            t("activity.sex.total"),
            t("activity.sex.female"),
            t("activity.sex.male"),
            t("activity.indicator.otherBreakdowns"),
          ]}
        >
          {rows.map((r) => (
            <tr key={`${r.periodStart}-${r.periodEnd}`}>
              <th scope="row">{period(ctx, r.periodStart, r.periodEnd)}</th>
              <td class="num">{formatDecimal(lang, r.total, i.measure)}</td>
              <td class="num">{formatDecimal(lang, r.female, i.measure)}</td>
              <td class="num">{formatDecimal(lang, r.male, i.measure)}</td>
              <td>
                {r.others.length === 0
                  ? "—"
                  : r.others.map((o) => (
                      <span key={o.id} class="breakdown">
                        {breakdownLabel(ctx, o)}: {formatDecimal(lang, o.value, i.measure)}
                      </span>
                    ))}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </div>
  );
}
