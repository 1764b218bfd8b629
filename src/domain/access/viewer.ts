import { z } from "zod";
import { type OrganizationType, type Role, STATE_ROLES, UN_ROLES } from "./roles.js";

export const VISIBILITIES = ["public", "state_and_un", "un_only", "originator_only"] as const;
export const VisibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof VisibilitySchema>;

export type Membership = { organizationId: string; organizationType: OrganizationType; countryIso3: string | null; role: Role };

/** Who is looking. Every list, search, aggregate and export filters by this in SQL (DESIGN.md "Access"). */
export type Viewer = {
  userId: string | null;
  displayName: string | null;
  memberships: Membership[];
};

export const ANONYMOUS: Viewer = { userId: null, displayName: null, memberships: [] };

/** What a viewer's memberships add up to, in the terms the visibility rules use. */
export type ViewerScope = {
  /** States the viewer acts for (focal point, NMIRF). */
  stateIso3s: string[];
  /** The viewer is UN staff providing assistance. */
  isUn: boolean;
  /** Organizations the viewer belongs to: they see what those organizations originated. */
  organizationIds: string[];
  isAdmin: boolean;
};

export function scopeOf(viewer: Viewer): ViewerScope {
  const ms = viewer.memberships;
  return {
    stateIso3s: unique(ms.filter((m) => STATE_ROLES.includes(m.role) && m.countryIso3).map((m) => m.countryIso3 as string)),
    isUn: ms.some((m) => UN_ROLES.includes(m.role)),
    organizationIds: unique(ms.map((m) => m.organizationId)),
    isAdmin: ms.some((m) => m.role === "admin"),
  };
}

export type Protected = { visibility: Visibility; stateIso3: string | null; originatorOrganizationId: string | null };

/**
 * The visibility rule in plain code. The SQL filter in store/visibility-scope.ts implements the same rule
 * for queries; a table-driven test checks that both agree role by role. The administrator role grants
 * user management, not reading: it adds nothing here (reprisal safeguards, R31).
 */
export function canSee(scope: ViewerScope, record: Protected): boolean {
  if (record.visibility === "public") return true;
  if (record.originatorOrganizationId && scope.organizationIds.includes(record.originatorOrganizationId)) return true;
  switch (record.visibility) {
    case "state_and_un":
      return scope.isUn || (record.stateIso3 !== null && scope.stateIso3s.includes(record.stateIso3));
    case "un_only":
      return scope.isUn;
    default:
      return false;
  }
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
