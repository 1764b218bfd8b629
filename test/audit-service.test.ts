import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAudited, verifyAuditLog } from "../src/domain/audit/audit-service.js";
import { countAuditEvents } from "../src/domain/audit/audit-queries.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeOrganization, TEST_ACTOR } from "./factories.js";

let handle: DbHandle;
beforeEach(async () => {
  handle = await createTestDb();
});
afterEach(async () => {
  await handle.close();
});

describe("audited writes", () => {
  it("append one hash-chained row per event, in the write's transaction", async () => {
    const before = await countAuditEvents(handle.db);
    await makeOrganization(handle.db);
    await makeOrganization(handle.db);
    expect(await countAuditEvents(handle.db)).toBe(before + 2);
    const result = await verifyAuditLog(handle.db);
    expect(result).toEqual({ ok: true, count: before + 2 });
  });

  it("leave neither the write nor its audit row when the work fails", async () => {
    const before = await countAuditEvents(handle.db);
    await expect(
      runAudited(handle.db, TEST_ACTOR, async (w) => {
        await w.trx.insertInto("settings").values({ key: "doomed", value: "x" }).execute();
        await w.audit({ action: "test.write", entityType: "setting", entityId: "doomed" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await countAuditEvents(handle.db)).toBe(before);
    const setting = await handle.db.selectFrom("settings").select("value").where("key", "=", "doomed").executeTakeFirst();
    expect(setting).toBeUndefined();
  });

  it("refuse a write that records no audit event", async () => {
    await expect(
      runAudited(handle.db, TEST_ACTOR, async (w) => {
        await w.trx.insertInto("settings").values({ key: "unaudited", value: "x" }).execute();
      }),
    ).rejects.toThrow(/without recording an audit event/);
    const setting = await handle.db.selectFrom("settings").select("value").where("key", "=", "unaudited").executeTakeFirst();
    expect(setting).toBeUndefined();
  });

  it("keep one chain under concurrent writers", async () => {
    await Promise.all(Array.from({ length: 12 }, () => makeOrganization(handle.db)));
    const result = await verifyAuditLog(handle.db);
    expect(result.ok).toBe(true);
  });
});

describe("audit log tampering", () => {
  it("is refused by the database for UPDATE and DELETE", async () => {
    await makeOrganization(handle.db);
    await expect(sql`UPDATE audit_events SET actor_label = 'x'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(handle.db)).rejects.toThrow(/append-only/);
  });

  it("is detected by verify, naming the first altered row, when someone bypasses the trigger", async () => {
    await makeOrganization(handle.db);
    await makeOrganization(handle.db);
    const rows = await handle.db.selectFrom("audit_events").select("seq").orderBy("seq").execute();
    const target = rows[rows.length - 2]?.seq as number;
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(handle.db);
    await sql`UPDATE audit_events SET details = '{"slug":"forged"}'::jsonb WHERE seq = ${target}`.execute(handle.db);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`.execute(handle.db);
    const result = await verifyAuditLog(handle.db);
    expect(result).toMatchObject({ ok: false, brokenSeq: target });
  });
});
