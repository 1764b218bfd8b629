import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../src/domain/core/app-error.js";
import {
  addMilestone,
  addOneYear,
  completeMilestone,
  createPairing,
  getPairing,
  listPairings,
  submitFollowUp,
} from "../src/domain/matching/pairing-service.js";
import { createOffer } from "../src/domain/offers/offer-service.js";
import { transitionOffer } from "../src/domain/offers/offer-transition-service.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { auditActions, auditCount, type Cast, insertRequest, makeCast, offerInput } from "./offer-fixtures.js";

let handle: DbHandle;
let cast: Cast;
beforeAll(async () => {
  handle = await createTestDb();
  cast = await makeCast(handle.db);
});
afterAll(async () => {
  await handle.close();
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  return "ok";
}

/** A Senegal request addressed to UNESCO and a published UNESCO offer answering it. */
async function requestAndOffer(): Promise<{ requestId: string; offerId: string }> {
  const requestId = await insertRequest(handle.db, { stateIso3: "SEN", organizationId: cast.senegal.organizationId, providers: [cast.unesco.organizationId] });
  const { id } = await createOffer(handle.db, cast.unesco.viewer, offerInput(cast.unesco.organizationId, { requestId }));
  await transitionOffer(handle.db, cast.unesco.viewer, id, { to: "published" });
  return { requestId, offerId: id };
}

describe("pairings", () => {
  it("the provider pairs a request with its offer; score and explanation are kept; follow-up is due a year later", async () => {
    const { requestId, offerId } = await requestAndOffer();
    const now = new Date("2027-02-10T09:00:00Z");
    const { id } = await createPairing(handle.db, cast.unesco.viewer, { requestId, offerId }, now);
    const pairing = await getPairing(handle.db, cast.senegal.viewer, id, now);
    expect(pairing).toMatchObject({ status: "active", followUpDue: "2028-02-10", followUpOverdue: false, request: { id: requestId }, offer: { id: offerId } });
    expect(pairing.matchScore).toBeGreaterThan(50);
    expect(pairing.matchExplanation.find((e) => e.factor === "themes")).toMatchObject({ matched: ["E5"] });
    expect(await auditActions(handle.db, id)).toEqual(["pairing.create"]);
    expect(await code(createPairing(handle.db, cast.senegal.viewer, { requestId, offerId }))).toBe("conflict");
  });

  it("milestones are added and marked done by the parties; the follow-up report completes the pairing", async () => {
    const { requestId, offerId } = await requestAndOffer();
    const { id } = await createPairing(handle.db, cast.senegal.viewer, { requestId, offerId });
    const m = await addMilestone(handle.db, cast.unesco.viewer, id, { title: "Inception mission", dueOn: "2027-04-15", note: "Dakar" });
    await addMilestone(handle.db, cast.senegal.viewer, id, { title: "Curriculum validated" });
    expect(await code(completeMilestone(handle.db, cast.senegal.viewer, id, m.id, { doneOn: "2999-01-01" }))).toBe("invalid_input");
    await completeMilestone(handle.db, cast.senegal.viewer, id, m.id, { doneOn: "2026-04-20" });
    expect(await code(completeMilestone(handle.db, cast.senegal.viewer, id, m.id, {}))).toBe("rule_violation");
    const before = await getPairing(handle.db, cast.unesco.viewer, id);
    expect(before.milestones.map((x) => [x.title, x.doneOn])).toEqual([
      ["Inception mission", "2026-04-20"],
      ["Curriculum validated", null],
    ]);
    const report = "One year on: 240 teacher trainers trained in 8 regions; distance modules in French and Wolof in use.";
    expect(await code(submitFollowUp(handle.db, cast.unesco.viewer, id, { report, version: before.version - 1 }))).toBe("conflict");
    await submitFollowUp(handle.db, cast.unesco.viewer, id, { report, version: before.version });
    const after = await getPairing(handle.db, cast.unesco.viewer, id);
    expect(after).toMatchObject({ status: "completed", followUpReport: report, followUpOverdue: false });
    expect(await code(submitFollowUp(handle.db, cast.senegal.viewer, id, { report, version: after.version }))).toBe("rule_violation");
    expect(await auditActions(handle.db, id)).toEqual([
      "pairing.create",
      "pairing.milestone_add",
      "pairing.milestone_add",
      "pairing.milestone_done",
      "pairing.follow_up",
    ]);
  });

  it("flags a pairing whose follow-up report is overdue", async () => {
    const { requestId, offerId } = await requestAndOffer();
    const { id } = await createPairing(handle.db, cast.unesco.viewer, { requestId, offerId }, new Date("2025-01-15T12:00:00Z"));
    const later = new Date("2026-01-16T12:00:00Z");
    expect((await getPairing(handle.db, cast.unesco.viewer, id, later)).followUpOverdue).toBe(true);
    const overdue = await listPairings(handle.db, cast.unesco.viewer, { overdue: true, limit: 100, offset: 0 }, later);
    expect(overdue.items.map((p) => p.id)).toContain(id);
    expect(overdue.items.every((p) => p.followUpOverdue)).toBe(true);
  });

  it("only the parties pair and write; UN staff read; others see nothing; refusals write nothing", async () => {
    const { requestId, offerId } = await requestAndOffer();
    const before = await auditCount(handle.db);
    expect(await code(createPairing(handle.db, cast.ohchr.viewer, { requestId, offerId }))).toBe("forbidden");
    expect(await code(createPairing(handle.db, cast.mali.viewer, { requestId, offerId }))).toBe("not_found");
    expect(await code(createPairing(handle.db, cast.cso.viewer, { requestId, offerId }))).toBe("not_found");
    expect(await auditCount(handle.db)).toBe(before);
    const { id } = await createPairing(handle.db, cast.unesco.viewer, { requestId, offerId });
    expect(await code(getPairing(handle.db, cast.ohchr.viewer, id))).toBe("ok");
    expect(await code(addMilestone(handle.db, cast.ohchr.viewer, id, { title: "Not mine to add" }))).toBe("forbidden");
    for (const v of [cast.mali.viewer, cast.brazil.viewer, cast.cso.viewer]) expect(await code(getPairing(handle.db, v, id))).toBe("not_found");
    expect((await listPairings(handle.db, cast.mali.viewer, { limit: 100, offset: 0 })).items.map((p) => p.id)).not.toContain(id);
  });

  it("refuses offers that do not fit the request", async () => {
    const { requestId } = await requestAndOffer();
    const other = await requestAndOffer();
    expect(await code(createPairing(handle.db, cast.unesco.viewer, { requestId, offerId: other.offerId }))).toBe("rule_violation");
    const { id: draft } = await createOffer(handle.db, cast.unesco.viewer, offerInput(cast.unesco.organizationId));
    expect(await code(createPairing(handle.db, cast.unesco.viewer, { requestId, offerId: draft }))).toBe("rule_violation");
  });

  it.each([
    ["2027-02-10", "2028-02-10"],
    ["2027-12-31", "2028-12-31"],
    ["2028-02-29", "2029-03-01"],
  ])("one year after %s is %s", (from, to) => {
    expect(addOneYear(from)).toBe(to);
  });
});
