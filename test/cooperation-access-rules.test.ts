import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ActivityFacts,
  canSeeActivityDetails,
  canSeeOffer,
  canSeeProfileEntry,
  canSeeRequest,
  isInActivityCircle,
  type OfferFacts,
  type ProfileEntryFacts,
  type RequestFacts,
} from "../src/domain/access/cooperation-access.js";
import { ANONYMOUS, scopeOf, type Viewer, VISIBILITIES } from "../src/domain/access/viewer.js";
import {
  activityCircleIncludes,
  activityDetailsVisibleTo,
  offerVisibleTo,
  profileEntryVisibleTo,
  requestVisibleTo,
} from "../src/store/cooperation-visibility.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeOrganization, makeUserWithRole } from "./factories.js";

// The access rules of technical cooperation (DESIGN.md "Access, consent and publication") exist twice: in plain code
// (domain/access/cooperation-access.ts) and as SQL filters (store/cooperation-visibility.ts) that every list, search,
// aggregate and export applies. Here every combination of status × visibility × addressee is written as a real row,
// and for every viewer the SQL filter must select exactly the rows the plain rule allows — and the rules themselves
// must give the answers DESIGN.md states (explicit expectations below).

let handle: DbHandle;
const viewers: Record<string, Viewer> = {};
const org: Record<string, string> = {};
const requests: (RequestFacts & { id: string })[] = [];
const offers: (OfferFacts & { id: string })[] = [];
const activities: (ActivityFacts & { id: string })[] = [];
const entries: (ProfileEntryFacts & { id: string })[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  const user = async (name: string, role: Parameters<typeof makeUserWithRole>[1], o: Parameters<typeof makeUserWithRole>[2]) => {
    const u = await makeUserWithRole(db, role, o);
    viewers[name] = u.viewer;
    org[name] = u.organizationId;
  };
  viewers.anonymous = ANONYMOUS;
  await user("senegalFocalPoint", "state_focal_point", { type: "government", countryIso3: "SEN" });
  await user("senegalNmirf", "nmirf", { type: "government", countryIso3: "SEN" });
  await user("maliFocalPoint", "state_focal_point", { type: "government", countryIso3: "MLI" });
  await user("ohchrOfficer", "ohchr_officer", { type: "un_entity" });
  await user("unescoOfficer", "un_agency_officer", { type: "un_entity" });
  await user("norwayCooperation", "cooperation_officer", { type: "government", countryIso3: "NOR" });
  await user("regionalOfficer", "cooperation_officer", { type: "regional_organization" });
  await user("cso", "cso", { type: "cso", countryIso3: "SEN" });
  await user("nhri", "nhri", { type: "nhri", countryIso3: "SEN" });
  await user("donor", "donor", { type: "donor" });
  await user("admin", "admin", { type: "un_entity" });
  const implementer = (await makeOrganization(db, { type: "government", countryIso3: "SEN" })).id;

  const requester = org.senegalFocalPoint as string;
  const addressees: [string, string[]][] = [
    ["none", []],
    ["ohchr", [org.ohchrOfficer as string]],
    ["norway", [org.norwayCooperation as string]],
  ];
  for (const status of ["draft", "submitted", "declined"])
    for (const visibility of VISIBILITIES)
      for (const [, addressed] of addressees) {
        const r = await db
          .insertInto("assistance_requests")
          .values({ state_iso3: "SEN", organization_id: requester, status, visibility, title: `${status} ${visibility}` })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const o of addressed) await db.insertInto("assistance_request_providers").values({ request_id: r.id, organization_id: o }).execute();
        requests.push({ id: r.id, stateIso3: "SEN", organizationId: requester, status, visibility, addressedProviderIds: addressed });
      }

  for (const status of ["draft", "published", "withdrawn"])
    for (const visibility of VISIBILITIES)
      for (const stateIso3 of [null, "SEN"]) {
        const provider = org.regionalOfficer as string;
        const o = await db
          .insertInto("offers")
          .values({ organization_id: provider, state_iso3: stateIso3, status, visibility, title: "offer", cooperation_type: "regional" })
          .returning("id")
          .executeTakeFirstOrThrow();
        offers.push({ id: o.id, organizationId: provider, status, visibility, stateIso3 });
      }

  for (const visibility of VISIBILITIES)
    for (const withheld of [false, true])
      for (const participant of [null, org.norwayCooperation as string, implementer]) {
        const provider = org.unescoOfficer as string;
        const a = await db
          .insertInto("activities")
          .values({
            organization_id: provider,
            state_iso3: "SEN",
            title: "activity",
            visibility,
            details_withheld: withheld,
            withheld_reason: withheld ? "security of participants" : null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (participant)
          await db.insertInto("activity_participants").values({ activity_id: a.id, organization_id: participant, name: "participant", role: 4 }).execute();
        activities.push({
          id: a.id,
          organizationId: provider,
          stateIso3: "SEN",
          visibility,
          detailsWithheld: withheld,
          participantOrganizationIds: participant ? [participant] : [],
        });
      }

  for (const visibility of VISIBILITIES) {
    const e = await db
      .insertInto("state_profile_entries")
      .values({ state_iso3: "SEN", kind: "need", title: "need", visibility, organization_id: requester })
      .returning("id")
      .executeTakeFirstOrThrow();
    entries.push({ id: e.id, stateIso3: "SEN", organizationId: requester, visibility });
  }
});
afterAll(async () => {
  await handle.close();
});

const idsWhere = async (
  table: "assistance_requests" | "offers" | "activities" | "state_profile_entries",
  alias: string,
  filter: ReturnType<typeof sql<boolean>>,
) => {
  const rows = await sql<{ id: string }>`SELECT ${sql.ref(`${alias}.id`)} AS id FROM ${sql.table(table)} AS ${sql.raw(alias)} WHERE ${filter}`.execute(
    handle.db,
  );
  return new Set(rows.rows.map((r) => r.id));
};

describe("cooperation access: SQL filters select exactly what the plain rules allow", () => {
  const names = () => Object.keys(viewers);
  it.each([
    "anonymous",
    "senegalFocalPoint",
    "senegalNmirf",
    "maliFocalPoint",
    "ohchrOfficer",
    "unescoOfficer",
    "norwayCooperation",
    "regionalOfficer",
    "cso",
    "nhri",
    "donor",
    "admin",
  ])("%s", async (name) => {
    expect(names()).toContain(name);
    const scope = scopeOf(viewers[name] as Viewer);
    const sqlRequests = await idsWhere("assistance_requests", "r", requestVisibleTo(scope, "r") as ReturnType<typeof sql<boolean>>);
    for (const r of requests)
      expect(sqlRequests.has(r.id), `request ${r.status}/${r.visibility}/${r.addressedProviderIds.length}`).toBe(canSeeRequest(scope, r));
    const sqlOffers = await idsWhere("offers", "o", offerVisibleTo(scope, "o") as ReturnType<typeof sql<boolean>>);
    for (const o of offers) expect(sqlOffers.has(o.id), `offer ${o.status}/${o.visibility}/${o.stateIso3}`).toBe(canSeeOffer(scope, o));
    const sqlDetails = await idsWhere("activities", "a", activityDetailsVisibleTo(scope, "a") as ReturnType<typeof sql<boolean>>);
    const sqlCircle = await idsWhere("activities", "a", activityCircleIncludes(scope, "a") as ReturnType<typeof sql<boolean>>);
    for (const a of activities) {
      const label = `activity ${a.visibility}/withheld=${a.detailsWithheld}/${a.participantOrganizationIds.length}`;
      expect(sqlDetails.has(a.id), label).toBe(canSeeActivityDetails(scope, a));
      expect(sqlCircle.has(a.id), label).toBe(isInActivityCircle(scope, a));
    }
    const sqlEntries = await idsWhere("state_profile_entries", "e", profileEntryVisibleTo(scope, "e") as ReturnType<typeof sql<boolean>>);
    for (const e of entries) expect(sqlEntries.has(e.id), `entry ${e.visibility}`).toBe(canSeeProfileEntry(scope, e));
  });
});

describe("cooperation access: what each role sees (DESIGN.md)", () => {
  const scope = (name: string) => scopeOf(viewers[name] as Viewer);
  const seenRequests = (name: string, where: (r: RequestFacts) => boolean) => requests.filter(where).filter((r) => canSeeRequest(scope(name), r)).length;

  it("drafts are the State's alone: no provider, other State, CSO or administrator sees one", () => {
    const drafts = (r: RequestFacts) => r.status === "draft";
    expect(seenRequests("senegalFocalPoint", drafts)).toBe(requests.filter(drafts).length);
    expect(seenRequests("senegalNmirf", drafts)).toBe(requests.filter(drafts).length);
    for (const name of ["anonymous", "maliFocalPoint", "ohchrOfficer", "unescoOfficer", "norwayCooperation", "cso", "nhri", "donor", "admin"])
      expect(seenRequests(name, drafts), name).toBe(0);
  });

  it("a submitted request: the State, its addressees and UN providers see it; the public only once published", () => {
    const submitted = (v: string, addressed: string[]) =>
      requests.find((r) => r.status === "submitted" && r.visibility === v && r.addressedProviderIds.join() === addressed.join()) as RequestFacts;
    const toNorway = submitted("state_and_un", [org.norwayCooperation as string]);
    expect(canSeeRequest(scope("norwayCooperation"), toNorway)).toBe(true);
    expect(canSeeRequest(scope("regionalOfficer"), toNorway)).toBe(false);
    expect(canSeeRequest(scope("unescoOfficer"), toNorway)).toBe(true);
    expect(canSeeRequest(scope("anonymous"), toNorway)).toBe(false);
    expect(canSeeRequest(scope("maliFocalPoint"), toNorway)).toBe(false);
    expect(canSeeRequest(scope("anonymous"), submitted("public", []))).toBe(true);
    // A request kept from UN providers is still seen by the provider it is addressed to.
    expect(canSeeRequest(scope("ohchrOfficer"), submitted("originator_only", [org.ohchrOfficer as string]))).toBe(true);
    expect(canSeeRequest(scope("unescoOfficer"), submitted("originator_only", [org.ohchrOfficer as string]))).toBe(false);
  });

  it("offers: a draft is its provider's alone; the State an offer is made to sees it", () => {
    const find = (status: string, v: string, s: string | null) =>
      offers.find((o) => o.status === status && o.visibility === v && o.stateIso3 === s) as OfferFacts;
    expect(canSeeOffer(scope("regionalOfficer"), find("draft", "un_only", null))).toBe(true);
    expect(canSeeOffer(scope("ohchrOfficer"), find("draft", "public", "SEN"))).toBe(false);
    expect(canSeeOffer(scope("senegalFocalPoint"), find("draft", "public", "SEN"))).toBe(false);
    expect(canSeeOffer(scope("senegalFocalPoint"), find("published", "originator_only", "SEN"))).toBe(true);
    expect(canSeeOffer(scope("maliFocalPoint"), find("published", "originator_only", "SEN"))).toBe(false);
    expect(canSeeOffer(scope("anonymous"), find("published", "public", null))).toBe(true);
  });

  it("activities: public by default; withheld details only for the activity's circle", () => {
    const find = (v: string, withheld: boolean, participants: number) =>
      activities.find((a) => a.visibility === v && a.detailsWithheld === withheld && a.participantOrganizationIds.length === participants) as ActivityFacts;
    expect(canSeeActivityDetails(scope("anonymous"), find("public", false, 0))).toBe(true);
    expect(canSeeActivityDetails(scope("anonymous"), find("public", true, 0))).toBe(false);
    expect(canSeeActivityDetails(scope("cso"), find("public", true, 1))).toBe(false);
    expect(canSeeActivityDetails(scope("senegalNmirf"), find("public", true, 0))).toBe(true);
    expect(canSeeActivityDetails(scope("ohchrOfficer"), find("un_only", true, 0))).toBe(true);
    const withNorway = activities.find(
      (a) => a.detailsWithheld && a.visibility === "originator_only" && a.participantOrganizationIds.includes(org.norwayCooperation as string),
    ) as ActivityFacts;
    expect(canSeeActivityDetails(scope("norwayCooperation"), withNorway)).toBe(true);
    expect(canSeeActivityDetails(scope("regionalOfficer"), withNorway)).toBe(false);
    expect(canSeeActivityDetails(scope("admin"), withNorway)).toBe(false);
  });

  it("profile entries: the State sees all of its own; others as the State chose", () => {
    const seen = (name: string) =>
      entries
        .filter((e) => canSeeProfileEntry(scope(name), e))
        .map((e) => e.visibility)
        .sort();
    expect(seen("senegalNmirf")).toEqual([...VISIBILITIES].sort());
    expect(seen("ohchrOfficer")).toEqual(["public", "state_and_un", "un_only"]);
    expect(seen("anonymous")).toEqual(["public"]);
    expect(seen("maliFocalPoint")).toEqual(["public"]);
  });
});
