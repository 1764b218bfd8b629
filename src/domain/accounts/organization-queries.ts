import type { Db } from "../../store/db.js";
import { countVisibleOrganizations, findVisibleOrganization, listVisibleOrganizations, type OrganizationFilter } from "../../store/organization-store.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import type { Organization } from "./account-schemas.js";

// Reads go through the viewer's scope: the store filters in SQL, so nothing invisible is ever fetched.
export function listOrganizations(db: Db, viewer: Viewer, filter: OrganizationFilter): Promise<{ total: number; items: Organization[] }> {
  return listVisibleOrganizations(db, scopeOf(viewer), filter);
}

export function findOrganization(db: Db, viewer: Viewer, idOrSlug: string): Promise<Organization | undefined> {
  return findVisibleOrganization(db, scopeOf(viewer), idOrSlug);
}

export function countOrganizationsVisibleTo(db: Db, viewer: Viewer): Promise<number> {
  return countVisibleOrganizations(db, scopeOf(viewer));
}
