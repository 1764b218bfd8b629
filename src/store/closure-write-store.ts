import { sql } from "kysely";
import type { ClosureDailyCountColumns, CountryGroups } from "../domain/education/closure-counts.js";
import type { ClosurePeriodColumns } from "../domain/education/closure-periods.js";
import type { ClosureColumnsOut } from "../domain/education/closure-validation.js";
import type { Tx } from "./audit-store.js";
import type { ClosureReleaseRow } from "./closure-release-store.js";
import type { Db } from "./db.js";

// Writes of school-closure releases (migration 0008). Observations go in as column arrays through
// INSERT … SELECT FROM unnest(…), 20,000 rows a statement: one parameter per column whatever the row count, so
// 261,000 rows take about 1.5 s on PGlite where row-by-row inserts take minutes (docs/performance.md).

const CHUNK = 20_000;

/** Every English name (short and aliases, normalized) of every country, with its English short name. */
export async function listCountryNamesForClosures(db: Db): Promise<{ iso3: string; nameEn: string; normalized: string | null }[]> {
  const rows = await db
    .selectFrom("countries as c")
    .leftJoin("country_names as n", (j) => j.onRef("n.iso3", "=", "c.iso3").on("n.lang", "=", "en"))
    .select(["c.iso3", "c.name_en", "n.normalized"])
    .execute();
  return rows.map((r) => ({ iso3: r.iso3, nameEn: r.name_en, normalized: r.normalized }));
}

export type NewClosureRelease = Omit<ClosureReleaseRow, "id" | "importedAt"> & { importedBy: string | null };

export async function insertClosureRelease(trx: Tx, r: NewClosureRelease): Promise<number> {
  const row = await trx
    .insertInto("closure_releases")
    .values({
      source: r.source,
      scale: r.scale,
      publisher: r.publisher,
      label: r.label,
      file_name: r.fileName,
      sha256: r.sha256,
      licence: r.licence,
      coverage_from: r.coverageFrom,
      coverage_to: r.coverageTo,
      rows_read: r.rowsRead,
      rows_stored: r.rowsStored,
      rows_skipped: r.rowsSkipped,
      report: JSON.stringify(r.report),
      imported_by: r.importedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The ids of these note texts, adding the new ones (notes are shared between releases). */
export async function upsertClosureNotes(trx: Tx, texts: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(texts)];
  if (unique.length === 0) return new Map();
  await sql`INSERT INTO closure_notes (text) SELECT t FROM unnest(${unique}::text[]) AS t ON CONFLICT (text) DO NOTHING`.execute(trx);
  const rows = await trx.selectFrom("closure_notes").select(["id", "text"]).where("text", "in", unique).execute();
  return new Map(rows.map((r) => [r.text, r.id]));
}

const noteIds = (notes: readonly (string | null)[], ids: ReadonlyMap<string, number>) => notes.map((t) => (t === null ? null : (ids.get(t) ?? null)));

/** Stores the observations of a release, CHUNK rows a statement; `onChunk` gets the rows written so far. */
export async function insertClosureObservations(
  trx: Tx,
  releaseId: number,
  rows: ClosureColumnsOut,
  notes: ReadonlyMap<string, number>,
  onChunk?: (written: number) => void,
): Promise<void> {
  const total = rows.line.length;
  const given = <T>(column: readonly (T | null)[]) => column.some((v) => v !== null);
  const wide =
    rows.isced.some((l) => l !== "") || given(rows.learnersFemale) || given(rows.learnersMale) || given(rows.learnersTotal) || given(rows.modalities);
  for (let from = 0; from < total; from += CHUNK) {
    const to = Math.min(from + CHUNK, total);
    const part = <T>(column: readonly T[]) => column.slice(from, to);
    // Files without sub-national units, levels, learners or modalities (UNESCO, OxCGRT) leave those columns to
    // their defaults: five fewer arrays to pass and unpack per statement.
    const national = wide || part(rows.unit).some((u) => u !== "");
    await (national
      ? sql`
      INSERT INTO closure_observations
        (release_id, iso3, unit, isced, day, status, c1_flag, learners_female, learners_male, learners_total, remote_modalities, note_id, source_line)
      SELECT ${releaseId}::int, iso3, unit, isced, day, status, c1_flag, lf, lm, lt, string_to_array(rm, ';'), note_id, source_line
      FROM unnest(
        ${part(rows.iso3)}::text[], ${part(rows.unit)}::text[], ${part(rows.isced)}::text[], ${part(rows.day)}::date[],
        ${part(rows.status)}::int2[], ${part(rows.flag)}::int2[], ${part(rows.learnersFemale)}::int8[], ${part(rows.learnersMale)}::int8[],
        ${part(rows.learnersTotal)}::int8[], ${part(rows.modalities)}::text[], ${noteIds(part(rows.note), notes)}::int4[], ${part(rows.line)}::int4[]
      ) AS o(iso3, unit, isced, day, status, c1_flag, lf, lm, lt, rm, note_id, source_line)
    `
      : sql`
      INSERT INTO closure_observations (release_id, iso3, day, status, c1_flag, note_id, source_line)
      SELECT ${releaseId}::int, * FROM unnest(
        ${part(rows.iso3)}::text[], ${part(rows.day)}::date[], ${part(rows.status)}::int2[], ${part(rows.flag)}::int2[],
        ${noteIds(part(rows.note), notes)}::int4[], ${part(rows.line)}::int4[]
      )
    `
    ).execute(trx);
    onChunk?.(to);
  }
}

export async function insertClosurePeriods(trx: Tx, releaseId: number, p: ClosurePeriodColumns, notes: ReadonlyMap<string, number>): Promise<void> {
  const total = p.iso3.length;
  for (let from = 0; from < total; from += CHUNK) {
    const to = Math.min(from + CHUNK, total);
    const part = <T>(column: readonly T[]) => column.slice(from, to);
    await sql`
      INSERT INTO closure_periods (release_id, iso3, unit, isced, first_day, last_day, status, c1_flag, note_id)
      SELECT ${releaseId}::int, * FROM unnest(
        ${part(p.iso3)}::text[], ${part(p.unit)}::text[], ${part(p.isced)}::text[], ${part(p.firstDay)}::date[], ${part(p.lastDay)}::date[],
        ${part(p.status)}::int2[], ${part(p.flag)}::int2[], ${noteIds(part(p.note), notes)}::int4[]
      )
    `.execute(trx);
  }
}

/** Each country's M49 region, UN regional group and LDC/SIDS designation periods: the global view's groups. */
export async function listCountryGroupsForClosures(db: Db): Promise<Map<string, CountryGroups>> {
  const countries = await db.selectFrom("countries").select(["iso3", "region_code", "regional_group"]).execute();
  const designations = await db
    .selectFrom("country_designations")
    .select(["iso3", "designation", "valid_from", "valid_to"])
    .where("designation", "in", ["ldc", "sids"])
    .execute();
  const groups = new Map<string, CountryGroups & { ldc: CountryGroups["ldc"][number][]; sids: CountryGroups["sids"][number][] }>();
  for (const c of countries) groups.set(c.iso3, { regionCode: c.region_code ?? "", regionalGroup: c.regional_group ?? "", ldc: [], sids: [] });
  for (const d of designations) groups.get(d.iso3)?.[d.designation as "ldc" | "sids"].push({ from: d.valid_from, to: d.valid_to });
  return groups;
}

/** Stores the global view's counts of a release (derived in the domain from the rows just imported). */
export async function insertClosureDailyCounts(trx: Tx, releaseId: number, c: ClosureDailyCountColumns): Promise<void> {
  const total = c.day.length;
  for (let from = 0; from < total; from += CHUNK) {
    const to = Math.min(from + CHUNK, total);
    const part = <T>(column: readonly T[]) => column.slice(from, to);
    await sql`
      INSERT INTO closure_daily_counts
        (release_id, day, status, region_code, regional_group, ldc, sids, countries, learners_total, learners_countries)
      SELECT ${releaseId}::int, * FROM unnest(
        ${part(c.day)}::date[], ${part(c.status)}::int2[], ${part(c.regionCode)}::text[], ${part(c.regionalGroup)}::text[],
        ${part(c.ldc)}::bool[], ${part(c.sids)}::bool[], ${part(c.countries)}::int4[], ${part(c.learnersTotal)}::int8[],
        ${part(c.learnersCountries)}::int4[]
      )
    `.execute(trx);
  }
}
