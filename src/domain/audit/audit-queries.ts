import type { Db } from "../../store/db.js";
import { countAuditRows } from "../../store/audit-store.js";

export function countAuditEvents(db: Db): Promise<number> {
  return countAuditRows(db);
}
