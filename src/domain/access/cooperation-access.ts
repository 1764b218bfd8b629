import { canSee, type ViewerScope, type Visibility } from "./viewer.js";

// Who sees what of technical cooperation (DESIGN.md "Access, consent and publication"), in plain code. The SQL
// filters in store/cooperation-visibility.ts implement the same rules for every list, search and export; a
// table-driven test checks that both agree role by role on real rows.

const actsFor = (scope: ViewerScope, stateIso3: string) => scope.stateIso3s.includes(stateIso3);
const belongsTo = (scope: ViewerScope, organizationId: string | null) => organizationId !== null && scope.organizationIds.includes(organizationId);

export type RequestFacts = { stateIso3: string; organizationId: string; status: string; visibility: Visibility; addressedProviderIds: string[] };

/**
 * A request is private to its State until submitted (drafts: the State only). Once submitted, the State and the
 * providers it is addressed to always see it; others as its visibility says (default: the State and UN providers;
 * public once the State publishes it).
 */
export function canSeeRequest(scope: ViewerScope, r: RequestFacts): boolean {
  if (actsFor(scope, r.stateIso3) || belongsTo(scope, r.organizationId)) return true;
  if (r.status === "draft") return false;
  if (r.addressedProviderIds.some((id) => scope.organizationIds.includes(id))) return true;
  return canSee(scope, { visibility: r.visibility, stateIso3: r.stateIso3, originatorOrganizationId: r.organizationId });
}

export type OfferFacts = { organizationId: string; status: string; visibility: Visibility; stateIso3: string | null };

/** Providers control their own offers (R32): a draft is the provider's alone; the State an offer is made to sees it. */
export function canSeeOffer(scope: ViewerScope, o: OfferFacts): boolean {
  if (belongsTo(scope, o.organizationId)) return true;
  if (o.status === "draft") return false;
  if (o.stateIso3 !== null && actsFor(scope, o.stateIso3)) return true;
  return canSee(scope, { visibility: o.visibility, stateIso3: o.stateIso3, originatorOrganizationId: o.organizationId });
}

export type ActivityFacts = {
  organizationId: string;
  stateIso3: string;
  visibility: Visibility;
  detailsWithheld: boolean;
  participantOrganizationIds: string[];
};

/** The State concerned, the reporting provider, participating organizations and UN providers: the activity's circle. */
export function isInActivityCircle(scope: ViewerScope, a: ActivityFacts): boolean {
  return actsFor(scope, a.stateIso3) || belongsTo(scope, a.organizationId) || a.participantOrganizationIds.some((id) => belongsTo(scope, id)) || scope.isUn;
}

/**
 * Support provided is public by default (res. 45/32 OP8). A State may withhold an activity's details: then only the
 * activity's circle sees them, and the activity still counts in aggregates (small cells suppressed, issue 5).
 */
export function canSeeActivityDetails(scope: ViewerScope, a: ActivityFacts): boolean {
  if (isInActivityCircle(scope, a)) return true;
  if (a.detailsWithheld) return false;
  return canSee(scope, { visibility: a.visibility, stateIso3: a.stateIso3, originatorOrganizationId: a.organizationId });
}

/** Consent records (who signed, the note verbale's reference) are for the activity's circle; others see the badge only. */
export function canSeeConsentDetails(scope: ViewerScope, a: ActivityFacts): boolean {
  return isInActivityCircle(scope, a);
}

export type ProfileEntryFacts = { stateIso3: string; organizationId: string; visibility: Visibility };

/** State profile entries (R2): the State sees all of its own; others as the State chose. */
export function canSeeProfileEntry(scope: ViewerScope, e: ProfileEntryFacts): boolean {
  if (actsFor(scope, e.stateIso3)) return true;
  return canSee(scope, { visibility: e.visibility, stateIso3: e.stateIso3, originatorOrganizationId: e.organizationId });
}

/** A national actor's name (R8) shows only with its consent, except to the State and the record's owner. */
export function canSeeNationalActorName(scope: ViewerScope, nameConsented: boolean, owner: { stateIso3: string; organizationId: string }): boolean {
  return nameConsented || actsFor(scope, owner.stateIso3) || belongsTo(scope, owner.organizationId);
}
