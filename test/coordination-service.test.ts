import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, type Viewer } from "../src/domain/access/viewer.js";
import { digestLanguageOf, getCoordination, getDigest } from "../src/domain/coordination/coordination-service.js";
import type { DbHandle } from "../src/store/db.js";
import {
  insertActivity,
  insertActivityEvent,
  insertConsent,
  insertNationalActor,
  insertOffer,
  insertParticipant,
  insertRequest,
  insertRequestEvent,
  insertTransaction,
} from "./coordination-fixtures.js";
import { createTestDb } from "./db-harness.js";
import { makeOrganization, makeUserWithRole } from "./factories.js";

// The coordination view and the digest of one country (R16), built on real rows and filtered per viewer.

let handle: DbHandle;
const v: Record<string, Viewer> = {};
const id: Record<string, string> = {};
const at = (iso: string) => new Date(`${iso}T10:00:00Z`);

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  const user = async (name: string, role: Parameters<typeof makeUserWithRole>[1], org: Parameters<typeof makeUserWithRole>[2]) => {
    const u = await makeUserWithRole(db, role, org);
    v[name] = u.viewer;
    id[name] = u.organizationId;
  };
  await user("focal", "state_focal_point", { type: "government", countryIso3: "SEN" });
  await user("ohchr", "ohchr_officer", { type: "un_entity", acronym: "OHCHR" });
  await user("unesco", "un_agency_officer", { type: "un_entity", acronym: "UNESCO" });
  await user("cso", "cso", { type: "cso", countryIso3: "SEN" });
  id.norway = (await makeOrganization(db, { type: "government", countryIso3: "NOR", acronym: "NOR-MFA" })).id;
  id.ministry = (await makeOrganization(db, { type: "government", countryIso3: "SEN", name: "Ministère de la Justice" })).id;

  id.a = await insertActivity(db, {
    organizationId: id.ohchr as string,
    stateIso3: "SEN",
    title: "Teacher training for distance learning",
    plannedStart: "2025-01-01",
    plannedEnd: "2025-12-31",
    themes: ["E5"],
    sdgTargets: ["4.c"],
  });
  await insertNationalActor(db, { activityId: id.a, actorType: "government_ministry", name: "Ministère de l'Éducation nationale", nameConsented: false });
  id.b = await insertActivity(db, {
    organizationId: id.unesco as string,
    stateIso3: "SEN",
    title: "Teachers' digital skills",
    plannedStart: "2025-06-01",
    themes: ["E5", "A5"],
  });
  await insertNationalActor(db, { activityId: id.b, actorType: "government_ministry", name: "MINISTERE DE L'EDUCATION NATIONALE", nameConsented: true });
  await insertParticipant(db, { activityId: id.b, name: "Coalition for Education", role: 4, orgType: "22" });
  // The State's own ministry implementing: a counterpart, never a provider row of "who does what".
  await insertParticipant(db, { activityId: id.b, name: "Ministère de l'Éducation nationale (Sénégal)", role: 4, orgType: "10" });
  // Same provider as A, same counterpart and theme: that provider's own business, not an overlap.
  id.c = await insertActivity(db, {
    organizationId: id.ohchr as string,
    stateIso3: "SEN",
    title: "Inclusive schools",
    plannedStart: "2025-03-01",
    plannedEnd: "2025-09-30",
    themes: ["E5"],
  });
  await insertNationalActor(db, { activityId: id.c, actorType: "government_ministry", name: "Ministère de l'Éducation nationale" });
  // A justice activity shares the Ministry of Justice (a government participant) with nothing else on its theme.
  id.d = await insertActivity(db, {
    organizationId: id.unesco as string,
    stateIso3: "SEN",
    title: "Juvenile justice",
    plannedStart: "2025-02-01",
    plannedEnd: "2025-04-30",
    themes: ["D5"],
  });
  await insertParticipant(db, { activityId: id.d, organizationId: id.ministry, name: "Ministère de la Justice", role: 3 });
  // Three withheld bilateral activities: counted for those outside their circle, listed for those inside.
  for (const n of [1, 2, 3])
    await insertActivity(db, {
      organizationId: id.norway,
      stateIso3: "SEN",
      title: `Withheld ${n}`,
      plannedStart: "2025-01-01",
      themes: ["E5"],
      detailsWithheld: true,
      createdAt: at("2025-02-01"),
    });
  // Another country's activity never shows.
  await insertActivity(db, { organizationId: id.ohchr as string, stateIso3: "MLI", title: "Mali activity", plannedStart: "2025-01-01", themes: ["E5"] });
});
afterAll(async () => {
  await handle.close();
});

describe("coordination view (R16)", () => {
  it("anonymous: public activities, overlaps with the counterpart's consented name, withheld ones counted (3)", async () => {
    const view = await getCoordination(handle.db, ANONYMOUS, "SEN");
    expect(view.activities.map((a) => a.title)).toEqual([
      "Teacher training for distance learning",
      "Juvenile justice",
      "Inclusive schools",
      "Teachers' digital skills",
    ]);
    expect(view.withheldActivities).toBe(3);
    expect(view.overlaps).toHaveLength(2);
    expect(view.overlaps.map((w) => [w.first.title, w.second.title, w.overlap])).toEqual([
      ["Inclusive schools", "Teachers' digital skills", { start: "2025-06-01", end: "2025-09-30" }],
      ["Teacher training for distance learning", "Teachers' digital skills", { start: "2025-06-01", end: "2025-12-31" }],
    ]);
    expect(view.overlaps[1]?.counterparts).toEqual([
      {
        key: "actor:government_ministry:ministere de l education nationale",
        kind: "national_actor",
        actorType: "government_ministry",
        name: "MINISTERE DE L'EDUCATION NATIONALE",
      },
    ]);
    expect(view.overlaps[1]?.themes).toEqual(["E5"]);
    // A's own national actor did not consent to its name: anonymous readers see its type only.
    expect(view.activities[0]?.nationalActors).toEqual([{ actorType: "government_ministry", involvement: "implementation", name: null }]);
    const unesco = view.matrix.rows.find((r) => r.provider.name === "UNESCO");
    expect(unesco?.counts).toEqual({ A: 1, D: 1, E: 1 });
    expect(view.matrix.rows.find((r) => r.provider.name === "Coalition for Education")?.counts).toEqual({ A: 1, E: 1 });
    expect(view.matrix.rows.some((r) => r.provider.name.startsWith("Ministère de l'Éducation"))).toBe(false);
    expect(view.activities.find((a) => a.title === "Juvenile justice")?.counterparts).toMatchObject([
      { kind: "organization", name: "Ministère de la Justice" },
    ]);
  });

  it("the State and UN staff see every activity and every name; the small-cell rule hides counts under 3", async () => {
    for (const who of ["focal", "ohchr"]) {
      const view = await getCoordination(handle.db, v[who] as Viewer, "SEN");
      expect(view.activities).toHaveLength(7);
      expect(view.withheldActivities).toBeNull();
      expect(view.activities[0]?.nationalActors[0]?.name).toBe("Ministère de l'Éducation nationale");
    }
    const mali = await getCoordination(handle.db, ANONYMOUS, "MLI");
    expect([mali.activities.length, mali.withheldActivities]).toEqual([1, null]);
    await expect(getCoordination(handle.db, ANONYMOUS, "ZZZ")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("State digest (R16)", () => {
  beforeAll(async () => {
    const db = handle.db;
    const stateOrg = v.focal?.memberships[0]?.organizationId as string;
    const inside = await insertRequest(db, {
      stateIso3: "SEN",
      organizationId: stateOrg,
      title: "Teacher training request",
      status: "acknowledged",
      submittedAt: at("2025-02-10"),
      reference: "TA-SEN-2025-0001",
    });
    await insertRequestEvent(db, { requestId: inside, from: "draft", to: "submitted", at: at("2025-02-10") });
    await insertRequestEvent(db, { requestId: inside, from: "submitted", to: "acknowledged", at: at("2025-02-12") });
    await insertRequest(db, {
      stateIso3: "SEN",
      organizationId: stateOrg,
      title: "Published request",
      status: "submitted",
      submittedAt: at("2025-03-01"),
      reference: "TA-SEN-2025-0002",
      visibility: "public",
    });
    await insertRequest(db, { stateIso3: "SEN", organizationId: stateOrg, title: "A draft", status: "draft" });
    await insertRequest(db, {
      stateIso3: "SEN",
      organizationId: stateOrg,
      title: "Too early",
      status: "submitted",
      submittedAt: at("2024-12-31"),
      reference: "TA-SEN-2024-0009",
    });
    await insertOffer(db, { organizationId: id.unesco as string, title: "Teacher training offer", requestId: inside, publishedAt: at("2025-02-20") });
    await insertOffer(db, { organizationId: id.ohchr as string, title: "Draft offer", stateIso3: "SEN", status: "draft" });
    await insertActivityEvent(db, { activityId: id.a as string, from: 2, to: 6, reason: "Consent revoked", at: at("2025-03-05") });
    await insertConsent(db, { activityId: id.a as string, stateIso3: "SEN", organizationId: stateOrg, grantedOn: "2025-01-15", revokedAt: at("2025-03-05") });
    await insertTransaction(db, { activityId: id.a as string, type: 2, date: "2025-02-01", amount: "1000.50" });
    await insertTransaction(db, { activityId: id.a as string, type: 2, date: "2025-03-31", amount: "250" });
    await insertTransaction(db, { activityId: id.a as string, type: 3, date: "2025-04-01", amount: "99" });
  });

  const Q1 = { from: "2025-01-01", to: "2025-03-31" };

  it("for the State: its requests, offers received, activity changes, consents with details, money, overlaps", async () => {
    const d = await getDigest(handle.db, v.focal as Viewer, "SEN", Q1);
    expect(d.requestsSubmitted.map((r) => [r.reference, r.date])).toEqual([
      ["TA-SEN-2025-0001", "2025-02-10"],
      ["TA-SEN-2025-0002", "2025-03-01"],
    ]);
    expect(d.requestStatusChanges).toEqual([
      expect.objectContaining({ reference: "TA-SEN-2025-0001", from: "submitted", to: "acknowledged", date: "2025-02-12" }),
    ]);
    expect(d.offersReceived).toEqual([
      expect.objectContaining({ title: "Teacher training offer", providerName: "UNESCO", requestReference: "TA-SEN-2025-0001" }),
    ]);
    expect(d.activityStatusChanges).toEqual([
      expect.objectContaining({ title: "Teacher training for distance learning", from: 2, to: 6, reason: "Consent revoked" }),
    ]);
    expect(d.consents.map((c) => [c.event, c.date, c.grantedByName, c.revocationReason])).toEqual([
      ["granted", "2025-01-15", "Minister of Foreign Affairs", null],
      ["revoked", "2025-03-05", "Minister of Foreign Affairs", "Elections"],
    ]);
    expect(d.transactions.map((t) => t.amount)).toEqual(["1000.50", "250.00"]);
    expect(d.transactionTotals).toEqual([{ type: 2, currency: "USD", amount: "1250.50", count: 2 }]);
    expect(d.activitiesRecorded.map((a) => a.title)).toEqual(["Withheld 1", "Withheld 2", "Withheld 3"]);
    expect(d.withheldActivities).toBeNull();
    // The overlaps begin in June: not in this quarter's digest, in the next one's.
    expect(d.overlaps).toEqual([]);
    const q3 = await getDigest(handle.db, v.focal as Viewer, "SEN", { from: "2025-07-01", to: "2025-09-30" });
    expect(q3.overlaps.map((w) => w.first.title)).toEqual(["Inclusive schools", "Teacher training for distance learning"]);
  });

  it("anonymous readers get only what is public: no drafts, no private requests, consent without who signed", async () => {
    const d = await getDigest(handle.db, ANONYMOUS, "SEN", Q1);
    expect(d.requestsSubmitted.map((r) => r.title)).toEqual(["Published request"]);
    expect(d.requestStatusChanges).toEqual([]);
    // The offer answers a request the public may not see: not listed.
    expect(d.offersReceived).toEqual([]);
    expect(d.consents.map((c) => [c.event, c.grantedByName, c.channelReference])).toEqual([
      ["granted", null, null],
      ["revoked", null, null],
    ]);
    expect(d.activitiesRecorded).toEqual([]);
    expect(d.withheldActivities).toBe(3);
    expect(d.transactionTotals).toEqual([{ type: 2, currency: "USD", amount: "1250.50", count: 2 }]);
  });

  it("the digest language is the State user's account language; others read the page's", async () => {
    expect(await digestLanguageOf(handle.db, v.focal as Viewer, "SEN")).toBe("en");
    expect(await digestLanguageOf(handle.db, v.focal as Viewer, "MLI")).toBeNull();
    expect(await digestLanguageOf(handle.db, v.ohchr as Viewer, "SEN")).toBeNull();
    expect(await digestLanguageOf(handle.db, ANONYMOUS, "SEN")).toBeNull();
  });
});
