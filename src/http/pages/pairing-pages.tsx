import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { AppError, type FieldProblem, isAppError } from "../../domain/core/app-error.js";
import type { Pairing } from "../../domain/matching/matching-schemas.js";
import { pairingPartyOf } from "../../domain/matching/pairing-access.js";
import { addMilestone, completeMilestone, createPairing, getPairing, listPairings, submitFollowUp } from "../../domain/matching/pairing-service.js";
import { FormErrors } from "../../web/components/form-errors.js";
import { formatDate, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { HTTP_STATUS } from "../errors.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { MatchExplanation, type OfferLabels, offerLabels, ScoreBadge } from "./offer-bits.js";
import { errorsOf, TextArea, TextField } from "./offer-form-fields.js";
import { field, sendPage } from "./render.js";

// Pairings (R29): a request and an offer brought together, their milestones and the one-year follow-up report.
// Visible to the parties and UN staff; not published (publication would need both parties' consent).

type Forms = { milestone: { title: string; dueOn: string; note: string }; report: string };
const EMPTY_FORMS: Forms = { milestone: { title: "", dueOn: "", note: "" }, report: "" };

function PairingPage(props: {
  ctx: PageContext;
  labels: OfferLabels;
  p: Pairing;
  isParty: boolean;
  forms: Forms;
  problems: FieldProblem[];
  message?: string | undefined;
  notice?: string | undefined;
}) {
  const { ctx, labels, p, isParty, forms, problems, message, notice } = props;
  const { t, lang } = ctx;
  const err = errorsOf(problems);
  const title = t("pairing.title", { request: p.request.reference ?? p.request.title });
  return (
    <Layout ctx={ctx} title={title} active="offers">
      <p class="meta">
        <a href="/pairings">{t("pairings.title")}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <span class="badge">{t(`pairing.status.${p.status}` as MessageKey)}</span>{" "}
        {p.followUpOverdue && <span class="badge badge-warn">{t("pairing.overdue")}</span>} <span class="meta">{t("pairing.private")}</span>
      </p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <FormErrors ctx={ctx} problems={problems} message={message} />
      <dl class="facts">
        <dt>{t("pairing.request")}</dt>
        <dd>
          <a href={`/requests/${p.request.id}`}>{p.request.title}</a> · {labels.country(p.request.stateIso3)}
        </dd>
        <dt>{t("pairing.offer")}</dt>
        <dd>
          <a href={`/offers/${p.offer.id}`}>{p.offer.title}</a> · <a href={`/providers/${p.offer.provider.slug}`}>{p.offer.provider.name}</a>
        </dd>
        <dt>{t("pairing.created")}</dt>
        <dd>{formatDate(lang, p.createdAt)}</dd>
        <dt>{t("pairing.followUpDue")}</dt>
        <dd>{formatDate(lang, p.followUpDue)}</dd>
      </dl>
      <h2>{t("pairing.score")}</h2>
      {p.matchScore !== null && (
        <p>
          <ScoreBadge ctx={ctx} score={p.matchScore} /> <span class="meta">{t("pairing.scoreNote")}</span>
        </p>
      )}
      <MatchExplanation ctx={ctx} labels={labels} explanation={p.matchExplanation} />
      <h2 id="milestones">{t("pairing.milestones")}</h2>
      {p.milestones.length === 0 ? (
        <p class="meta">{t("pairing.noMilestones")}</p>
      ) : (
        <ScrollTable caption={t("pairing.milestonesCaption")} headers={[t("pairing.milestone"), t("pairing.dueOn"), t("pairing.doneOn")]}>
          {p.milestones.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                {m.title}
                {m.note && <span class="meta"> — {m.note}</span>}
              </th>
              <td>{m.dueOn ? formatDate(lang, m.dueOn) : "—"}</td>
              <td>
                {m.doneOn ? (
                  formatDate(lang, m.doneOn)
                ) : isParty ? (
                  <form method="post" action={`/pairings/${p.id}/milestones/${m.id}/done`} class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="link-button">
                      {t("pairing.markDone")}
                    </button>
                  </form>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {isParty && (
        <form method="post" action={`/pairings/${p.id}/milestones`} class="stacked" novalidate aria-labelledby="add-milestone">
          <h3 id="add-milestone">{t("pairing.addMilestone")}</h3>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <TextField name="title" label={t("pairing.milestone")} value={forms.milestone.title} err={err} />
          <TextField name="dueOn" type="date" label={t("pairing.dueOn")} value={forms.milestone.dueOn} err={err} />
          <TextField name="note" label={t("pairing.note")} value={forms.milestone.note} err={err} />
          <div>
            <button type="submit" class="button button-secondary">
              {t("pairing.addMilestone")}
            </button>
          </div>
        </form>
      )}
      <h2 id="follow-up">{t("pairing.followUp")}</h2>
      {p.followUpReport ? (
        <>
          <p class="meta">{p.followUpSubmittedAt && t("pairing.submittedOn", { date: formatDate(lang, p.followUpSubmittedAt) })}</p>
          <p class="evidence">{p.followUpReport}</p>
        </>
      ) : (
        <p>{t(p.followUpOverdue ? "pairing.followUpLate" : "pairing.followUpPending", { date: formatDate(lang, p.followUpDue) })}</p>
      )}
      {isParty && !p.followUpReport && (
        <form method="post" action={`/pairings/${p.id}/follow-up`} class="stacked" novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <input type="hidden" name="version" value={String(p.version)} />
          <TextArea name="report" label={t("pairing.report")} hint={t("pairing.reportHint")} value={forms.report} err={err} rows={8} />
          <div>
            <button type="submit" class="button">
              {t("pairing.submitReport")}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}

export function registerPairingPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/pairings", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t, lang } = ctx;
    if (!request.viewer.userId) return reply.redirect(`/login?next=${encodeURIComponent("/pairings")}`, 303);
    const overdue = field(request.query, "overdue") === "1";
    const [result, labels] = await Promise.all([listPairings(db, request.viewer, { overdue, limit: 200, offset: 0 }), offerLabels(db, ctx)]);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("pairings.title")} active="offers">
        <h1>{t("pairings.title")}</h1>
        <p class="lead">{t("pairings.lead")}</p>
        <p>{overdue ? <a href="/pairings">{t("pairings.all")}</a> : <a href="/pairings?overdue=1">{t("pairings.overdueOnly")}</a>}</p>
        <p role="status">{t("pairings.count", { count: result.total })}</p>
        {result.items.length > 0 && (
          <ScrollTable
            caption={overdue ? t("pairings.overdueCaption") : t("pairings.caption")}
            headers={[t("pairing.request"), t("pairing.offer"), t("pairing.followUpDue"), t("pairings.col.status")]}
          >
            {result.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={`/pairings/${p.id}`}>{p.request.reference ?? p.request.title}</a>
                  <span class="meta"> · {labels.country(p.request.stateIso3)}</span>
                </th>
                <td>
                  {p.offer.title} <span class="meta">({p.offer.provider.name})</span>
                </td>
                <td>{formatDate(lang, p.followUpDue)}</td>
                <td>
                  {t(`pairing.status.${p.status}` as MessageKey)} {p.followUpOverdue && <span class="badge badge-warn">{t("pairing.overdue")}</span>}
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </Layout>,
    );
  });

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { forms?: Forms; problems?: FieldProblem[]; message?: string; status?: number } = {},
  ) {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const [p, labels] = await Promise.all([getPairing(db, request.viewer, id), offerLabels(db, ctx)]);
    const isParty = pairingPartyOf(request.viewer, { stateIso3: p.request.stateIso3, providerId: p.offer.provider.id }) !== undefined;
    const notice = field(request.query, "saved") === "1" ? ctx.t("pairing.saved") : undefined;
    const page = (
      <PairingPage
        ctx={ctx}
        labels={labels}
        p={p}
        isParty={isParty}
        forms={extra.forms ?? EMPTY_FORMS}
        problems={extra.problems ?? []}
        message={extra.message}
        notice={notice}
      />
    );
    return sendPage(reply, page, extra.status ?? 200);
  }

  /** Runs a form's write; on a refusal shows the pairing again with the problems and what was typed. */
  async function write(request: FastifyRequest, reply: FastifyReply, id: string, forms: Forms, work: () => Promise<unknown>, anchor: string) {
    try {
      await work();
      return reply.redirect(`/pairings/${id}?saved=1#${anchor}`, 303);
    } catch (e) {
      if (isAppError(e) && e.code !== "not_found")
        return show(request, reply, id, { forms, problems: e.problems, message: e.message, status: HTTP_STATUS[e.code] });
      throw e;
    }
  }

  app.get("/pairings/:id", async (request, reply) => show(request, reply, (request.params as { id: string }).id));

  app.post("/pairings", { preHandler: app.csrfProtection }, async (request, reply) => {
    const requestId = field(request.body, "requestId") ?? "";
    const offerId = field(request.body, "offerId") ?? "";
    try {
      const { id } = await createPairing(db, request.viewer, { requestId, offerId });
      return reply.redirect(`/pairings/${id}?saved=1`, 303);
    } catch (e) {
      // The pairing form is a button on the matching pages: a refusal is explained on an error page that links back.
      if (isAppError(e) && e.code !== "not_found")
        throw new AppError(e.code, `${e.message}${e.problems.length ? ` (${e.problems.map((p) => p.message).join("; ")})` : ""}`);
      throw e;
    }
  });

  app.post("/pairings/:id/milestones", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const milestone = { title: field(request.body, "title") ?? "", dueOn: field(request.body, "dueOn") ?? "", note: field(request.body, "note") ?? "" };
    return write(
      request,
      reply,
      id,
      { ...EMPTY_FORMS, milestone },
      () => addMilestone(db, request.viewer, id, { ...milestone, dueOn: milestone.dueOn || null }),
      "milestones",
    );
  });

  app.post("/pairings/:id/milestones/:milestoneId/done", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id, milestoneId } = request.params as { id: string; milestoneId: string };
    return write(request, reply, id, EMPTY_FORMS, () => completeMilestone(db, request.viewer, id, milestoneId, {}), "milestones");
  });

  app.post("/pairings/:id/follow-up", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const report = field(request.body, "report") ?? "";
    return write(
      request,
      reply,
      id,
      { ...EMPTY_FORMS, report },
      () => submitFollowUp(db, request.viewer, id, { report, version: field(request.body, "version") }),
      "follow-up",
    );
  });
}
