import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { getActivity } from "../../domain/activities/activity-queries.js";
import { changeActivityStatus } from "../../domain/activities/activity-service.js";
import type { ActivityDetail } from "../../domain/activities/activity-views.js";
import { CONSENT_REVOKED_REASON } from "../../domain/activities/consent-service.js";
import { isAppError } from "../../domain/core/app-error.js";
import { dirOf } from "../../web/components/recommendation-bits.js";
import { formatDate, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { HTTP_STATUS } from "../errors.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { ConsentBadgeView, formatMoney, IndicatorPanel, period, StatusBadge } from "./activity-bits.js";
import { type FailedForm, formValues, formView, PostForm, TextArea } from "./activity-forms.js";
import { type ActivityCodeLabels, activityCodeLabels } from "./activity-labels.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";

// /activities/:id — everything about one activity that the viewer may see: status with its consent badge (R3),
// what it answers (R4), money per currency, results (R5, R27), documents, national actors by type (R8), history.

type Props = { ctx: PageContext; a: ActivityDetail; labels: CodeLabels; codes: ActivityCodeLabels; failed?: FailedForm; saved: boolean };

function StatusActions({ ctx, a, failed }: { ctx: PageContext; a: ActivityDetail; failed?: FailedForm }) {
  const { t } = ctx;
  if (a.viewerCan.steps.length === 0) return null;
  return (
    <section aria-labelledby="status-actions" class="status-actions">
      <h2 id="status-actions">{t("activity.actions.title")}</h2>
      {a.viewerCan.steps.map((s) => {
        const f = formView(`status-${s.to}`, failed);
        const label = t(`activity.action.${s.to}` as MessageKey);
        if (!s.allowed)
          return (
            <div class="blocked-step" key={s.to}>
              <button type="button" class="button" disabled aria-describedby={`blocked-${s.to}`}>
                {label}
              </button>
              <p class="meta" id={`blocked-${s.to}`}>
                {s.consentRequired ? t("activity.actions.needsConsent") : s.blockedReason}{" "}
                {s.consentRequired && <a href={`/activities/${a.id}/consent`}>{t("activity.consent.open")}</a>}
              </p>
            </div>
          );
        return (
          <PostForm
            key={s.to}
            ctx={ctx}
            f={f}
            action={`/activities/${a.id}/status`}
            labels={{ reason: t("activity.field.reason"), to: t("activity.field.status") }}
            submit={label}
          >
            <input type="hidden" name="to" value={String(s.to)} />
            {s.reasonRequired && (
              <TextArea f={f} name="reason" label={t("activity.field.reason")} hint={t("activity.actions.reasonHint")} value={f.value("reason")} rows={2} />
            )}
          </PostForm>
        );
      })}
    </section>
  );
}

function ActivityPage({ ctx, a, labels, codes, failed, saved }: Props) {
  const { t, lang } = ctx;
  const list = (xs: string[], label: (x: string) => string = (x) => x) => (xs.length ? xs.map(label).join("; ") : "—");
  return (
    <Layout ctx={ctx} title={a.title} active="activities">
      <p class="meta">
        <a href="/activities">{t("activity.list.title")}</a> · <a href={`/countries/${a.stateIso3}`}>{labels.country(a.stateIso3)}</a>
      </p>
      <h1 lang={a.textLang} dir={dirOf(a.textLang)}>
        {a.title}
      </h1>
      {a.iatiIdentifier && <p class="meta iati-id">{t("activity.field.iatiIdentifier", { id: a.iatiIdentifier })}</p>}
      <p>
        <StatusBadge ctx={ctx} status={a.status} /> <ConsentBadgeView ctx={ctx} badge={a.consent} />{" "}
        <a href={`/activities/${a.id}/consent`}>{t("activity.consent.open")}</a>
      </p>
      {saved && (
        <p class="notice" role="status">
          {t("activity.saved")}
        </p>
      )}
      {a.warnings.includes("no_request") && <p class="warning">{t("activity.warning.noRequest")}</p>}
      {a.detailsWithheld && (
        <p class="warning">
          {t("activity.withheld.notice")} {a.withheldReason && <q>{a.withheldReason}</q>}
        </p>
      )}
      {(a.viewerCan.manage || a.viewerCan.actForState) && (
        <p>
          <a class="button button-secondary" href={`/activities/${a.id}/edit`}>
            {t("activity.edit.link")}
          </a>
        </p>
      )}
      <StatusActions ctx={ctx} a={a} failed={failed} />

      <h2>{t("activity.section.facts")}</h2>
      <dl class="facts">
        <dt>{t("activity.field.state")}</dt>
        <dd>{labels.country(a.stateIso3)}</dd>
        <dt>{t("activity.field.provider")}</dt>
        <dd>{a.organizationName}</dd>
        <dt>{t("activity.field.plannedPeriod")}</dt>
        <dd>{period(ctx, a.plannedStart, a.plannedEnd)}</dd>
        <dt>{t("activity.field.actualPeriod")}</dt>
        <dd>{period(ctx, a.actualStart, a.actualEnd)}</dd>
        <dt>{t("activity.field.budget")}</dt>
        <dd>{a.budgetAmount ? formatMoney(lang, a.budgetAmount, a.defaultCurrency) : "—"}</dd>
        {a.fund && (
          <>
            <dt>{t("activity.field.fund")}</dt>
            <dd>{a.fund}</dd>
          </>
        )}
        <dt>{t("activity.field.modalities")}</dt>
        <dd>{list(a.modalities, (m) => t(`vocab.modality.${m}` as MessageKey))}</dd>
        <dt>{t("activity.field.cooperationType")}</dt>
        <dd>{a.cooperationType ? t(`vocab.cooperationType.${a.cooperationType}` as MessageKey) : "—"}</dd>
        <dt>{t("activity.field.themes")}</dt>
        <dd>{list(a.themes, labels.theme)}</dd>
        <dt>{t("activity.field.sdgTargets")}</dt>
        <dd>{list(a.sdgTargets)}</dd>
        <dt>{t("activity.field.dacSectors")}</dt>
        <dd>{list(a.dacSectors, codes.sector)}</dd>
        <dt>{t("activity.field.genderMarker")}</dt>
        <dd>{a.genderMarker === null ? "—" : t(`activity.marker.${a.genderMarker}` as MessageKey)}</dd>
        <dt>{t("activity.field.disabilityMarker")}</dt>
        <dd>{a.disabilityMarker === null ? "—" : t(`activity.marker.${a.disabilityMarker}` as MessageKey)}</dd>
        <dt>{t("activity.field.covid")}</dt>
        <dd>{a.covidContext ? (a.covidPhase ? t(`vocab.covidPhase.${a.covidPhase}` as MessageKey) : t("common.yes")) : t("common.no")}</dd>
        <dt>{t("activity.field.visibility")}</dt>
        <dd>{t(`visibility.${a.visibility}` as MessageKey)}</dd>
      </dl>
      {a.description && (
        <p class="evidence" lang={a.textLang} dir={dirOf(a.textLang)}>
          {a.description}
        </p>
      )}

      <h2>{t("activity.section.answers")}</h2>
      {a.requests.length + a.hiddenRequestCount === 0 && <p>{t("activity.answers.noRequest")}</p>}
      {a.requests.length > 0 && (
        <ul>
          {a.requests.map((r) => (
            <li key={r.id}>
              <a href={`/requests/${r.id}`}>{r.reference ?? r.id}</a> — {r.title}
            </li>
          ))}
        </ul>
      )}
      {a.hiddenRequestCount > 0 && <p class="meta">{t("activity.answers.hiddenRequests", { count: a.hiddenRequestCount })}</p>}
      {a.recommendations.length > 0 && (
        <>
          <h3>{t("activity.answers.recommendations")}</h3>
          <ul class="rec-list compact">
            {a.recommendations.map((r) => (
              <li key={r.id} class="rec-item">
                <a href={`/recommendations/${encodeURIComponent(r.id)}`} lang={r.textLang} dir={dirOf(r.textLang)}>
                  {r.paragraph && `${r.paragraph} `}
                  {r.text}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t("activity.section.participants")}</h2>
      <ScrollTable
        caption={t("activity.participants.caption")}
        headers={[t("activity.field.organization"), t("activity.field.role"), t("activity.field.iatiRef")]}
      >
        {a.participants.map((p) => (
          <tr key={p.id}>
            <td>{p.organizationId ? <a href={`/organizations/${p.organizationId}`}>{p.name}</a> : p.name}</td>
            <td>{t(`activity.role.${p.role}` as MessageKey)}</td>
            <td>{p.iatiRef ?? "—"}</td>
          </tr>
        ))}
      </ScrollTable>

      <h2>{t("activity.section.money")}</h2>
      {a.transactions.length === 0 ? (
        <p>{t("activity.money.none")}</p>
      ) : (
        <>
          <ScrollTable
            caption={t("activity.money.totalsCaption")}
            headers={[t("activity.field.transactionType"), t("activity.field.currency"), t("activity.money.total")]}
          >
            {a.totals.map((s) => (
              <tr key={`${s.transactionType}-${s.currency}`}>
                <th scope="row">{t(`activity.transactionType.${s.transactionType}` as MessageKey)}</th>
                <td>{s.currency}</td>
                <td class="num">{formatMoney(lang, s.total, s.currency)}</td>
              </tr>
            ))}
          </ScrollTable>
          <ScrollTable
            caption={t("activity.money.caption")}
            headers={[t("activity.field.transactionDate"), t("activity.field.transactionType"), t("activity.field.amount"), t("activity.field.description")]}
          >
            {a.transactions.map((x) => (
              <tr key={x.id}>
                <td>{formatDate(lang, x.transactionDate)}</td>
                <td>{t(`activity.transactionType.${x.transactionType}` as MessageKey)}</td>
                <td class="num">{formatMoney(lang, x.amount, x.currency)}</td>
                <td>{[x.description, x.providerName && `${x.providerName} →`, x.receiverName].filter(Boolean).join(" ")}</td>
              </tr>
            ))}
          </ScrollTable>
        </>
      )}

      <h2>{t("activity.section.results")}</h2>
      {a.results.length === 0 && <p>{t("activity.results.none")}</p>}
      {a.results.map((r) => (
        <section key={r.id} class="result" aria-labelledby={`result-${r.id}`}>
          <h3 id={`result-${r.id}`}>
            <span class="badge">{t(`activity.resultType.${r.resultType}` as MessageKey)}</span> {r.title}
          </h3>
          {r.description && <p>{r.description}</p>}
          {r.indicators.map((i) => (
            <IndicatorPanel key={i.id} ctx={ctx} indicator={i} />
          ))}
        </section>
      ))}

      <h2>{t("activity.section.documents")}</h2>
      {a.documents.length === 0 ? (
        <p>{t("activity.documents.none")}</p>
      ) : (
        <ul>
          {a.documents.map((d) => (
            <li key={d.id}>
              <a href={d.url} hrefLang={d.language} rel="noopener noreferrer">
                {d.title}
              </a>{" "}
              <span class="meta">
                {codes.documentCategory(d.category)} · {d.language}
                {d.documentDate && ` · ${formatDate(lang, d.documentDate)}`}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h2>{t("activity.section.nationalActors")}</h2>
      {a.nationalActors.length === 0 ? (
        <p>{t("activity.actors.none")}</p>
      ) : (
        <>
          <ul class="inclusiveness">
            {a.nationalActorCounts.map((c) => (
              <li key={c.actorType}>
                {t(`vocab.actorType.${c.actorType}` as MessageKey)}: <strong>{c.count}</strong>
              </li>
            ))}
          </ul>
          <ul>
            {a.nationalActors.map((n) => (
              <li key={n.id}>
                {t(`vocab.actorType.${n.actorType}` as MessageKey)} — {t(`vocab.involvement.${n.involvement}` as MessageKey)}:{" "}
                {n.name ?? <em>{t("activity.actors.nameHidden")}</em>}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t("activity.section.history")}</h2>
      <ol class="history">
        {a.events.map((e, i) => (
          <li key={i}>
            {formatDate(lang, e.occurredAt)} · <StatusBadge ctx={ctx} status={e.toStatus} />
            {e.reason && <span> {e.reason === CONSENT_REVOKED_REASON ? t("activity.history.consentRevoked") : e.reason}</span>}
            {e.actorName && <span class="meta"> · {e.actorName}</span>}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export function registerActivityDetailPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  async function show(request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm, status = 200) {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const a = await getActivity(db, request.viewer, id);
    const [labels, codes] = await Promise.all([codeLabels(db, ctx.lang), activityCodeLabels(db, ctx.lang)]);
    return sendPage(
      reply,
      <ActivityPage ctx={ctx} a={a} labels={labels} codes={codes} failed={failed} saved={field(request.query, "saved") === "1"} />,
      status,
    );
  }

  app.get("/activities/:id", async (request, reply) => show(request, reply, uuidParam(request)));

  app.post("/activities/:id/status", { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = uuidParam(request);
    const to = field(request.body, "to") ?? "";
    try {
      await changeActivityStatus(db, request.viewer, id, { to, reason: field(request.body, "reason") ?? null });
      return reply.redirect(`/activities/${id}?saved=1`, 303);
    } catch (e) {
      if (isAppError(e) && e.code !== "not_found")
        return show(
          request,
          reply,
          id,
          { name: `status-${to}`, values: formValues(request.body), problems: e.problems, message: e.message },
          HTTP_STATUS[e.code],
        );
      throw e;
    }
  });
}

/** The :id of an activity route; anything but a UUID is simply not found. */
export function uuidParam(request: FastifyRequest): string {
  const { id } = request.params as { id: string };
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toLowerCase() : "00000000-0000-0000-0000-000000000000";
}
