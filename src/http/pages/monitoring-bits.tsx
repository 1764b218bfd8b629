import type { IndicatorSeries, IndicatorUnit, Mechanism, Sex } from "../../domain/education/monitoring-schemas.js";
import { dirOf } from "../../web/components/recommendation-bits.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { formatDate } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";

// Pieces of the monitoring pages: a mechanism as a card, a series' values as a table by year and sex (the chart's
// text alternative), the chart in a figure, and the baseline and target facts.

// Age bands ("12-14") are isolated left to right, so Arabic pages never show them reversed as "14-12".
export function MechanismCard({ ctx, m, iso3, canEdit }: { ctx: PageContext; m: Mechanism; iso3: string; canEdit: boolean }) {
  const { t, lang } = ctx;
  const counted = m.childrenConsulted !== null;
  return (
    <article class="profile-entry" id={`mechanism-${m.id}`} aria-labelledby={`mechanism-${m.id}-title`}>
      <h3 id={`mechanism-${m.id}-title`}>
        <span lang={m.textLang} dir={dirOf(m.textLang)}>
          {m.name}
        </span>
      </h3>
      <p class="meta">
        <span class="badge">{t(`monitoring.kind.${m.kind}`)}</span> <span>{t(`monitoring.frequency.${m.frequency}`)}</span>
        {m.visibility !== "public" && (
          <>
            {" · "}
            <span class="badge badge-muted">
              {t("monitoring.visibleTo")}: {t(`visibility.${m.visibility}`)}
            </span>
          </>
        )}
        {" · "}
        <span>{t("monitoring.updated", { date: formatDate(lang, m.updatedAt) })}</span>
      </p>
      {m.description && (
        <p class="profile-text" lang={m.textLang} dir={dirOf(m.textLang)}>
          {m.description}
        </p>
      )}
      <dl class="facts">
        {m.leadInstitution && (
          <>
            <dt>{t("monitoring.f.leadInstitution")}</dt>
            <dd>{m.leadInstitution}</dd>
          </>
        )}
        <dt>{t("monitoring.f.monitors")}</dt>
        <dd>{m.monitors.map((s) => t(`monitoring.subject.${s}`)).join(" · ")}</dd>
        <dt>{t("monitoring.f.childrenLegend")}</dt>
        <dd>
          {t(`monitoring.participation.${m.childrenParticipation}`)}
          {m.consultationsCount ? ` — ${t("monitoring.aggregates", { consultations: m.consultationsCount })}` : ""}
          {counted
            ? ` — ${t("monitoring.childrenCount", { children: m.childrenConsulted ?? 0, girls: m.girlsConsulted === null ? "none" : String(m.girlsConsulted) })}`
            : ""}
          {m.ageBands.length > 0 ? ` — ${t("monitoring.ages", { bands: m.ageBands.map((b) => `\u2066${b}\u2069`).join(", ") })}` : ""}
        </dd>
        {m.safeguards && (
          <>
            <dt>{t("monitoring.f.safeguards")}</dt>
            <dd lang={m.textLang} dir={dirOf(m.textLang)}>
              {m.safeguards}
            </dd>
          </>
        )}
        {m.keyMessages && (
          <>
            <dt>{t("monitoring.f.keyMessages")}</dt>
            <dd class="profile-text" lang={m.textLang} dir={dirOf(m.textLang)}>
              {m.keyMessages}
            </dd>
          </>
        )}
        {m.sdgTargets.length > 0 && (
          <>
            <dt>{t("monitoring.f.sdg")}</dt>
            <dd>{m.sdgTargets.join(", ")}</dd>
          </>
        )}
        {m.url && (
          <>
            <dt>{t("monitoring.f.url")}</dt>
            <dd>
              <a href={m.url} rel="noopener noreferrer">
                {m.url}
              </a>
            </dd>
          </>
        )}
        <dt>{t("monitoring.recordedBy")}</dt>
        <dd>{m.organizationName}</dd>
      </dl>
      {canEdit && (
        <p>
          <a href={`/countries/${iso3}/monitoring/mechanisms/${m.id}/edit`}>
            {t("monitoring.edit")}
            <span class="visually-hidden">: {m.name}</span>
          </a>
        </p>
      )}
    </article>
  );
}

const SEXES: readonly Sex[] = ["total", "female", "male"];

/** A stored decimal for reading, in the page's language: Intl formats the decimal string itself, so nothing is
 * rounded through a float. */
export function formatDecimal(lang: string, value: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 6 }).format(value as unknown as number);
}

/** Years as rows, total / female / male as columns: the chart's values as text. */
export function ValuesTable({ ctx, series }: { ctx: PageContext; series: IndicatorSeries }) {
  const { t } = ctx;
  const years = [...new Set(series.values.map((v) => v.year))];
  const at = (year: number, sex: Sex) => {
    const value = series.values.find((v) => v.year === year && v.sex === sex)?.value;
    return value === undefined ? "—" : formatDecimal(ctx.lang, value);
  };
  return (
    <ScrollTable
      caption={t("monitoring.valuesCaption", { title: series.title })}
      headers={[t("monitoring.col.year"), ...SEXES.map((s) => t(`monitoring.sex.${s}`))]}
    >
      {years.map((year) => (
        <tr key={year}>
          <th scope="row">{year}</th>
          {SEXES.map((s) => (
            <td key={s} class="num">
              {at(year, s)}
            </td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  );
}

/** One year's values by sex (R27), as a short list: the latest value on the country education page. */
export function LatestValues({ ctx, latest }: { ctx: PageContext; latest: { unit: IndicatorUnit; values: Record<Sex, string | null> } }) {
  const { t } = ctx;
  return (
    <dl class="facts">
      {SEXES.filter((s) => latest.values[s] !== null).flatMap((s) => [
        <dt key={`${s}-t`}>{t(`monitoring.sex.${s}`)}</dt>,
        <dd key={`${s}-d`}>
          {formatDecimal(ctx.lang, latest.values[s] as string)} ({t(`monitoring.unit.${latest.unit}`)})
        </dd>,
      ])}
    </dl>
  );
}

export function SeriesFacts({ ctx, series }: { ctx: PageContext; series: IndicatorSeries }) {
  const { t } = ctx;
  return (
    <dl class="facts">
      {series.sdgIndicator && (
        <>
          <dt>{t("monitoring.f.sdgIndicator")}</dt>
          <dd>{series.sdgIndicator}</dd>
        </>
      )}
      <dt>{t("monitoring.f.unit")}</dt>
      <dd>{t(`monitoring.unit.${series.unit}`)}</dd>
      {series.baselineYear !== null && series.baselineValue !== null && (
        <>
          <dt>{t("monitoring.baseline")}</dt>
          <dd>{t("monitoring.valueInYear", { value: formatDecimal(ctx.lang, series.baselineValue), year: String(series.baselineYear) })}</dd>
        </>
      )}
      {series.targetYear !== null && series.targetValue !== null && (
        <>
          <dt>{t("monitoring.target")}</dt>
          <dd>{t("monitoring.valueInYear", { value: formatDecimal(ctx.lang, series.targetValue), year: String(series.targetYear) })}</dd>
        </>
      )}
      {series.source && (
        <>
          <dt>{t("monitoring.f.source")}</dt>
          <dd>{series.source}</dd>
        </>
      )}
      <dt>{t("monitoring.recordedBy")}</dt>
      <dd>{series.organizationName}</dd>
      {series.visibility !== "public" && (
        <>
          <dt>{t("monitoring.visibleTo")}</dt>
          <dd>{t(`visibility.${series.visibility}`)}</dd>
        </>
      )}
    </dl>
  );
}

/** The series' chart and its table; the SVG names itself (role=img, title, desc), the table is the alternative. */
export function SeriesFigure({ ctx, series, svg }: { ctx: PageContext; series: IndicatorSeries; svg: string | null }) {
  if (series.values.length === 0) return <p class="meta">{ctx.t("monitoring.noValues")}</p>;
  return (
    <div class="monitoring-figure">
      {svg && <div class="chart monitoring-chart" dangerouslySetInnerHTML={{ __html: svg }} />}
      <ValuesTable ctx={ctx} series={series} />
    </div>
  );
}

/** Links between the State's pages and the registry across States. */
export function monitoringLinks(ctx: PageContext, iso3: string, state: string) {
  const { t } = ctx;
  return (
    <nav class="meta country-subnav" aria-label={t("profile.subnav", { state })}>
      <a href={`/countries/${iso3}`}>{state}</a> · <a href={`/countries/${iso3}/profile`}>{t("profile.link")}</a> ·{" "}
      <a href="/education/monitoring">{t("monitoring.registry.title")}</a>
    </nav>
  );
}
