import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "../src/domain/access/viewer.js";
import { isAppError } from "../src/domain/core/app-error.js";
import { rankOffersForRequest, rankRequestsForOffer } from "../src/domain/matching/matching-service.js";
import { createOffer } from "../src/domain/offers/offer-service.js";
import { transitionOffer } from "../src/domain/offers/offer-transition-service.js";
import { saveProviderProfile } from "../src/domain/offers/provider-service.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { type Cast, insertRequest, makeCast, offerInput } from "./offer-fixtures.js";

// Journey 2: the provider opens matching and sees offers ranked with reasons — UNESCO's teacher-training offer matches
// themes, SDG 4.c and French; a South-South offer matches region and modality.
let handle: DbHandle;
let cast: Cast;
let requestId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  cast = await makeCast(db);
  requestId = await insertRequest(db, {
    stateIso3: "SEN",
    organizationId: cast.senegal.organizationId,
    providers: [cast.ohchr.organizationId, cast.unesco.organizationId],
    themes: ["E5"],
    sdgTargets: ["4.c"],
    modalities: ["training"],
    workingLanguages: ["fr"],
    visibility: "public",
  });
  const publish = async (name: string, who: keyof Cast, input: Record<string, unknown>) => {
    const { id } = await createOffer(db, cast[who].viewer, offerInput(cast[who].organizationId, input));
    await transitionOffer(db, cast[who].viewer, id, { to: "published" });
    ids[name] = id;
  };
  await publish("unesco", "unesco", {
    title: "Teacher training for distance learning",
    themes: ["E5"],
    sdgTargets: ["4.c"],
    languages: ["fr"],
    regions: ["world"],
    visibility: "public",
  });
  await publish("southSouth", "brazil", {
    title: "South-South exchange on teacher training",
    cooperationType: "south_south",
    themes: ["A5"],
    sdgTargets: ["4.1"],
    languages: ["pt", "es"],
    regions: ["011"],
    modalities: ["training"],
    visibility: "public",
  });
  await publish("elsewhere", "ohchr", {
    title: "Court reform advice for Asia",
    themes: ["D5"],
    sdgTargets: ["16.3"],
    languages: ["en"],
    regions: ["142"],
    modalities: ["advisory_services"],
    visibility: "public",
  });
  await publish("toMali", "ohchr", { title: "Offer made to Mali only", stateIso3: "MLI", visibility: "public" });
  const { id: draft } = await createOffer(
    db,
    cast.unesco.viewer,
    offerInput(cast.unesco.organizationId, { title: "Unpublished UNESCO draft", visibility: "public" }),
  );
  ids.draft = draft;
  await saveProviderProfile(db, cast.unesco.viewer, cast.unesco.organizationId, {
    themes: ["E5"],
    sdgTargets: ["4.c"],
    languages: ["fr", "en"],
    modalities: ["training"],
    regions: ["world"],
    cooperationTypes: ["multilateral"],
    version: 0,
  });
});
afterAll(async () => {
  await handle.close();
});

describe("offers ranked for a request", () => {
  it("ranks published candidate offers with reasons, best first", async () => {
    const result = await rankOffersForRequest(handle.db, cast.ohchr.viewer, requestId);
    expect(result.request).toMatchObject({ id: requestId, stateIso3: "SEN", status: "submitted" });
    const titles = result.offers.map((o) => o.title);
    expect(titles).toEqual(["Teacher training for distance learning", "South-South exchange on teacher training", "Court reform advice for Asia"]);
    const [first, second] = result.offers;
    const reasons = (o: typeof first) =>
      Object.fromEntries((o?.explanation ?? []).filter((e) => e.points > 0).map((e) => [e.factor, [...e.matched, ...e.partial]]));
    expect(reasons(first)).toMatchObject({ themes: ["E5"], sdgTargets: ["4.c"], languages: ["fr"] });
    expect(reasons(second)).toMatchObject({ region: ["011"], modalities: ["training"] });
    expect(first?.score).toBeGreaterThan(second?.score ?? 100);
    // Offers made to another State, and drafts, are not candidates.
    expect(titles).not.toContain("Offer made to Mali only");
    expect(titles).not.toContain("Unpublished UNESCO draft");
  });

  it("suggests providers by capability profile", async () => {
    const result = await rankOffersForRequest(handle.db, cast.senegal.viewer, requestId);
    expect(result.providers[0]).toMatchObject({ provider: { id: cast.unesco.organizationId } });
    expect(result.providers[0]?.score).toBeGreaterThan(80);
  });

  it("gives the same order every time", async () => {
    const a = await rankOffersForRequest(handle.db, cast.ohchr.viewer, requestId);
    const b = await rankOffersForRequest(handle.db, cast.ohchr.viewer, requestId);
    expect(b).toEqual(a);
  });

  it("a request the viewer may not see is not found", async () => {
    const privateRequest = await insertRequest(handle.db, {
      stateIso3: "SEN",
      organizationId: cast.senegal.organizationId,
      providers: [cast.ohchr.organizationId],
    });
    for (const viewer of [ANONYMOUS, cast.mali.viewer, cast.brazil.viewer]) {
      await expect(rankOffersForRequest(handle.db, viewer, privateRequest)).rejects.toSatisfy((e) => isAppError(e) && e.code === "not_found");
    }
  });
});

describe("requests ranked for an offer", () => {
  it("ranks the open requests the provider may see", async () => {
    const closed = await insertRequest(handle.db, { stateIso3: "SEN", organizationId: cast.senegal.organizationId, status: "withdrawn", visibility: "public" });
    const result = await rankRequestsForOffer(handle.db, cast.unesco.viewer, ids.unesco as string);
    const found = result.requests.map((r) => r.request.id);
    expect(found).toContain(requestId);
    expect(found).not.toContain(closed);
    expect(result.requests.find((r) => r.request.id === requestId)?.score).toBeGreaterThan(50);
  });

  it("only for the offer's own provider", async () => {
    await expect(rankRequestsForOffer(handle.db, cast.ohchr.viewer, ids.unesco as string)).rejects.toSatisfy((e) => isAppError(e) && e.code === "forbidden");
    await expect(rankRequestsForOffer(handle.db, cast.ohchr.viewer, ids.draft as string)).rejects.toSatisfy((e) => isAppError(e) && e.code === "not_found");
  });

  it("a State's own requests are not ranked for its own offers", async () => {
    const { id } = await createOffer(
      handle.db,
      cast.senegal.viewer,
      offerInput(cast.senegal.organizationId, { cooperationType: "south_south", visibility: "public" }),
    );
    const result = await rankRequestsForOffer(handle.db, cast.senegal.viewer, id);
    expect(result.requests.every((r) => r.request.stateIso3 !== "SEN")).toBe(true);
  });
});
