import type { RequestStatus } from "../../domain/cooperation/request-status.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import type { FieldProblem } from "../../domain/core/app-error.js";
import type { Position } from "../../domain/recommendations/recommendation-schemas.js";
import type { ProviderChoice } from "../../domain/requests/request-queries.js";
import { stateMembershipsFor } from "../../domain/requests/request-rules.js";
import type { RequestDetail } from "../../domain/requests/request-schemas.js";
import { FormErrors } from "../../web/components/form-errors.js";
import { dirOf, PositionBadge } from "../../web/components/recommendation-bits.js";
import { VocabularyLabels, vocabularyLabel } from "../../web/components/vocabulary-fields.js";
import { LANGUAGE_INFO, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import type { CodeLabels } from "./page-labels.js";
import { formatMoney, formatWhen, requestTitle, StatusBadge, statusLabel } from "./request-bits.js";
import { TagPanel, type TagPanelProps } from "./tag-panel.js";

// One assistance request (R12, R13): what the State asks, on which legal basis, to whom, its timeline, and the
// next steps the viewer may take, each a small form that works without JavaScript.

export type DetailProps = {
  ctx: PageContext;
  r: RequestDetail;
  labels: CodeLabels;
  /** Organizations a provider may name in a referral. */
  referralChoices: ProviderChoice[];
  /** Names of the viewer's addressed provider organizations, when they may act for more than one. */
  actingFor: { id: string; name: string }[];
  done?: string | undefined;
  problems: FieldProblem[];
  message?: string | undefined;
  /** The action that was refused, with what was typed, to show it again. */
  failed?: { to: string; reason: string } | undefined;
  /** Themes and tags with provenance; suggestions for those who may review them (issue 7). */
  tagPanel?: Omit<TagPanelProps, "ctx"> | undefined;
};

const languageName = (code: string) => (code in LANGUAGE_INFO ? LANGUAGE_INFO[code as keyof typeof LANGUAGE_INFO].nativeName : code);

export function RequestDetailPage({ ctx, r, labels, referralChoices, actingFor, done, problems, message, failed, tagPanel }: DetailProps) {
  const { t } = ctx;
  const title = requestTitle(ctx, r);
  const isState = stateMembershipsFor(ctx.viewer, r.stateIso3).length > 0;
  return (
    <Layout ctx={ctx} title={title} active="requests">
      <p class="meta">
        <a href="/requests">{t("req.list.title")}</a> · <a href={`/countries/${r.stateIso3}`}>{labels.country(r.stateIso3)}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <StatusBadge ctx={ctx} status={r.status} /> {r.reference ? <strong>{r.reference}</strong> : <span class="meta">{t("req.noReference")}</span>}{" "}
        {r.covidContext && <span class="badge badge-warn">{t("req.covid")}</span>} <span class="badge badge-muted">{t(`visibility.${r.visibility}`)}</span>
      </p>
      {done && (
        <p class="notice" role="status">
          {done === "submitted" && r.reference
            ? t("req.done.submitted", { reference: r.reference })
            : done === "saved"
              ? t("req.done.saved")
              : done === "published" || done === "unpublished"
                ? t(`req.done.${done}`)
                : t("req.done.status", { status: statusLabel(ctx, r.status) })}
        </p>
      )}
      <FormErrors ctx={ctx} problems={problems} message={message} />
      {r.status === "draft" && isState && <p class="meta">{t("req.detail.draftNote")}</p>}

      <dl class="facts">
        <dt>{t("req.detail.state")}</dt>
        <dd>
          <a href={`/countries/${r.stateIso3}`}>{labels.country(r.stateIso3)}</a>
        </dd>
        <dt>{t("req.detail.institution")}</dt>
        <dd>{r.organizationName}</dd>
        <dt>{t("req.detail.status")}</dt>
        <dd>
          {statusLabel(ctx, r.status)}
          {r.statusReason && <span class="meta"> — {t("req.detail.reason", { reason: r.statusReason })}</span>}
        </dd>
        {r.submittedAt && (
          <>
            <dt>{t("req.detail.submittedOn")}</dt>
            <dd>{formatWhen(ctx, r.submittedAt)}</dd>
          </>
        )}
        {r.priorityRank !== null && (
          <>
            <dt>{t("req.detail.priority")}</dt>
            <dd>{r.priorityRank}</dd>
          </>
        )}
        {r.channelReference && (
          <>
            <dt>{t("req.detail.channel")}</dt>
            <dd>{r.channelReference}</dd>
          </>
        )}
        {(r.timeframeStart || r.timeframeEnd) && (
          <>
            <dt>{t("req.detail.timeframe")}</dt>
            <dd>
              {t("req.detail.timeframeRange", {
                start: r.timeframeStart ? formatWhen(ctx, r.timeframeStart) : "…",
                end: r.timeframeEnd ? formatWhen(ctx, r.timeframeEnd) : "…",
              })}
            </dd>
          </>
        )}
        {r.workingLanguages.length > 0 && (
          <>
            <dt>{t("req.detail.languages")}</dt>
            <dd>{r.workingLanguages.map(languageName).join(", ")}</dd>
          </>
        )}
        {r.budgetAmount && r.budgetCurrency && (
          <>
            <dt>{t("req.detail.budget")}</dt>
            <dd>{formatMoney(ctx.lang, r.budgetAmount, r.budgetCurrency)}</dd>
          </>
        )}
        {r.fundRequested && (
          <>
            <dt>{t("req.detail.fund")}</dt>
            <dd>{vocabularyLabel(t, "fund", r.fundRequested)}</dd>
          </>
        )}
        <dt>{t("req.detail.covid")}</dt>
        <dd>
          {r.covidContext
            ? r.covidPhase
              ? t("req.detail.covidPhase", { phase: vocabularyLabel(t, "covidPhase", r.covidPhase) })
              : t("req.detail.covidYes")
            : t("req.detail.notCovid")}
        </dd>
      </dl>

      <h2>{t("req.detail.needs")}</h2>
      <p class="evidence" lang={r.textLang} dir={dirOf(r.textLang)}>
        {r.needsStatement || <span class="meta">{t("common.none")}</span>}
      </p>
      {r.objectives && (
        <>
          <h2>{t("req.detail.objectives")}</h2>
          <p class="evidence" lang={r.textLang} dir={dirOf(r.textLang)}>
            {r.objectives}
          </p>
        </>
      )}

      <h2>{t("req.detail.providers")}</h2>
      {r.providers.length === 0 ? (
        <p class="meta">{t("common.none")}</p>
      ) : (
        <ul>
          {r.providers.map((p) => (
            <li key={p.id}>
              {p.name}
              {p.acronym && <span class="meta"> ({p.acronym})</span>}
              {p.declined && <span class="badge"> {t("req.status.declined")}</span>}
            </li>
          ))}
        </ul>
      )}
      {/* The way to the offers that answer or match the request (R29), for the State and the providers alike. */}
      <p>
        <a href={`/matching/requests/${r.id}`}>{t("match.forRequestLink")}</a>
      </p>

      <h2>{t("req.detail.legalBasis")}</h2>
      <h3>{t("req.detail.recommendations")}</h3>
      {r.recommendations.length === 0 ? (
        <p class="meta">{t("common.none")}</p>
      ) : (
        <ul class="rec-list compact">
          {r.recommendations.map((rec) => (
            <li key={rec.id} class="rec-item">
              <p class="rec-text" lang={rec.textLang} dir={dirOf(rec.textLang)}>
                {rec.paragraph && <span class="rec-para">{rec.paragraph} </span>}
                <a href={`/recommendations/${encodeURIComponent(rec.id)}`}>{rec.text}</a>
              </p>
              <p class="rec-meta">
                <PositionBadge ctx={ctx} position={rec.positionAtLink as Position} word={null} />
                {rec.notAccepted && (
                  <>
                    <span class="badge badge-warn">{t("req.detail.notAccepted")}</span>
                    <span class="meta">{t("req.detail.notAcceptedHint", { position: t(`position.${rec.positionAtLink as Position}`) })}</span>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {r.treatyArticles.length > 0 && (
        <>
          <h3>{t("req.detail.treaty")}</h3>
          <ul>
            {r.treatyArticles.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      )}
      {r.pledges.length > 0 && (
        <>
          <h3>{t("req.detail.pledges")}</h3>
          <ul>
            {r.pledges.map((p) => (
              <li key={p.id} lang={p.textLang} dir={dirOf(p.textLang)}>
                {p.text}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t("req.detail.tags")}</h2>
      <dl class="facts">
        <dt>{t("req.detail.themes")}</dt>
        <dd>{r.themes.length ? r.themes.map(labels.theme).join("; ") : t("common.none")}</dd>
        <dt>{t("req.detail.persons")}</dt>
        <dd>{r.persons.length ? r.persons.map(labels.persons).join(", ") : t("common.none")}</dd>
        <dt>{t("req.detail.sdg")}</dt>
        <dd>{r.sdgTargets.length ? r.sdgTargets.join(", ") : t("common.none")}</dd>
        <dt>{t("vocab.isced.label" as MessageKey)}</dt>
        <dd>
          <VocabularyLabels ctx={ctx} list="isced" codes={r.iscedLevels} />
        </dd>
        <dt>{t("vocab.modality.label" as MessageKey)}</dt>
        <dd>
          <VocabularyLabels ctx={ctx} list="modality" codes={r.modalities} />
        </dd>
        <dt>{t("vocab.continuityNeed.label" as MessageKey)}</dt>
        <dd>
          <VocabularyLabels ctx={ctx} list="continuityNeed" codes={r.continuityNeeds} />
        </dd>
      </dl>
      {tagPanel && <TagPanel ctx={ctx} {...tagPanel} />}

      <h2>{t("req.detail.actors")}</h2>
      {r.nationalActors.length === 0 ? (
        <p class="meta">{t("common.none")}</p>
      ) : (
        <ScrollTable caption={t("req.detail.actors")} headers={[t("req.detail.actorType"), t("req.detail.involvement"), t("req.detail.actorName")]}>
          {r.nationalActors.map((a, i) => (
            <tr key={i}>
              <td>{vocabularyLabel(t, "actorType", a.actorType)}</td>
              <td>{vocabularyLabel(t, "involvement", a.involvement)}</td>
              <td>{a.name ?? <span class="meta">{a.nameWithheld ? t("req.detail.nameWithheld") : "—"}</span>}</td>
            </tr>
          ))}
        </ScrollTable>
      )}

      <h2 id="timeline">{t("req.detail.timeline")}</h2>
      <ol class="history">
        <li>
          {formatWhen(ctx, r.createdAt)} — {t("req.detail.created")}
        </li>
        {r.events.map((e, i) => (
          <li key={i}>
            {formatWhen(ctx, e.occurredAt)} — <StatusBadge ctx={ctx} status={e.toStatus as RequestStatus} />
            {e.actorOrganizationName && <span class="meta"> {t("req.detail.by", { organization: e.actorOrganizationName })}</span>}
            {e.reason && <span class="meta"> — {t("req.detail.reason", { reason: e.reason })}</span>}
          </li>
        ))}
      </ol>

      <Actions ctx={ctx} r={r} isState={isState} referralChoices={referralChoices} actingFor={actingFor} failed={failed} />
    </Layout>
  );
}

function Actions({
  ctx,
  r,
  isState,
  referralChoices,
  actingFor,
  failed,
}: Pick<DetailProps, "ctx" | "r" | "referralChoices" | "actingFor" | "failed"> & { isState: boolean }) {
  const { t } = ctx;
  if (r.actions.length === 0 && !isState) return null;
  const base = `/requests/${r.id}`;
  return (
    <section aria-labelledby="actions-title" class="request-actions">
      <h2 id="actions-title">{t("req.detail.actions")}</h2>
      {isState && r.status === "draft" && (
        <p>
          <a class="button button-secondary" href={`${base}/edit`}>
            {t("req.detail.edit")}
          </a>
        </p>
      )}
      {r.actions.map((a) => {
        const reasonId = `reason-${a.to}`;
        const typed = failed?.to === a.to ? failed.reason : "";
        return (
          <form key={a.to} method="post" action={`${base}/transitions`} class="stacked request-action">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="to" value={a.to} />
            {a.party === "provider" && actingFor.length > 1 && (
              <div class="field">
                <label for={`acting-${a.to}`}>{t("req.action.actingFor")}</label>
                <select id={`acting-${a.to}`} name="organizationId">
                  {actingFor.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {a.to === "referred" && (
              <div class="field">
                <label for="refer-to">{t("req.action.referTo")}</label>
                <span class="meta" id="refer-to-hint">
                  {t("req.action.referToHint")}
                </span>
                <select id="refer-to" name="referToOrganizationId" aria-describedby="refer-to-hint">
                  <option value="">{t("req.action.noOne")}</option>
                  {referralChoices.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.acronym ? `${p.acronym} — ${p.name}` : p.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {a.reasonRequired && (
              <div class="field">
                <label for={reasonId}>{t("req.action.reason")}</label>
                <span class="meta" id={`${reasonId}-hint`}>
                  {t("req.action.reasonHint")}
                </span>
                <textarea id={reasonId} name="reason" rows={3} aria-required="true" aria-describedby={`${reasonId}-hint`}>
                  {typed}
                </textarea>
              </div>
            )}
            <div>
              <button type="submit" class={a.to === "withdrawn" || a.to === "declined" ? "button button-secondary" : "button"}>
                {t(`req.action.${a.to}` as MessageKey)}
              </button>
            </div>
          </form>
        );
      })}
      {isState && (
        <form method="post" action={`${base}/visibility`} class="stacked request-action">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <input type="hidden" name="visibility" value={r.visibility === "public" ? "state_and_un" : "public"} />
          <p class="meta">{r.visibility === "public" ? t("req.action.unpublishHint") : t("req.action.publishHint")}</p>
          <div>
            <button type="submit" class="button button-secondary">
              {r.visibility === "public" ? t("req.action.unpublish") : t("req.action.publish")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
