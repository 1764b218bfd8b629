import { stateMembershipsFor } from "../access/acting-for.js";
import type { Role } from "../access/roles.js";
import { canSee, type Membership, type Viewer, type ViewerScope, type Visibility } from "../access/viewer.js";

// Who may record national monitoring mechanisms and indicator series (res. 45/32 PP10; R25, R27), in plain code.
// Reading follows the standard visibility rule (canSee; in SQL, store/visibility-scope.ts visibleTo), which a
// table-driven test checks role by role against the store's queries.
//
// Writing: the State's focal point and NMIRF for their own State — it is the State's own monitoring —, and UN staff
// supporting education monitoring (OHCHR, UN agencies such as UNESCO and UNICEF) for any State. A State user may edit
// every record about its State that it can see; UN staff edit the records their own organization recorded, so the
// State's own account is never rewritten by a partner (R32: the State owns its data).

/** UN roles that may record monitoring for any State (the fund secretariat manages grants, not monitoring). */
export const MONITORING_UN_ROLES: readonly Role[] = ["ohchr_officer", "un_agency_officer"];

export type MonitoringWriter = Membership & { as: "state" | "un" };

/** The memberships through which the viewer may record monitoring about `stateIso3`: State ones first. */
export function monitoringWritersFor(viewer: Viewer, stateIso3: string): MonitoringWriter[] {
  const state = stateMembershipsFor(viewer, stateIso3).map((m) => ({ ...m, as: "state" as const }));
  const un = viewer.memberships.filter((m) => MONITORING_UN_ROLES.includes(m.role)).map((m) => ({ ...m, as: "un" as const }));
  return [...state, ...un];
}

export function canRecordMonitoring(viewer: Viewer, stateIso3: string): boolean {
  return monitoringWritersFor(viewer, stateIso3).length > 0;
}

export type MonitoringRecordFacts = { stateIso3: string; organizationId: string; visibility: Visibility };

/** The standard rule: public to all; the State and UN as shared; the originator always (DESIGN.md "Access"). */
export function canSeeMonitoringRecord(scope: ViewerScope, r: MonitoringRecordFacts): boolean {
  return canSee(scope, { visibility: r.visibility, stateIso3: r.stateIso3, originatorOrganizationId: r.organizationId });
}

/** The membership through which the viewer may change this record, if any (it must also be able to see it). */
export function editingMembershipFor(viewer: Viewer, scope: ViewerScope, r: MonitoringRecordFacts): MonitoringWriter | undefined {
  if (!canSeeMonitoringRecord(scope, r)) return undefined;
  return monitoringWritersFor(viewer, r.stateIso3).find((m) => m.as === "state" || m.organizationId === r.organizationId);
}
