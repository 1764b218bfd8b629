import type { Db } from "./db.js";
import type { ClosureScale, ClosureSource, ComparableStatus } from "./schema-education.js";

// School-closure releases and the words of their scales (migration 0008), as every reader sees them: the importer
// (is this file already in?), the global view and the country pages. Closure data is public open data (UNESCO,
// OxCGRT, national templates): no visibility filter applies.

export type ClosureReleaseRow = {
  id: number;
  source: ClosureSource;
  scale: ClosureScale;
  publisher: string;
  label: string;
  fileName: string;
  sha256: string;
  licence: string;
  coverageFrom: string;
  coverageTo: string;
  rowsRead: number;
  rowsStored: number;
  rowsSkipped: number;
  /** The warnings kept with the release (grouped). */
  report: { line: number | null; field: string | null; message: string }[];
  importedAt: Date;
};

export type ClosureStatusRow = { scale: ClosureScale; code: number; word: string; comparable: ComparableStatus | null };

const releases = (db: Db) => db.selectFrom("closure_releases").selectAll();

function toRelease(r: Awaited<ReturnType<ReturnType<typeof releases>["executeTakeFirstOrThrow"]>>): ClosureReleaseRow {
  return {
    id: r.id,
    source: r.source,
    scale: r.scale,
    publisher: r.publisher,
    label: r.label,
    fileName: r.file_name,
    sha256: r.sha256,
    licence: r.licence,
    coverageFrom: r.coverage_from,
    coverageTo: r.coverage_to,
    rowsRead: r.rows_read,
    rowsStored: r.rows_stored,
    rowsSkipped: r.rows_skipped,
    // jsonb comes back parsed on both engines.
    report: Array.isArray(r.report) ? r.report : [],
    importedAt: r.imported_at,
  };
}

/** Every release, oldest coverage first. */
export async function listClosureReleases(db: Db): Promise<ClosureReleaseRow[]> {
  return (await releases(db).orderBy("coverage_from").orderBy("id").execute()).map(toRelease);
}

/** The release already imported from these bytes, if any. */
export async function findClosureReleaseBySha256(db: Db, sha256: string): Promise<ClosureReleaseRow | null> {
  const r = await releases(db).where("sha256", "=", sha256).executeTakeFirst();
  return r ? toRelease(r) : null;
}

export async function listClosureStatuses(db: Db): Promise<ClosureStatusRow[]> {
  const rows = await db.selectFrom("closure_statuses").selectAll().orderBy("scale").orderBy("code").execute();
  return rows.map((r) => ({ scale: r.scale, code: r.code, word: r.word, comparable: r.comparable }));
}
