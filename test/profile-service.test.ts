import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, type Viewer } from "../src/domain/access/viewer.js";
import { type AppError, isAppError } from "../src/domain/core/app-error.js";
import { addProfileEntry, addStateContact, editProfileEntry, editStateContact, getStateProfile } from "../src/domain/profiles/profile-service.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeUserWithRole } from "./factories.js";

let handle: DbHandle;
const v: Record<string, Viewer> = {};

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  v.focal = (await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "SEN" })).viewer;
  v.nmirf = (await makeUserWithRole(db, "nmirf", { type: "government", countryIso3: "SEN" })).viewer;
  v.mali = (await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "MLI" })).viewer;
  v.ohchr = (await makeUserWithRole(db, "ohchr_officer", { type: "un_entity" })).viewer;
  v.cso = (await makeUserWithRole(db, "cso", { type: "cso", countryIso3: "SEN" })).viewer;
});
afterAll(async () => {
  await handle.close();
});

/** The focal point of another State (each test works on its own State so tests do not share ranks). */
const focalOf = async (iso3: string) => (await makeUserWithRole(handle.db, "state_focal_point", { type: "government", countryIso3: iso3 })).viewer;

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

const need = (title: string, priorityRank: number | null, extra: Record<string, unknown> = {}) => ({ kind: "need" as const, title, priorityRank, ...extra });
const ranks = async (iso3: string) =>
  (await getStateProfile(handle.db, v.ohchr as Viewer, iso3)).needs.map((n) => [n.title, n.priorityRank, n.status] as const);

describe("State profile entries (R2)", () => {
  it("re-ranking moves the other open needs down; every change is audited", async () => {
    const db = handle.db;
    const a = await addProfileEntry(db, v.focal as Viewer, "SEN", need("Teacher training for distance learning", 1));
    const b = await addProfileEntry(db, v.nmirf as Viewer, "SEN", need("Girls' return to school", 1));
    expect(b.moved).toEqual([{ id: a.id, from: 1, to: 2 }]);
    await addProfileEntry(db, v.focal as Viewer, "SEN", need("Unranked need", null));
    await addProfileEntry(db, v.focal as Viewer, "SEN", need("Connectivity for rural schools", 2));
    expect(await ranks("SEN")).toEqual([
      ["Girls' return to school", 1, "open"],
      ["Connectivity for rural schools", 2, "open"],
      ["Teacher training for distance learning", 3, "open"],
      ["Unranked need", null, "open"],
    ]);
    // A met need frees its place (and keeps its number for the record); met needs come last.
    await editProfileEntry(db, v.focal as Viewer, "SEN", b.id, { ...need("Girls' return to school", 1), status: "met", version: 1 });
    await addProfileEntry(db, v.focal as Viewer, "SEN", need("Inclusive learning", 1));
    expect((await ranks("SEN")).map(([t, r, s]) => `${t}:${r}:${s}`)).toEqual([
      "Inclusive learning:1:open",
      "Connectivity for rural schools:2:open",
      "Teacher training for distance learning:3:open",
      "Unranked need:null:open",
      "Girls' return to school:1:met",
    ]);
    const audit = await db.selectFrom("audit_events").select(["action", "entity_id"]).where("action", "like", "profile.%").orderBy("seq").execute();
    expect(audit.map((r) => r.action)).toEqual([
      "profile.entry.create",
      "profile.entry.create",
      "profile.entry.create",
      "profile.entry.create",
      "profile.entry.update",
      "profile.entry.create",
    ]);
  });

  it("moving a need's rank up bumps the version of the needs it moves, so their stale forms are refused", async () => {
    const db = handle.db;
    const bfa = await focalOf("BFA");
    const first = await addProfileEntry(db, bfa, "BFA", need("Legislative review", 1));
    const second = await addProfileEntry(db, bfa, "BFA", need("Teacher training", 2));
    await editProfileEntry(db, bfa, "BFA", second.id, { ...need("Teacher training", 1), version: 1 });
    expect(await ranks("BFA")).toEqual([
      ["Teacher training", 1, "open"],
      ["Legislative review", 2, "open"],
    ]);
    const stale = await errorOf(editProfileEntry(db, bfa, "BFA", first.id, { ...need("Legislative review (edited)", 1), version: 1 }));
    expect(stale.code).toBe("conflict");
    expect(stale.problems[0]?.field).toBe("version");
    expect((await ranks("BFA"))[1]?.[0]).toBe("Legislative review");
  });

  it("parallel writers never leave two open needs on one rank", async () => {
    const db = handle.db;
    await Promise.all(Array.from({ length: 5 }, (_, i) => addProfileEntry(db, v.focal as Viewer, "SEN", { kind: "challenge", title: `Challenge ${i}` })));
    const gmb = await focalOf("GMB");
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => addProfileEntry(handle.db, gmb, "GMB", need(`Need ${i}`, 1)).catch((e) => e)));
    expect(results.filter((r) => r instanceof Error)).toEqual([]);
    expect((await ranks("GMB")).map(([, r]) => r).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("refuses bad input with field names and writes nothing", async () => {
    const db = handle.db;
    const before = (await getStateProfile(db, v.focal as Viewer, "SEN")).challenges.length;
    const e1 = await errorOf(addProfileEntry(db, v.focal as Viewer, "SEN", { kind: "challenge", title: "Rank on a challenge", priorityRank: 1 }));
    expect([e1.code, e1.problems.map((p) => p.field)]).toEqual(["invalid_input", ["priorityRank"]]);
    const e2 = await errorOf(
      addProfileEntry(db, v.focal as Viewer, "SEN", { kind: "need", title: "x", priorityRank: 0, themes: ["education"], visibility: "secret" } as never),
    );
    expect(e2.problems.map((p) => p.field).sort()).toEqual(["priorityRank", "themes.0", "title", "visibility"]);
    const e3 = await errorOf(addProfileEntry(db, v.focal as Viewer, "SEN", { kind: "achievement", title: "Not ours", recommendationIds: ["nope:1"] }));
    expect(e3.problems[0]).toEqual({ field: "recommendationIds", message: "not a recommendation to SEN: nope:1" });
    expect((await getStateProfile(db, v.focal as Viewer, "SEN")).challenges.length).toBe(before);
  });

  it("only the State's own focal point or NMIRF writes", async () => {
    const db = handle.db;
    const input = { kind: "achievement" as const, title: "New education law adopted" };
    expect((await errorOf(addProfileEntry(db, ANONYMOUS, "SEN", input))).code).toBe("unauthenticated");
    for (const who of ["mali", "ohchr", "cso"]) expect((await errorOf(addProfileEntry(db, v[who] as Viewer, "SEN", input))).code).toBe("forbidden");
    expect((await errorOf(addProfileEntry(db, v.focal as Viewer, "SEN", { ...input, kind: "rumour" } as never))).code).toBe("invalid_input");
    expect((await errorOf(getStateProfile(db, ANONYMOUS, "XXX"))).code).toBe("not_found");
  });

  it("each entry is seen as the State chose; the State sees all of its own", async () => {
    const db = handle.db;
    const tgo = await focalOf("TGO");
    for (const visibility of ["public", "state_and_un", "un_only", "originator_only"] as const)
      await addProfileEntry(db, tgo, "TGO", { kind: "good_practice", title: `Practice ${visibility}`, visibility });
    const seen = async (viewer: Viewer) => (await getStateProfile(db, viewer, "TGO")).goodPractices.map((e) => e.visibility).sort();
    expect(await seen(ANONYMOUS)).toEqual(["public"]);
    expect(await seen(v.cso as Viewer)).toEqual(["public"]);
    expect(await seen(v.mali as Viewer)).toEqual(["public"]);
    expect(await seen(v.ohchr as Viewer)).toEqual(["public", "state_and_un", "un_only"]);
    expect(await seen(tgo)).toEqual(["originator_only", "public", "state_and_un", "un_only"]);
    expect(await seen(v.nmirf as Viewer)).toEqual(["public"]);
    expect((await getStateProfile(db, v.nmirf as Viewer, "TGO")).canEdit).toBe(false);
    expect((await getStateProfile(db, v.nmirf as Viewer, "SEN")).canEdit).toBe(true);
  });
});

describe("State contacts (R2)", () => {
  it("are for the State and UN partners by default, edited with optimistic locking", async () => {
    const db = handle.db;
    const ner = await focalOf("NER");
    const c = await addStateContact(db, ner, "NER", {
      kind: "nmirf",
      name: "Aïssa Diallo",
      functionTitle: "Secrétaire permanente",
      institution: "Mécanisme national",
      email: "nmirf@example.org",
      phone: "+227 20 72 00 00",
    });
    expect((await getStateProfile(db, ANONYMOUS, "NER")).contacts).toEqual([]);
    const seenByUn = (await getStateProfile(db, v.ohchr as Viewer, "NER")).contacts;
    expect(seenByUn).toMatchObject([{ name: "Aïssa Diallo", visibility: "state_and_un", email: "nmirf@example.org", version: 1 }]);
    await editStateContact(db, ner, "NER", c.id, { kind: "nmirf", name: "Aïssa Diallo", email: "", phone: "", visibility: "public", version: 1 });
    expect((await getStateProfile(db, ANONYMOUS, "NER")).contacts).toMatchObject([{ email: null, phone: null, version: 2 }]);
    const stale = await errorOf(editStateContact(db, ner, "NER", c.id, { kind: "nmirf", name: "Overwritten", version: 1 }));
    expect(stale.code).toBe("conflict");
    expect((await getStateProfile(db, ANONYMOUS, "NER")).contacts[0]?.name).toBe("Aïssa Diallo");
    const bad = await errorOf(addStateContact(db, ner, "NER", { kind: "focal_point", name: "A", email: "not-an-email", phone: "call me" }));
    expect(bad.problems.map((p) => p.field).sort()).toEqual(["email", "name", "phone"]);
  });
});
