import { createApiToken } from "../src/domain/accounts/account-service.js";
import { addNationalActor, addParticipant } from "../src/domain/activities/activity-parts-service.js";
import { startActivity, updateActivity } from "../src/domain/activities/activity-service.js";
import { recordConsent, revokeConsent } from "../src/domain/activities/consent-service.js";
import { addMilestone, createPairing } from "../src/domain/matching/pairing-service.js";
import { createOffer } from "../src/domain/offers/offer-service.js";
import { transitionOffer } from "../src/domain/offers/offer-transition-service.js";
import { addProfileEntry, addStateContact } from "../src/domain/profiles/profile-service.js";
import { recordAssessment } from "../src/domain/recommendations/assessment-service.js";
import { changeRequestStatus, createRequestDraft } from "../src/domain/requests/request-service.js";
import type { Db } from "../src/store/db.js";
import { insertTestRecommendation } from "./activity-fixtures.js";
import { makeOrganization, makeUserWithRole, TEST_ACTOR } from "./factories.js";
import { offerInput } from "./offer-fixtures.js";

// The world of the access matrix (test/cooperation-access-matrix.test.ts): Senegal and Mali, each with requests, offers,
// a pairing, activities, consents and profile entries in every visibility, plus the viewers of every role. Everything
// is made through the domain services, as users would; every record carries a unique marker string (its title, or the
// text a rule protects) so that the matrix can look for it in any JSON, HTML or CSV body. Markers are letters, digits
// and hyphens only, so HTML escaping and CSV quoting leave them intact, and none is a prefix of another.

export const ROLE_KEYS = [
  "anonymous",
  "senFocal",
  "senNmirf",
  "mliFocal",
  "ohchr",
  "unesco",
  "otherStateCoop",
  "regionalCoop",
  "nhriSen",
  "csoAuthor",
  "csoOther",
  "donor",
  "board",
  "specialProcedure",
  "admin",
] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

/** Names of the organizations whose identity a rule protects (R31): markers too. */
export const ORG_NAMES = {
  csoAuthor: "MXCSOAUTHORORGx Defenders collective (fictional)",
  nhriSen: "MXNHRIAUTHORORGx National human rights commission (fictional)",
  unlisted: "MXUNLISTEDORGx Unlisted defenders network (fictional)",
} as const;

export type MatrixWorld = {
  /** Bearer token of each signed-in role (anonymous has none). */
  tokens: Partial<Record<RoleKey, string>>;
  /** The organization each role acts for (anonymous has none). */
  orgs: Partial<Record<RoleKey, string>>;
  /** Record key (as in the matrix table) → id. */
  ids: Record<string, string>;
  recommendationId: string;
  ohchrSlug: string;
};

const today = () => new Date().toISOString().slice(0, 10);

export async function buildMatrixWorld(db: Db): Promise<MatrixWorld> {
  const people = {
    senFocal: await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "SEN" }),
    senNmirf: await makeUserWithRole(db, "nmirf", { type: "government", countryIso3: "SEN" }),
    mliFocal: await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "MLI" }),
    ohchr: await makeUserWithRole(db, "ohchr_officer", { type: "un_entity", name: "OHCHR (matrix)" }),
    unesco: await makeUserWithRole(db, "un_agency_officer", { type: "un_entity", name: "UNESCO (matrix)" }),
    otherStateCoop: await makeUserWithRole(db, "cooperation_officer", { type: "government", countryIso3: "BRA" }),
    regionalCoop: await makeUserWithRole(db, "cooperation_officer", { type: "regional_organization" }),
    nhriSen: await makeUserWithRole(db, "nhri", { type: "nhri", countryIso3: "SEN", name: ORG_NAMES.nhriSen }),
    csoAuthor: await makeUserWithRole(db, "cso", { type: "cso", countryIso3: "SEN", name: ORG_NAMES.csoAuthor }),
    csoOther: await makeUserWithRole(db, "cso", { type: "cso", countryIso3: "MLI" }),
    donor: await makeUserWithRole(db, "donor", { type: "donor" }),
    board: await makeUserWithRole(db, "board_member", { type: "un_entity" }),
    specialProcedure: await makeUserWithRole(db, "special_procedure", { type: "special_procedure" }),
    admin: await makeUserWithRole(db, "admin", { type: "un_entity" }),
  } satisfies Record<Exclude<RoleKey, "anonymous">, unknown>;
  const tokens: MatrixWorld["tokens"] = {};
  const orgs: MatrixWorld["orgs"] = {};
  for (const [role, p] of Object.entries(people) as [Exclude<RoleKey, "anonymous">, (typeof people)["ohchr"]][]) {
    tokens[role] = (await createApiToken(db, TEST_ACTOR, { email: p.email })).token;
    orgs[role] = p.organizationId;
  }
  // An implementing partner that asked not to be listed (R31): UN staff see it, nobody else.
  const unlisted = await makeOrganization(db, { type: "cso", countryIso3: "SEN", visibility: "un_only", name: ORG_NAMES.unlisted });
  const recommendationId = await insertTestRecommendation(db, "SEN");
  const ids: Record<string, string> = {};
  const ohchr = people.ohchr;
  const unesco = people.unesco;

  for (const iso3 of ["SEN", "MLI"] as const) {
    const state = iso3 === "SEN" ? people.senFocal : people.mliFocal;
    const v = state.viewer;
    const sen = iso3 === "SEN";

    // ---- assistance requests: a draft, one shared with the State and UN providers, one the State published ----
    const request = async (key: string, visibility: "state_and_un" | "public", providers: string[], extra: Record<string, unknown> = {}) => {
      const { id } = await createRequestDraft(db, v, {
        title: `MXREQ${key}x Teacher training for distance learning`,
        needsStatement: "Train teachers to teach by radio and mobile phone (fictional).",
        providerIds: providers,
        visibility,
        ...(sen ? { recommendationIds: [recommendationId] } : {}),
        ...extra,
      });
      ids[`req${key}`] = id;
      return id;
    };
    await request(`Draft${iso3}`, "state_and_un", [ohchr.organizationId]);
    const shared = await request(`Shared${iso3}`, "state_and_un", sen ? [ohchr.organizationId, people.regionalCoop.organizationId] : [ohchr.organizationId]);
    const published = await request(`Public${iso3}`, "public", [ohchr.organizationId], {
      nationalActors: [
        { actorType: "cso", involvement: "consultation", name: `MXACTORREQYES${iso3}x Parents association`, nameConsented: true },
        { actorType: "teachers_union", involvement: "co_design", name: `MXACTORREQNO${iso3}x Teachers union`, nameConsented: false },
      ],
    });
    await changeRequestStatus(db, v, shared, { to: "submitted" });
    await changeRequestStatus(db, v, published, { to: "submitted" });

    // ---- offers: a draft, a published public one, a published answer to the shared request ----
    const offer = async (key: string, who: typeof ohchr, extra: Record<string, unknown>, publish: boolean) => {
      const { id } = await createOffer(db, who.viewer, offerInput(who.organizationId, { title: `MXOFF${key}x Training of trainers`, ...extra }));
      if (publish) await transitionOffer(db, who.viewer, id, { to: "published" });
      ids[`off${key}`] = id;
      return id;
    };
    await offer(`Draft${iso3}`, ohchr, { stateIso3: iso3, visibility: "public" }, false);
    await offer(`Public${iso3}`, unesco, { stateIso3: iso3, visibility: "public" }, true);
    const answer = await offer(`Answer${iso3}`, ohchr, { requestId: shared, visibility: "state_and_un" }, true);

    // ---- a pairing of the shared request and its answer, with a milestone (pairings are never published) ----
    const { id: pairingId } = await createPairing(db, v, { requestId: shared, offerId: answer });
    await addMilestone(db, v, pairingId, { title: `MXPAIR${iso3}x Inception workshop` });
    ids[`pair${iso3}`] = pairingId;

    // ---- activities ----
    const activity = async (key: string, who: typeof ohchr, extra: Record<string, unknown> = {}) => {
      const started = await startActivity(db, who.viewer, {
        organizationId: who.organizationId,
        stateIso3: iso3,
        title: `MXACT${key}x Teacher training programme`,
        ...(sen ? { recommendationIds: [recommendationId] } : {}),
        ...extra,
      });
      ids[`act${key}`] = started.id;
      return started.id;
    };
    const consent = (activityId: string, key: string, extra: Record<string, unknown> = {}) =>
      recordConsent(db, v, activityId, {
        grantedByName: `MXSIGNER${key}x Minister (fictional)`,
        channel: "note_verbale",
        channelReference: `MXNV${key}x`,
        scope: "The whole activity as described in the offer (fictional).",
        grantedOn: today(),
        ...extra,
      });
    const withhold = (activityId: string, key: string) =>
      updateActivity(db, v, activityId, { version: 1, detailsWithheld: true, withheldReason: `MXREASON${key}x Security of participants` });

    const open = await activity(`Public${iso3}`, ohchr, { visibility: "public", requestIds: [shared] });
    await addNationalActor(db, ohchr.viewer, open, {
      actorType: "cso",
      involvement: "implementation",
      name: `MXACTORACTYES${iso3}x Youth network`,
      nameConsented: true,
    });
    await addNationalActor(db, ohchr.viewer, open, {
      actorType: "teachers_union",
      involvement: "consultation",
      name: `MXACTORACTNO${iso3}x Union`,
      nameConsented: false,
    });
    if (sen) await addParticipant(db, ohchr.viewer, open, { organizationId: unlisted.id, role: 4 });
    const first = await consent(open, `Public${iso3}`);
    await revokeConsent(db, v, first.id, { reason: `MXREVOKE${iso3}x Change of counterpart` });
    await consent(open, `PublicAgain${iso3}`);

    const w1 = await activity(`Withheld${iso3}1`, unesco);
    await withhold(w1, `${iso3}1`);
    await consent(w1, `Withheld${iso3}1`);
    if (sen) await addParticipant(db, unesco.viewer, w1, { organizationId: people.donor.organizationId, role: 1 });
    // The second one is withheld by the consent itself (publishDetails: false), whose reference names the reason.
    const w2 = await activity(`Withheld${iso3}2`, unesco);
    await consent(w2, `Withheld${iso3}2`, { publishDetails: false });
    if (sen) await withhold(await activity(`Withheld${iso3}3`, unesco), `${iso3}3`);
    await activity(`UnOnly${iso3}`, ohchr, { visibility: "un_only" });

    // ---- the State profile: one entry in each visibility, two contacts ----
    const kinds = {
      Public: ["need", "public"],
      StateUn: ["challenge", "state_and_un"],
      UnOnly: ["achievement", "un_only"],
      Originator: ["good_practice", "originator_only"],
    } as const;
    for (const [key, [kind, visibility]] of Object.entries(kinds)) {
      const { id } = await addProfileEntry(db, v, iso3, { kind, title: `MXPROF${key}${iso3}x Inclusive education`, visibility });
      ids[`prof${key}${iso3}`] = id;
    }
    if (sen) {
      ids.contactPublicSEN = (await addStateContact(db, v, iso3, { kind: "focal_point", name: "MXCONTACTPublicSENx Focal point", visibility: "public" })).id;
      ids.contactStateUnSEN = (
        await addStateContact(db, v, iso3, { kind: "counterpart", name: "MXCONTACTStateUnSENx Counterpart", visibility: "state_and_un" })
      ).id;
    }
  }

  // ---- implementation assessments of the Senegal recommendation by civil society and the NHRI, authors not shown ----
  const assess = async (key: string, who: (typeof people)["csoAuthor"], visibility: "public" | "state_and_un") =>
    (ids[`assess${key}`] = (
      await recordAssessment(db, who.viewer, recommendationId, {
        organizationId: who.organizationId,
        status: "partially_implemented",
        evidence: `MXASSESS${key}x Schools reopened in two regions only (fictional evidence).`,
        assessedOn: today(),
        visibility,
        showAuthor: false,
      })
    ).id);
  await assess("CsoSEN", people.csoAuthor, "state_and_un");
  await assess("NhriSEN", people.nhriSen, "public");

  const ohchrSlug = (await db.selectFrom("organizations").select("slug").where("id", "=", ohchr.organizationId).executeTakeFirstOrThrow()).slug;
  return { tokens, orgs, ids, recommendationId, ohchrSlug };
}
