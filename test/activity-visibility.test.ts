import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canSeeActivityDetails } from "../src/domain/access/cooperation-access.js";
import { ANONYMOUS, scopeOf, type Viewer } from "../src/domain/access/viewer.js";
import { addParticipant } from "../src/domain/activities/activity-parts-service.js";
import { getActivity, listActivities } from "../src/domain/activities/activity-queries.js";
import { startActivity, updateActivity } from "../src/domain/activities/activity-service.js";
import { recordConsent } from "../src/domain/activities/consent-service.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeOrganization, makeUserWithRole } from "./factories.js";

// Who sees which activity, role by role, in SQL (lists and details) and in plain code (canSeeActivityDetails): both
// must agree. Withheld activities are counted for outsiders only from 3 up (small-cell rule, DESIGN.md).

let h: DbHandle;
const viewers: Record<string, Viewer> = {};
const ids: Record<string, string> = {};
let ohchrOrg = "";
let norwayOrg = "";

beforeAll(async () => {
  h = await createTestDb();
  const ohchr = await makeUserWithRole(h.db, "ohchr_officer", { type: "un_entity" });
  ohchrOrg = ohchr.organizationId;
  const senegal = await makeUserWithRole(h.db, "state_focal_point", { type: "government", countryIso3: "SEN" });
  const norway = await makeUserWithRole(h.db, "donor", { type: "government", countryIso3: "NOR" });
  norwayOrg = norway.organizationId;
  Object.assign(viewers, {
    anonymous: ANONYMOUS,
    reportingProvider: ohchr.viewer,
    senegalFocalPoint: senegal.viewer,
    senegalNmirf: (await makeUserWithRole(h.db, "nmirf", { type: "government", countryIso3: "SEN" })).viewer,
    maliFocalPoint: (await makeUserWithRole(h.db, "state_focal_point", { type: "government", countryIso3: "MLI" })).viewer,
    unescoOfficer: (await makeUserWithRole(h.db, "un_agency_officer", { type: "un_entity" })).viewer,
    participatingDonor: norway.viewer,
    cso: (await makeUserWithRole(h.db, "cso", { type: "cso", countryIso3: "SEN" })).viewer,
    admin: (await makeUserWithRole(h.db, "admin", { type: "un_entity" })).viewer,
  });
  const start = async (title: string, visibility: "public" | "un_only" = "public") =>
    (await startActivity(h.db, ohchr.viewer, { organizationId: ohchrOrg, stateIso3: "SEN", title, visibility })).id;
  ids.open = await start("Open activity");
  ids.unOnly = await start("UN-only activity", "un_only");
  ids.withheld = await start("Withheld activity");
  await addParticipant(h.db, ohchr.viewer, ids.withheld, { organizationId: norwayOrg, role: 1 });
  await updateActivity(h.db, senegal.viewer, ids.withheld, { version: 1, detailsWithheld: true, withheldReason: "Security of participants" });
  await recordConsent(h.db, senegal.viewer, ids.open, {
    grantedByName: "Awa Diop (fictional)",
    channel: "note_verbale",
    channelReference: "NV/2026/0777",
    scope: "The whole activity as described in the offer.",
    grantedOn: "2026-01-15",
  });
});
afterAll(async () => {
  await h?.close();
});

// Which of the three Senegal activities each viewer may see in detail.
const EXPECTED: Record<string, string[]> = {
  anonymous: ["open"],
  reportingProvider: ["open", "unOnly", "withheld"],
  // The State concerned is in every one of its activities' circle, whatever the provider's visibility choice.
  senegalFocalPoint: ["open", "unOnly", "withheld"],
  senegalNmirf: ["open", "unOnly", "withheld"],
  maliFocalPoint: ["open"],
  unescoOfficer: ["open", "unOnly", "withheld"],
  participatingDonor: ["open", "withheld"],
  cso: ["open"],
  admin: ["open"],
};

describe("activity visibility, role by role", () => {
  it.each(Object.keys(EXPECTED))("%s: list, detail and plain-code rule agree", async (name) => {
    const viewer = viewers[name] as Viewer;
    const listed = (await listActivities(h.db, viewer, { state: "SEN" })).items.map((a) => a.id);
    const expected = (EXPECTED[name] as string[]).map((k) => ids[k]);
    expect(new Set(listed)).toEqual(new Set(expected));
    for (const [key, id] of Object.entries(ids)) {
      const sees = (EXPECTED[name] as string[]).includes(key);
      if (sees) expect((await getActivity(h.db, viewer, id)).id).toBe(id);
      else await expect(getActivity(h.db, viewer, id)).rejects.toMatchObject({ code: "not_found" });
      const row = await h.db
        .selectFrom("activities")
        .select(["organization_id", "state_iso3", "visibility", "details_withheld"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const plain = canSeeActivityDetails(scopeOf(viewer), {
        organizationId: row.organization_id,
        stateIso3: row.state_iso3,
        visibility: row.visibility,
        detailsWithheld: row.details_withheld,
        participantOrganizationIds: key === "withheld" ? [norwayOrg, ohchrOrg] : [ohchrOrg],
      });
      expect(plain, `${name} / ${key}`).toBe(sees);
    }
  });

  it("consent: everyone who sees the activity sees the badge; who signed and the reference only the circle", async () => {
    const publicView = await getActivity(h.db, ANONYMOUS, ids.open as string);
    expect(publicView.consent).toMatchObject({ kind: "valid", date: "2026-01-15" });
    expect(publicView.consents).toMatchObject([{ grantedOn: "2026-01-15", details: null }]);
    expect(JSON.stringify(publicView)).not.toContain("NV/2026/0777");
    expect(JSON.stringify(publicView)).not.toContain("Awa Diop");
    for (const name of ["senegalFocalPoint", "reportingProvider", "unescoOfficer"]) {
      const v = await getActivity(h.db, viewers[name] as Viewer, ids.open as string);
      expect(v.consents[0]?.details).toMatchObject({ grantedByName: "Awa Diop (fictional)", channelReference: "NV/2026/0777" });
    }
    expect((await getActivity(h.db, viewers.maliFocalPoint as Viewer, ids.open as string)).consents[0]?.details).toBeNull();
  });

  it("leaves out a participating organization that asked not to be listed, for those who may not see it (R31)", async () => {
    const unlisted = await makeOrganization(h.db, { type: "cso", countryIso3: "SEN", visibility: "un_only", name: "Unlisted defenders (fictional)" });
    await addParticipant(h.db, viewers.reportingProvider as Viewer, ids.open as string, { organizationId: unlisted.id, role: 4 });
    const names = async (name: string) => (await getActivity(h.db, viewers[name] as Viewer, ids.open as string)).participants.map((p) => p.name);
    expect(await names("anonymous")).not.toContain("Unlisted defenders (fictional)");
    expect(await names("senegalFocalPoint")).not.toContain("Unlisted defenders (fictional)");
    expect(await names("unescoOfficer")).toContain("Unlisted defenders (fictional)");
  });

  it("counts withheld activities for outsiders only from 3 up, and never for the circle", async () => {
    const provider = viewers.reportingProvider as Viewer;
    const ghana = await makeUserWithRole(h.db, "state_focal_point", { type: "government", countryIso3: "GHA" });
    const withheldInGhana = async () => {
      const { id } = await startActivity(h.db, provider, { organizationId: ohchrOrg, stateIso3: "GHA", title: "Ghana activity" });
      await updateActivity(h.db, ghana.viewer, id, { version: 1, detailsWithheld: true, withheldReason: "Sensitive context for the participants" });
    };
    await startActivity(h.db, provider, { organizationId: ohchrOrg, stateIso3: "GHA", title: "Ghana open activity" });
    await withheldInGhana();
    await withheldInGhana();
    const anonymousList = async () => listActivities(h.db, ANONYMOUS, { state: "GHA" });
    expect(await anonymousList()).toMatchObject({ total: 1, furtherWithheld: null });
    await withheldInGhana();
    expect(await anonymousList()).toMatchObject({ total: 1, furtherWithheld: 3 });
    expect(await listActivities(h.db, ghana.viewer, { state: "GHA" })).toMatchObject({ total: 4, furtherWithheld: null });
    // Filters apply to the count too: none of them is cancelled.
    expect(await listActivities(h.db, ANONYMOUS, { state: "GHA", status: 5 })).toMatchObject({ total: 0, furtherWithheld: null });
  });
});
