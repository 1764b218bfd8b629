import { M49_NAME_SOURCE, M49_NAME_SOURCES } from "../../imports/country-files.js";
import { type DatasetSource, type ParsedDataset, parseDataset, REFERENCE_DATASETS, readDatasetSource } from "../../imports/reference-files.js";
import { DEFAULT_RESOURCES_DIR } from "../../imports/resources-path.js";
import type { Tx } from "../../store/audit-store.js";
import type { Db } from "../../store/db.js";
import {
  lockDataset,
  readDatasetHashes,
  type SyncCounts,
  syncCountryNames,
  syncDesignations,
  syncTaxonomy,
  upsertCountries,
  upsertDataset,
  upsertLanguages,
  upsertRegionalGroups,
  upsertUprCycles,
} from "../../store/reference-load-store.js";
import { replaceRatesOfSource } from "../../store/exchange-rate-store.js";
import {
  countReferenceRows,
  findCountryRow,
  findNamesByNormalized,
  findRegionalGroupRow,
  listAllNameEntries,
  listCountryNameRows,
  listCountryRows,
  listDatasetRows,
  listDesignationRows,
  listIso3Codes,
  listLanguageRows,
  listRegionalGroupRows,
  listTaxonomyRows,
  listTermRows,
  listUprSessionRows,
  taxonomyExists,
  type CountryRow,
  type DesignationRow,
} from "../../store/reference-store.js";
import { runAudited, SYSTEM_ACTOR } from "../audit/audit-service.js";
import { notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { normalizeName, pickExactMatch, rankNameCandidates } from "./names.js";
import {
  type CountryDetail,
  type CountryListQuery,
  CountryListQuerySchema,
  type CountryName,
  type CountryNameResolution,
  type CountrySummary,
  DesignationSchema,
  Iso3Schema,
  type Language,
  type ReferenceCounts,
  type ReferenceDatasetInfo,
  type RegionalGroup,
  RegionalGroupCodeSchema,
  type TaxonomySummary,
  type TaxonomyTerm,
  type UprSession,
} from "./reference-schemas.js";

export type ReferenceLoadReport = { datasets: { id: string; status: "loaded" | "unchanged"; counts: Record<string, number> }[] };

const todayIso = () => new Date().toISOString().slice(0, 10);

class AlreadyLoaded extends Error {}

/**
 * Loads the reference datasets from resources/ (R34). A dataset whose content hash is already recorded is
 * "unchanged" and costs only reading and hashing its files, so this runs on every start. Each changed
 * dataset loads in one audited transaction: its rows and its "reference.load" audit event commit together.
 */
export async function loadReferenceData(
  db: Db,
  options: { resourcesDir?: string; onProgress?: (step: string) => void /** For tests: the load date. */; today?: string } = {},
): Promise<ReferenceLoadReport> {
  const dir = options.resourcesDir ?? DEFAULT_RESOURCES_DIR;
  const today = options.today ?? todayIso();
  const stored = await readDatasetHashes(db);
  const report: ReferenceLoadReport = { datasets: [] };
  for (const def of REFERENCE_DATASETS) {
    const source = readDatasetSource(dir, def.id);
    if (stored.get(def.id) === source.sha256) {
      report.datasets.push({ id: def.id, status: "unchanged", counts: {} });
      continue;
    }
    options.onProgress?.(`loading reference data: ${def.title}`);
    // Aliases are checked against the countries already in the database (the m49 dataset loads first).
    const parsed = parseDataset(source, { today, ...(def.id === "country-aliases" ? { knownIso3: await listIso3Codes(db) } : {}) });
    report.datasets.push(await loadDataset(db, source, parsed, today));
  }
  return report;
}

async function loadDataset(db: Db, source: DatasetSource, parsed: ParsedDataset, today: string): Promise<ReferenceLoadReport["datasets"][number]> {
  try {
    return await runAudited(db, SYSTEM_ACTOR, async (w) => {
      // Another server process may have loaded it while this one was reading files.
      if ((await lockDataset(w.trx, source.id)) === source.sha256) throw new AlreadyLoaded();
      await upsertDataset(w.trx, {
        id: source.id,
        title: source.title,
        version: parsed.version,
        source: source.source,
        licence: source.licence,
        sha256: source.sha256,
      });
      const counts = await writeDataset(w.trx, parsed, today);
      await w.audit({
        action: "reference.load",
        entityType: "reference_dataset",
        entityId: source.id,
        details: { version: parsed.version, sha256: source.sha256, counts },
      });
      return { id: source.id, status: "loaded" as const, counts };
    });
  } catch (e) {
    if (e instanceof AlreadyLoaded) return { id: source.id, status: "unchanged", counts: {} };
    throw e;
  }
}

function syncCounts(prefix: string, c: SyncCounts): Record<string, number> {
  return { [prefix]: c.rows, [`${prefix}Added`]: c.added, [`${prefix}Closed`]: c.closed };
}

async function writeDataset(trx: Tx, parsed: ParsedDataset, today: string): Promise<Record<string, number>> {
  switch (parsed.id) {
    case "regional-groups":
      await upsertRegionalGroups(trx, parsed.groups);
      return { regionalGroups: parsed.groups.length };
    case "m49": {
      await upsertCountries(trx, parsed.countries, parsed.id);
      const designations = await syncDesignations(trx, parsed.designations, M49_NAME_SOURCE, today);
      const names = await syncCountryNames(trx, parsed.names, { sourcesIn: M49_NAME_SOURCES }, today);
      return { countries: parsed.countries.length, ...syncCounts("designations", designations), ...syncCounts("names", names) };
    }
    case "country-aliases":
      return syncCounts("names", await syncCountryNames(trx, parsed.names, { aliasesNotIn: M49_NAME_SOURCES }, today));
    case "languages":
      await upsertLanguages(trx, parsed.languages);
      return { languages: parsed.languages.length, unOfficial: parsed.languages.filter((l) => l.unOfficial).length };
    case "sdg":
    case "uhri-themes":
    case "uhri-persons":
    case "iati-codelists": {
      const counts: Record<string, number> = { taxonomies: parsed.taxonomies.length, terms: 0, termsAdded: 0, termsClosed: 0 };
      for (const taxonomy of parsed.taxonomies) {
        const c = await syncTaxonomy(trx, taxonomy, today);
        counts[taxonomy.id] = c.rows;
        counts.terms = (counts.terms ?? 0) + c.rows;
        counts.termsAdded = (counts.termsAdded ?? 0) + c.added;
        counts.termsClosed = (counts.termsClosed ?? 0) + c.closed;
      }
      return counts;
    }
    case "upr-sessions":
      await upsertUprCycles(trx, parsed.cycles, parsed.sessions);
      return { cycles: parsed.cycles.length, sessions: parsed.sessions.length };
    case "exchange-rates": {
      const r = await replaceRatesOfSource(trx, parsed.source, parsed.rates);
      return { rates: r.written, keptFromOtherSources: r.keptFromOtherSources, currencies: new Set(parsed.rates.map((x) => x.currency)).size };
    }
  }
}

// ---- reads for pages and the API: outputs mapped field by field -------------------------------------

function toSummary(row: CountryRow & { localName?: string | null }, designations: readonly DesignationRow[]): CountrySummary {
  return {
    iso3: row.iso3,
    iso2: row.iso2,
    m49: row.m49,
    name: row.nameEn,
    localName: row.localName ?? null,
    region: row.regionName,
    subregion: row.subregionName,
    intermediateRegion: row.intermediateRegionName,
    regionalGroup: RegionalGroupCodeSchema.nullable().parse(row.regionalGroup),
    designations: [...new Set(designations.filter((d) => d.iso3 === row.iso3).map((d) => DesignationSchema.parse(d.designation)))],
  };
}

export async function listCountries(db: Db, query: CountryListQuery = {}): Promise<{ items: CountrySummary[]; total: number }> {
  const q = parseInput(CountryListQuerySchema, query);
  const asOf = q.asOf ?? todayIso();
  const text = q.q === undefined ? undefined : normalizeName(q.q) || undefined;
  const { rows, total } = await listCountryRows(db, { ...q, normalizedText: text, asOf });
  const designations = await listDesignationRows(
    db,
    rows.map((r) => r.iso3),
    asOf,
  );
  return { items: rows.map((r) => toSummary(r, designations)), total };
}

export async function getCountry(db: Db, iso3: string, options: { asOf?: string } = {}): Promise<CountryDetail> {
  const code = parseInput(Iso3Schema, iso3);
  const asOf = options.asOf ?? todayIso();
  const row = await findCountryRow(db, code);
  if (!row) throw notFound("Country", code);
  const [history, current, nameRows, group] = await Promise.all([
    listDesignationRows(db, [code]),
    listDesignationRows(db, [code], asOf),
    listCountryNameRows(db, code),
    row.regionalGroup ? findRegionalGroupRow(db, row.regionalGroup) : Promise.resolve(undefined),
  ]);
  const names: Record<string, CountryName[]> = {};
  for (const n of nameRows) {
    const list = names[n.lang] ?? [];
    list.push({ name: n.name, kind: n.kind, official: n.official, source: n.source, validFrom: n.validFrom, validTo: n.validTo });
    names[n.lang] = list;
  }
  return {
    ...toSummary(row, current),
    regionCode: row.regionCode,
    subregionCode: row.subregionCode,
    intermediateRegionCode: row.intermediateRegionCode,
    regionalGroupName: group ? { en: group.nameEn, fr: group.nameFr } : null,
    regionalGroupNote: row.regionalGroupNote,
    names,
    designationHistory: history.map((d) => ({
      designation: DesignationSchema.parse(d.designation),
      validFrom: d.validFrom,
      validTo: d.validTo,
      source: d.source,
    })),
    asOf,
  };
}

/**
 * The ISO3 code for a country name as an imported file spells it ("Cote d'Ivoire", "Swaziland",
 * "Bolivarian Republic of Venezuela"): exact match on the normalized form of any known name, past names
 * included; otherwise the closest candidates, for a person to choose from.
 */
export async function resolveCountryName(db: Db, name: string): Promise<CountryNameResolution> {
  const normalized = normalizeName(name);
  if (normalized === "") return { status: "unknown", candidates: [] };
  const exact = pickExactMatch(name, await findNamesByNormalized(db, normalized));
  return exact ?? { status: "unknown", candidates: rankNameCandidates(name, await listAllNameEntries(db)) };
}

/** A resolver for bulk imports (33k recommendations name ~200 States): reads the ~1,600 names once. */
export async function createCountryNameResolver(db: Db): Promise<(name: string) => CountryNameResolution> {
  const entries = await listAllNameEntries(db);
  const byNormalized = new Map<string, typeof entries>();
  for (const e of entries) byNormalized.set(e.normalized, [...(byNormalized.get(e.normalized) ?? []), e]);
  const cache = new Map<string, CountryNameResolution>();
  return (name) => {
    let resolution = cache.get(name);
    if (!resolution) {
      const normalized = normalizeName(name);
      resolution =
        normalized === ""
          ? { status: "unknown", candidates: [] }
          : (pickExactMatch(name, byNormalized.get(normalized) ?? []) ?? { status: "unknown", candidates: rankNameCandidates(name, entries) });
      cache.set(name, resolution);
    }
    return resolution;
  };
}

/** Terms of a taxonomy in source order, valid on `asOf` (default today); `all` includes ended terms. */
export async function listTaxonomyTerms(db: Db, taxonomyId: string, options: { asOf?: string; all?: boolean } = {}): Promise<TaxonomyTerm[]> {
  const rows = await listTermRows(db, taxonomyId, options.all ? undefined : (options.asOf ?? todayIso()));
  if (rows.length === 0 && !(await taxonomyExists(db, taxonomyId))) throw notFound("Taxonomy", taxonomyId);
  return rows.map((r) => ({
    taxonomyId: r.taxonomyId,
    code: r.code,
    parentCode: r.parentCode,
    sortKey: r.sortKey,
    labels: r.labels,
    descriptions: r.descriptions,
    attributes: r.attributes,
    validFrom: r.validFrom,
    validTo: r.validTo,
  }));
}

export async function listTaxonomies(db: Db): Promise<TaxonomySummary[]> {
  return (await listTaxonomyRows(db)).map((t) => ({
    id: t.id,
    title: t.title,
    version: t.version,
    source: t.source,
    licence: t.licence,
    termCount: t.termCount,
  }));
}

/** The home page's figures: countries and areas, UN Member States today, SDG targets, UHRI themes, IATI codelists. */
export async function countReferenceData(db: Db): Promise<ReferenceCounts> {
  const c = await countReferenceRows(db, todayIso());
  return { countries: c.countries, unMemberStates: c.unMemberStates, sdgTargets: c.sdgTargets, uhriThemes: c.uhriThemes, iatiCodelists: c.iatiCodelists };
}

export async function listLanguages(db: Db): Promise<Language[]> {
  return (await listLanguageRows(db)).map((l) => ({
    code: l.code,
    nameEn: l.nameEn,
    nameFr: l.nameFr,
    nativeName: l.nativeName,
    unOfficial: l.unOfficial,
    direction: l.direction,
  }));
}

export async function listRegionalGroups(db: Db): Promise<RegionalGroup[]> {
  return (await listRegionalGroupRows(db)).map((g) => ({
    code: RegionalGroupCodeSchema.parse(g.code),
    nameEn: g.nameEn,
    nameFr: g.nameFr,
    memberCount: g.memberCount,
  }));
}

export async function listUprSessions(db: Db): Promise<UprSession[]> {
  return (await listUprSessionRows(db)).map((s) => ({ session: s.session, cycle: s.cycle, year: s.year }));
}

/** What is loaded, for pages that cite their sources and for operators. */
export async function listReferenceDatasets(db: Db): Promise<ReferenceDatasetInfo[]> {
  return (await listDatasetRows(db)).map((d) => ({
    id: d.id,
    title: d.title,
    version: d.version,
    source: d.source,
    licence: d.licence,
    sha256: d.sha256,
    loadedAt: d.loadedAt,
  }));
}
