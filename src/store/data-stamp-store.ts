import { sql } from "kysely";
import type { Db } from "./db.js";

/**
 * A value that changes whenever published data may have changed: every write is audited (one hash-chained row per
 * write, DESIGN.md), so the last audit sequence number moves with every change; recommendation imports bump their
 * own counter. Two index-only reads: cheap enough to ask on every public download.
 */
export async function readDataStamp(db: Db): Promise<string> {
  const { rows } = await sql<{ seq: string | null; recs: string | null }>`
    SELECT (SELECT max(seq) FROM audit_events)::text AS seq,
           (SELECT value FROM settings WHERE key = 'recommendations_version') AS recs`.execute(db);
  return `${rows[0]?.seq ?? "0"}.${rows[0]?.recs ?? "0"}`;
}
