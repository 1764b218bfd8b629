import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { VISIBILITIES } from "../../domain/access/viewer.js";
import { type AssessmentView, assessingMemberships, listAssessments, recordAssessment } from "../../domain/recommendations/assessment-service.js";
import { listActivitiesForRecommendation } from "../../domain/activities/activity-queries.js";
import type { ActivitySummary } from "../../domain/activities/activity-views.js";
import { getRecommendation, type RecommendationDetail } from "../../domain/recommendations/recommendation-search.js";
import { listRequestsForRecommendation } from "../../domain/requests/request-queries.js";
import type { RequestSummary } from "../../domain/requests/request-schemas.js";
import { IMPLEMENTATION_STATUSES } from "../../domain/recommendations/recommendation-schemas.js";
import { type FieldProblem, isAppError } from "../../domain/core/app-error.js";
import { FormErrors, fieldError } from "../../web/components/form-errors.js";
import { dirOf, PositionBadge } from "../../web/components/recommendation-bits.js";
import { formatDate, LANGUAGE_INFO, LANGUAGES, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";
import { TagPanel, type TagPanelProps } from "./tag-panel.js";
import { loadTagPanel } from "./tag-panel-data.js";

type AssessmentForm = {
  organizationId: string;
  status: string;
  evidence: string;
  assessedOn: string;
  textLang: string;
  visibility: string;
  showAuthor: boolean;
};

type Props = {
  ctx: PageContext;
  rec: RecommendationDetail;
  support: { requests: RequestSummary[]; activities: ActivitySummary[] };
  assessments: AssessmentView[];
  labels: CodeLabels;
  tagPanel: Omit<TagPanelProps, "ctx">;
  form: AssessmentForm;
  problems: FieldProblem[];
  message?: string;
  saved: boolean;
};

function RecommendationPage({ ctx, rec, support, assessments, labels, tagPanel, form, problems, message, saved }: Props) {
  const { t, lang } = ctx;
  const state = labels.country(rec.stateIso3);
  const eligible = assessingMemberships(ctx.viewer, rec.stateIso3);
  const sourceLine = rec.source === "upr-info" ? t("recs.source.uprInfo") : t("recs.source.uhri");
  const err = (name: string) => fieldError(problems, name);
  return (
    <Layout ctx={ctx} title={t("rec.heading", { state })} active="recommendations">
      <p class="meta">
        <a href={`/recommendations?state=${rec.stateIso3}`}>{t("recs.title")}</a> · <a href={`/countries/${rec.stateIso3}`}>{state}</a>
      </p>
      <h1>{t("rec.heading", { state })}</h1>
      <blockquote class="rec-quote" lang={rec.textLang} dir={dirOf(rec.textLang)}>
        {rec.paragraph && <span class="rec-para">{rec.paragraph} </span>}
        {rec.text}
      </blockquote>
      <p>
        <PositionBadge ctx={ctx} position={rec.position} word={rec.positionWord} />
      </p>
      <h2>{t("rec.details")}</h2>
      <dl class="facts">
        <dt>{t("rec.mechanism")}</dt>
        <dd>{t(`mechanism.${rec.mechanism}` as MessageKey)}</dd>
        <dt>{t("recs.facet.state")}</dt>
        <dd>
          <a href={`/countries/${rec.stateIso3}`}>{state}</a>
          {rec.stateNameAsGiven !== state && <span class="meta"> ({rec.stateNameAsGiven})</span>}
        </dd>
        {rec.cycle && (
          <>
            <dt>{t("recs.facet.cycle")}</dt>
            <dd>{t("recs.cycle", { cycle: rec.cycle })}</dd>
          </>
        )}
        {rec.session && (
          <>
            <dt>{t("recs.facet.session")}</dt>
            <dd>{rec.year ? t("recs.sessionYear", { session: rec.session, year: rec.year }) : t("recs.session", { session: rec.session })}</dd>
          </>
        )}
        {rec.recommendingStatesAsGiven.length > 0 && (
          <>
            <dt>{t("recs.facet.recommending")}</dt>
            <dd>
              {rec.recommendingStatesAsGiven.map((s, i) => (
                <span key={`${s.name}-${i}`}>
                  {i > 0 && ", "}
                  {s.iso3 ? <a href={`/countries/${s.iso3}`}>{labels.country(s.iso3)}</a> : s.name}
                </span>
              ))}
            </dd>
          </>
        )}
        {rec.paragraph && (
          <>
            <dt>{t("rec.paragraph")}</dt>
            <dd>{rec.paragraph}</dd>
          </>
        )}
        {rec.documentSymbol && (
          <>
            <dt>{t("rec.document")}</dt>
            <dd>
              <code>{rec.documentSymbol}</code>
            </dd>
          </>
        )}
        <dt>{t("rec.language")}</dt>
        <dd>{rec.textLang in LANGUAGE_INFO ? LANGUAGE_INFO[rec.textLang as keyof typeof LANGUAGE_INFO].nativeName : rec.textLang}</dd>
        {rec.actionCategory && (
          <>
            <dt>{t("rec.actionCategory")}</dt>
            <dd>{rec.actionCategory}</dd>
          </>
        )}
        {rec.persons.length > 0 && (
          <>
            <dt>{t("rec.persons")}</dt>
            <dd>{rec.persons.map(labels.persons).join(", ")}</dd>
          </>
        )}
        {rec.sdgGoals.length > 0 && (
          <>
            <dt>{t("rec.sdgs")}</dt>
            <dd>{rec.sdgGoals.map((g) => labels.sdg(g)).join("; ")}</dd>
          </>
        )}
      </dl>

      {/* Themes, SDG goals and UPR Info issues with their provenance; suggestions for reviewers (issue 7). */}
      <TagPanel ctx={ctx} {...tagPanel} />

      <h2>{t("rec.history")}</h2>
      <ol class="history">
        {rec.positionHistory.map((p, i) => (
          <li key={i}>
            <PositionBadge ctx={ctx} position={p.position} word={p.positionWord} />{" "}
            <span class="meta">{t("rec.history.recorded", { date: formatDate(lang, p.recordedAt) })}</span>
            {p.sourceDocument && <span class="meta"> · {p.sourceDocument}</span>}
          </li>
        ))}
      </ol>

      <h2 id="support">{t("rec.support")}</h2>
      <p>{t("rec.support.lead")}</p>
      {support.requests.length === 0 && support.activities.length === 0 ? (
        <p>{t("rec.support.none")}</p>
      ) : (
        <ul class="support-links">
          {support.requests.map((r) => (
            <li key={r.id}>
              {t("rec.support.request")}: <a href={`/requests/${r.id}`}>{r.reference ? `${r.reference} — ${r.title}` : r.title}</a>
            </li>
          ))}
          {support.activities.map((a) => (
            <li key={a.id}>
              {t("rec.support.activity")}: <a href={`/activities/${a.id}`}>{a.title}</a> <span class="meta">({a.organizationName})</span>
            </li>
          ))}
        </ul>
      )}

      <h2 id="assessments">{t("rec.assessments")}</h2>
      <p>{t("rec.assessments.lead")}</p>
      {saved && (
        <p class="notice" role="status">
          {t("rec.assess.saved")}
        </p>
      )}
      {assessments.length === 0 ? (
        <p>{t("rec.assessments.none")}</p>
      ) : (
        <ul class="assessments">
          {assessments.map((a) => (
            <li key={a.id} class="assessment">
              <p>
                <strong>{t(`assessor.${a.assessorType}` as MessageKey)}</strong>
                {" — "}
                {a.organizationName ?? <em>{t("rec.assessment.withheld")}</em>} · {formatDate(lang, a.assessedOn)} ·{" "}
                <span class="badge">{t(`status.${a.status}` as MessageKey)}</span>{" "}
                {a.visibility !== "public" && <span class="badge badge-warn">{t(`visibility.${a.visibility}` as MessageKey)}</span>}
              </p>
              <p lang={a.textLang} dir={dirOf(a.textLang)} class="evidence">
                {a.evidence}
              </p>
            </li>
          ))}
        </ul>
      )}

      {eligible.length > 0 ? (
        <section aria-labelledby="assess-title" class="assess-form">
          <h3 id="assess-title">{t("rec.assess.title")}</h3>
          <FormErrors ctx={ctx} problems={problems} message={message} />
          <form method="post" action={`/recommendations/${encodeURIComponent(rec.id)}/assessments`} class="stacked" novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <div class={`field${err("organizationId") ? " field-error" : ""}`}>
              <label for="field-organizationId">{t("rec.assess.organization")}</label>
              <select id="field-organizationId" name="organizationId">
                {eligible.map((m) => (
                  <option key={m.organizationId} value={m.organizationId} selected={m.organizationId === form.organizationId}>
                    {t(`assessor.${m.assessorType}` as MessageKey)} — {t(`role.${m.role}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div class={`field${err("status") ? " field-error" : ""}`}>
              <label for="field-status">{t("rec.assess.status")}</label>
              <select id="field-status" name="status">
                {IMPLEMENTATION_STATUSES.map((s) => (
                  <option key={s} value={s} selected={s === form.status}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class={`field${err("evidence") ? " field-error" : ""}`}>
              <label for="field-evidence">{t("rec.assess.evidence")}</label>
              <span class="meta" id="evidence-hint">
                {t("rec.assess.evidenceHint")}
              </span>
              {err("evidence") && (
                <span class="field-message" id="evidence-error">
                  {err("evidence")}
                </span>
              )}
              <textarea
                id="field-evidence"
                name="evidence"
                rows={6}
                aria-describedby={err("evidence") ? "evidence-hint evidence-error" : "evidence-hint"}
                aria-invalid={err("evidence") ? "true" : undefined}
              >
                {form.evidence}
              </textarea>
            </div>
            <div class={`field${err("assessedOn") ? " field-error" : ""}`}>
              <label for="field-assessedOn">{t("rec.assess.date")}</label>
              {err("assessedOn") && <span class="field-message">{err("assessedOn")}</span>}
              <input type="date" id="field-assessedOn" name="assessedOn" value={form.assessedOn} aria-invalid={err("assessedOn") ? "true" : undefined} />
            </div>
            <div class="field">
              <label for="field-textLang">{t("rec.assess.language")}</label>
              <select id="field-textLang" name="textLang">
                {LANGUAGES.map((l) => (
                  <option key={l} value={l} selected={l === form.textLang}>
                    {LANGUAGE_INFO[l].nativeName}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="field-visibility">{t("rec.assess.visibility")}</label>
              <select id="field-visibility" name="visibility">
                {VISIBILITIES.map((v) => (
                  <option key={v} value={v} selected={v === form.visibility}>
                    {t(`visibility.${v}`)}
                  </option>
                ))}
              </select>
            </div>
            {eligible.some((m) => m.assessorType === "cso" || m.assessorType === "nhri") && (
              <div class="field checkbox">
                <input type="checkbox" id="field-showAuthor" name="showAuthor" value="yes" checked={form.showAuthor} aria-describedby="showAuthor-hint" />
                <label for="field-showAuthor">{t("rec.assess.showAuthor")}</label>
                <span class="meta" id="showAuthor-hint">
                  {t("rec.assess.showAuthorHint")}
                </span>
              </div>
            )}
            <div>
              <button type="submit" class="button">
                {t("rec.assess.submit")}
              </button>
            </div>
          </form>
        </section>
      ) : (
        !ctx.viewer.userId && (
          <p class="meta">
            <a href={`/login?next=${encodeURIComponent(`/recommendations/${encodeURIComponent(rec.id)}`)}`}>{t("nav.signIn")}</a> — {t("rec.assess.signIn")}
          </p>
        )
      )}
      <p class="meta">{sourceLine}</p>
    </Layout>
  );
}

const emptyForm = (organizationId = ""): AssessmentForm => ({
  organizationId,
  status: "in_progress",
  evidence: "",
  assessedOn: new Date().toISOString().slice(0, 10),
  textLang: "en",
  visibility: "public",
  showAuthor: false,
});

export function registerRecommendationPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { form?: AssessmentForm; problems?: FieldProblem[]; message?: string; status?: number } = {},
  ) {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const rec = await getRecommendation(db, id);
    const [assessments, labels, requests, activities] = await Promise.all([
      listAssessments(db, request.viewer, id),
      codeLabels(db, ctx.lang),
      listRequestsForRecommendation(db, request.viewer, id),
      listActivitiesForRecommendation(db, request.viewer, id),
    ]);
    const page = `/recommendations/${encodeURIComponent(rec.id)}`;
    const tagPanel = await loadTagPanel(db, request.viewer, ctx, { kind: "recommendation", id: rec.id }, labels, page);
    const form = extra.form ?? emptyForm(assessingMemberships(request.viewer, rec.stateIso3)[0]?.organizationId);
    return sendPage(
      reply,
      <RecommendationPage
        ctx={ctx}
        rec={rec}
        support={{ requests, activities }}
        assessments={assessments}
        labels={labels}
        tagPanel={tagPanel}
        form={form}
        problems={extra.problems ?? []}
        message={extra.message}
        saved={field(request.query, "saved") === "1"}
      />,
      extra.status ?? 200,
    );
  }

  app.get("/recommendations/:id", async (request, reply) => show(request, reply, (request.params as { id: string }).id));

  app.post("/recommendations/:id/assessments", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = request.body;
    const form: AssessmentForm = {
      organizationId: field(body, "organizationId") ?? "",
      status: field(body, "status") ?? "",
      evidence: field(body, "evidence") ?? "",
      assessedOn: field(body, "assessedOn") ?? "",
      textLang: field(body, "textLang") ?? "en",
      visibility: field(body, "visibility") ?? "public",
      showAuthor: field(body, "showAuthor") === "yes",
    };
    try {
      await recordAssessment(db, request.viewer, id, form as never);
      return reply.redirect(`/recommendations/${encodeURIComponent(id)}?saved=1#assessments`, 303);
    } catch (e) {
      if (isAppError(e) && (e.code === "invalid_input" || e.code === "forbidden" || e.code === "unauthenticated")) {
        const status = e.code === "invalid_input" ? 400 : e.code === "forbidden" ? 403 : 401;
        return show(request, reply, id, { form, problems: e.problems, message: e.message, status });
      }
      throw e;
    }
  });
}
