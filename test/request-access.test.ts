import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canSeeRequest } from "../src/domain/access/cooperation-access.js";
import { ANONYMOUS, scopeOf, type Viewer } from "../src/domain/access/viewer.js";
import { AppError } from "../src/domain/core/app-error.js";
import { getRequest, listProviderQueue, listRequests, listStateRequests } from "../src/domain/requests/request-queries.js";
import { changeRequestStatus, createRequestDraft } from "../src/domain/requests/request-service.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeUserWithRole } from "./factories.js";

// Who sees which assistance request, role by role (DESIGN.md "Access"): the SQL filter of the lists and the detail,
// and the plain-code rule canSeeRequest(), must agree on every viewer and record.
let handle: DbHandle;
const viewers: Record<string, Viewer> = {};
const records = { draft: "", shared: "", published: "" };
let ohchrOrg = "";
let regionalOrg = "";

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  const sen = await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "SEN" });
  const ohchr = await makeUserWithRole(db, "ohchr_officer", { type: "un_entity" });
  const regional = await makeUserWithRole(db, "cooperation_officer", { type: "regional_organization" });
  ohchrOrg = ohchr.organizationId;
  regionalOrg = regional.organizationId;
  viewers.anonymous = ANONYMOUS;
  viewers.senegalFocalPoint = sen.viewer;
  viewers.senegalNmirf = (await makeUserWithRole(db, "nmirf", { type: "government", countryIso3: "SEN" })).viewer;
  viewers.maliFocalPoint = (await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "MLI" })).viewer;
  viewers.addressedOhchrOfficer = ohchr.viewer;
  viewers.otherUnOfficer = (await makeUserWithRole(db, "un_agency_officer", { type: "un_entity" })).viewer;
  viewers.addressedRegionalOfficer = regional.viewer;
  viewers.otherRegionalOfficer = (await makeUserWithRole(db, "cooperation_officer", { type: "regional_organization" })).viewer;
  viewers.cso = (await makeUserWithRole(db, "cso", { type: "cso", countryIso3: "SEN" })).viewer;
  viewers.nhri = (await makeUserWithRole(db, "nhri", { type: "nhri", countryIso3: "SEN" })).viewer;
  viewers.admin = (await makeUserWithRole(db, "admin", { type: "un_entity" })).viewer;

  const base = {
    needsStatement: "Teacher training",
    providerIds: [ohchr.organizationId, regional.organizationId],
    nationalActors: [
      { actorType: "cso", involvement: "consultation", name: "Named with consent", nameConsented: true },
      { actorType: "teachers_union", involvement: "co_design", name: "Named without consent", nameConsented: false },
    ],
  };
  records.draft = (await createRequestDraft(db, sen.viewer, { ...base, title: "Draft" })).id;
  records.shared = (await createRequestDraft(db, sen.viewer, { ...base, title: "Shared" })).id;
  records.published = (await createRequestDraft(db, sen.viewer, { ...base, title: "Published", visibility: "public" })).id;
  await changeRequestStatus(db, sen.viewer, records.shared, { to: "submitted" });
  await changeRequestStatus(db, sen.viewer, records.published, { to: "submitted" });
});
afterAll(async () => {
  await handle.close();
});

type Rec = keyof typeof records;
const EXPECTED: Record<string, Rec[]> = {
  anonymous: ["published"],
  senegalFocalPoint: ["draft", "shared", "published"],
  senegalNmirf: ["draft", "shared", "published"],
  maliFocalPoint: ["published"],
  addressedOhchrOfficer: ["shared", "published"],
  // UN providers see what is shared with "the State and UN providers"
  otherUnOfficer: ["shared", "published"],
  addressedRegionalOfficer: ["shared", "published"],
  otherRegionalOfficer: ["published"],
  cso: ["published"],
  nhri: ["published"],
  // the administrator role manages accounts and grants no reading (R31)
  admin: ["published"],
};

describe("assistance request visibility", () => {
  it.each(Object.keys(EXPECTED))("%s sees exactly what the rules allow, in lists, detail and code", async (name) => {
    const viewer = viewers[name] as Viewer;
    const listed = new Set((await listRequests(handle.db, viewer, { limit: 500 })).items.map((r) => r.id));
    const seen = (Object.keys(records) as Rec[]).filter((k) => listed.has(records[k]));
    expect(seen).toEqual(EXPECTED[name]);
    for (const k of Object.keys(records) as Rec[]) {
      const visible = (EXPECTED[name] as Rec[]).includes(k);
      const detail = await getRequest(handle.db, viewer, records[k]).then(
        () => true,
        (e: unknown) => {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe("not_found");
          return false;
        },
      );
      expect(detail, `${name} detail of ${k}`).toBe(visible);
      const facts = {
        stateIso3: "SEN",
        organizationId: (viewers.senegalFocalPoint as Viewer).memberships[0]?.organizationId as string,
        status: k === "draft" ? "draft" : "submitted",
        visibility: k === "published" ? ("public" as const) : ("state_and_un" as const),
        addressedProviderIds: [ohchrOrg, regionalOrg],
      };
      expect(canSeeRequest(scopeOf(viewer), facts), `${name} canSeeRequest ${k}`).toBe(visible);
    }
  });

  it("a State's own list has its drafts; a provider's queue has only submitted requests addressed to it", async () => {
    const state = await listStateRequests(handle.db, viewers.senegalNmirf as Viewer, { limit: 100, offset: 0 });
    expect(state.items.map((r) => r.title).sort()).toEqual(["Draft", "Published", "Shared"]);
    const queue = await listProviderQueue(handle.db, viewers.addressedRegionalOfficer as Viewer, { limit: 100, offset: 0 });
    expect(queue.items.map((r) => r.title).sort()).toEqual(["Published", "Shared"]);
    expect((await listProviderQueue(handle.db, viewers.otherUnOfficer as Viewer, { limit: 100, offset: 0 })).total).toBe(0);
    expect((await listStateRequests(handle.db, viewers.maliFocalPoint as Viewer, { limit: 100, offset: 0 })).total).toBe(0);
  });

  it.each([
    ["senegalFocalPoint", ["Named with consent", "Named without consent"]],
    ["addressedOhchrOfficer", ["Named with consent", null]],
    ["anonymous", ["Named with consent", null]],
  ])("%s sees national actors' names only with their consent (R8)", async (name, expected) => {
    const r = await getRequest(handle.db, viewers[name] as Viewer, name === "anonymous" ? records.published : records.shared);
    expect(r.nationalActors.map((a) => a.name)).toEqual(expected);
    expect(r.nationalActors.map((a) => a.nameWithheld)).toEqual(expected.map((n) => n === null));
    expect(r.nationalActors.map((a) => a.actorType)).toEqual(["cso", "teachers_union"]);
  });
});
