import type { Selectable } from "kysely";
import type { Organization } from "../domain/accounts/account-schemas.js";
import type { OrganizationType } from "../domain/access/roles.js";
import type { ViewerScope } from "../domain/access/viewer.js";
import type { Db } from "./db.js";
import type { OrganizationsTable } from "./schema.js";
import { visibleTo } from "./visibility-scope.js";

const VISIBILITY_COLUMNS = { visibility: "organizations.visibility", stateIso3: "organizations.country_iso3", originator: "organizations.id" };

export async function insertOrganization(db: Db, org: Omit<Organization, "id">): Promise<Organization> {
  const row = await db
    .insertInto("organizations")
    .values({
      slug: org.slug,
      name: org.name,
      acronym: org.acronym,
      org_type: org.type,
      country_iso3: org.countryIso3,
      iati_ref: org.iatiRef,
      website: org.website,
      visibility: org.visibility,
      is_demo: org.isDemo,
      parent_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrganization(row);
}

export async function findOrganizationBySlug(db: Db, slug: string): Promise<Organization | undefined> {
  const row = await db.selectFrom("organizations").selectAll().where("slug", "=", slug).executeTakeFirst();
  return row && toOrganization(row);
}

export type OrganizationFilter = { type?: OrganizationType; countryIso3?: string; limit: number; offset: number };

export async function listVisibleOrganizations(db: Db, scope: ViewerScope, filter: OrganizationFilter): Promise<{ total: number; items: Organization[] }> {
  let q = db.selectFrom("organizations").where((eb) => visibleTo(eb, scope, VISIBILITY_COLUMNS));
  if (filter.type) q = q.where("org_type", "=", filter.type);
  if (filter.countryIso3) q = q.where("country_iso3", "=", filter.countryIso3);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q.selectAll().orderBy("name").limit(filter.limit).offset(filter.offset).execute(),
  ]);
  return { total: Number(count.n), items: rows.map(toOrganization) };
}

export async function findVisibleOrganization(db: Db, scope: ViewerScope, idOrSlug: string): Promise<Organization | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const row = await db
    .selectFrom("organizations")
    .selectAll()
    .where(isUuid ? "id" : "slug", "=", idOrSlug)
    .where((eb) => visibleTo(eb, scope, VISIBILITY_COLUMNS))
    .executeTakeFirst();
  return row && toOrganization(row);
}

export async function countVisibleOrganizations(db: Db, scope: ViewerScope): Promise<number> {
  const r = await db
    .selectFrom("organizations")
    .where((eb) => visibleTo(eb, scope, VISIBILITY_COLUMNS))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function toOrganization(r: Selectable<OrganizationsTable>): Organization {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    acronym: r.acronym,
    type: r.org_type as OrganizationType,
    countryIso3: r.country_iso3,
    iatiRef: r.iati_ref,
    website: r.website,
    visibility: r.visibility,
    isDemo: r.is_demo,
  };
}

/** All organizations regardless of visibility: for start-up decisions only, never shown to anyone. */
export async function countOrganizations(db: Db, options: { demoOnly?: boolean } = {}): Promise<number> {
  let q = db.selectFrom("organizations").select((eb) => eb.fn.countAll<number>().as("n"));
  if (options.demoOnly) q = q.where("is_demo", "=", true);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
