import { providerMembershipsOf, stateMembershipsFor } from "../access/acting-for.js";
import type { Membership, Viewer } from "../access/viewer.js";

// Who acts for a provider (R6, R29): a user holding a provider role in an organization that can provide assistance —
// a UN entity, a regional organization, or a State's government body (a State focal point or cooperation officer acts
// for that State as a bilateral, South-South or triangular provider; res. 45/32 OP3, PP15).

/** The memberships through which the viewer acts for a provider, one per organization. */
export function providerMemberships(viewer: Viewer): Membership[] {
  return providerMembershipsOf(viewer);
}

/** The membership through which the viewer acts for this provider organization, if any. */
export function providerMembershipFor(viewer: Viewer, organizationId: string): Membership | undefined {
  return providerMemberships(viewer).find((m) => m.organizationId === organizationId);
}

/** The membership through which the viewer speaks for this State (focal point, NMIRF), if any. */
export function stateMembershipFor(viewer: Viewer, stateIso3: string): Membership | undefined {
  return stateMembershipsFor(viewer, stateIso3)[0];
}

/** A State's own government body does not offer assistance to that same State. */
export function isOwnState(provider: { organizationType: string; countryIso3: string | null }, stateIso3: string): boolean {
  return provider.organizationType === "government" && provider.countryIso3 === stateIso3;
}
