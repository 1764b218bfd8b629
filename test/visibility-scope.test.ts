import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Visibility } from "../src/domain/access/viewer.js";
import { ANONYMOUS, canSee, scopeOf, type Viewer } from "../src/domain/access/viewer.js";
import { listOrganizations } from "../src/domain/accounts/organization-queries.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeOrganization, makeUserWithRole } from "./factories.js";

// The visibility rule enforced in SQL (store/visibility-scope.ts), checked role by role against real rows
// and against the plain-code rule canSee(): both must give the same answer for every viewer and record.
let handle: DbHandle;
const records: Record<Visibility, string> = { public: "", state_and_un: "", un_only: "", originator_only: "" };
const viewers: Record<string, Viewer> = {};
let originatorOrgId = "";

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  const cso = await makeUserWithRole(db, "cso", { type: "cso", countryIso3: "SEN", visibility: "originator_only" });
  originatorOrgId = cso.organizationId;
  records.originator_only = cso.organizationId;
  for (const v of ["public", "state_and_un", "un_only"] as const) {
    records[v] = (await makeOrganization(db, { type: "cso", countryIso3: "SEN", visibility: v, slug: `rec-${v.replaceAll("_", "-")}` })).id;
  }
  viewers.anonymous = ANONYMOUS;
  viewers.senegalFocalPoint = (await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "SEN" })).viewer;
  viewers.senegalNmirf = (await makeUserWithRole(db, "nmirf", { type: "government", countryIso3: "SEN" })).viewer;
  viewers.maliFocalPoint = (await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "MLI" })).viewer;
  viewers.ohchrOfficer = (await makeUserWithRole(db, "ohchr_officer", { type: "un_entity" })).viewer;
  viewers.unescoOfficer = (await makeUserWithRole(db, "un_agency_officer", { type: "un_entity" })).viewer;
  viewers.csoAuthor = cso.viewer;
  viewers.otherCso = (await makeUserWithRole(db, "cso", { type: "cso", countryIso3: "SEN" })).viewer;
  viewers.nhri = (await makeUserWithRole(db, "nhri", { type: "nhri", countryIso3: "SEN" })).viewer;
  viewers.donor = (await makeUserWithRole(db, "donor", { type: "government", countryIso3: "NOR" })).viewer;
  viewers.admin = (await makeUserWithRole(db, "admin", { type: "un_entity" })).viewer;
});
afterAll(async () => {
  await handle.close();
});

// Which of the four Senegal records each viewer may see: public, state_and_un, un_only, originator_only.
const EXPECTED: Record<string, Visibility[]> = {
  anonymous: ["public"],
  senegalFocalPoint: ["public", "state_and_un"],
  senegalNmirf: ["public", "state_and_un"],
  maliFocalPoint: ["public"],
  ohchrOfficer: ["public", "state_and_un", "un_only"],
  unescoOfficer: ["public", "state_and_un", "un_only"],
  csoAuthor: ["public", "originator_only"],
  otherCso: ["public"],
  nhri: ["public"],
  donor: ["public"],
  admin: ["public"],
};

describe("viewer scope in SQL", () => {
  it.each(Object.keys(EXPECTED))("%s sees exactly what the rules allow", async (name) => {
    const viewer = viewers[name] as Viewer;
    const page = await listOrganizations(handle.db, viewer, { countryIso3: "SEN", type: "cso", limit: 500, offset: 0 });
    const ids = new Set(page.items.map((o) => o.id));
    const seen = (Object.keys(records) as Visibility[]).filter((v) => ids.has(records[v]));
    expect(seen.sort()).toEqual([...(EXPECTED[name] as Visibility[])].sort());
    // The count the page shows comes from the same filter: never more than what is listed.
    expect(page.total).toBe(page.items.length);
    // Same answer as the plain-code rule.
    const scope = scopeOf(viewer);
    for (const v of Object.keys(records) as Visibility[]) {
      const originator = v === "originator_only" ? originatorOrgId : records[v];
      expect(canSee(scope, { visibility: v, stateIso3: "SEN", originatorOrganizationId: originator })).toBe(ids.has(records[v]));
    }
  });
});
