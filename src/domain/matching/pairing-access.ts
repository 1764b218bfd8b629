import type { Membership, Viewer, ViewerScope } from "../access/viewer.js";
import { providerMembershipFor, stateMembershipFor } from "../offers/provider-access.js";

// Who sees and who writes a pairing (R29). The parties — the requesting State (and the State body that made the
// request), the offer's provider — and UN staff see it; only the parties write milestones and the follow-up report.
// Pairings are not published: a public pairing would need both parties' consent, which is not recorded yet. The SQL
// side is pairingVisibleTo() in store/pairing-store.ts; a test checks both agree.

export type PairingFacts = { stateIso3: string; requestOrganizationId: string; providerId: string };

export function canSeePairing(scope: ViewerScope, p: PairingFacts): boolean {
  return (
    scope.isUn ||
    scope.stateIso3s.includes(p.stateIso3) ||
    scope.organizationIds.includes(p.providerId) ||
    scope.organizationIds.includes(p.requestOrganizationId)
  );
}

/** The membership through which the viewer is a party to the pairing: the provider's, or the State's. */
export function pairingPartyOf(viewer: Viewer, p: Pick<PairingFacts, "stateIso3" | "providerId">): (Membership & { party: "provider" | "state" }) | undefined {
  const provider = providerMembershipFor(viewer, p.providerId);
  if (provider) return { ...provider, party: "provider" };
  const state = stateMembershipFor(viewer, p.stateIso3);
  return state && { ...state, party: "state" };
}
