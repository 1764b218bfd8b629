import { providerMembershipsOf, stateMembershipsFor } from "../access/acting-for.js";
import type { OrganizationType } from "../access/roles.js";
import type { Membership, Viewer } from "../access/viewer.js";
import { AppError } from "../core/app-error.js";
import type { ActivityParty } from "./activity-status.js";

// Who may do what to an activity. Reading is decided by the visibility rules (cooperation-access.ts, in SQL);
// writing by the viewer's memberships: the reporting provider manages the record, the State concerned owns the
// consent and the publication of details (R3, DESIGN.md "Access, consent and publication").

/** Memberships through which the viewer acts for a provider organization (R6: UN entities, States, regional bodies). */
export function providerMemberships(viewer: Viewer): Membership[] {
  return providerMembershipsOf(viewer);
}

/** Memberships through which the viewer acts for `stateIso3` (focal point, NMIRF). */
export function stateMemberships(viewer: Viewer, stateIso3: string): Membership[] {
  return stateMembershipsFor(viewer, stateIso3);
}

export const actsForProvider = (viewer: Viewer, organizationId: string) => providerMemberships(viewer).some((m) => m.organizationId === organizationId);
export const actsForState = (viewer: Viewer, stateIso3: string) => stateMemberships(viewer, stateIso3).length > 0;

export type ActivityOwner = { organizationId: string; stateIso3: string };

/** The parties the viewer can act as on this activity (a user may hold both, rarely). */
export function partiesOf(viewer: Viewer, a: ActivityOwner): ActivityParty[] {
  const parties: ActivityParty[] = [];
  if (actsForProvider(viewer, a.organizationId)) parties.push("provider");
  if (actsForState(viewer, a.stateIso3)) parties.push("state");
  return parties;
}

export function requireSignedIn(viewer: Viewer): string {
  if (!viewer.userId) throw new AppError("unauthenticated", "Sign in to change activities");
  return viewer.userId;
}

export function requireProvider(viewer: Viewer, a: ActivityOwner): void {
  if (!actsForProvider(viewer, a.organizationId)) throw new AppError("forbidden", "Only the provider that reports this activity can change it");
}

/** The reporting provider or the State concerned (national actors, R8: both know who took part). */
export function requireProviderOrState(viewer: Viewer, a: ActivityOwner): void {
  if (partiesOf(viewer, a).length === 0) throw new AppError("forbidden", "Only the reporting provider or the State concerned can change this activity");
}

/** IATI OrganisationType for our organization types (IATI 2.03 codelist): used when a known organization takes part. */
export function iatiOrganisationTypeOf(type: OrganizationType): string {
  const map: Record<OrganizationType, string> = {
    government: "10",
    un_entity: "40",
    un_country_team: "40",
    ohchr_field_presence: "40",
    regional_organization: "40",
    nhri: "15",
    cso: "22",
    special_procedure: "40",
    treaty_body: "40",
    donor: "10",
    academic: "80",
    private_sector: "70",
  };
  return map[type];
}
