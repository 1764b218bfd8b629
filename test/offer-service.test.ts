import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../src/domain/core/app-error.js";
import { createOffer, getOffer, updateOffer } from "../src/domain/offers/offer-service.js";
import { OTHER_OFFER_ACCEPTED, offerStepsFor, transitionOffer } from "../src/domain/offers/offer-transition-service.js";
import { getProvider, saveProviderProfile } from "../src/domain/offers/provider-service.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { auditActions, auditCount, type Cast, insertRequest, makeCast, offerInput, offerStatus, requestEvents, requestStatus } from "./offer-fixtures.js";

let handle: DbHandle;
let cast: Cast;
beforeAll(async () => {
  handle = await createTestDb();
  cast = await makeCast(handle.db);
});
afterAll(async () => {
  await handle.close();
});

/** The AppError a call fails with: its code and the fields it names. */
async function failure(p: Promise<unknown>): Promise<{ code: string; fields: string[]; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e))
      return { code: e.code, fields: e.problems.map((x) => x.field), message: e.message + e.problems.map((x) => ` ${x.field}: ${x.message}`).join(";") };
    throw e;
  }
  throw new Error("expected the call to fail");
}

const senegalRequest = (overrides: Record<string, unknown> = {}) =>
  insertRequest(handle.db, {
    stateIso3: "SEN",
    organizationId: cast.senegal.organizationId,
    providers: [cast.ohchr.organizationId, cast.unesco.organizationId],
    ...overrides,
  });

describe("offer input validation", () => {
  it.each([
    ["title", { title: "Hi" }, "title"],
    ["dates in order", { availableFrom: "2027-06-01", availableTo: "2027-01-01" }, "availableTo"],
    ["amount without currency", { budgetCurrency: null }, "budgetCurrency"],
    ["currency without amount", { budgetAmount: null }, "budgetAmount"],
    ["negative amount", { budgetAmount: "-5" }, "budgetAmount"],
    ["amount with 3 decimals", { budgetAmount: "10.123" }, "budgetAmount"],
    ["unknown currency code", { budgetCurrency: "ABC" }, "budgetCurrency"],
    ["malformed currency", { budgetCurrency: "US" }, "budgetCurrency"],
    ["unknown UHRI theme", { themes: ["E5", "H9"] }, "themes"],
    ["malformed theme", { themes: ["education"] }, "themes.0"],
    ["unknown SDG target", { sdgTargets: ["4.z"] }, "sdgTargets"],
    ["unknown language", { languages: ["qq"] }, "languages"],
    ["unknown region", { regions: ["999"] }, "regions"],
    ["modality outside the vocabulary", { modalities: ["cheque"] }, "modalities.0"],
    ["cooperation type outside the vocabulary", { cooperationType: "charity" }, "cooperationType"],
    ["unknown State", { stateIso3: "XYZ" }, "stateIso3"],
  ])("refuses %s, naming the field, and writes nothing", async (_label, overrides, field) => {
    const before = await auditCount(handle.db);
    const f = await failure(createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, overrides) as never));
    expect(f.code).toBe("invalid_input");
    expect(f.fields).toContain(field);
    expect(await auditCount(handle.db)).toBe(before);
  });

  it("accepts lower-case currency codes, regions, world and SDG targets of any goal", async () => {
    const { id } = await createOffer(
      handle.db,
      cast.ohchr.viewer,
      offerInput(cast.ohchr.organizationId, { budgetCurrency: "eur", regions: ["world", "011"], sdgTargets: ["4.c", "16.10"] }),
    );
    const offer = await getOffer(handle.db, cast.ohchr.viewer, id);
    expect(offer).toMatchObject({ budgetCurrency: "EUR", budgetAmount: "45000.00", regions: ["world", "011"], status: "draft", version: 1 });
  });

  it("only a provider's staff make its offers", async () => {
    expect((await failure(createOffer(handle.db, cast.cso.viewer, offerInput(cast.cso.organizationId)))).code).toBe("forbidden");
    expect((await failure(createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.unesco.organizationId)))).code).toBe("forbidden");
  });

  it("an offer answering a request is made to the request's State and follows its visibility", async () => {
    const requestId = await senegalRequest();
    const { id } = await createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId }));
    expect(await getOffer(handle.db, cast.ohchr.viewer, id)).toMatchObject({ stateIso3: "SEN", requestId });
    const wrongState = await failure(createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId, stateIso3: "MLI" })));
    expect(wrongState.fields).toEqual(["stateIso3"]);
    const publicOffer = await failure(createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId, visibility: "public" })));
    expect(publicOffer.fields).toEqual(["visibility"]);
  });

  it("a provider cannot answer a request it may not see, nor a closed one; a State does not offer to itself", async () => {
    const draft = await senegalRequest({ status: "draft" });
    expect((await failure(createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId: draft })))).fields).toEqual([
      "requestId",
    ]);
    // Brazil is not addressed and the request is shared with the State and UN only: Brazil may not see it.
    const unseen = await senegalRequest();
    const brazil = offerInput(cast.brazil.organizationId, { requestId: unseen, cooperationType: "south_south" });
    expect((await failure(createOffer(handle.db, cast.brazil.viewer, brazil))).fields).toEqual(["requestId"]);
    const withdrawn = await senegalRequest({ status: "withdrawn" });
    expect((await failure(createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId: withdrawn })))).code).toBe(
      "rule_violation",
    );
    const own = await failure(
      createOffer(handle.db, cast.senegal.viewer, offerInput(cast.senegal.organizationId, { stateIso3: "SEN", cooperationType: "bilateral" })),
    );
    expect(own.fields).toEqual(["stateIso3"]);
  });
});

describe("editing a draft", () => {
  it("refuses a stale version and overwrites nothing", async () => {
    const { id } = await createOffer(handle.db, cast.unesco.viewer, offerInput(cast.unesco.organizationId));
    const edited = await updateOffer(handle.db, cast.unesco.viewer, id, {
      ...offerInput(cast.unesco.organizationId),
      title: "Second title for this offer",
      version: 1,
    });
    expect(edited.version).toBe(2);
    const stale = await failure(
      updateOffer(handle.db, cast.unesco.viewer, id, { ...offerInput(cast.unesco.organizationId), title: "Stale title", version: 1 }),
    );
    expect(stale.code).toBe("conflict");
    expect((await getOffer(handle.db, cast.unesco.viewer, id)).title).toBe("Second title for this offer");
    expect(await auditActions(handle.db, id)).toEqual(["offer.create", "offer.update"]);
  });

  it("only the provider edits, and only a draft", async () => {
    const { id } = await createOffer(handle.db, cast.unesco.viewer, offerInput(cast.unesco.organizationId));
    expect((await failure(updateOffer(handle.db, cast.ohchr.viewer, id, { ...offerInput(cast.unesco.organizationId), version: 1 }))).code).toBe("not_found");
    await transitionOffer(handle.db, cast.unesco.viewer, id, { to: "published" });
    expect((await failure(updateOffer(handle.db, cast.unesco.viewer, id, { ...offerInput(cast.unesco.organizationId), version: 2 }))).code).toBe(
      "rule_violation",
    );
  });
});

describe("offers and the request they answer", () => {
  it("publishing acknowledges a submitted request and moves it to offer_made, with audit events", async () => {
    const requestId = await senegalRequest();
    const { id } = await createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId }));
    const result = await transitionOffer(handle.db, cast.ohchr.viewer, id, { to: "published", version: 1 });
    expect(result).toEqual({ id, status: "published", version: 2 });
    expect(await requestStatus(handle.db, requestId)).toBe("offer_made");
    expect(await requestEvents(handle.db, requestId)).toEqual([
      { from: "submitted", to: "acknowledged", reason: null },
      { from: "acknowledged", to: "offer_made", reason: null },
    ]);
    expect(await auditActions(handle.db, requestId)).toEqual(["request.acknowledged", "request.offer_made"]);
    expect(await auditActions(handle.db, id)).toEqual(["offer.create", "offer.published"]);
  });

  it.each(["acknowledged", "under_assessment"])("publishing on an %s request moves it straight to offer_made", async (status) => {
    const requestId = await senegalRequest({ status });
    const { id } = await createOffer(handle.db, cast.unesco.viewer, offerInput(cast.unesco.organizationId, { requestId }));
    await transitionOffer(handle.db, cast.unesco.viewer, id, { to: "published" });
    expect(await requestEvents(handle.db, requestId)).toEqual([{ from: status, to: "offer_made", reason: null }]);
  });

  it("the State accepts one offer: the request is agreed and the other offers are declined", async () => {
    const requestId = await senegalRequest();
    const a = await createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId }));
    const b = await createOffer(handle.db, cast.unesco.viewer, offerInput(cast.unesco.organizationId, { requestId }));
    await transitionOffer(handle.db, cast.ohchr.viewer, a.id, { to: "published" });
    await transitionOffer(handle.db, cast.unesco.viewer, b.id, { to: "published" });
    const offer = await getOffer(handle.db, cast.senegal.viewer, a.id);
    expect(offerStepsFor(cast.senegal.viewer, offer).map((s) => s.to)).toEqual(["accepted", "declined"]);
    await transitionOffer(handle.db, cast.senegal.viewer, a.id, { to: "accepted" });
    expect(await offerStatus(handle.db, a.id)).toMatchObject({ status: "accepted" });
    expect(await offerStatus(handle.db, b.id)).toMatchObject({ status: "declined", reason: OTHER_OFFER_ACCEPTED });
    expect(await requestStatus(handle.db, requestId)).toBe("agreed");
    expect((await auditActions(handle.db, b.id)).at(-1)).toBe("offer.declined");
  });

  it("declining the last published offer returns the request to assessment; declining one of two does not", async () => {
    const requestId = await senegalRequest({ status: "under_assessment" });
    const a = await createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId }));
    const b = await createOffer(handle.db, cast.unesco.viewer, offerInput(cast.unesco.organizationId, { requestId }));
    await transitionOffer(handle.db, cast.ohchr.viewer, a.id, { to: "published" });
    await transitionOffer(handle.db, cast.unesco.viewer, b.id, { to: "published" });
    await transitionOffer(handle.db, cast.senegal.viewer, a.id, { to: "declined", reason: "Timing does not fit the school year" });
    expect(await requestStatus(handle.db, requestId)).toBe("offer_made");
    await transitionOffer(handle.db, cast.senegal.viewer, b.id, { to: "declined", reason: "Not in French" });
    expect(await offerStatus(handle.db, b.id)).toMatchObject({ status: "declined", reason: "Not in French" });
    expect(await requestStatus(handle.db, requestId)).toBe("under_assessment");
  });

  it("withdrawing the last published offer also returns the request to assessment", async () => {
    const requestId = await senegalRequest({ status: "acknowledged" });
    const a = await createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId }));
    await transitionOffer(handle.db, cast.ohchr.viewer, a.id, { to: "published" });
    await transitionOffer(handle.db, cast.ohchr.viewer, a.id, { to: "withdrawn", reason: "Funding fell through" });
    expect((await requestEvents(handle.db, requestId)).map((e) => e.to)).toEqual(["offer_made", "under_assessment"]);
  });

  it("refuses the wrong party and a missing reason, writing nothing", async () => {
    const requestId = await senegalRequest();
    const { id } = await createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId }));
    expect((await failure(transitionOffer(handle.db, cast.senegal.viewer, id, { to: "published" }))).code).toBe("not_found"); // a draft is the provider's alone
    await transitionOffer(handle.db, cast.ohchr.viewer, id, { to: "published" });
    const before = await auditCount(handle.db);
    const cases: [keyof Cast, string, string | undefined, string][] = [
      ["ohchr", "accepted", undefined, "forbidden"],
      ["senegal", "withdrawn", "no", "forbidden"],
      ["senegal", "closed", undefined, "forbidden"],
      ["mali", "accepted", undefined, "not_found"],
      ["unesco", "accepted", undefined, "forbidden"],
      ["senegal", "declined", undefined, "rule_violation"],
      ["ohchr", "withdrawn", "  ", "rule_violation"],
      ["senegal", "draft", undefined, "forbidden"],
    ];
    for (const [who, to, reason, code] of cases) {
      const f = await failure(transitionOffer(handle.db, cast[who].viewer, id, { to: to as never, reason }));
      expect(`${who} → ${to}: ${f.code}`).toBe(`${who} → ${to}: ${code}`);
    }
    expect((await failure(transitionOffer(handle.db, cast.ohchr.viewer, id, { to: "closed", version: 1 }))).code).toBe("conflict");
    expect(await auditCount(handle.db)).toBe(before);
    expect(await offerStatus(handle.db, id)).toMatchObject({ status: "published", version: 2 });
    expect(await requestStatus(handle.db, requestId)).toBe("offer_made");
  });

  it("an offer cannot be published once its request is agreed elsewhere, and nothing is written", async () => {
    const requestId = await senegalRequest();
    const a = await createOffer(handle.db, cast.ohchr.viewer, offerInput(cast.ohchr.organizationId, { requestId }));
    const late = await createOffer(handle.db, cast.unesco.viewer, offerInput(cast.unesco.organizationId, { requestId }));
    await transitionOffer(handle.db, cast.ohchr.viewer, a.id, { to: "published" });
    await transitionOffer(handle.db, cast.senegal.viewer, a.id, { to: "accepted" });
    const before = await auditCount(handle.db);
    expect((await failure(transitionOffer(handle.db, cast.unesco.viewer, late.id, { to: "published" }))).code).toBe("rule_violation");
    expect(await auditCount(handle.db)).toBe(before);
    expect(await offerStatus(handle.db, late.id)).toMatchObject({ status: "draft" });
  });
});

describe("provider capability profile", () => {
  it("is created at version 0, updated with optimistic locking, and checked against reference data", async () => {
    const orgId = cast.brazil.organizationId;
    expect((await getProvider(handle.db, cast.brazil.viewer, orgId)).profile.version).toBe(0);
    const input = {
      summary: "South-South cooperation on inclusive education",
      themes: ["E5"],
      cooperationTypes: ["south_south" as const],
      languages: ["pt", "es"],
      regions: ["419"],
    };
    const saved = await saveProviderProfile(handle.db, cast.brazil.viewer, orgId, { ...input, version: 0 });
    expect(saved).toMatchObject({ version: 1, themes: ["E5"], regions: ["419"] });
    expect((await failure(saveProviderProfile(handle.db, cast.brazil.viewer, orgId, { ...input, version: 0 }))).code).toBe("conflict");
    expect((await saveProviderProfile(handle.db, cast.brazil.viewer, orgId, { ...input, summary: "Updated", version: 1 })).version).toBe(2);
    expect((await failure(saveProviderProfile(handle.db, cast.brazil.viewer, orgId, { ...input, themes: ["H9"], version: 2 }))).fields).toEqual(["themes"]);
    expect((await failure(saveProviderProfile(handle.db, cast.ohchr.viewer, orgId, { ...input, version: 2 }))).code).toBe("forbidden");
    expect((await failure(saveProviderProfile(handle.db, cast.cso.viewer, cast.cso.organizationId, { ...input, version: 0 }))).code).toBe("not_found");
    expect(await auditActions(handle.db, orgId)).toContain("provider_profile.save");
  });
});
