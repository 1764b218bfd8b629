import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";

export type ProtectedColumns = { visibility: string; stateIso3: string | null; originator: string | null };

/**
 * The viewer-scope filter every list, search, aggregate and export query applies in SQL, so nothing is
 * fetched that the viewer may not see. Column names are passed in because each table names them its own way.
 * Same rule as canSee() in domain/access/viewer.ts.
 */
export function visibleTo<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, scope: ViewerScope, columns: ProtectedColumns): Expression<SqlBool> {
  const ref = (c: string) => sql.ref(c);
  const ors: Expression<SqlBool>[] = [sql<boolean>`${ref(columns.visibility)} = 'public'`];
  if (columns.originator && scope.organizationIds.length > 0) {
    ors.push(sql<boolean>`${ref(columns.originator)} = ANY(${scope.organizationIds}::uuid[])`);
  }
  if (scope.isUn) {
    ors.push(sql<boolean>`${ref(columns.visibility)} IN ('state_and_un', 'un_only')`);
  } else if (columns.stateIso3 && scope.stateIso3s.length > 0) {
    ors.push(sql<boolean>`(${ref(columns.visibility)} = 'state_and_un' AND ${ref(columns.stateIso3)} = ANY(${scope.stateIso3s}::text[]))`);
  }
  return eb.or(ors);
}
