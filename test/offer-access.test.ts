import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canSeeOffer } from "../src/domain/access/cooperation-access.js";
import { ANONYMOUS, scopeOf, type Viewer, type Visibility } from "../src/domain/access/viewer.js";
import { isAppError } from "../src/domain/core/app-error.js";
import { canSeePairing } from "../src/domain/matching/pairing-access.js";
import { createPairing, getPairing } from "../src/domain/matching/pairing-service.js";
import { createOffer, getOffer, listOffers } from "../src/domain/offers/offer-service.js";
import { transitionOffer } from "../src/domain/offers/offer-transition-service.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { type Cast, insertRequest, makeCast, offerInput } from "./offer-fixtures.js";

// Who sees which offer and which pairing, role by role, in SQL (the services) and in plain code (canSeeOffer,
// canSeePairing): both must agree on every row, and match the table below.
let handle: DbHandle;
let cast: Cast;
const offers: Record<string, { id: string; organizationId: string; status: string; visibility: Visibility; stateIso3: string | null }> = {};
let pairing = { id: "", stateIso3: "SEN", requestOrganizationId: "", providerId: "" };

const viewers = (): Record<string, Viewer> => ({
  anonymous: ANONYMOUS,
  senegal: cast.senegal.viewer,
  mali: cast.mali.viewer,
  ohchr: cast.ohchr.viewer,
  unesco: cast.unesco.viewer,
  brazil: cast.brazil.viewer,
  cso: cast.cso.viewer,
});

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  cast = await makeCast(db);
  const make = async (name: string, who: keyof Cast, visibility: Visibility, extra: Record<string, unknown>, publish: boolean) => {
    const input = offerInput(cast[who].organizationId, { visibility, ...extra });
    const { id } = await createOffer(db, cast[who].viewer, input);
    if (publish) await transitionOffer(db, cast[who].viewer, id, { to: "published" });
    offers[name] = {
      id,
      organizationId: cast[who].organizationId,
      status: publish ? "published" : "draft",
      visibility,
      stateIso3: (extra.stateIso3 as string) ?? null,
    };
  };
  await make("draftToSenegal", "ohchr", "state_and_un", { stateIso3: "SEN" }, false);
  await make("publicBoard", "ohchr", "public", {}, true);
  await make("toSenegal", "ohchr", "state_and_un", { stateIso3: "SEN" }, true);
  await make("unOnly", "unesco", "un_only", {}, true);
  await make("brazilOwn", "brazil", "originator_only", { cooperationType: "south_south" }, true);
  const requestId = await insertRequest(db, { stateIso3: "SEN", organizationId: cast.senegal.organizationId, providers: [cast.unesco.organizationId] });
  const { id: answer } = await createOffer(db, cast.unesco.viewer, offerInput(cast.unesco.organizationId, { requestId }));
  await transitionOffer(db, cast.unesco.viewer, answer, { to: "published" });
  const { id } = await createPairing(db, cast.unesco.viewer, { requestId, offerId: answer });
  pairing = { id, stateIso3: "SEN", requestOrganizationId: cast.senegal.organizationId, providerId: cast.unesco.organizationId };
});
afterAll(async () => {
  await handle.close();
});

const EXPECTED: Record<string, string[]> = {
  anonymous: ["publicBoard"],
  senegal: ["publicBoard", "toSenegal"],
  mali: ["publicBoard"],
  ohchr: ["draftToSenegal", "publicBoard", "toSenegal", "unOnly"],
  unesco: ["publicBoard", "toSenegal", "unOnly"],
  brazil: ["brazilOwn", "publicBoard"],
  cso: ["publicBoard"],
};

async function visible(p: Promise<unknown>): Promise<boolean> {
  try {
    await p;
    return true;
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") return false;
    throw e;
  }
}

describe("offer visibility", () => {
  it.each(Object.keys(EXPECTED))("%s sees exactly the offers the rules allow, in SQL and in code", async (name) => {
    const viewer = viewers()[name] as Viewer;
    const scope = scopeOf(viewer);
    const seen: string[] = [];
    for (const [key, o] of Object.entries(offers)) {
      const sql = await visible(getOffer(handle.db, viewer, o.id));
      expect(canSeeOffer(scope, o), `${name}/${key}`).toBe(sql);
      if (sql) seen.push(key);
    }
    expect(seen.sort()).toEqual(EXPECTED[name]);
    // The board lists published offers only, through the same filter.
    const board = await listOffers(handle.db, viewer, { limit: 500 });
    const ids = new Set(board.items.map((o) => o.id));
    const onBoard = Object.entries(offers)
      .filter(([, o]) => ids.has(o.id))
      .map(([k]) => k);
    expect(onBoard.sort()).toEqual((EXPECTED[name] ?? []).filter((k) => offers[k]?.status === "published"));
    expect(board.total).toBe(board.items.length);
  });

  it("a provider lists its own drafts with mine, nobody else's", async () => {
    const mine = await listOffers(handle.db, cast.ohchr.viewer, { mine: true, limit: 500 });
    expect(mine.items.map((o) => o.id)).toContain(offers.draftToSenegal?.id);
    expect(mine.items.every((o) => o.provider.id === cast.ohchr.organizationId)).toBe(true);
    const drafts = await listOffers(handle.db, cast.unesco.viewer, { status: "draft", limit: 500 });
    expect(drafts.items.map((o) => o.id)).not.toContain(offers.draftToSenegal?.id);
  });
});

describe("pairing visibility", () => {
  it.each([
    ["anonymous", false],
    ["senegal", true],
    ["mali", false],
    ["ohchr", true],
    ["unesco", true],
    ["brazil", false],
    ["cso", false],
  ])("%s: %s, in SQL and in code", async (name, expected) => {
    const viewer = viewers()[name] as Viewer;
    expect(await visible(getPairing(handle.db, viewer, pairing.id))).toBe(expected);
    expect(canSeePairing(scopeOf(viewer), pairing)).toBe(expected);
  });
});
