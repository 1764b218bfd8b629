import { AppError } from "../core/app-error.js";
import type { Actor } from "../audit/audit-service.js";
import { PROVIDER_ORGANIZATION_TYPES, PROVIDER_ROLES, STATE_ROLES } from "./roles.js";
import type { Membership, Viewer } from "./viewer.js";

// Through which memberships a viewer acts: for a State (its focal point or NMIRF) or for a provider (R6, R35).
// One definition for requests, offers, activities, consent and profiles.

/** Memberships through which the viewer acts for `stateIso3` (State focal point, NMIRF). */
export function stateMembershipsFor(viewer: Viewer, stateIso3: string): Membership[] {
  return viewer.memberships.filter((m) => STATE_ROLES.includes(m.role) && m.countryIso3 === stateIso3);
}

/** One membership per provider organization the viewer acts for (a UN entity, a State's cooperation body, a
 * regional organization). */
export function providerMembershipsOf(viewer: Viewer): Membership[] {
  const seen = new Set<string>();
  return viewer.memberships.filter((m) => {
    if (!PROVIDER_ROLES.includes(m.role) || !PROVIDER_ORGANIZATION_TYPES.includes(m.organizationType) || seen.has(m.organizationId)) return false;
    seen.add(m.organizationId);
    return true;
  });
}

/** The audit actor of a signed-in viewer; an anonymous one cannot write. */
export function actorFor(viewer: Viewer, unauthenticatedMessage = "Sign in to do this"): Actor & { userId: string } {
  if (!viewer.userId) throw new AppError("unauthenticated", unauthenticatedMessage);
  return { userId: viewer.userId, label: viewer.displayName ?? viewer.userId };
}
