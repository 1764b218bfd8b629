import type { Db } from "../../store/db.js";
import { findVisibleRequestForMatching, listCandidateOffers, listVisibleRequestsForMatching, type RequestMatchRow } from "../../store/matching-store.js";
import { findVisibleOffer, type OfferRow } from "../../store/offer-store.js";
import { listProfilesForMatching, type ProfileRow } from "../../store/provider-profile-store.js";
import { OrganizationTypeSchema } from "../access/roles.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { AppError, notFound } from "../core/app-error.js";
import { REQUEST_STATUSES_OPEN_TO_OFFERS } from "../offers/offer-service.js";
import { OfferStatusSchema } from "../offers/offer-status.js";
import { isOwnState, providerMembershipFor } from "../offers/provider-access.js";
import { cooperationTypesSought, type OfferMatchFacts, type RequestMatchFacts, rankByScore, scoreMatch } from "./match-score.js";
import type { OfferMatches, RequestMatches, RequestRef } from "./matching-schemas.js";
import { suggestedThemeFacts } from "./text-themes.js";

// Ranks offers (and provider capability profiles) for an assistance request, and requests for an offer (R29). Every
// candidate is read through the viewer's scope in SQL; the scoring itself is match-score.ts, pure and explained.

/** At most this many open requests are ranked for one offer (newest first): enough for a board, bounded in time. */
const MAX_REQUESTS_RANKED = 1000;
const MAX_PROVIDERS_SUGGESTED = 10;

export function requestFactsOf(r: RequestMatchRow): RequestMatchFacts {
  const types = r.addressedProviderTypes.flatMap((t) => {
    const parsed = OrganizationTypeSchema.safeParse(t);
    return parsed.success ? [parsed.data] : [];
  });
  return {
    id: r.id,
    themes: r.themes,
    sdgTargets: r.sdgTargets,
    modalities: r.modalities,
    continuityNeeds: r.continuityNeeds,
    workingLanguages: r.workingLanguages,
    iscedLevels: r.iscedLevels,
    timeframeStart: r.timeframeStart,
    timeframeEnd: r.timeframeEnd,
    region: { regionCode: r.regionCode, subregionCode: r.subregionCode, intermediateRegionCode: r.intermediateRegionCode },
    addressedProviderIds: r.addressedProviderIds,
    soughtCooperationTypes: cooperationTypesSought(types),
    ...suggestedThemeFacts(r.needsStatement),
  };
}

export function offerFactsOf(o: OfferRow): OfferMatchFacts {
  return {
    id: o.id,
    organizationId: o.organizationId,
    themes: o.themes,
    sdgTargets: o.sdgTargets,
    modalities: o.modalities,
    continuityNeeds: o.continuityNeeds,
    languages: o.languages,
    iscedLevels: o.iscedLevels,
    regions: o.regions,
    cooperationTypes: [o.cooperationType],
    availableFrom: o.availableFrom,
    availableTo: o.availableTo,
    ...suggestedThemeFacts(o.description),
  };
}

/** A capability profile states no education levels and no dates: it is scored as always available. */
export function profileFactsOf(p: ProfileRow): OfferMatchFacts {
  return {
    id: p.organizationId,
    organizationId: p.organizationId,
    themes: p.themes,
    sdgTargets: p.sdgTargets,
    modalities: p.modalities,
    continuityNeeds: p.continuityNeeds,
    languages: p.languages,
    iscedLevels: [],
    regions: p.regions,
    cooperationTypes: p.cooperationTypes,
    availableFrom: null,
    availableTo: null,
  };
}

export const requestRefOf = (r: RequestMatchRow): RequestRef => ({
  id: r.id,
  reference: r.reference,
  title: r.title,
  stateIso3: r.stateIso3,
  status: r.status,
});

export async function rankOffersForRequest(db: Db, viewer: Viewer, requestId: string): Promise<RequestMatches> {
  const scope = scopeOf(viewer);
  const request = await findVisibleRequestForMatching(db, scope, requestId);
  if (!request) throw notFound("Assistance request", requestId);
  const facts = requestFactsOf(request);
  const notOwnState = (p: { organizationType: string; countryIso3: string | null }) => !isOwnState(p, request.stateIso3);
  const [offers, profiles] = await Promise.all([listCandidateOffers(db, scope, request), listProfilesForMatching(db, scope)]);
  const rankedOffers = rankByScore(
    offers.filter((o) => notOwnState({ organizationType: o.organizationType, countryIso3: o.organizationCountryIso3 })).map(offerFactsOf),
    (o) => scoreMatch(facts, o),
  );
  const byId = new Map(offers.map((o) => [o.id, o]));
  const candidates = profiles.filter((p) => notOwnState({ organizationType: p.type, countryIso3: p.countryIso3 }));
  const profileById = new Map(candidates.map((p) => [p.organizationId, p]));
  const rankedProviders = rankByScore(candidates.map(profileFactsOf), (p) => scoreMatch(facts, p))
    .filter((r) => r.match.score > 0)
    .slice(0, MAX_PROVIDERS_SUGGESTED);
  return {
    request: requestRefOf(request),
    offers: rankedOffers.map(({ item, match }) => {
      const o = byId.get(item.id) as OfferRow;
      return {
        offerId: o.id,
        title: o.title,
        provider: { id: o.organizationId, slug: o.organizationSlug, name: o.organizationName },
        cooperationType: o.cooperationType,
        status: OfferStatusSchema.parse(o.status),
        answersRequest: o.requestId === request.id,
        score: match.score,
        explanation: match.explanation,
      };
    }),
    providers: rankedProviders.map(({ item, match }) => {
      const p = profileById.get(item.id) as (typeof candidates)[number];
      return { provider: { id: p.organizationId, slug: p.slug, name: p.name }, score: match.score, explanation: match.explanation };
    }),
  };
}

/** Open requests the viewer may see, ranked for one of the viewer's own offers. */
export async function rankRequestsForOffer(db: Db, viewer: Viewer, offerId: string): Promise<OfferMatches> {
  const scope = scopeOf(viewer);
  const offer = await findVisibleOffer(db, scope, offerId);
  if (!offer) throw notFound("Offer", offerId);
  if (!providerMembershipFor(viewer, offer.organizationId))
    throw new AppError("forbidden", "Requests are ranked for an offer only for the offer's own provider");
  const ownState = offer.organizationType === "government" ? offer.organizationCountryIso3 : null;
  const requests = await listVisibleRequestsForMatching(db, scope, {
    statuses: REQUEST_STATUSES_OPEN_TO_OFFERS,
    stateIso3: offer.stateIso3,
    excludeStateIso3: ownState,
    limit: MAX_REQUESTS_RANKED,
  });
  const facts = offerFactsOf(offer);
  const rows = new Map(requests.map((r) => [r.id, r]));
  const ranked = rankByScore(requests.map(requestFactsOf), (r) => scoreMatch(r, facts));
  return {
    offer: {
      id: offer.id,
      title: offer.title,
      status: OfferStatusSchema.parse(offer.status),
      provider: { id: offer.organizationId, slug: offer.organizationSlug, name: offer.organizationName },
    },
    requests: ranked.map(({ item, match }) => ({
      request: requestRefOf(rows.get(item.id) as RequestMatchRow),
      score: match.score,
      explanation: match.explanation,
    })),
  };
}
