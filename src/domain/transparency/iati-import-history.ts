import type { Db } from "../../store/db.js";
import { type IatiImportRow, listIatiImportRows } from "../../store/iati-import-history-store.js";

export type IatiImportSummary = IatiImportRow;

/** Where imported activities came from (R34 provenance): the IATI files imported, with what each run did. */
export function listIatiImports(db: Db, limit = 50): Promise<IatiImportSummary[]> {
  return listIatiImportRows(db, limit);
}
