import { sql, type Transaction } from "kysely";
import type { ChainRow } from "../domain/audit/audit-chain.js";
import type { Db } from "./db.js";
import type { Database } from "./schema.js";

export type Tx = Transaction<Database>;

/** Serialises audited writes so the chain has exactly one tail, on PGlite and across server processes alike. */
export async function lockAuditChain(trx: Tx): Promise<{ lastSeq: number; lastHash: string | null }> {
  await sql`SELECT pg_advisory_xact_lock(724502)`.execute(trx);
  const last = await trx.selectFrom("audit_events").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  return { lastSeq: last?.seq ?? 0, lastHash: last?.hash ?? null };
}

export async function insertAuditRow(trx: Tx, row: ChainRow): Promise<void> {
  await trx
    .insertInto("audit_events")
    .values({
      seq: row.seq,
      occurred_at: row.occurredAt,
      actor_user_id: row.actorUserId,
      actor_label: row.actorLabel,
      action: row.action,
      entity_type: row.entityType,
      entity_id: row.entityId,
      details: JSON.stringify(row.details),
      prev_hash: row.prevHash,
      hash: row.hash,
    })
    .execute();
}

/** Reads the log in pages ordered by sequence, so verifying a long log never holds it all in memory. */
export async function* readAuditRows(db: Db, pageSize = 5000): AsyncGenerator<ChainRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom("audit_events").selectAll().where("seq", ">", after).orderBy("seq").limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      seq: r.seq,
      occurredAt: r.occurred_at,
      actorUserId: r.actor_user_id,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      details: r.details,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    after = (rows[rows.length - 1] as { seq: number }).seq;
  }
}

export async function countAuditRows(db: Db): Promise<number> {
  const r = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
