import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AuditContent, type ChainRow, canonicalJson, checkChain, computeAuditHash, GENESIS_HASH } from "./audit-chain.js";

function buildChain(contents: Omit<AuditContent, "seq">[]): ChainRow[] {
  let prev = GENESIS_HASH;
  return contents.map((c, i) => {
    const content = { ...c, seq: i + 1 };
    const hash = computeAuditHash(content, prev);
    const row = { ...content, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

const event = (action: string, details: Record<string, unknown> = {}): Omit<AuditContent, "seq"> => ({
  occurredAt: new Date("2026-11-29T10:00:00.000Z"),
  actorUserId: null,
  actorLabel: "test",
  action,
  entityType: "thing",
  entityId: "1",
  details,
});

describe("canonicalJson", () => {
  it("does not depend on key order (jsonb does not keep it)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });

  it("survives a JSON round trip unchanged", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
      }),
    );
  });
});

describe("checkChain", () => {
  const chain = buildChain([event("a"), event("b", { n: 1 }), event("c", { nested: { x: [1, 2] } })]);

  it("accepts an intact chain", () => {
    expect(checkChain(chain)).toEqual({ ok: true, count: 3 });
  });

  it.each([
    ["altered details", (rows: ChainRow[]) => rows.map((r) => (r.seq === 2 ? { ...r, details: { n: 2 } } : r)), 2, /altered/],
    ["altered actor", (rows: ChainRow[]) => rows.map((r) => (r.seq === 3 ? { ...r, actorLabel: "someone else" } : r)), 3, /altered/],
    ["removed row", (rows: ChainRow[]) => rows.filter((r) => r.seq !== 2), 3, /missing/],
    ["reordered rows", (rows: ChainRow[]) => [rows[0], rows[2], rows[1]] as ChainRow[], 3, /missing|link/],
    [
      "rehashed row without relinking",
      (rows: ChainRow[]) => rows.map((r) => (r.seq === 2 ? { ...r, details: { n: 9 }, hash: computeAuditHash({ ...r, details: { n: 9 } }, r.prevHash) } : r)),
      3,
      /link/,
    ],
  ])("names the first broken row: %s", (_name, tamper, brokenSeq, reason) => {
    const result = checkChain(tamper(chain));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.brokenSeq).toBe(brokenSeq);
      expect(result.reason).toMatch(reason);
    }
  });
});
