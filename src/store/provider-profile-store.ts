import { sql } from "kysely";
import { PROVIDER_ORGANIZATION_TYPES } from "../domain/access/roles.js";
import type { ViewerScope } from "../domain/access/viewer.js";
import type { Tx } from "./audit-store.js";
import { offerVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import { visibleTo } from "./visibility-scope.js";

// Provider capability profiles (R29, R6): one per provider organization, optimistic locking on `version`.

export type ProfileContentRow = {
  summary: string;
  themes: string[];
  sdgTargets: string[];
  modalities: string[];
  cooperationTypes: string[];
  languages: string[];
  regions: string[];
  continuityNeeds: string[];
};
export type ProfileRow = ProfileContentRow & { organizationId: string; version: number; updatedAt: Date };

const ORG_COLUMNS = { visibility: "org.visibility", stateIso3: "org.country_iso3", originator: "org.id" };

const columns = (c: ProfileContentRow) => ({
  summary: c.summary,
  themes: c.themes,
  sdg_targets: c.sdgTargets,
  modalities: c.modalities,
  cooperation_types: c.cooperationTypes,
  languages: c.languages,
  regions: c.regions,
  continuity_needs: c.continuityNeeds,
});

export async function findProfileRow(db: Db | Tx, organizationId: string): Promise<ProfileRow | undefined> {
  const r = await db.selectFrom("provider_profiles").selectAll().where("organization_id", "=", organizationId).executeTakeFirst();
  return (
    r && {
      organizationId: r.organization_id,
      summary: r.summary,
      themes: r.themes,
      sdgTargets: r.sdg_targets,
      modalities: r.modalities,
      cooperationTypes: r.cooperation_types,
      languages: r.languages,
      regions: r.regions,
      continuityNeeds: r.continuity_needs,
      version: r.version,
      updatedAt: r.updated_at,
    }
  );
}

/** Writes the profile if the caller edited `version` (0: none existed); returns the new version, or undefined if stale. */
export async function saveProfileRow(trx: Tx, organizationId: string, version: number, content: ProfileContentRow): Promise<number | undefined> {
  if (version === 0) {
    const r = await trx
      .insertInto("provider_profiles")
      .values({ organization_id: organizationId, ...columns(content) })
      .onConflict((oc) => oc.column("organization_id").doNothing())
      .returning("version")
      .executeTakeFirst();
    return r?.version;
  }
  const r = await trx
    .updateTable("provider_profiles")
    .set({ ...columns(content), version: sql`version + 1`, updated_at: sql`now()` })
    .where("organization_id", "=", organizationId)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
  return r?.version;
}

export type ProviderRow = {
  id: string;
  slug: string;
  name: string;
  acronym: string | null;
  type: string;
  countryIso3: string | null;
  profile: ProfileRow | null;
  publishedOffers: number;
};

function providerQuery(db: Db, scope: ViewerScope) {
  return db
    .selectFrom("organizations as org")
    .leftJoin("provider_profiles as p", "p.organization_id", "org.id")
    .where("org.org_type", "in", [...PROVIDER_ORGANIZATION_TYPES])
    .where((eb) => visibleTo(eb, scope, ORG_COLUMNS));
}

function publishedOfferCount(scope: ViewerScope) {
  return sql<number>`(select count(*) from offers o where o.organization_id = org.id and o.status = 'published' and ${offerVisibleTo(scope, "o")})`;
}

function selectProvider(db: Db, scope: ViewerScope) {
  return providerQuery(db, scope)
    .select(["org.id", "org.slug", "org.name", "org.acronym", "org.org_type", "org.country_iso3"])
    .select([
      "p.organization_id as p_org",
      "p.summary",
      "p.themes",
      "p.sdg_targets",
      "p.modalities",
      "p.cooperation_types",
      "p.languages",
      "p.regions",
      "p.continuity_needs",
      "p.version",
      "p.updated_at",
    ])
    .select(publishedOfferCount(scope).as("published_offers"));
}

type SelectedProvider = Awaited<ReturnType<ReturnType<typeof selectProvider>["execute"]>>[number];

function toProviderRow(r: SelectedProvider): ProviderRow {
  const profile: ProfileRow | null =
    r.p_org === null
      ? null
      : {
          organizationId: r.p_org,
          summary: r.summary ?? "",
          themes: r.themes ?? [],
          sdgTargets: r.sdg_targets ?? [],
          modalities: r.modalities ?? [],
          cooperationTypes: r.cooperation_types ?? [],
          languages: r.languages ?? [],
          regions: r.regions ?? [],
          continuityNeeds: r.continuity_needs ?? [],
          version: r.version ?? 1,
          updatedAt: r.updated_at ?? new Date(0),
        };
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    acronym: r.acronym,
    type: r.org_type,
    countryIso3: r.country_iso3,
    profile,
    publishedOffers: Number(r.published_offers ?? 0),
  };
}

/** Provider organizations the viewer may see that have a capability profile or a published offer the viewer may see. */
export async function listProviderRows(db: Db, scope: ViewerScope, page: { limit: number; offset: number }): Promise<{ total: number; items: ProviderRow[] }> {
  const active = sql<boolean>`(p.organization_id is not null or ${publishedOfferCount(scope)} > 0)`;
  const [count, rows] = await Promise.all([
    providerQuery(db, scope)
      .where(active)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    selectProvider(db, scope).where(active).orderBy("org.name").orderBy("org.id").limit(page.limit).offset(page.offset).execute(),
  ]);
  return { total: Number(count.n), items: rows.map(toProviderRow) };
}

/** One provider organization by id or slug, if the viewer may see it (with or without a profile). */
export async function findProviderRow(db: Db, scope: ViewerScope, idOrSlug: string): Promise<ProviderRow | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const r = await selectProvider(db, scope)
    .where(isUuid ? "org.id" : "org.slug", "=", idOrSlug)
    .executeTakeFirst();
  return r && toProviderRow(r);
}

/** Every capability profile of a provider organization the viewer may see: candidates for matching. */
export async function listProfilesForMatching(
  db: Db,
  scope: ViewerScope,
): Promise<(ProfileRow & { name: string; slug: string; type: string; countryIso3: string | null })[]> {
  const rows = await selectProvider(db, scope).where("p.organization_id", "is not", null).orderBy("org.id").execute();
  return rows.flatMap((r) => {
    const p = toProviderRow(r);
    return p.profile ? [{ ...p.profile, name: p.name, slug: p.slug, type: p.type, countryIso3: p.countryIso3 }] : [];
  });
}
