import type { Db } from "./db.js";

export type IatiImportRow = {
  id: string;
  fileName: string;
  sha256: string;
  version: string;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  importedAt: Date;
};

/** The latest IATI import runs, newest first: counts only (the per-activity report stays with the operator). */
export async function listIatiImportRows(db: Db, limit: number): Promise<IatiImportRow[]> {
  const rows = await db
    .selectFrom("iati_imports")
    .select(["id", "file_name", "sha256", "iati_version", "created_count", "updated_count", "unchanged_count", "skipped_count", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    sha256: r.sha256,
    version: r.iati_version,
    created: r.created_count,
    updated: r.updated_count,
    unchanged: r.unchanged_count,
    skipped: r.skipped_count,
    importedAt: r.created_at,
  }));
}
