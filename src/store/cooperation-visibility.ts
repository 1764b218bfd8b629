import { type Expression, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";

// The SQL side of domain/access/cooperation-access.ts: each function returns a boolean expression over a table
// alias, to put in the WHERE clause of every list, search, aggregate and export of that record type.

type Alias = string;
const col = (alias: Alias, column: string) => sql.ref(`${alias}.${column}`);
const anyOrg = (scope: ViewerScope) => sql`${scope.organizationIds}::uuid[]`;
const anyState = (scope: ViewerScope) => sql`${scope.stateIso3s}::text[]`;

/** Same rule as visibleTo() in visibility-scope.ts, over `alias` with its own column names. */
function standardRule(scope: ViewerScope, alias: Alias, stateColumn: string, originatorColumn: string): Expression<SqlBool> {
  const ors = [sql<boolean>`${col(alias, "visibility")} = 'public'`];
  if (scope.organizationIds.length) ors.push(sql<boolean>`${col(alias, originatorColumn)} = ANY(${anyOrg(scope)})`);
  if (scope.isUn) ors.push(sql<boolean>`${col(alias, "visibility")} IN ('state_and_un', 'un_only')`);
  else if (scope.stateIso3s.length)
    ors.push(sql<boolean>`(${col(alias, "visibility")} = 'state_and_un' AND ${col(alias, stateColumn)} = ANY(${anyState(scope)}))`);
  return sql<boolean>`(${sql.join(ors, sql` OR `)})`;
}

const actsFor = (scope: ViewerScope, alias: Alias) =>
  scope.stateIso3s.length ? sql<boolean>`${col(alias, "state_iso3")} = ANY(${anyState(scope)})` : sql<boolean>`false`;
const belongsTo = (scope: ViewerScope, alias: Alias, column = "organization_id") =>
  scope.organizationIds.length ? sql<boolean>`${col(alias, column)} = ANY(${anyOrg(scope)})` : sql<boolean>`false`;

/** assistance_requests AS alias — canSeeRequest(). */
export function requestVisibleTo(scope: ViewerScope, alias: Alias = "r"): Expression<SqlBool> {
  const addressed = scope.organizationIds.length
    ? sql<boolean>`EXISTS (SELECT 1 FROM assistance_request_providers arp WHERE arp.request_id = ${col(alias, "id")} AND arp.organization_id = ANY(${anyOrg(scope)}))`
    : sql<boolean>`false`;
  return sql<boolean>`(${actsFor(scope, alias)} OR ${belongsTo(scope, alias)} OR (${col(alias, "status")} <> 'draft' AND (${addressed} OR ${standardRule(scope, alias, "state_iso3", "organization_id")})))`;
}

/** offers AS alias — canSeeOffer(). */
export function offerVisibleTo(scope: ViewerScope, alias: Alias = "o"): Expression<SqlBool> {
  return sql<boolean>`(${belongsTo(scope, alias)} OR (${col(alias, "status")} <> 'draft' AND (${actsFor(scope, alias)} OR ${standardRule(scope, alias, "state_iso3", "organization_id")})))`;
}

/** activities AS alias — isInActivityCircle(). */
export function activityCircleIncludes(scope: ViewerScope, alias: Alias = "a"): Expression<SqlBool> {
  if (scope.isUn) return sql<boolean>`true`;
  const participant = scope.organizationIds.length
    ? sql<boolean>`EXISTS (SELECT 1 FROM activity_participants ap WHERE ap.activity_id = ${col(alias, "id")} AND ap.organization_id = ANY(${anyOrg(scope)}))`
    : sql<boolean>`false`;
  return sql<boolean>`(${actsFor(scope, alias)} OR ${belongsTo(scope, alias)} OR ${participant})`;
}

/** activities AS alias — canSeeActivityDetails(). Aggregates count every activity; lists and details use this. */
export function activityDetailsVisibleTo(scope: ViewerScope, alias: Alias = "a"): Expression<SqlBool> {
  return sql<boolean>`(${activityCircleIncludes(scope, alias)} OR (NOT ${col(alias, "details_withheld")} AND ${standardRule(scope, alias, "state_iso3", "organization_id")}))`;
}

/** state_profile_entries / state_contacts AS alias — canSeeProfileEntry(). */
export function profileEntryVisibleTo(scope: ViewerScope, alias: Alias = "e"): Expression<SqlBool> {
  return sql<boolean>`(${actsFor(scope, alias)} OR ${standardRule(scope, alias, "state_iso3", "organization_id")})`;
}
