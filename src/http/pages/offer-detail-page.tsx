import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { type FieldProblem, isAppError } from "../../domain/core/app-error.js";
import type { Offer } from "../../domain/offers/offer-schemas.js";
import { getOffer } from "../../domain/offers/offer-service.js";
import { type OfferStep, offerStepsFor, transitionOffer } from "../../domain/offers/offer-transition-service.js";
import { providerMembershipFor } from "../../domain/offers/provider-access.js";
import { FormErrors, fieldError } from "../../web/components/form-errors.js";
import { dirOf } from "../../web/components/recommendation-bits.js";
import { VocabularyLabels, vocabularyLabel } from "../../web/components/vocabulary-fields.js";
import { formatDate, type MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { HTTP_STATUS } from "../errors.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { formatMoney, formatPeriod, type OfferLabels, OfferStatusBadge, offerLabels } from "./offer-bits.js";
import { field, sendPage } from "./render.js";

// One offer (R29): what it offers, to whom, on which terms, and the steps the viewer may take — publish, withdraw or
// close for its provider; accept or decline for the State it is made to.

type Props = {
  ctx: PageContext;
  offer: Offer;
  labels: OfferLabels;
  steps: OfferStep[];
  problems: FieldProblem[];
  message?: string | undefined;
  notice?: string | undefined;
};

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function OfferPage({ ctx, offer: o, labels, steps, problems, message, notice }: Props) {
  const { t, lang } = ctx;
  const period = formatPeriod(ctx, o.availableFrom, o.availableTo);
  const isProvider = providerMembershipFor(ctx.viewer, o.provider.id) !== undefined;
  const none = <span class="meta">{t("common.none")}</span>;
  return (
    <Layout ctx={ctx} title={o.title} active="offers">
      <p class="meta">
        <a href="/offers">{t("offers.title")}</a> · <a href={`/providers/${o.provider.slug}`}>{o.provider.name}</a>
      </p>
      <h1 lang={o.textLang} dir={dirOf(o.textLang)}>
        {o.title}
      </h1>
      <p>
        <OfferStatusBadge ctx={ctx} status={o.status} /> <span class="badge">{vocabularyLabel(t, "cooperationType", o.cooperationType)}</span>{" "}
        {o.visibility !== "public" && <span class="badge badge-warn">{t(`visibility.${o.visibility}` as MessageKey)}</span>}
      </p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {o.statusReason && <p>{t("offer.statusReason", { reason: o.statusReason })}</p>}
      {o.requestId && (
        <p>
          {t("offer.answers")} <a href={`/requests/${o.requestId}`}>{o.requestReference ?? t("offer.requestLink")}</a>
          {" · "}
          <a href={`/matching/requests/${o.requestId}`}>{t("match.forRequestLink")}</a>
        </p>
      )}
      {o.description && (
        <p class="evidence" lang={o.textLang} dir={dirOf(o.textLang)}>
          {o.description}
        </p>
      )}
      <h2>{t("offer.details")}</h2>
      <dl class="facts">
        <Fact label={t("offer.provider")}>
          <a href={`/providers/${o.provider.slug}`}>{o.provider.name}</a>
        </Fact>
        <Fact label={t("offer.state")}>{o.stateIso3 ? <a href={`/countries/${o.stateIso3}`}>{labels.country(o.stateIso3)}</a> : t("offer.anyState")}</Fact>
        <Fact label={t("offer.themes")}>{o.themes.length ? o.themes.map(labels.theme).join(" · ") : none}</Fact>
        <Fact label={t("offer.sdgTargets")}>{o.sdgTargets.length ? o.sdgTargets.map(labels.sdgTarget).join(", ") : none}</Fact>
        {o.persons.length > 0 && <Fact label={t("offer.persons")}>{o.persons.map(labels.persons).join(", ")}</Fact>}
        <Fact label={t("vocab.modality.label" as MessageKey)}>
          <VocabularyLabels ctx={ctx} list="modality" codes={o.modalities} />
        </Fact>
        <Fact label={t("vocab.continuityNeed.label" as MessageKey)}>
          <VocabularyLabels ctx={ctx} list="continuityNeed" codes={o.continuityNeeds} />
        </Fact>
        <Fact label={t("vocab.isced.label" as MessageKey)}>
          <VocabularyLabels ctx={ctx} list="isced" codes={o.iscedLevels} />
        </Fact>
        <Fact label={t("offer.languages")}>{o.languages.length ? o.languages.map(labels.language).join(", ") : none}</Fact>
        <Fact label={t("offer.regions")}>{o.regions.length ? o.regions.map(labels.region).join(", ") : none}</Fact>
        <Fact label={t("offer.availability")}>{period ?? t("offer.anyTime")}</Fact>
        {o.capacity && <Fact label={t("offer.capacity")}>{o.capacity}</Fact>}
        {o.budgetAmount && o.budgetCurrency && <Fact label={t("offer.budget")}>{formatMoney(lang, o.budgetAmount, o.budgetCurrency)}</Fact>}
        {o.fundSource && <Fact label={t("offer.fundSource")}>{o.fundSource}</Fact>}
        {o.technologyTransferTerms && <Fact label={t("offer.technologyTransfer")}>{o.technologyTransferTerms}</Fact>}
        {o.publishedAt && <Fact label={t("offer.publishedOn")}>{formatDate(lang, o.publishedAt)}</Fact>}
      </dl>
      {(steps.length > 0 || isProvider) && (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">{t("offer.actions")}</h2>
          <FormErrors ctx={ctx} problems={problems} message={message} />
          {isProvider && (
            <p>
              {o.status === "draft" && (
                <>
                  <a class="button button-secondary" href={`/offers/${o.id}/edit`}>
                    {t("offer.edit")}
                  </a>{" "}
                </>
              )}
              <a href={`/matching/offers/${o.id}`}>{t("match.forOfferLink")}</a>
            </p>
          )}
          {steps.map((s) => (
            <StepForm key={s.to} ctx={ctx} offer={o} step={s} error={fieldError(problems, "reason")} />
          ))}
        </section>
      )}
    </Layout>
  );
}

function StepForm({ ctx, offer, step, error }: { ctx: PageContext; offer: Offer; step: OfferStep; error: string | undefined }) {
  const { t } = ctx;
  const id = `reason-${step.to}`;
  return (
    <form method="post" action={`/offers/${offer.id}/transitions`} class="stacked offer-step">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="to" value={step.to} />
      <input type="hidden" name="version" value={String(offer.version)} />
      {step.reasonRequired && (
        <div class={`field${error ? " field-error" : ""}`}>
          <label for={id}>{t(`offer.reason.${step.to}` as MessageKey)}</label>
          <textarea id={id} name="reason" rows={3} required aria-invalid={error ? "true" : undefined} />
        </div>
      )}
      <div>
        <button type="submit" class={step.to === "declined" || step.to === "withdrawn" ? "button button-secondary" : "button"}>
          {t(`offer.action.${step.to}` as MessageKey)}
        </button>
      </div>
    </form>
  );
}

export function registerOfferDetailPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  async function show(request: FastifyRequest, reply: FastifyReply, id: string, extra: { problems?: FieldProblem[]; message?: string; status?: number } = {}) {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const [offer, labels] = await Promise.all([getOffer(db, request.viewer, id), offerLabels(db, ctx)]);
    const changed = field(request.query, "changed");
    const notice = field(request.query, "saved") === "1" ? ctx.t("offer.saved") : changed ? ctx.t("offer.changed") : undefined;
    const steps = offerStepsFor(request.viewer, offer);
    const page = <OfferPage ctx={ctx} offer={offer} labels={labels} steps={steps} problems={extra.problems ?? []} message={extra.message} notice={notice} />;
    return sendPage(reply, page, extra.status ?? 200);
  }

  app.get("/offers/:id", async (request, reply) => show(request, reply, (request.params as { id: string }).id));

  app.post("/offers/:id/transitions", { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = request.body;
    const version = Number(field(body, "version"));
    try {
      await transitionOffer(db, request.viewer, id, {
        to: (field(body, "to") ?? "") as never,
        reason: field(body, "reason") ?? null,
        ...(Number.isInteger(version) && version > 0 ? { version } : {}),
      });
      return reply.redirect(`/offers/${id}?changed=1`, 303);
    } catch (e) {
      if (isAppError(e) && e.code !== "not_found") return show(request, reply, id, { problems: e.problems, message: e.message, status: HTTP_STATUS[e.code] });
      throw e;
    }
  });
}
