import { type Selectable, sql } from "kysely";
import type { Db } from "./db.js";
import type { CountriesTable, CountryNamesTable } from "./schema.js";

// Reads of the reference data (R34) for pages, the API and imports. Writes are in reference-load-store.ts.
// Rows are mapped to camelCase here, field by field; the domain validates what it returns.

/** Valid on `date`: started on or before it (or start unknown) and not ended by it. */
function validOn(table: "country_designations" | "country_names" | "taxonomy_terms", date: string) {
  const from = sql.ref(`${table}.valid_from`);
  const to = sql.ref(`${table}.valid_to`);
  return sql<boolean>`((${from} is null or ${from} <= ${date}::date) and (${to} is null or ${to} > ${date}::date))`;
}

export type CountryRow = {
  iso3: string;
  iso2: string | null;
  m49: string;
  nameEn: string;
  regionCode: string | null;
  regionName: string | null;
  subregionCode: string | null;
  subregionName: string | null;
  intermediateRegionCode: string | null;
  intermediateRegionName: string | null;
  regionalGroup: string | null;
  regionalGroupNote: string | null;
};

export type CountryFilter = {
  /** Also return, and sort by, the current short name in this language when one is known. */
  lang?: string | undefined;
  region?: string | undefined;
  regionalGroup?: string | undefined;
  designation?: string | undefined;
  /** Already normalized with normalizeName; matched as a substring of any known name. */
  normalizedText?: string | undefined;
  asOf: string;
  limit: number;
  offset: number;
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listCountryRows(db: Db, f: CountryFilter): Promise<{ rows: (CountryRow & { localName: string | null })[]; total: number }> {
  let query = db.selectFrom("countries as c");
  if (f.region) {
    const region = f.region;
    query = query.where((eb) =>
      eb.or([
        eb("c.region_name", "=", region),
        eb("c.subregion_name", "=", region),
        eb("c.intermediate_region_name", "=", region),
        eb("c.region_code", "=", region),
        eb("c.subregion_code", "=", region),
      ]),
    );
  }
  if (f.regionalGroup) query = query.where("c.regional_group", "=", f.regionalGroup);
  if (f.designation) {
    const designation = f.designation;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("country_designations")
          .select(sql.lit(1).as("one"))
          .whereRef("country_designations.iso3", "=", "c.iso3")
          .where("country_designations.designation", "=", designation as "un_member")
          .where(validOn("country_designations", f.asOf)),
      ),
    );
  }
  if (f.normalizedText) {
    const pattern = `%${escapeLike(f.normalizedText)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("c.iso3", "=", f.normalizedText?.toUpperCase() ?? ""),
        eb.exists(
          eb
            .selectFrom("country_names")
            .select(sql.lit(1).as("one"))
            .whereRef("country_names.iso3", "=", "c.iso3")
            .where("country_names.normalized", "like", pattern),
        ),
      ]),
    );
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  // The current short name in a language (official first); NULL when none is known.
  const nameIn = (lang: string, column: "name" | "normalized") =>
    sql<string | null>`(select ${sql.ref(`country_names.${column}`)} from country_names where country_names.iso3 = c.iso3
      and country_names.lang = ${lang} and country_names.kind = 'short' and ${validOn("country_names", f.asOf)}
      order by country_names.official desc limit 1)`;
  const rows = await query
    .selectAll("c")
    .select(nameIn(f.lang ?? "en", "name").as("local_name"))
    // The databases sort text by bytes (collation C): "Åland" would follow "Zambia". Sort on the normalized name.
    .orderBy(sql`coalesce(${nameIn(f.lang ?? "en", "normalized")}, ${nameIn("en", "normalized")})`)
    .orderBy("c.iso3")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows: rows.map((r) => ({ ...toCountryRow(r), localName: r.local_name })), total: Number(total.n) };
}

function toCountryRow(r: Selectable<CountriesTable>): CountryRow {
  return {
    iso3: r.iso3,
    iso2: r.iso2,
    m49: r.m49,
    nameEn: r.name_en,
    regionCode: r.region_code,
    regionName: r.region_name,
    subregionCode: r.subregion_code,
    subregionName: r.subregion_name,
    intermediateRegionCode: r.intermediate_region_code,
    intermediateRegionName: r.intermediate_region_name,
    regionalGroup: r.regional_group,
    regionalGroupNote: r.regional_group_note,
  };
}

export async function findCountryRow(db: Db, iso3: string): Promise<CountryRow | undefined> {
  const r = await db.selectFrom("countries").selectAll().where("iso3", "=", iso3).executeTakeFirst();
  return r ? toCountryRow(r) : undefined;
}

export async function listIso3Codes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("countries").select("iso3").execute();
  return new Set(rows.map((r) => r.iso3));
}

export type DesignationRow = { iso3: string; designation: string; validFrom: string | null; validTo: string | null; source: string };

/** Designation periods of some countries; only those valid on `asOf` when it is given. */
export async function listDesignationRows(db: Db, iso3s: readonly string[], asOf?: string): Promise<DesignationRow[]> {
  if (iso3s.length === 0) return [];
  let query = db.selectFrom("country_designations").selectAll().where("iso3", "in", iso3s);
  if (asOf) query = query.where(validOn("country_designations", asOf));
  const rows = await query.orderBy("iso3").orderBy("designation").orderBy("valid_from").execute();
  return rows.map((r) => ({ iso3: r.iso3, designation: r.designation, validFrom: r.valid_from, validTo: r.valid_to, source: r.source }));
}

export type CountryNameRow = {
  iso3: string;
  lang: string;
  kind: "short" | "alias";
  name: string;
  normalized: string;
  source: string;
  official: boolean;
  validFrom: string | null;
  validTo: string | null;
};

const toNameRow = (r: Selectable<CountryNamesTable>): CountryNameRow => ({
  iso3: r.iso3,
  lang: r.lang,
  kind: r.kind,
  name: r.name,
  normalized: r.normalized,
  source: r.source,
  official: r.official,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function listCountryNameRows(db: Db, iso3: string): Promise<CountryNameRow[]> {
  const rows = await db.selectFrom("country_names").selectAll().where("iso3", "=", iso3).orderBy("lang").orderBy("kind", "desc").orderBy("name").execute();
  return rows.map(toNameRow);
}

/** Names whose normalized form is exactly this one, past names included (old files use old names). */
export async function findNamesByNormalized(db: Db, normalized: string): Promise<CountryNameRow[]> {
  const rows = await db.selectFrom("country_names").selectAll().where("normalized", "=", normalized).execute();
  return rows.map(toNameRow);
}

/** Every known name (about 1,600): the candidate list for fuzzy matching of names nobody spelled exactly. */
export async function listAllNameEntries(db: Db): Promise<{ iso3: string; name: string; normalized: string; official: boolean }[]> {
  return db.selectFrom("country_names").select(["iso3", "name", "normalized", "official"]).execute();
}

export async function findRegionalGroupRow(db: Db, code: string): Promise<{ code: string; nameEn: string; nameFr: string } | undefined> {
  const r = await db.selectFrom("regional_groups").selectAll().where("code", "=", code).executeTakeFirst();
  return r ? { code: r.code, nameEn: r.name_en, nameFr: r.name_fr } : undefined;
}

export async function listRegionalGroupRows(db: Db): Promise<{ code: string; nameEn: string; nameFr: string; memberCount: number }[]> {
  const rows = await db
    .selectFrom("regional_groups as g")
    .select(["g.code", "g.name_en", "g.name_fr"])
    .select((eb) => eb.selectFrom("countries").select(eb.fn.countAll<number>().as("n")).whereRef("countries.regional_group", "=", "g.code").as("member_count"))
    .orderBy("g.code")
    .execute();
  return rows.map((r) => ({ code: r.code, nameEn: r.name_en, nameFr: r.name_fr, memberCount: Number(r.member_count ?? 0) }));
}

export type TermRow = {
  taxonomyId: string;
  code: string;
  parentCode: string | null;
  sortKey: number;
  labels: Record<string, string>;
  descriptions: Record<string, string>;
  attributes: Record<string, unknown>;
  validFrom: string;
  validTo: string | null;
};

/** The terms of a taxonomy in source order; only those valid on `asOf` when it is given. */
export async function listTermRows(db: Db, taxonomyId: string, asOf?: string): Promise<TermRow[]> {
  let query = db.selectFrom("taxonomy_terms").selectAll().where("taxonomy_id", "=", taxonomyId);
  if (asOf) query = query.where(validOn("taxonomy_terms", asOf));
  const rows = await query.orderBy("sort_key").orderBy("code").execute();
  return rows.map((r) => ({
    taxonomyId: r.taxonomy_id,
    code: r.code,
    parentCode: r.parent_code,
    sortKey: r.sort_key,
    labels: r.labels,
    descriptions: r.descriptions,
    attributes: r.attributes,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

export async function listTaxonomyRows(db: Db): Promise<{ id: string; title: string; version: string; source: string; licence: string; termCount: number }[]> {
  const rows = await db
    .selectFrom("taxonomies as t")
    .selectAll("t")
    .select((eb) =>
      eb.selectFrom("taxonomy_terms").select(eb.fn.countAll<number>().as("n")).whereRef("taxonomy_terms.taxonomy_id", "=", "t.id").as("term_count"),
    )
    .orderBy("t.id")
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, version: r.version, source: r.source, licence: r.licence, termCount: Number(r.term_count ?? 0) }));
}

export async function countReferenceRows(db: Db, today: string) {
  const r = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("countries").select(eb.fn.countAll<number>().as("n")).as("countries"),
      eb
        .selectFrom("country_designations")
        .select(sql<number>`count(distinct iso3)`.as("n"))
        .where("designation", "=", "un_member")
        .where(validOn("country_designations", today))
        .as("un_members"),
      eb
        .selectFrom("taxonomy_terms")
        .select(eb.fn.countAll<number>().as("n"))
        .where("taxonomy_id", "=", "sdg-target")
        .where(validOn("taxonomy_terms", today))
        .as("sdg_targets"),
      // Themes are the coded level-2 terms; the group letters (A, B, D…) are their parents.
      eb
        .selectFrom("taxonomy_terms")
        .select(eb.fn.countAll<number>().as("n"))
        .where("taxonomy_id", "=", "uhri-theme")
        .where("parent_code", "is not", null)
        .where(validOn("taxonomy_terms", today))
        .as("uhri_themes"),
      eb.selectFrom("taxonomies").select(eb.fn.countAll<number>().as("n")).where("id", "like", "iati:%").as("iati_codelists"),
    ])
    .executeTakeFirstOrThrow();
  return {
    countries: Number(r.countries ?? 0),
    unMemberStates: Number(r.un_members ?? 0),
    sdgTargets: Number(r.sdg_targets ?? 0),
    uhriThemes: Number(r.uhri_themes ?? 0),
    iatiCodelists: Number(r.iati_codelists ?? 0),
  };
}

export async function listLanguageRows(db: Db) {
  const rows = await db.selectFrom("languages").selectAll().orderBy("un_official", "desc").orderBy("code").execute();
  return rows.map((r) => ({
    code: r.code,
    nameEn: r.name_en,
    nameFr: r.name_fr,
    nativeName: r.native_name,
    unOfficial: r.un_official,
    direction: r.direction,
  }));
}

export async function listUprSessionRows(db: Db) {
  const rows = await db.selectFrom("upr_sessions").selectAll().orderBy("session").execute();
  return rows.map((r) => ({ session: r.session, cycle: r.cycle, year: r.year }));
}

export async function listDatasetRows(db: Db) {
  const rows = await db.selectFrom("reference_datasets").selectAll().orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    version: r.version,
    source: r.source,
    licence: r.licence,
    sha256: r.content_sha256,
    loadedAt: r.loaded_at,
  }));
}

export async function taxonomyExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom("taxonomies").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}
