import type { Db } from "../../store/db.js";
import { findProviderRow, listProviderRows, type ProfileRow, type ProviderRow, saveProfileRow } from "../../store/provider-profile-store.js";
import { PROVIDER_ORGANIZATION_TYPES } from "../access/roles.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { findOrganization } from "../accounts/organization-queries.js";
import { runAudited } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { checkReferenceCodes } from "./offer-references.js";
import { type ProviderProfile, type ProviderProfileInput, ProviderProfileInputSchema, type ProviderSummary } from "./offer-schemas.js";
import { actorOf, staleVersion, todayIso } from "./offer-service.js";
import { providerMembershipFor, providerMemberships } from "./provider-access.js";

// Provider capability profiles (R29, R6): what a provider can do — themes, SDG targets, modalities, cooperation types,
// languages, regions, education-continuity support (R24). Public like the provider itself; written by its staff.

export type Provider = {
  organization: { id: string; slug: string; name: string; acronym: string | null; type: string; countryIso3: string | null };
  profile: ProviderProfile;
  publishedOffers: number;
};

/** A provider organization the viewer may see, with its profile (an empty one at version 0 when none is written). */
export async function getProvider(db: Db, viewer: Viewer, idOrSlug: string): Promise<Provider> {
  const row = await findProviderRow(db, scopeOf(viewer), idOrSlug);
  if (!row || !PROVIDER_ORGANIZATION_TYPES.includes(row.type as never)) throw notFound("Provider", idOrSlug);
  return {
    organization: { id: row.id, slug: row.slug, name: row.name, acronym: row.acronym, type: row.type, countryIso3: row.countryIso3 },
    profile: toProfile(row.id, row.profile),
    publishedOffers: row.publishedOffers,
  };
}

export async function listProviders(db: Db, viewer: Viewer, page: { limit: number; offset: number }): Promise<{ total: number; items: ProviderSummary[] }> {
  const result = await listProviderRows(db, scopeOf(viewer), page);
  return { total: result.total, items: result.items.map(toSummary) };
}

/** Saves a provider's profile. The caller sends the version it edited (0 for a first profile); a stale one is refused. */
export async function saveProviderProfile(
  db: Db,
  viewer: Viewer,
  organizationId: string,
  input: ProviderProfileInput,
  today = todayIso(),
): Promise<ProviderProfile> {
  const actor = actorOf(viewer);
  const provider = await getProvider(db, viewer, organizationId);
  if (!providerMembershipFor(viewer, provider.organization.id))
    throw new AppError("forbidden", "Only the provider's own staff can edit its capability profile");
  const p = parseInput(ProviderProfileInputSchema, input);
  const problems = await checkReferenceCodes(db, p, today);
  if (problems.length) throw new AppError("invalid_input", "The input is not valid", problems);
  const orgId = provider.organization.id;
  const content = {
    summary: p.summary,
    themes: p.themes,
    sdgTargets: p.sdgTargets,
    modalities: p.modalities,
    cooperationTypes: p.cooperationTypes,
    languages: p.languages,
    regions: p.regions,
    continuityNeeds: p.continuityNeeds,
  };
  await runAudited(db, actor, async (w) => {
    const saved = await saveProfileRow(w.trx, orgId, p.version, content);
    if (saved === undefined) throw staleVersion("capability profile", p.version, provider.profile.version);
    await w.audit({ action: "provider_profile.save", entityType: "organization", entityId: orgId, details: { version: saved } });
  });
  return (await getProvider(db, viewer, orgId)).profile;
}

function toProfile(organizationId: string, p: ProfileRow | null): ProviderProfile {
  return {
    organizationId,
    summary: p?.summary ?? "",
    themes: p?.themes ?? [],
    sdgTargets: p?.sdgTargets ?? [],
    modalities: p?.modalities ?? [],
    cooperationTypes: p?.cooperationTypes ?? [],
    languages: p?.languages ?? [],
    regions: p?.regions ?? [],
    continuityNeeds: p?.continuityNeeds ?? [],
    version: p?.version ?? 0,
    updatedAt: p?.updatedAt ?? null,
  };
}

function toSummary(r: ProviderRow): ProviderSummary {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    acronym: r.acronym,
    type: r.type,
    countryIso3: r.countryIso3,
    summary: r.profile?.summary ?? "",
    themes: r.profile?.themes ?? [],
    cooperationTypes: r.profile?.cooperationTypes ?? [],
    publishedOffers: r.publishedOffers,
  };
}

/** The providers the viewer acts for, with their names (for the "offer on behalf of" choice). */
export async function listActingProviders(db: Db, viewer: Viewer): Promise<{ organizationId: string; name: string; organizationType: string }[]> {
  const out: { organizationId: string; name: string; organizationType: string }[] = [];
  for (const m of providerMemberships(viewer)) {
    const org = await findOrganization(db, viewer, m.organizationId);
    if (org) out.push({ organizationId: org.id, name: org.acronym ? `${org.name} (${org.acronym})` : org.name, organizationType: org.type });
  }
  return out;
}
