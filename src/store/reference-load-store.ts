import { sql } from "kysely";
import type {
  CountryInput,
  CountryNameInput,
  DesignationInput,
  LanguageInput,
  RegionalGroupInput,
  TaxonomyInput,
  UprCycleInput,
  UprSessionInput,
} from "../domain/reference/reference-schemas.js";
import type { Tx } from "./audit-store.js";
import { chunks } from "./chunks.js";
import type { Db } from "./db.js";

// Writes of the reference data (R34), called inside one audited transaction per dataset. Rows are inserted
// in chunks (one INSERT per CHUNK rows), never one by one: a first load is about 3,000 rows. Nothing is
// ever deleted that other records may reference: a term or name the source no longer has gets valid_to.

const CHUNK = 500;

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (const chunk of chunks(rows, CHUNK)) await write(chunk);
}

export async function readDatasetHashes(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom("reference_datasets").select(["id", "content_sha256"]).execute();
  return new Map(rows.map((r) => [r.id, r.content_sha256]));
}

/**
 * Serialises reference loading across server processes starting together; returns the hash stored now
 * (another process may have loaded the dataset while this one waited).
 */
export async function lockDataset(trx: Tx, id: string): Promise<string | undefined> {
  await sql`SELECT pg_advisory_xact_lock(724503)`.execute(trx);
  const row = await trx.selectFrom("reference_datasets").select("content_sha256").where("id", "=", id).executeTakeFirst();
  return row?.content_sha256;
}

export async function upsertDataset(
  trx: Tx,
  d: { id: string; title: string; version: string; source: string; licence: string; sha256: string },
): Promise<void> {
  await trx
    .insertInto("reference_datasets")
    .values({ id: d.id, title: d.title, version: d.version, source: d.source, licence: d.licence, content_sha256: d.sha256 })
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet({ title: d.title, version: d.version, source: d.source, licence: d.licence, content_sha256: d.sha256, loaded_at: sql`now()` }),
    )
    .execute();
}

export async function upsertRegionalGroups(trx: Tx, groups: readonly RegionalGroupInput[]): Promise<void> {
  await inChunks(groups, (chunk) =>
    trx
      .insertInto("regional_groups")
      .values(chunk.map((g) => ({ code: g.code, name_en: g.nameEn, name_fr: g.nameFr })))
      .onConflict((oc) => oc.column("code").doUpdateSet((eb) => ({ name_en: eb.ref("excluded.name_en"), name_fr: eb.ref("excluded.name_fr") })))
      .execute(),
  );
}

export async function upsertCountries(trx: Tx, countries: readonly CountryInput[], datasetId: string): Promise<void> {
  await inChunks(countries, (chunk) =>
    trx
      .insertInto("countries")
      .values(
        chunk.map((c) => ({
          iso3: c.iso3,
          iso2: c.iso2,
          m49: c.m49,
          name_en: c.nameEn,
          region_code: c.regionCode,
          region_name: c.regionName,
          subregion_code: c.subregionCode,
          subregion_name: c.subregionName,
          intermediate_region_code: c.intermediateRegionCode,
          intermediate_region_name: c.intermediateRegionName,
          regional_group: c.regionalGroup,
          regional_group_note: c.regionalGroupNote,
          dataset_id: datasetId,
        })),
      )
      .onConflict((oc) =>
        oc.column("iso3").doUpdateSet((eb) => ({
          iso2: eb.ref("excluded.iso2"),
          m49: eb.ref("excluded.m49"),
          name_en: eb.ref("excluded.name_en"),
          region_code: eb.ref("excluded.region_code"),
          region_name: eb.ref("excluded.region_name"),
          subregion_code: eb.ref("excluded.subregion_code"),
          subregion_name: eb.ref("excluded.subregion_name"),
          intermediate_region_code: eb.ref("excluded.intermediate_region_code"),
          intermediate_region_name: eb.ref("excluded.intermediate_region_name"),
          regional_group: eb.ref("excluded.regional_group"),
          regional_group_note: eb.ref("excluded.regional_group_note"),
          dataset_id: eb.ref("excluded.dataset_id"),
        })),
      )
      .execute(),
  );
}

export type SyncCounts = { rows: number; added: number; closed: number };

/**
 * Designations asserted by one source (rows whose source starts with `sourcePrefix`). On the first load
 * the start is unknown (valid_from NULL); later, a new designation starts today and one the source no
 * longer asserts (an LDC graduation, say) ends today.
 */
export async function syncDesignations(trx: Tx, wanted: readonly DesignationInput[], sourcePrefix: string, today: string): Promise<SyncCounts> {
  const existing = await trx.selectFrom("country_designations").selectAll().where("source", "like", `${sourcePrefix}%`).execute();
  const key = (r: { iso3: string; designation: string }) => `${r.iso3} ${r.designation}`;
  const open = new Map(existing.filter((r) => r.valid_to === null).map((r) => [key(r), r]));
  const wantedKeys = new Set(wanted.map(key));
  const first = existing.length === 0;
  const toAdd = wanted.filter((d) => !open.has(key(d)));
  await inChunks(toAdd, (chunk) =>
    trx
      .insertInto("country_designations")
      .values(chunk.map((d) => ({ iso3: d.iso3, designation: d.designation, valid_from: first ? null : today, valid_to: null, source: d.source })))
      .execute(),
  );
  const toClose = [...open.values()].filter((r) => !wantedKeys.has(key(r)));
  for (const r of toClose) {
    // A period that began today and ends today never held on any day (and valid_to must follow valid_from).
    if (r.valid_from === today) {
      await trx
        .deleteFrom("country_designations")
        .where("iso3", "=", r.iso3)
        .where("designation", "=", r.designation)
        .where("valid_from", "=", today)
        .execute();
    } else {
      await trx
        .updateTable("country_designations")
        .set({ valid_to: today })
        .where("iso3", "=", r.iso3)
        .where("designation", "=", r.designation)
        .where("valid_to", "is", null)
        .execute();
    }
  }
  return { rows: wanted.length, added: toAdd.length, closed: toClose.length };
}

/** Which names a dataset owns: by their source (the m49 dataset), or every other alias (the aliases dataset). */
export type NameOwnership = { sourcesIn: readonly string[] } | { aliasesNotIn: readonly string[] };

/**
 * Names from one dataset: upserted by (iso3, lang, kind, name); a name the dataset no longer gives ends
 * today (a renamed country keeps its old name, with dates, for matching old documents). A name another
 * dataset owns is left to that dataset.
 */
export async function syncCountryNames(trx: Tx, wanted: readonly CountryNameInput[], owner: NameOwnership, today: string): Promise<SyncCounts> {
  let ownedQuery = trx.selectFrom("country_names").select(["iso3", "lang", "kind", "name", "valid_to"]);
  ownedQuery =
    "sourcesIn" in owner
      ? ownedQuery.where("source", "in", [...owner.sourcesIn])
      : ownedQuery.where("kind", "=", "alias").where("source", "not in", [...owner.aliasesNotIn]);
  const owned = await ownedQuery.execute();
  const key = (r: { iso3: string; lang: string; kind: string; name: string }) => `${r.iso3}\u0000${r.lang}\u0000${r.kind}\u0000${r.name}`;
  const openKeys = new Set(owned.filter((r) => r.valid_to === null).map(key));
  const wantedKeys = new Set(wanted.map(key));
  const first = owned.length === 0;
  await inChunks(wanted, (chunk) =>
    trx
      .insertInto("country_names")
      .values(
        chunk.map((n) => ({
          iso3: n.iso3,
          lang: n.lang,
          kind: n.kind,
          name: n.name,
          normalized: n.normalized,
          source: n.source,
          official: n.official,
          valid_from: first ? null : today,
          valid_to: null,
        })),
      )
      .onConflict((oc) => {
        const update = oc.columns(["iso3", "lang", "kind", "name"]).doUpdateSet((eb) => ({
          normalized: eb.ref("excluded.normalized"),
          source: eb.ref("excluded.source"),
          official: eb.ref("excluded.official"),
          valid_to: null,
        }));
        return "aliasesNotIn" in owner ? update.where("country_names.source", "not in", [...owner.aliasesNotIn]) : update;
      })
      .execute(),
  );
  const toClose = owned.filter((r) => r.valid_to === null && !wantedKeys.has(key(r)));
  for (const r of toClose) {
    await trx
      .updateTable("country_names")
      .set({ valid_to: today })
      .where("iso3", "=", r.iso3)
      .where("lang", "=", r.lang)
      .where("kind", "=", r.kind)
      .where("name", "=", r.name)
      .execute();
  }
  return { rows: wanted.length, added: wanted.filter((n) => !openKeys.has(key(n))).length, closed: toClose.length };
}

/** valid_from of the terms of a taxonomy's first load when the source gives no date of its own. */
export const FIRST_LOAD_VALID_FROM = "2000-01-01";

/**
 * One taxonomy version (R34): terms are upserted; a term the new version no longer has gets valid_to =
 * today and stays (records may reference it); a new term starts today, or on the source's own date.
 */
export async function syncTaxonomy(trx: Tx, t: TaxonomyInput, today: string): Promise<SyncCounts> {
  const known = await trx.selectFrom("taxonomies").select("id").where("id", "=", t.id).executeTakeFirst();
  await trx
    .insertInto("taxonomies")
    .values({ id: t.id, title: t.title, version: t.version, source: t.source, licence: t.licence })
    .onConflict((oc) => oc.column("id").doUpdateSet({ title: t.title, version: t.version, source: t.source, licence: t.licence }))
    .execute();
  const existing = await trx.selectFrom("taxonomy_terms").select(["code", "valid_to"]).where("taxonomy_id", "=", t.id).execute();
  const existingCodes = new Set(existing.map((r) => r.code));
  const defaultFrom = known ? today : FIRST_LOAD_VALID_FROM;
  await inChunks(t.terms, (chunk) =>
    trx
      .insertInto("taxonomy_terms")
      .values(
        chunk.map((term) => ({
          taxonomy_id: t.id,
          code: term.code,
          parent_code: term.parentCode,
          sort_key: term.sortKey,
          labels: JSON.stringify(term.labels),
          descriptions: JSON.stringify(term.descriptions),
          attributes: JSON.stringify(term.attributes),
          valid_from: term.validFrom ?? defaultFrom,
          valid_to: term.validTo,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["taxonomy_id", "code"]).doUpdateSet((eb) => ({
          parent_code: eb.ref("excluded.parent_code"),
          sort_key: eb.ref("excluded.sort_key"),
          labels: eb.ref("excluded.labels"),
          descriptions: eb.ref("excluded.descriptions"),
          attributes: eb.ref("excluded.attributes"),
          // Back in the source: open again. Withdrawn by the source: keep the first end date recorded.
          valid_to: sql<string | null>`CASE WHEN excluded.valid_to IS NULL THEN NULL ELSE coalesce(taxonomy_terms.valid_to, excluded.valid_to) END`,
        })),
      )
      .execute(),
  );
  const codes = t.terms.map((term) => term.code);
  let close = trx.updateTable("taxonomy_terms").set({ valid_to: today }).where("taxonomy_id", "=", t.id).where("valid_to", "is", null);
  if (codes.length > 0) close = close.where("code", "not in", codes);
  const closed = await close.executeTakeFirst();
  return {
    rows: t.terms.length,
    added: t.terms.filter((term) => !existingCodes.has(term.code)).length,
    closed: Number(closed.numUpdatedRows),
  };
}

export async function upsertLanguages(trx: Tx, languages: readonly LanguageInput[]): Promise<void> {
  await inChunks(languages, (chunk) =>
    trx
      .insertInto("languages")
      .values(
        chunk.map((l) => ({
          code: l.code,
          name_en: l.nameEn,
          name_fr: l.nameFr,
          native_name: l.nativeName,
          un_official: l.unOfficial,
          direction: l.direction,
        })),
      )
      .onConflict((oc) =>
        oc.column("code").doUpdateSet((eb) => ({
          name_en: eb.ref("excluded.name_en"),
          name_fr: eb.ref("excluded.name_fr"),
          native_name: eb.ref("excluded.native_name"),
          un_official: eb.ref("excluded.un_official"),
          direction: eb.ref("excluded.direction"),
        })),
      )
      .execute(),
  );
}

export async function upsertUprCycles(trx: Tx, cycles: readonly UprCycleInput[], sessions: readonly UprSessionInput[]): Promise<void> {
  await inChunks(cycles, (chunk) =>
    trx
      .insertInto("upr_cycles")
      .values(chunk.map((c) => ({ cycle: c.cycle, first_session: c.firstSession, last_session: c.lastSession })))
      .onConflict((oc) =>
        oc.column("cycle").doUpdateSet((eb) => ({ first_session: eb.ref("excluded.first_session"), last_session: eb.ref("excluded.last_session") })),
      )
      .execute(),
  );
  await inChunks(sessions, (chunk) =>
    trx
      .insertInto("upr_sessions")
      .values(chunk.map((s) => ({ session: s.session, cycle: s.cycle, year: s.year })))
      .onConflict((oc) => oc.column("session").doUpdateSet((eb) => ({ cycle: eb.ref("excluded.cycle"), year: eb.ref("excluded.year") })))
      .execute(),
  );
}
