import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, type Viewer } from "../src/domain/access/viewer.js";
import { getActivity, listActivitiesForRecommendation, listActivitiesForRequest } from "../src/domain/activities/activity-queries.js";
import { changeActivityStatus, linkActivity, startActivity, updateActivity } from "../src/domain/activities/activity-service.js";
import { recordConsent, revokeConsent } from "../src/domain/activities/consent-service.js";
import { todayIso } from "../src/domain/activities/consent-rules.js";
import type { DbHandle } from "../src/store/db.js";
import { insertTestOffer, insertTestRecommendation, insertTestRequest } from "./activity-fixtures.js";
import { createTestDb } from "./db-harness.js";
import { makeUserWithRole } from "./factories.js";

// Starting activities, the consent gate and revocation (R3, R4; res. 45/32 OP2), optimistic locking, audit.

let h: DbHandle;
let ohchr: { viewer: Viewer; organizationId: string };
let unesco: { viewer: Viewer; organizationId: string };
let senegal: { viewer: Viewer; organizationId: string };
let mali: { viewer: Viewer; organizationId: string };
let senRecs: string[];
let maliRec: string;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const consentInput = (over: Record<string, unknown> = {}) => ({
  grantedByName: "Awa Diop, Director of Human Rights (fictional)",
  channel: "note_verbale" as const,
  channelReference: "NV/2026/0142",
  scope: "Teacher-training activity with the Ministry of Education, as described in the offer.",
  counterparts: ["Ministry of Education"],
  grantedOn: daysAgo(10),
  ...over,
});

beforeAll(async () => {
  h = await createTestDb();
  ohchr = await makeUserWithRole(h.db, "ohchr_officer", { type: "un_entity", iatiRef: "XM-DAC-41313" });
  unesco = await makeUserWithRole(h.db, "un_agency_officer", { type: "un_entity" });
  senegal = await makeUserWithRole(h.db, "state_focal_point", { type: "government", countryIso3: "SEN" });
  mali = await makeUserWithRole(h.db, "state_focal_point", { type: "government", countryIso3: "MLI" });
  senRecs = [await insertTestRecommendation(h.db, "SEN"), await insertTestRecommendation(h.db, "SEN")];
  maliRec = await insertTestRecommendation(h.db, "MLI");
});
afterAll(async () => {
  await h?.close();
});

async function agreedOffer(): Promise<{ offerId: string; requestId: string }> {
  const requestId = await insertTestRequest(h.db, {
    stateIso3: "SEN",
    organizationId: senegal.organizationId,
    status: "agreed",
    providerIds: [ohchr.organizationId],
    recommendationIds: [senRecs[0] as string],
    covid: true,
  });
  const offerId = await insertTestOffer(h.db, { organizationId: ohchr.organizationId, requestId, stateIso3: "SEN", status: "accepted" });
  return { offerId, requestId };
}

async function directActivity(title = "Human rights education for teachers (test)") {
  return startActivity(h.db, ohchr.viewer, { organizationId: ohchr.organizationId, stateIso3: "SEN", title });
}

describe("starting an activity", () => {
  it("from an accepted offer: pre-filled, linked to the request and its recommendations, request converted", async () => {
    const { offerId, requestId } = await agreedOffer();
    const started = await startActivity(h.db, ohchr.viewer, { organizationId: ohchr.organizationId, offerId });
    expect(started.warnings).toEqual([]);
    expect(started.iatiIdentifier).toMatch(/^XM-DAC-41313-[0-9A-F]{12}$/);
    const a = await getActivity(h.db, ohchr.viewer, started.id);
    expect(a).toMatchObject({
      status: 1,
      stateIso3: "SEN",
      title: "Training of trainers in inclusive distance learning (fictional offer)",
      themes: ["E5", "F3"],
      sdgTargets: ["4.c", "4.5"],
      modalities: ["training", "advisory_services"],
      cooperationType: "multilateral",
      budgetAmount: "48000.00",
      defaultCurrency: "USD",
      covidContext: true,
      covidPhase: "recovery",
      offerId,
      consent: { kind: "none" },
    });
    expect(a.requests.map((r) => r.id)).toEqual([requestId]);
    expect(a.recommendations.map((r) => r.id)).toEqual([senRecs[0]]);
    expect(a.participants).toMatchObject([{ organizationId: ohchr.organizationId, role: 4, orgType: "40" }]);
    expect(a.events).toMatchObject([{ fromStatus: null, toStatus: 1 }]);
    const request = await h.db.selectFrom("assistance_requests").select("status").where("id", "=", requestId).executeTakeFirstOrThrow();
    expect(request.status).toBe("converted_to_activity");
    const audit = await h.db.selectFrom("audit_events").select("action").where("entity_id", "in", [started.id, requestId]).orderBy("seq").execute();
    expect(audit.map((e) => e.action)).toEqual(["activity.create", "request.converted_to_activity"]);
    // One activity per offer.
    await expect(startActivity(h.db, ohchr.viewer, { organizationId: ohchr.organizationId, offerId })).rejects.toMatchObject({ code: "conflict" });
    expect((await listActivitiesForRequest(h.db, ANONYMOUS, requestId)).map((x) => x.id)).toEqual([started.id]);
    expect((await listActivitiesForRecommendation(h.db, ANONYMOUS, senRecs[0] as string)).map((x) => x.id)).toEqual([started.id]);
  });

  it.each<[string, string, string]>([
    ["published", "ohchr", "rule_violation"],
    ["accepted", "unesco", "forbidden"],
  ])("refuses an offer that is %s when %s acts (%s)", async (status, who, code) => {
    const offerId = await insertTestOffer(h.db, { organizationId: ohchr.organizationId, requestId: null, stateIso3: "SEN", status });
    const actor = who === "ohchr" ? ohchr : unesco;
    await expect(startActivity(h.db, actor.viewer, { organizationId: actor.organizationId, offerId })).rejects.toMatchObject({ code });
  });

  it("directly: warns when no request is linked (R4) and never blocks", async () => {
    const started = await directActivity();
    expect(started.warnings).toEqual(["no_request"]);
    expect((await getActivity(h.db, ohchr.viewer, started.id)).warnings).toEqual(["no_request"]);
    // A provider without an IATI identifier reports without one.
    const other = await startActivity(h.db, unesco.viewer, { organizationId: unesco.organizationId, stateIso3: "SEN", title: "Data support" });
    expect(other.iatiIdentifier).toBeNull();
  });

  it("refuses another State's recommendation with a clear message, and writes nothing", async () => {
    const before = await h.db
      .selectFrom("activities")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const attempt = startActivity(h.db, ohchr.viewer, {
      organizationId: ohchr.organizationId,
      stateIso3: "SEN",
      title: "Test",
      recommendationIds: [senRecs[1] as string, maliRec],
    });
    await expect(attempt).rejects.toMatchObject({
      code: "invalid_input",
      problems: [{ field: "recommendationIds", message: expect.stringContaining(`${maliRec} is addressed to MLI, not to SEN`) }],
    });
    const after = await h.db
      .selectFrom("activities")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["no State", { title: "Xyz" }, "stateIso3"],
    ["unknown State", { title: "Xyz", stateIso3: "ZZZ" }, "stateIso3"],
    ["no title", { stateIso3: "SEN" }, "title"],
    ["planned dates out of order", { title: "Xyz", stateIso3: "SEN", plannedStart: "2026-05-01", plannedEnd: "2026-04-01" }, "plannedEnd"],
    ["unknown SDG target", { title: "Xyz", stateIso3: "SEN", sdgTargets: ["4.z"] }, "sdgTargets"],
  ])("refuses %s", async (_name, input, field) => {
    await expect(startActivity(h.db, ohchr.viewer, { organizationId: ohchr.organizationId, ...input })).rejects.toMatchObject({
      code: "invalid_input",
      problems: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it("only providers start activities, for organizations they act for", async () => {
    await expect(startActivity(h.db, senegal.viewer, { organizationId: ohchr.organizationId, stateIso3: "SEN", title: "X y z" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(startActivity(h.db, ANONYMOUS, { organizationId: ohchr.organizationId, stateIso3: "SEN", title: "X y z" })).rejects.toMatchObject({
      code: "unauthenticated",
    });
    // A State's own ministry cannot be the provider of assistance to that same State.
    await expect(startActivity(h.db, senegal.viewer, { organizationId: senegal.organizationId, stateIso3: "SEN", title: "X y z" })).rejects.toMatchObject({
      problems: [{ field: "stateIso3" }],
    });
  });

  it("links requests later, only of the same State, and converts an agreed one", async () => {
    const { id } = await directActivity();
    const agreed = await insertTestRequest(h.db, {
      stateIso3: "SEN",
      organizationId: senegal.organizationId,
      status: "agreed",
      providerIds: [ohchr.organizationId],
    });
    const maliRequest = await insertTestRequest(h.db, {
      stateIso3: "MLI",
      organizationId: mali.organizationId,
      status: "submitted",
      providerIds: [ohchr.organizationId],
    });
    await expect(linkActivity(h.db, ohchr.viewer, id, { requestIds: [maliRequest] })).rejects.toMatchObject({
      problems: [{ message: expect.stringContaining("from MLI, not from SEN") }],
    });
    expect(await linkActivity(h.db, ohchr.viewer, id, { requestIds: [agreed], recommendationIds: [senRecs[1] as string] })).toEqual({
      requestIds: [agreed],
      recommendationIds: [senRecs[1]],
    });
    const status = await h.db.selectFrom("assistance_requests").select("status").where("id", "=", agreed).executeTakeFirstOrThrow();
    expect(status.status).toBe("converted_to_activity");
    expect((await getActivity(h.db, ohchr.viewer, id)).warnings).toEqual([]);
  });
});

describe("consent gate and revocation (R3)", () => {
  it("refuses implementation without consent, naming the missing consent; starts once consent is recorded", async () => {
    const { id } = await directActivity();
    const refused = changeActivityStatus(h.db, ohchr.viewer, id, { to: 2 });
    await expect(refused).rejects.toMatchObject({
      code: "rule_violation",
      problems: [{ field: "consent", message: expect.stringContaining("the State's consent is missing") }],
    });
    const detail = await getActivity(h.db, ohchr.viewer, id);
    expect(detail.viewerCan.steps.find((s) => s.to === 2)).toMatchObject({
      allowed: false,
      consentRequired: true,
      blockedReason: expect.stringContaining("consent"),
    });
    await recordConsent(h.db, senegal.viewer, id, consentInput());
    expect(await changeActivityStatus(h.db, ohchr.viewer, id, { to: 2 })).toEqual({ from: 1, to: 2 });
    const started = await getActivity(h.db, ohchr.viewer, id);
    expect(started.actualStart).toBe(todayIso());
    expect(started.consent).toEqual({ kind: "valid", date: daysAgo(10), expiresOn: null });
  });

  it("revoking suspends an activity under way, keeps history and the record; resuming needs a new consent", async () => {
    const { id } = await directActivity();
    const consent = await recordConsent(h.db, senegal.viewer, id, consentInput());
    await changeActivityStatus(h.db, ohchr.viewer, id, { to: 2 });
    await expect(revokeConsent(h.db, ohchr.viewer, consent.id, { reason: "Change of government priorities" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await revokeConsent(h.db, senegal.viewer, consent.id, { reason: "Change of government priorities" })).toEqual({ suspended: true });
    const a = await getActivity(h.db, ohchr.viewer, id);
    expect(a.status).toBe(6);
    expect(a.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 1],
      [1, 2],
      [2, 6],
    ]);
    expect(a.consent).toMatchObject({ kind: "revoked", date: todayIso() });
    expect(a.consents).toHaveLength(1);
    expect(a.consents[0]).toMatchObject({
      validToday: false,
      revokedOn: todayIso(),
      details: { revocationReason: "Change of government priorities", channelReference: "NV/2026/0142" },
    });
    await expect(revokeConsent(h.db, senegal.viewer, consent.id, { reason: "again and again" })).rejects.toMatchObject({ code: "conflict" });
    await expect(changeActivityStatus(h.db, ohchr.viewer, id, { to: 2 })).rejects.toMatchObject({ problems: [{ field: "consent" }] });
    await recordConsent(h.db, senegal.viewer, id, consentInput({ channelReference: "NV/2026/0199", grantedOn: todayIso() }));
    await changeActivityStatus(h.db, ohchr.viewer, id, { to: 2 });
    const audit = await h.db.selectFrom("audit_events").select("action").where("entity_id", "=", id).orderBy("seq").execute();
    expect(audit.map((e) => e.action)).toEqual([
      "activity.create",
      "consent.record",
      "activity.implementation",
      "consent.revoke",
      "activity.suspended",
      "consent.record",
      "activity.implementation",
    ]);
  });

  it("a pipeline activity stays in the pipeline when consent is revoked, and cannot leave it", async () => {
    const { id } = await directActivity();
    const consent = await recordConsent(h.db, senegal.viewer, id, consentInput());
    expect(await revokeConsent(h.db, senegal.viewer, consent.id, { reason: "Not now, please" })).toEqual({ suspended: false });
    expect((await getActivity(h.db, ohchr.viewer, id)).status).toBe(1);
    await expect(changeActivityStatus(h.db, ohchr.viewer, id, { to: 2 })).rejects.toMatchObject({ problems: [{ field: "consent" }] });
  });

  it("another valid consent keeps the activity running when one is revoked", async () => {
    const { id } = await directActivity();
    const first = await recordConsent(h.db, senegal.viewer, id, consentInput());
    await recordConsent(h.db, senegal.viewer, id, consentInput({ channelReference: "NV/2026/0150", grantedOn: daysAgo(2) }));
    await changeActivityStatus(h.db, ohchr.viewer, id, { to: 2 });
    expect(await revokeConsent(h.db, senegal.viewer, first.id, { reason: "Replaced by the later note" })).toEqual({ suspended: false });
    expect((await getActivity(h.db, ohchr.viewer, id)).status).toBe(2);
  });

  it("an expired consent does not open the gate", async () => {
    const { id } = await directActivity();
    await recordConsent(h.db, senegal.viewer, id, consentInput({ grantedOn: daysAgo(30), expiresOn: daysAgo(1) }));
    await expect(changeActivityStatus(h.db, ohchr.viewer, id, { to: 2 })).rejects.toMatchObject({ problems: [{ field: "consent" }] });
    expect((await getActivity(h.db, ohchr.viewer, id)).consent).toMatchObject({ kind: "expired", date: daysAgo(1) });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a future grant date", { grantedOn: daysAgo(-3) }, "grantedOn"],
    ["an expiry before the grant", { expiresOn: daysAgo(20) }, "expiresOn"],
    ["no channel reference", { channelReference: "" }, "channelReference"],
    ["an unknown channel", { channel: "fax" }, "channel"],
    ["a too short scope", { scope: "ok" }, "scope"],
  ])("refuses a consent with %s", async (_name, over, field) => {
    const { id } = await directActivity();
    await expect(recordConsent(h.db, senegal.viewer, id, consentInput(over))).rejects.toMatchObject({
      code: "invalid_input",
      problems: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it("only the State concerned records consent; a consent without publication withholds the details", async () => {
    const { id } = await directActivity();
    await expect(recordConsent(h.db, ohchr.viewer, id, consentInput())).rejects.toMatchObject({ code: "forbidden" });
    await expect(recordConsent(h.db, mali.viewer, id, consentInput())).rejects.toMatchObject({ code: "forbidden" });
    await recordConsent(h.db, senegal.viewer, id, consentInput({ publishDetails: false }));
    const a = await getActivity(h.db, senegal.viewer, id);
    expect(a.detailsWithheld).toBe(true);
    expect(a.withheldReason).toContain("NV/2026/0142");
    await expect(getActivity(h.db, ANONYMOUS, id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("status moves: reasons required for cancelling, State may cancel, closed is final", async () => {
    const { id } = await directActivity();
    await expect(changeActivityStatus(h.db, senegal.viewer, id, { to: 5 })).rejects.toMatchObject({ problems: [{ field: "reason" }] });
    await expect(changeActivityStatus(h.db, mali.viewer, id, { to: 5, reason: "Not ours" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await changeActivityStatus(h.db, senegal.viewer, id, { to: 5, reason: "Covered by a national programme" })).toEqual({ from: 1, to: 5 });
    await expect(changeActivityStatus(h.db, ohchr.viewer, id, { to: 2 })).rejects.toMatchObject({
      problems: [{ message: expect.stringContaining("is final") }],
    });
  });
});

describe("editing an activity", () => {
  it("refuses a stale version and overwrites nothing", async () => {
    const { id } = await directActivity();
    expect(await updateActivity(h.db, ohchr.viewer, id, { version: 1, title: "First edit of the title" })).toEqual({ version: 2 });
    await expect(updateActivity(h.db, ohchr.viewer, id, { version: 1, title: "A stale edit" })).rejects.toMatchObject({
      code: "conflict",
      problems: [{ field: "version" }],
    });
    const a = await getActivity(h.db, ohchr.viewer, id);
    expect([a.title, a.version]).toEqual(["First edit of the title", 2]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["planned end before start", { plannedStart: "2026-06-01", plannedEnd: "2026-05-31" }, "plannedEnd"],
    ["actual end before start", { actualStart: "2026-06-01", actualEnd: "2026-05-01" }, "actualEnd"],
    ["actual start in the future", { actualStart: daysAgo(-5) }, "actualStart"],
    ["a 4-digit sector", { dacSectors: ["1516"] }, "dacSectors.0"],
    ["an unknown sector", { dacSectors: ["15160", "99999"] }, "dacSectors"],
    ["an unknown SDG target", { sdgTargets: ["4.9"] }, "sdgTargets"],
    ["a marker of 3", { genderMarker: 3 }, "genderMarker"],
    ["an unknown currency", { defaultCurrency: "XYZ" }, "defaultCurrency"],
    ["a negative budget", { budgetAmount: "-10" }, "budgetAmount"],
    ["a COVID phase without context", { covidPhase: "response" }, "covidPhase"],
  ])("refuses %s", async (_name, input, field) => {
    const { id } = await directActivity();
    await expect(updateActivity(h.db, ohchr.viewer, id, { version: 1, ...input })).rejects.toMatchObject({
      code: "invalid_input",
      problems: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it("saves sectors, markers, COVID context and budget", async () => {
    const { id } = await directActivity();
    await updateActivity(h.db, ohchr.viewer, id, {
      version: 1,
      dacSectors: "15160, 11110",
      sdgTargets: ["4.c"],
      genderMarker: "2",
      disabilityMarker: 1,
      covidContext: "yes",
      covidPhase: "recovery",
      budgetAmount: "125000.50",
      defaultCurrency: "eur",
    });
    expect(await getActivity(h.db, ohchr.viewer, id)).toMatchObject({
      dacSectors: ["15160", "11110"],
      genderMarker: 2,
      disabilityMarker: 1,
      covidContext: true,
      covidPhase: "recovery",
      budgetAmount: "125000.50",
      defaultCurrency: "EUR",
    });
  });

  it("only the State concerned withholds details, with a reason; the provider edits the rest", async () => {
    const { id } = await directActivity();
    await expect(updateActivity(h.db, ohchr.viewer, id, { version: 1, detailsWithheld: true, withheldReason: "Sensitive context" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(updateActivity(h.db, senegal.viewer, id, { version: 1, title: "A State's title" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateActivity(h.db, senegal.viewer, id, { version: 1, detailsWithheld: true })).rejects.toMatchObject({
      problems: [{ field: "withheldReason" }],
    });
    await updateActivity(h.db, senegal.viewer, id, { version: 1, detailsWithheld: true, withheldReason: "Security of the participants" });
    const audit = await h.db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("entity_id", "=", id)
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "activity.withholding", details: { detailsWithheld: true, reason: "Security of the participants" } });
  });
});
