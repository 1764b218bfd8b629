import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { CONSENT_CHANNELS } from "../../domain/activities/activity-codes.js";
import { stateMemberships } from "../../domain/activities/activity-permissions.js";
import { getActivity } from "../../domain/activities/activity-queries.js";
import type { ActivityDetail } from "../../domain/activities/activity-views.js";
import { recordConsent, revokeConsent } from "../../domain/activities/consent-service.js";
import { isAppError, notFound } from "../../domain/core/app-error.js";
import { formatDate, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { HTTP_STATUS } from "../errors.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { ConsentBadgeView, StatusBadge } from "./activity-bits.js";
import { uuidParam } from "./activity-detail-page.js";
import { Checkbox, type FailedForm, formValues, formView, PostForm, Select, TextArea, TextInput } from "./activity-forms.js";
import { field, sendPage } from "./render.js";

// /activities/:id/consent — the State's consent (R3; res. 45/32 OP2): the records (who signed and the reference
// only for the activity's circle), the form for the State's focal point or NMIRF, and revocation, which suspends
// an activity under way and erases nothing.

type Props = { ctx: PageContext; a: ActivityDetail; failed?: FailedForm; saved: boolean; bodies: { id: string; label: string }[] };

function ConsentPage({ ctx, a, failed, saved, bodies }: Props) {
  const { t, lang } = ctx;
  const f = formView("consent", failed);
  const labels = {
    organizationId: t("consent.field.organization"),
    grantedByName: t("consent.field.grantedByName"),
    channel: t("consent.field.channel"),
    channelReference: t("consent.field.channelReference"),
    scope: t("consent.field.scope"),
    counterparts: t("consent.field.counterparts"),
    publishDetails: t("consent.field.publishDetails"),
    grantedOn: t("consent.field.grantedOn"),
    expiresOn: t("consent.field.expiresOn"),
    reason: t("consent.field.revocationReason"),
  };
  const canAct = a.viewerCan.actForState;
  return (
    <Layout ctx={ctx} title={t("consent.title", { title: a.title })} active="activities">
      <p class="meta">
        <a href={`/activities/${a.id}`}>{a.title}</a>
      </p>
      <h1>{t("consent.title", { title: a.title })}</h1>
      <p>
        <StatusBadge ctx={ctx} status={a.status} /> <ConsentBadgeView ctx={ctx} badge={a.consent} />
      </p>
      <p class="lead">{t("consent.lead")}</p>
      {saved && (
        <p class="notice" role="status">
          {t("activity.saved")}
        </p>
      )}
      <h2>{t("consent.records")}</h2>
      {a.consents.length === 0 ? (
        <p>{t("consent.noRecords")}</p>
      ) : (
        <ul class="consents">
          {a.consents.map((c) => {
            const rf = formView(`revoke-${c.id}`, failed);
            return (
              <li key={c.id} class="consent-record">
                <p>
                  <strong>{t("consent.grantedOn", { date: formatDate(lang, c.grantedOn) })}</strong>
                  {c.expiresOn && <span> · {t("consent.expiresOn", { date: formatDate(lang, c.expiresOn) })}</span>}{" "}
                  {c.revokedOn ? (
                    <span class="badge badge-warn">{t("consent.revokedOn", { date: formatDate(lang, c.revokedOn) })}</span>
                  ) : c.validToday ? (
                    <span class="badge badge-ok">{t("consent.validToday")}</span>
                  ) : (
                    <span class="badge badge-muted">{t("consent.notValidToday")}</span>
                  )}
                </p>
                {c.details ? (
                  <dl class="facts">
                    <dt>{labels.grantedByName}</dt>
                    <dd>
                      {c.details.grantedByName} ({c.details.organizationName})
                    </dd>
                    <dt>{labels.channel}</dt>
                    <dd>
                      {t(`consent.channel.${c.details.channel}` as MessageKey)} — {c.details.channelReference}
                    </dd>
                    <dt>{labels.scope}</dt>
                    <dd class="evidence">{c.details.scope}</dd>
                    {c.details.counterparts.length > 0 && (
                      <>
                        <dt>{labels.counterparts}</dt>
                        <dd>{c.details.counterparts.join("; ")}</dd>
                      </>
                    )}
                    <dt>{labels.publishDetails}</dt>
                    <dd>{c.details.publishDetails ? t("common.yes") : t("common.no")}</dd>
                    {c.details.revocationReason && (
                      <>
                        <dt>{labels.reason}</dt>
                        <dd>
                          {c.details.revocationReason}
                          {c.details.revokedByName && <span class="meta"> · {c.details.revokedByName}</span>}
                        </dd>
                      </>
                    )}
                  </dl>
                ) : (
                  <p class="meta">{t("consent.detailsHidden")}</p>
                )}
                {canAct && !c.revokedOn && (
                  <details open={failed?.name === `revoke-${c.id}`}>
                    <summary>{t("consent.revoke.title")}</summary>
                    <p class="meta">{t("consent.revoke.lead")}</p>
                    <PostForm ctx={ctx} f={rf} action={`/activities/${a.id}/consent/${c.id}/revoke`} labels={labels} submit={t("consent.revoke.submit")}>
                      <TextArea f={rf} name="reason" label={labels.reason} value={rf.value("reason")} rows={3} />
                    </PostForm>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canAct && a.status !== 4 && a.status !== 5 && (
        <section aria-labelledby="record-consent" class="edit-section">
          <h2 id="record-consent">{t("consent.record.title")}</h2>
          <PostForm ctx={ctx} f={f} action={`/activities/${a.id}/consent`} labels={labels} submit={t("consent.record.submit")}>
            {bodies.length > 1 && (
              <Select
                f={f}
                name="organizationId"
                label={labels.organizationId}
                choices={bodies.map((b) => ({ value: b.id, label: b.label }))}
                selected={[f.value("organizationId")]}
              />
            )}
            <TextInput f={f} name="grantedByName" label={labels.grantedByName} hint={t("consent.field.grantedByNameHint")} value={f.value("grantedByName")} />
            <Select
              f={f}
              name="channel"
              label={labels.channel}
              choices={CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`consent.channel.${c}` as MessageKey) }))}
              selected={[f.value("channel", "note_verbale")]}
            />
            <TextInput
              f={f}
              name="channelReference"
              label={labels.channelReference}
              hint={t("consent.field.channelReferenceHint")}
              value={f.value("channelReference")}
            />
            <TextArea f={f} name="scope" label={labels.scope} hint={t("consent.field.scopeHint")} value={f.value("scope")} />
            <TextArea
              f={f}
              name="counterparts"
              label={labels.counterparts}
              hint={t("consent.field.counterpartsHint")}
              value={f.value("counterparts")}
              rows={3}
            />
            <Checkbox
              f={f}
              name="publishDetails"
              label={labels.publishDetails}
              hint={t("consent.field.publishDetailsHint")}
              checked={failed?.name === "consent" && failed.values ? f.value("publishDetails") === "yes" : true}
            />
            <TextInput f={f} type="date" name="grantedOn" label={labels.grantedOn} value={f.value("grantedOn", new Date().toISOString().slice(0, 10))} />
            <TextInput f={f} type="date" name="expiresOn" label={labels.expiresOn} hint={t("consent.field.expiresOnHint")} value={f.value("expiresOn")} />
          </PostForm>
        </section>
      )}
      {!canAct && a.consent.kind !== "valid" && <p class="meta">{t("consent.onlyState")}</p>}
    </Layout>
  );
}

export function registerActivityConsentPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  async function show(request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm, status = 200) {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const a = await getActivity(db, request.viewer, id);
    const bodies = stateMemberships(request.viewer, a.stateIso3).map((m) => ({ id: m.organizationId, label: ctx.t(`role.${m.role}` as MessageKey) }));
    return sendPage(reply, <ConsentPage ctx={ctx} a={a} failed={failed} saved={field(request.query, "saved") === "1"} bodies={bodies} />, status);
  }

  app.get("/activities/:id/consent", async (request, reply) => show(request, reply, uuidParam(request)));

  app.post("/activities/:id/consent", { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = uuidParam(request);
    const body = request.body;
    const s = (name: string) => field(body, name) ?? "";
    try {
      await recordConsent(db, request.viewer, id, {
        organizationId: s("organizationId"),
        grantedByName: s("grantedByName"),
        channel: s("channel") as "note_verbale",
        channelReference: s("channelReference"),
        scope: s("scope"),
        counterparts: s("counterparts"),
        publishDetails: s("publishDetails") === "yes",
        grantedOn: s("grantedOn"),
        expiresOn: s("expiresOn"),
      });
      return reply.redirect(`/activities/${id}/consent?saved=1`, 303);
    } catch (e) {
      if (isAppError(e) && e.code !== "not_found")
        return show(request, reply, id, { name: "consent", values: formValues(body), problems: e.problems, message: e.message }, HTTP_STATUS[e.code]);
      throw e;
    }
  });

  app.post("/activities/:id/consent/:consentId/revoke", { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = uuidParam(request);
    const { consentId } = request.params as { consentId: string };
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(consentId)) throw notFound("Consent", consentId);
    try {
      await revokeConsent(db, request.viewer, consentId, { reason: field(request.body, "reason") ?? "" });
      return reply.redirect(`/activities/${id}/consent?saved=1`, 303);
    } catch (e) {
      if (isAppError(e) && e.code !== "not_found")
        return show(
          request,
          reply,
          id,
          { name: `revoke-${consentId}`, values: formValues(request.body), problems: e.problems, message: e.message },
          HTTP_STATUS[e.code],
        );
      throw e;
    }
  });
}
