import { type ChainCheck, checkChain, computeAuditHash, GENESIS_HASH } from "./audit-chain.js";
import type { Db } from "../../store/db.js";
import { insertAuditRow, lockAuditChain, readAuditRows, type Tx } from "../../store/audit-store.js";

export type Actor = { userId: string | null; label: string };
export const SYSTEM_ACTOR: Actor = { userId: null, label: "system" };

export type AuditEntry = { action: string; entityType: string; entityId: string; details?: Record<string, unknown> };
export type WriteContext = { trx: Tx; actor: Actor; audit(entry: AuditEntry): Promise<void> };

/**
 * Runs a write in one transaction and appends its audit events in the same transaction, so a write and
 * its trace commit or vanish together. A write that records no audit event is refused: every write is audited.
 */
export async function runAudited<T>(db: Db, actor: Actor, work: (w: WriteContext) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    let tail: { seq: number; hash: string } | undefined;
    let count = 0;
    const ctx: WriteContext = {
      trx,
      actor,
      async audit(entry) {
        if (!tail) {
          const last = await lockAuditChain(trx);
          tail = { seq: last.lastSeq, hash: last.lastHash ?? GENESIS_HASH };
        }
        const content = {
          seq: tail.seq + 1,
          occurredAt: new Date(),
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          details: entry.details ?? {},
        };
        const hash = computeAuditHash(content, tail.hash);
        await insertAuditRow(trx, { ...content, prevHash: tail.hash, hash });
        tail = { seq: content.seq, hash };
        count++;
      },
    };
    const result = await work(ctx);
    if (count === 0) throw new Error("An audited write finished without recording an audit event");
    return result;
  });
}

export async function verifyAuditLog(db: Db, onProgress?: (checked: number) => void): Promise<ChainCheck> {
  const state = { prevHash: GENESIS_HASH, expectedSeq: 1, count: 0 };
  for await (const page of readAuditRows(db)) {
    const result = checkChain(page, state);
    onProgress?.(state.count);
    if (!result.ok) return result;
  }
  return { ok: true, count: state.count };
}
