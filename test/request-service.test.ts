import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "../src/domain/access/viewer.js";
import { countAuditEvents } from "../src/domain/audit/audit-queries.js";
import { AppError } from "../src/domain/core/app-error.js";
import { getRequest, listProviderQueue, listRequests } from "../src/domain/requests/request-queries.js";
import { REQUEST_REFERENCE_PATTERN } from "../src/domain/requests/request-rules.js";
import { changeRequestStatus, createRequestDraft, setRequestVisibility, updateRequestDraft } from "../src/domain/requests/request-service.js";
import { listProviderResponseTimes } from "../src/domain/requests/response-times.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { fullDraft, makeRequestCast, type RequestCast } from "./request-fixtures.js";

let handle: DbHandle;
let c: RequestCast;
beforeAll(async () => {
  handle = await createTestDb({ recommendations: true });
  c = await makeRequestCast(handle.db);
});
afterAll(async () => {
  await handle.close();
});

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Counts of every table a request write touches, to prove a refused write left nothing behind. */
async function footprint() {
  const count = async (table: "assistance_requests" | "assistance_request_events" | "assistance_request_providers" | "national_actors") =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    requests: await count("assistance_requests"),
    events: await count("assistance_request_events"),
    providers: await count("assistance_request_providers"),
    actors: await count("national_actors"),
    audit: await countAuditEvents(handle.db),
  };
}

const submitted = async (overrides: Record<string, unknown> = {}) => {
  const { id } = await createRequestDraft(handle.db, c.senFocal.viewer, { ...fullDraft(c), ...overrides });
  const result = await changeRequestStatus(handle.db, c.senFocal.viewer, id, { to: "submitted" });
  return { id, reference: result.reference as string };
};

describe("creating a draft", () => {
  it("stores every section and writes one audit event", async () => {
    const before = await countAuditEvents(handle.db);
    const created = await createRequestDraft(handle.db, c.senFocal.viewer, fullDraft(c));
    expect(created.version).toBe(1);
    expect(await countAuditEvents(handle.db)).toBe(before + 1);
    const r = await getRequest(handle.db, c.senFocal.viewer, created.id);
    expect(r).toMatchObject({
      status: "draft",
      reference: null,
      stateIso3: "SEN",
      organizationId: c.senFocal.organizationId,
      title: "Teacher training for distance learning",
      priorityRank: 2,
      themes: ["E5", "F3"],
      sdgTargets: ["4.1", "4.c"],
      modalities: ["training", "advisory_services"],
      continuityNeeds: ["teacher_training", "radio"],
      covidContext: true,
      covidPhase: "recovery",
      timeframeStart: "2026-09-01",
      timeframeEnd: "2027-06-30",
      budgetAmount: "150000.00",
      budgetCurrency: "USD",
      fundRequested: "vftc",
      workingLanguages: ["fr"],
      treatyArticles: ["CRC art. 28", "ICESCR art. 13"],
      visibility: "state_and_un",
    });
    expect(r.providers.map((p) => p.id).sort()).toEqual([c.ohchr.organizationId, c.unesco.organizationId].sort());
    expect(r.recommendations.map((x) => x.id).sort()).toEqual([...c.recs.senSupported].sort());
    expect(r.recommendations.every((x) => x.notAccepted === false)).toBe(true);
    expect(r.pledges.map((p) => p.id)).toEqual([c.pledges.sen]);
    expect(r.nationalActors).toHaveLength(3);
    expect(r.actions.map((a) => a.to)).toEqual(["submitted", "withdrawn"]);
  });

  it("accepts a noted recommendation, keeps its position at the time of linking and flags it (R12)", async () => {
    const created = await createRequestDraft(handle.db, c.senNmirf.viewer, { ...fullDraft(c), recommendationIds: [c.recs.senSupported[0], c.recs.senNoted] });
    expect(created.notAcceptedRecommendationIds).toEqual([c.recs.senNoted]);
    const r = await getRequest(handle.db, c.senNmirf.viewer, created.id);
    const noted = r.recommendations.find((x) => x.id === c.recs.senNoted);
    expect(noted).toMatchObject({ positionAtLink: "noted", notAccepted: true });
    expect(r.recommendations.find((x) => x.id === c.recs.senSupported[0])?.notAccepted).toBe(false);
  });

  it("accepts a minimal draft (a title is only needed to submit)", async () => {
    const created = await createRequestDraft(handle.db, c.senFocal.viewer, {});
    expect((await getRequest(handle.db, c.senFocal.viewer, created.id)).title).toBe("");
  });

  it.each([
    ["an unknown provider", { providerIds: ["00000000-0000-4000-8000-000000000000"] }, "providerIds", /unknown organizations/],
    ["a CSO as provider", "cso-provider", "providerIds", /cannot provide assistance/],
    ["the State's own ministry as provider", "own-provider", "providerIds", /belongs to the requesting State/],
    ["an unknown recommendation", { recommendationIds: ["upr-info:NOPE"] }, "recommendationIds", /unknown recommendations/],
    ["another State's recommendation", "mli-rec", "recommendationIds", /made to another State \(MLI\), not to SEN/],
    ["another State's pledge", "other-pledge", "pledgeIds", /pledges of another State/],
    ["a malformed theme", { themes: ["education"] }, "themes", /UHRI theme codes/],
    ["an unknown theme", { themes: ["H9"] }, "themes", /not UHRI human rights theme codes/],
    ["an unknown group of persons", { persons: ["aliens"] }, "persons", /groups-of-persons/],
    ["an unknown SDG target", { sdgTargets: ["4.9"] }, "sdgTargets", /not SDG targets/],
    ["a malformed SDG target", { sdgTargets: ["SDG4"] }, "sdgTargets", /SDG targets such as/],
    ["a timeframe ending before it starts", { timeframeStart: "2027-01-01", timeframeEnd: "2026-12-31" }, "timeframeEnd", /on or after/],
    ["a badly written date", { timeframeStart: "01/09/2026" }, "timeframeStart", /YYYY-MM-DD/],
    ["an amount without currency", { budgetCurrency: null }, "budgetCurrency", /currency/],
    ["a currency without amount", { budgetAmount: null }, "budgetAmount", /amount/],
    ["an unknown currency", { budgetCurrency: "XYZ" }, "budgetCurrency", /ISO 4217/],
    ["a negative amount", { budgetAmount: "-5" }, "budgetAmount", /non-negative/],
    ["an amount with 3 decimals", { budgetAmount: "10.123" }, "budgetAmount", /2 decimals/],
    ["an unknown working language", { workingLanguages: ["qq"] }, "workingLanguages", /language codes/],
    ["a COVID-19 phase without the COVID-19 flag", { covidContext: false, covidPhase: "response" }, "covidPhase", /COVID-19 related/],
    ["a priority rank of 0", { priorityRank: 0 }, "priorityRank", /between 1 and 99/],
    ["an unknown modality", { modalities: ["bribery"] }, "modalities", /./],
    ["an unknown national actor type", { nationalActors: [{ actorType: "army", involvement: "consultation" }] }, "nationalActors.0.actorType", /./],
    ["an unknown fund", { fundRequested: "imf" }, "fundRequested", /./],
  ])("refuses %s, naming the field, and writes nothing", async (_name, change, field, message) => {
    const overrides =
      change === "cso-provider"
        ? { providerIds: [c.cso.organizationId] }
        : change === "own-provider"
          ? { providerIds: [c.senNmirf.organizationId] }
          : change === "mli-rec"
            ? { recommendationIds: [c.recs.mli] }
            : change === "other-pledge"
              ? { pledgeIds: [c.pledges.other] }
              : (change as Record<string, unknown>);
    const before = await footprint();
    const e = await errorOf(createRequestDraft(handle.db, c.senFocal.viewer, { ...fullDraft(c), ...overrides }));
    expect(e.code).toBe("invalid_input");
    const problem = e.problems.find((p) => p.field === field);
    expect(problem, JSON.stringify(e.problems)).toBeDefined();
    expect(problem?.message).toMatch(message);
    expect(await footprint()).toEqual(before);
  });

  it("reports every problem at once", async () => {
    const e = await errorOf(
      createRequestDraft(handle.db, c.senFocal.viewer, {
        ...fullDraft(c),
        themes: ["Q1"],
        timeframeStart: "2027-01-01",
        timeframeEnd: "2026-01-01",
        budgetCurrency: null,
      }),
    );
    expect(e.problems.map((p) => p.field).sort()).toEqual(["budgetCurrency", "themes", "timeframeEnd"]);
  });

  it.each([
    ["anonymous", () => ANONYMOUS, "unauthenticated"],
    ["a CSO", () => c.cso.viewer, "forbidden"],
    ["an OHCHR officer", () => c.ohchr.viewer, "forbidden"],
  ])("refuses %s", async (_name, viewer, code) => {
    const before = await footprint();
    expect((await errorOf(createRequestDraft(handle.db, viewer(), fullDraft(c)))).code).toBe(code);
    expect(await footprint()).toEqual(before);
  });

  it("refuses acting through an institution the user does not act for", async () => {
    const e = await errorOf(createRequestDraft(handle.db, c.senFocal.viewer, { ...fullDraft(c), organizationId: c.senNmirf.organizationId }));
    expect(e.code).toBe("forbidden");
    expect(e.problems.map((p) => p.field)).toEqual(["organizationId"]);
  });
});

describe("editing a draft", () => {
  it("saves with the version edited, refuses a stale version and overwrites nothing", async () => {
    const { id } = await createRequestDraft(handle.db, c.senFocal.viewer, fullDraft(c));
    const saved = await updateRequestDraft(handle.db, c.senNmirf.viewer, id, { ...fullDraft(c), title: "Second title", themes: ["E5"], version: 1 });
    expect(saved.version).toBe(2);
    const before = await footprint();
    const e = await errorOf(updateRequestDraft(handle.db, c.senFocal.viewer, id, { ...fullDraft(c), title: "Stale title", version: 1 }));
    expect(e.code).toBe("conflict");
    expect(e.message).toMatch(/version 1, the current one is 2/);
    expect(await footprint()).toEqual(before);
    const r = await getRequest(handle.db, c.senFocal.viewer, id);
    expect(r).toMatchObject({ title: "Second title", themes: ["E5"], version: 2 });
  });

  it("replaces links on update", async () => {
    const { id } = await createRequestDraft(handle.db, c.senFocal.viewer, fullDraft(c));
    await updateRequestDraft(handle.db, c.senFocal.viewer, id, { ...fullDraft(c), providerIds: [c.undp.organizationId], nationalActors: [], version: 1 });
    const r = await getRequest(handle.db, c.senFocal.viewer, id);
    expect(r.providers.map((p) => p.id)).toEqual([c.undp.organizationId]);
    expect(r.nationalActors).toEqual([]);
  });

  it("lets only the State edit, and only a draft", async () => {
    const { id } = await createRequestDraft(handle.db, c.senFocal.viewer, fullDraft(c));
    // A draft does not exist for anyone outside the State.
    for (const v of [c.mliFocal.viewer, c.ohchr.viewer, ANONYMOUS])
      expect((await errorOf(updateRequestDraft(handle.db, v, id, { ...fullDraft(c), version: 1 }))).code).toBe(
        v === ANONYMOUS ? "unauthenticated" : "not_found",
      );
    await changeRequestStatus(handle.db, c.senFocal.viewer, id, { to: "submitted" });
    expect((await errorOf(updateRequestDraft(handle.db, c.ohchr.viewer, id, { ...fullDraft(c), version: 2 }))).code).toBe("forbidden");
    const e = await errorOf(updateRequestDraft(handle.db, c.senFocal.viewer, id, { ...fullDraft(c), version: 2 }));
    expect(e.code).toBe("rule_violation");
    expect(e.message).toMatch(/Only a draft can be edited/);
  });
});

describe("submitting", () => {
  it("needs a title, a needs statement and a provider; refuses with field errors and writes nothing", async () => {
    const { id } = await createRequestDraft(handle.db, c.senFocal.viewer, { ...fullDraft(c), title: "", needsStatement: "  ", providerIds: [] });
    const before = await footprint();
    const e = await errorOf(changeRequestStatus(handle.db, c.senFocal.viewer, id, { to: "submitted" }));
    expect(e.code).toBe("invalid_input");
    expect(e.problems.map((p) => p.field).sort()).toEqual(["needsStatement", "providerIds", "title"]);
    expect(await footprint()).toEqual(before);
    expect((await getRequest(handle.db, c.senFocal.viewer, id)).status).toBe("draft");
  });

  it("assigns a unique TA-<ISO3>-<year>-<NNNN> reference, the submission date and a timeline event", async () => {
    const before = await countAuditEvents(handle.db);
    const first = await submitted();
    const second = await submitted();
    expect(first.reference).toMatch(REQUEST_REFERENCE_PATTERN);
    expect(first.reference.startsWith(`TA-SEN-${new Date().getUTCFullYear()}-`)).toBe(true);
    expect(second.reference).not.toBe(first.reference);
    // create + submitted + reference, twice
    expect(await countAuditEvents(handle.db)).toBe(before + 6);
    const r = await getRequest(handle.db, c.senFocal.viewer, first.id);
    expect(r.status).toBe("submitted");
    expect(r.submittedAt).toBeInstanceOf(Date);
    expect(r.events.map((e) => [e.fromStatus, e.toStatus, e.actorOrganizationId])).toEqual([["draft", "submitted", c.senFocal.organizationId]]);
    const refs = await handle.db.selectFrom("assistance_requests").select("reference").where("reference", "is not", null).execute();
    expect(new Set(refs.map((x) => x.reference)).size).toBe(refs.length);
  });
});

describe("status changes", () => {
  type Step = { who: keyof Pick<RequestCast, "senFocal" | "senNmirf" | "mliFocal" | "ohchr" | "unesco" | "undp" | "cso">; to: string; reason?: string };
  it.each<[string, Step[], Step, string, RegExp]>([
    ["the State cannot acknowledge", [], { who: "senFocal", to: "acknowledged" }, "forbidden", /Only a provider/],
    ["a provider it is not addressed to cannot acknowledge", [], { who: "undp", to: "acknowledged" }, "forbidden", /Only a provider/],
    ["a provider cannot withdraw", [], { who: "ohchr", to: "withdrawn", reason: "x" }, "forbidden", /requesting State/],
    ["a declining provider must give a reason", [], { who: "ohchr", to: "declined" }, "rule_violation", /reason is required/],
    ["a withdrawal needs a reason", [], { who: "senFocal", to: "withdrawn" }, "rule_violation", /reason is required/],
    [
      "an offer is made through the offers workflow",
      [{ who: "ohchr", to: "acknowledged" }],
      { who: "ohchr", to: "offer_made" },
      "rule_violation",
      /makes an offer/,
    ],
    ["a submitted request cannot be assessed before it is acknowledged", [], { who: "ohchr", to: "under_assessment" }, "rule_violation", /possible next steps/],
    [
      "a provider that declined cannot act on the request any more",
      [{ who: "ohchr", to: "declined", reason: "Outside our mandate" }],
      { who: "ohchr", to: "acknowledged" },
      "forbidden",
      /Only a provider/,
    ],
    [
      "a request declined by every provider it was addressed to is closed",
      [
        { who: "ohchr", to: "declined", reason: "Outside our mandate" },
        { who: "unesco", to: "declined", reason: "No capacity this year" },
      ],
      { who: "senFocal", to: "withdrawn", reason: "x" },
      "rule_violation",
      /closed/,
    ],
    ["a CSO cannot act", [], { who: "cso", to: "acknowledged" }, "not_found", /not found/],
    ["another State does not see it", [], { who: "mliFocal", to: "withdrawn", reason: "x" }, "not_found", /not found/],
  ])("%s", async (_name, setup, step, code, message) => {
    const { id } = await submitted();
    for (const s of setup) await changeRequestStatus(handle.db, c[s.who].viewer, id, { to: s.to, reason: s.reason });
    const before = await footprint();
    const e = await errorOf(changeRequestStatus(handle.db, c[step.who].viewer, id, { to: step.to, reason: step.reason }));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(await footprint()).toEqual(before);
  });

  it("one provider declining leaves the request open for the others; the last one declines it (R13)", async () => {
    const { id } = await submitted();
    const before = await countAuditEvents(handle.db);
    const first = await changeRequestStatus(handle.db, c.ohchr.viewer, id, { to: "declined", reason: "Outside our mandate" });
    expect(first.status).toBe("submitted");
    expect(await countAuditEvents(handle.db)).toBe(before + 1);
    const queue = async (who: "ohchr" | "unesco") => (await listProviderQueue(handle.db, c[who].viewer, { limit: 100, offset: 0 })).items.map((x) => x.id);
    expect(await queue("ohchr")).not.toContain(id);
    expect(await queue("unesco")).toContain(id);
    const seen = await getRequest(handle.db, c.senFocal.viewer, id);
    expect(seen.providers.map((p) => [p.id, p.declined])).toEqual(
      expect.arrayContaining([
        [c.ohchr.organizationId, true],
        [c.unesco.organizationId, false],
      ]),
    );
    expect(seen.events.at(-1)).toMatchObject({
      fromStatus: "submitted",
      toStatus: "declined",
      actorOrganizationId: c.ohchr.organizationId,
      reason: "Outside our mandate",
    });
    // The provider that stepped back still reads the request it was addressed to, but is offered no step.
    expect((await getRequest(handle.db, c.ohchr.viewer, id)).actions).toEqual([]);
    await changeRequestStatus(handle.db, c.unesco.viewer, id, { to: "acknowledged" });
    const last = await changeRequestStatus(handle.db, c.unesco.viewer, id, { to: "declined", reason: "No capacity this year" });
    expect(last.status).toBe("declined");
  });

  it("goes submitted → acknowledged → under assessment, each step audited and on the timeline", async () => {
    const { id } = await submitted();
    const before = await countAuditEvents(handle.db);
    await changeRequestStatus(handle.db, c.unesco.viewer, id, { to: "acknowledged" });
    await changeRequestStatus(handle.db, c.unesco.viewer, id, { to: "under_assessment" });
    expect(await countAuditEvents(handle.db)).toBe(before + 2);
    const r = await getRequest(handle.db, c.unesco.viewer, id);
    expect(r.status).toBe("under_assessment");
    expect(r.events.map((e) => [e.toStatus, e.actorOrganizationId])).toEqual([
      ["submitted", c.senFocal.organizationId],
      ["acknowledged", c.unesco.organizationId],
      ["under_assessment", c.unesco.organizationId],
    ]);
    expect(r.actions.map((a) => a.to)).toEqual(["referred", "declined"]);
  });

  it("a referral naming another provider addresses the request to it", async () => {
    const { id } = await submitted();
    expect((await listProviderQueue(handle.db, c.undp.viewer, { limit: 100, offset: 0, includeClosed: true })).items.map((x) => x.id)).not.toContain(id);
    await changeRequestStatus(handle.db, c.ohchr.viewer, id, {
      to: "referred",
      reason: "UNDP leads on this in the country",
      referToOrganizationId: c.undp.organizationId,
    });
    const r = await getRequest(handle.db, c.undp.viewer, id);
    expect(r).toMatchObject({ status: "referred", statusReason: "UNDP leads on this in the country" });
    expect(r.providers.map((p) => p.id)).toContain(c.undp.organizationId);
    expect((await listProviderQueue(handle.db, c.undp.viewer, { limit: 100, offset: 0, includeClosed: true })).items.map((x) => x.id)).toContain(id);
  });

  it("refuses a referral to an organization that cannot provide assistance", async () => {
    const { id } = await submitted();
    const before = await footprint();
    const e = await errorOf(changeRequestStatus(handle.db, c.ohchr.viewer, id, { to: "referred", reason: "x", referToOrganizationId: c.nhriOrgId }));
    expect(e.problems.map((p) => p.field)).toEqual(["referToOrganizationId"]);
    expect(await footprint()).toEqual(before);
  });

  it("the State withdraws with a reason", async () => {
    const { id } = await submitted();
    await changeRequestStatus(handle.db, c.senNmirf.viewer, id, { to: "withdrawn", reason: "Funded nationally" });
    const r = await getRequest(handle.db, c.senFocal.viewer, id);
    expect(r).toMatchObject({ status: "withdrawn", statusReason: "Funded nationally", actions: [] });
    // The NMIRF acted through its own institution.
    expect(r.events.at(-1)).toMatchObject({ toStatus: "withdrawn", reason: "Funded nationally", actorOrganizationId: c.senNmirf.organizationId });
  });
});

describe("publication (R32) and lists", () => {
  it("the State publishes and unpublishes; a provider cannot", async () => {
    const { id } = await submitted({ title: "Publication test" });
    const publicIds = async () => (await listRequests(handle.db, ANONYMOUS, { limit: 500 })).items.map((x) => x.id);
    expect(await publicIds()).not.toContain(id);
    expect((await errorOf(setRequestVisibility(handle.db, c.ohchr.viewer, id, { visibility: "public" }))).code).toBe("forbidden");
    await setRequestVisibility(handle.db, c.senFocal.viewer, id, { visibility: "public" });
    expect(await publicIds()).toContain(id);
    expect((await errorOf(setRequestVisibility(handle.db, c.senFocal.viewer, id, { visibility: "public" }))).code).toBe("rule_violation");
    await setRequestVisibility(handle.db, c.senFocal.viewer, id, { visibility: "state_and_un" });
    expect(await publicIds()).not.toContain(id);
  });

  it("a provider's queue shows addressed open requests, oldest first, with time since submission and overdue flags", async () => {
    const plain = await submitted({ covidContext: false, covidPhase: null, providerIds: [c.undp.organizationId] });
    const covid = await submitted({ providerIds: [c.undp.organizationId] });
    const inSixWorkingDays = new Date(Date.now() + 8 * 86_400_000);
    const queue = await listProviderQueue(handle.db, c.undp.viewer, { limit: 100, offset: 0, now: inSixWorkingDays });
    const item = (id: string) => queue.items.find((x) => x.id === id);
    expect(item(plain.id)).toMatchObject({ daysSinceSubmission: 8, acknowledgementTargetWorkingDays: 10, overdue: false });
    expect(item(covid.id)).toMatchObject({ daysSinceSubmission: 8, acknowledgementTargetWorkingDays: 5, overdue: true });
    expect(queue.items.every((x) => x.status !== "draft")).toBe(true);
    const times = queue.items.map((x) => x.submittedAt?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("response-time figures credit each provider with its own steps", async () => {
    for (let i = 0; i < 3; i++) {
      const { id } = await submitted({ providerIds: [c.ohchr.organizationId, c.unesco.organizationId] });
      await changeRequestStatus(handle.db, c.ohchr.viewer, id, { to: "acknowledged" });
    }
    const figures = await listProviderResponseTimes(handle.db, c.ohchr.viewer);
    const ohchr = figures.find((f) => f.organizationId === c.ohchr.organizationId);
    expect(ohchr?.suppressed).toBe(false);
    expect(ohchr?.acknowledged).toBeGreaterThanOrEqual(3);
    expect(ohchr?.medianDaysToAcknowledge).toBe(0);
    expect(ohchr?.declinedShare).toBeGreaterThan(0);
    const unesco = figures.find((f) => f.organizationId === c.unesco.organizationId);
    expect(unesco?.addressed).toBeGreaterThan(unesco?.acknowledged ?? 0);
  });
});
