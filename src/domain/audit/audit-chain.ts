import { createHash } from "node:crypto";

// Each audit row's hash covers its own content and the previous row's hash, so changing, removing or
// reordering any row breaks every hash after it (R35: "immutable audit log").
export const GENESIS_HASH = "0".repeat(64);

export type AuditContent = {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
};

export function computeAuditHash(content: AuditContent, prevHash: string): string {
  const canonical = canonicalJson([
    content.seq,
    content.occurredAt.toISOString(),
    content.actorUserId,
    content.actorLabel,
    content.action,
    content.entityType,
    content.entityId,
    content.details,
    prevHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

// JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not depend on it.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export type ChainRow = AuditContent & { prevHash: string; hash: string };
export type ChainCheck = { ok: true; count: number } | { ok: false; count: number; brokenSeq: number; reason: string };

/** Checks rows in sequence order; stops at the first row whose link or hash does not match. */
export function checkChain(rows: Iterable<ChainRow>, state = { prevHash: GENESIS_HASH, expectedSeq: 1, count: 0 }): ChainCheck {
  for (const row of rows) {
    if (row.seq !== state.expectedSeq) {
      return { ok: false, count: state.count, brokenSeq: row.seq, reason: `expected sequence number ${state.expectedSeq}: a row is missing or was inserted` };
    }
    if (row.prevHash !== state.prevHash) {
      return { ok: false, count: state.count, brokenSeq: row.seq, reason: "its link to the previous row does not match" };
    }
    if (computeAuditHash(row, row.prevHash) !== row.hash) {
      return { ok: false, count: state.count, brokenSeq: row.seq, reason: "its content does not match its hash (the row was altered)" };
    }
    state.prevHash = row.hash;
    state.expectedSeq++;
    state.count++;
  }
  return { ok: true, count: state.count };
}
