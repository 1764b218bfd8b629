import type { Viewer } from "../src/domain/access/viewer.js";
import type { Db } from "../src/store/db.js";
import { makeOrganization, makeUserWithRole } from "./factories.js";

// Shared setting for the assistance-request tests: a requesting State (Senegal) with its focal point and NMIRF,
// another State (Mali), two addressed UN providers, one not addressed, and real recommendations and pledges.

export type RequestCast = {
  senFocal: { userId: string; organizationId: string; viewer: Viewer };
  senNmirf: { userId: string; organizationId: string; viewer: Viewer };
  mliFocal: { userId: string; organizationId: string; viewer: Viewer };
  ohchr: { userId: string; organizationId: string; viewer: Viewer };
  unesco: { userId: string; organizationId: string; viewer: Viewer };
  undp: { userId: string; organizationId: string; viewer: Viewer };
  cso: { userId: string; organizationId: string; viewer: Viewer };
  nhriOrgId: string;
  recs: { senSupported: string[]; senNoted: string; mli: string };
  pledges: { sen: string; other: string };
};

export async function makeRequestCast(db: Db): Promise<RequestCast> {
  const senFocal = await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "SEN" });
  const senNmirf = await makeUserWithRole(db, "nmirf", { type: "government", countryIso3: "SEN" });
  const mliFocal = await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "MLI" });
  const ohchr = await makeUserWithRole(db, "ohchr_officer", { type: "un_entity" });
  const unesco = await makeUserWithRole(db, "un_agency_officer", { type: "un_entity" });
  const undp = await makeUserWithRole(db, "un_agency_officer", { type: "un_entity" });
  const cso = await makeUserWithRole(db, "cso", { type: "cso", countryIso3: "SEN" });
  const nhri = await makeOrganization(db, { type: "nhri", countryIso3: "SEN" });
  const ids = async (state: string, position: string, n: number) =>
    (
      await db
        .selectFrom("recommendations")
        .select("id")
        .where("state_iso3", "=", state)
        .where("position", "=", position as "supported")
        .orderBy("id")
        .limit(n)
        .execute()
    ).map((r) => r.id);
  const pledge = async (state: string, equal: boolean) =>
    (
      await db
        .selectFrom("voluntary_pledges")
        .select("id")
        .where("state_iso3", equal ? "=" : "<>", state)
        .orderBy("id")
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
  const [senNoted] = await ids("SEN", "noted", 1);
  const [mli] = await ids("MLI", "supported", 1);
  return {
    senFocal,
    senNmirf,
    mliFocal,
    ohchr,
    unesco,
    undp,
    cso,
    nhriOrgId: nhri.id,
    recs: { senSupported: await ids("SEN", "supported", 3), senNoted: senNoted as string, mli: mli as string },
    pledges: { sen: await pledge("SEN", true), other: await pledge("SEN", false) },
  };
}

/** A complete draft: every section filled with valid values. */
export function fullDraft(c: RequestCast) {
  return {
    title: "Teacher training for distance learning",
    needsStatement: "Train 2,000 teachers to teach by radio and mobile phone; bring girls back to school after the closures.",
    objectives: "Continuity of learning for every child; girls' return to school.",
    priorityRank: 2,
    channelReference: "NV/2026/117",
    providerIds: [c.ohchr.organizationId, c.unesco.organizationId],
    recommendationIds: [...c.recs.senSupported],
    pledgeIds: [c.pledges.sen],
    treatyArticles: ["CRC art. 28", "ICESCR art. 13"],
    themes: ["E5", "F3"],
    persons: ["girls", "children"],
    sdgTargets: ["4.1", "4.c"],
    iscedLevels: ["1", "2"],
    modalities: ["training", "advisory_services"],
    continuityNeeds: ["teacher_training", "radio"],
    covidContext: true,
    covidPhase: "recovery",
    timeframeStart: "2026-09-01",
    timeframeEnd: "2027-06-30",
    workingLanguages: ["fr"],
    budgetAmount: "150000.00",
    budgetCurrency: "USD",
    fundRequested: "vftc",
    textLang: "fr",
    visibility: "state_and_un",
    nationalActors: [
      { actorType: "government_ministry", involvement: "co_design", name: "Ministère de l'Éducation nationale", nameConsented: true },
      { actorType: "cso", involvement: "consultation", name: "Coalition des enseignants", nameConsented: false },
      { actorType: "nhri", involvement: "monitoring" },
    ],
  };
}
