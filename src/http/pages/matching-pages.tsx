import type { FastifyInstance } from "fastify";
import { rankOffersForRequest, rankRequestsForOffer } from "../../domain/matching/matching-service.js";
import { findRequestToAnswer, getOffer } from "../../domain/offers/offer-service.js";
import { providerMembershipFor, stateMembershipFor } from "../../domain/offers/provider-access.js";
import { vocabularyLabel } from "../../web/components/vocabulary-fields.js";
import type { MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { MatchExplanation, OfferStatusBadge, offerLabels, ScoreBadge } from "./offer-bits.js";
import { sendPage } from "./render.js";

// Matching (R29): offers ranked for an assistance request, and requests ranked for one of the viewer's offers, each
// score explained factor by factor. The parties can pair a request with an offer from here.

/** A form that pairs a request with an offer (POST /pairings): shown to the requesting State and the offer's provider. */
function PairButton({ ctx, requestId, offerId }: { ctx: PageContext; requestId: string; offerId: string }) {
  return (
    <form method="post" action="/pairings" class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="offerId" value={offerId} />
      <button type="submit" class="button button-secondary">
        {ctx.t("match.pair")}
      </button>
    </form>
  );
}

export function registerMatchingPages(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;

  app.get("/matching/requests/:id", async (request, reply) => {
    const { id } = request.params as { id: string };
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t } = ctx;
    const [result, labels, answerable] = await Promise.all([
      rankOffersForRequest(db, request.viewer, id),
      offerLabels(db, ctx),
      findRequestToAnswer(db, request.viewer, id),
    ]);
    const r = result.request;
    const isState = stateMembershipFor(request.viewer, r.stateIso3) !== undefined;
    const title = t("match.requestTitle", { title: r.title });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title} active="offers">
        <p class="meta">
          <a href={`/requests/${r.id}`}>{r.reference ?? r.title}</a> · <a href={`/countries/${r.stateIso3}`}>{labels.country(r.stateIso3)}</a> ·{" "}
          {t(`req.status.${r.status}` as MessageKey)}
        </p>
        <h1>{title}</h1>
        <p class="lead">{t("match.requestLead")}</p>
        {answerable && (
          <p>
            <a class="button" href={`/offers/new?request=${r.id}`}>
              {t("match.makeOffer")}
            </a>
          </p>
        )}
        <h2 id="offers">{t("match.offersHeading")}</h2>
        <p role="status">{t("offers.count", { count: result.offers.length })}</p>
        <ol class="match-list">
          {result.offers.map((m) => (
            <li key={m.offerId} class="match-item">
              <h3>
                <ScoreBadge ctx={ctx} score={m.score} /> <a href={`/offers/${m.offerId}`}>{m.title}</a>
              </h3>
              <p class="meta">
                <a href={`/providers/${m.provider.slug}`}>{m.provider.name}</a> · {vocabularyLabel(t, "cooperationType", m.cooperationType)}
                {m.answersRequest && (
                  <>
                    {" "}
                    <span class="badge badge-ok">{t("match.answersRequest")}</span>
                  </>
                )}
                {m.status !== "published" && (
                  <>
                    {" "}
                    <OfferStatusBadge ctx={ctx} status={m.status} />
                  </>
                )}
              </p>
              <MatchExplanation ctx={ctx} labels={labels} explanation={m.explanation} />
              {(isState || providerMembershipFor(request.viewer, m.provider.id)) && <PairButton ctx={ctx} requestId={r.id} offerId={m.offerId} />}
            </li>
          ))}
        </ol>
        <h2 id="providers">{t("match.providersHeading")}</h2>
        <p>{t("match.providersLead")}</p>
        {result.providers.length === 0 ? (
          <p class="meta">{t("match.noProviders")}</p>
        ) : (
          <ol class="match-list">
            {result.providers.map((m) => (
              <li key={m.provider.id} class="match-item">
                <h3>
                  <ScoreBadge ctx={ctx} score={m.score} /> <a href={`/providers/${m.provider.slug}`}>{m.provider.name}</a>
                </h3>
                <MatchExplanation ctx={ctx} labels={labels} explanation={m.explanation} />
              </li>
            ))}
          </ol>
        )}
      </Layout>,
    );
  });

  app.get("/matching/offers/:id", async (request, reply) => {
    const { id } = request.params as { id: string };
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const { t } = ctx;
    const [result, offer, labels] = await Promise.all([rankRequestsForOffer(db, request.viewer, id), getOffer(db, request.viewer, id), offerLabels(db, ctx)]);
    const pairable = offer.status === "published" || offer.status === "accepted";
    const title = t("match.offerTitle", { title: offer.title });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title} active="offers">
        <p class="meta">
          <a href={`/offers/${offer.id}`}>{offer.title}</a> · <a href={`/providers/${offer.provider.slug}`}>{offer.provider.name}</a>
        </p>
        <h1>{title}</h1>
        <p class="lead">{t("match.offerLead")}</p>
        <p role="status">{t("match.requestCount", { count: result.requests.length })}</p>
        <ol class="match-list">
          {result.requests.map((m) => (
            <li key={m.request.id} class="match-item">
              <h3>
                <ScoreBadge ctx={ctx} score={m.score} /> <a href={`/requests/${m.request.id}`}>{m.request.title}</a>
              </h3>
              <p class="meta">
                {m.request.reference && <>{m.request.reference} · </>}
                {labels.country(m.request.stateIso3)} · {t(`req.status.${m.request.status}` as MessageKey)} ·{" "}
                <a href={`/matching/requests/${m.request.id}`}>{t("match.forRequestLink")}</a>
              </p>
              <MatchExplanation ctx={ctx} labels={labels} explanation={m.explanation} />
              {pairable && (offer.requestId === null || offer.requestId === m.request.id) && (
                <PairButton ctx={ctx} requestId={m.request.id} offerId={offer.id} />
              )}
            </li>
          ))}
        </ol>
      </Layout>,
    );
  });
}
