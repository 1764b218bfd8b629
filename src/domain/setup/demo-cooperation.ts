import { findUserByEmail } from "../../store/user-store.js";
import type { Db } from "../../store/db.js";
import { countAssistanceRequests } from "../../store/request-store.js";
import { findOrganizationBySlug } from "../../store/organization-store.js";
import type { Viewer } from "../access/viewer.js";
import { loadViewer } from "../accounts/account-service.js";
import { recordConsent } from "../activities/consent-service.js";
import { addNationalActor, addParticipant } from "../activities/activity-parts-service.js";
import { changeActivityStatus, startActivity, updateActivity } from "../activities/activity-service.js";
import { addIndicator, addIndicatorValue, addResult } from "../activities/results-service.js";
import { addTransaction } from "../activities/transaction-service.js";
import { createOffer } from "../offers/offer-service.js";
import { transitionOffer } from "../offers/offer-transition-service.js";
import { addProfileEntry, addStateContact } from "../profiles/profile-service.js";
import { searchRecommendations } from "../recommendations/recommendation-search.js";
import { changeRequestStatus, createRequestDraft } from "../requests/request-service.js";

// Fictional technical cooperation for the demo (JOURNEYS.md): no public data exists for requests, offers and
// consents, so these are invented, labelled as such in their titles, and built through the same services users go
// through (every rule and audit applies). They sit on real data: Senegal's real second-cycle recommendations on the
// right to education, real institutions. Dates are relative to the day of seeding so the demo never ages.

export const FICTIONAL = "(fictional example)";

/** A date relative to the day of seeding, so the demo never ages. */
export const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export async function viewerOf(db: Db, email: string): Promise<Viewer> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`demo account ${email} is missing`);
  return loadViewer(db, user.id);
}

export async function orgId(db: Db, slug: string): Promise<string> {
  const org = await findOrganizationBySlug(db, slug);
  if (!org) throw new Error(`demo organization ${slug} is missing`);
  return org.id;
}

export type CooperationSeedReport = { status: "seeded" | "unchanged"; requests: number; offers: number; activities: number };

/** Seeds the fictional cooperation examples once, after the demo accounts and the real recommendations. */
export async function seedDemoCooperation(db: Db, options: { onProgress?: (step: string) => void } = {}): Promise<CooperationSeedReport> {
  if ((await countAssistanceRequests(db)) > 0) return { status: "unchanged", requests: 0, offers: 0, activities: 0 };
  options.onProgress?.("creating fictional requests, offers and activities");
  const focal = await viewerOf(db, "focal.senegal@demo.passerelle.example");
  const ohchrOfficer = await viewerOf(db, "officer.ohchr@demo.passerelle.example");
  const unescoOfficer = await viewerOf(db, "officer.unesco@demo.passerelle.example");
  const unicefOfficer = await viewerOf(db, "officer.unicef@demo.passerelle.example");
  const moroccoOfficer = await viewerOf(db, "cooperation.morocco@demo.passerelle.example");
  const ohchr = await orgId(db, "ohchr");
  const unesco = await orgId(db, "unesco");
  const unicef = await orgId(db, "unicef");
  const amci = await orgId(db, "mar-amci");

  // Senegal's supported second-cycle recommendations on the right to education (real, UPR Info).
  const education = await searchRecommendations(db, { state: "SEN", cycle: "2", position: "supported", theme: "E5", order: "date", limit: 6 });
  const recs = education.items.map((r) => r.id);

  await addProfileEntry(db, focal, "SEN", {
    kind: "need",
    title: `Teacher training for distance and blended learning ${FICTIONAL}`,
    description: "Primary and lower-secondary teachers need training to teach by radio, television and mobile phone when schools close.",
    priorityRank: 1,
    themes: ["E5"],
    sdgTargets: ["4.c"],
    visibility: "public",
  });
  await addProfileEntry(db, focal, "SEN", {
    kind: "need",
    title: `Girls' return to school after closures ${FICTIONAL}`,
    description: "Bring back girls who left school during the closures, in particular in rural regions.",
    priorityRank: 2,
    themes: ["E5"],
    sdgTargets: ["4.1", "4.5"],
    visibility: "public",
  });
  await addProfileEntry(db, focal, "SEN", {
    kind: "achievement",
    title: `Radio lessons reached every region ${FICTIONAL}`,
    description: "A national radio programme broadcast daily lessons in French and national languages.",
    visibility: "public",
  });
  await addStateContact(db, focal, "SEN", {
    kind: "focal_point",
    name: "Awa Diop (demo)",
    functionTitle: "Focal point for technical cooperation",
    institution: "Ministère de la Justice",
    email: "focal.senegal@demo.passerelle.example",
    visibility: "state_and_un",
  });

  // 1. A request just submitted to OHCHR and UNESCO: journey 2 starts from it in the OHCHR queue.
  const submitted = await createRequestDraft(db, focal, {
    title: `Teacher training for distance learning and girls' return to school ${FICTIONAL}`,
    needsStatement:
      "School closures left teachers without training for remote teaching and many girls did not return. We ask for support to train teachers and to design a return-to-school programme for girls.",
    objectives: "Train 400 teachers in inclusive distance learning; bring girls back to school in three regions.",
    priorityRank: 1,
    providerIds: [ohchr, unesco],
    recommendationIds: recs.slice(0, 3),
    themes: ["E5"],
    persons: ["girls"],
    sdgTargets: ["4.1", "4.5", "4.c"],
    iscedLevels: ["1", "2"],
    modalities: ["training", "advisory_services"],
    continuityNeeds: ["teacher_training", "inclusive_learning"],
    covidContext: true,
    covidPhase: "recovery",
    timeframeStart: day(60),
    timeframeEnd: day(425),
    workingLanguages: ["fr"],
    budgetAmount: "250000",
    budgetCurrency: "USD",
    fundRequested: "vftc",
    textLang: "en",
  });
  await changeRequestStatus(db, focal, submitted.id, { to: "submitted" });

  // 2. A request answered, agreed, consented and delivered: journeys 3 and 4.
  const delivered = await createRequestDraft(db, focal, {
    title: `Monitoring the right to education by the national human rights institution ${FICTIONAL}`,
    needsStatement: "The national human rights institution needs methods and tools to monitor school access for girls and children with disabilities.",
    objectives: "A monitoring method, trained staff and a first report.",
    providerIds: [ohchr],
    recommendationIds: recs.slice(3, 6),
    themes: ["E5", "A4"],
    persons: ["girls", "persons-with-disabilities"],
    sdgTargets: ["4.5"],
    modalities: ["advisory_services", "training"],
    workingLanguages: ["fr"],
    budgetAmount: "120000",
    budgetCurrency: "USD",
    fundRequested: "vftc",
    // Published by the State (R32), so the register shows what it asked for and what it received.
    visibility: "public",
  });
  await changeRequestStatus(db, focal, delivered.id, { to: "submitted" });
  await changeRequestStatus(db, ohchrOfficer, delivered.id, { to: "acknowledged" });
  const offer = await createOffer(db, ohchrOfficer, {
    organizationId: ohchr,
    requestId: delivered.id,
    title: `Advisory services and training on monitoring the right to education ${FICTIONAL}`,
    description: "Two advisory missions, a training of 30 monitors, and support to the first report.",
    themes: ["E5", "A4"],
    sdgTargets: ["4.5"],
    modalities: ["advisory_services", "training"],
    cooperationType: "multilateral",
    languages: ["fr", "en"],
    regions: ["002"],
    availableFrom: day(-200),
    availableTo: day(400),
    budgetAmount: "120000",
    budgetCurrency: "USD",
    fundSource: "Voluntary Fund for Technical Cooperation in the Field of Human Rights",
  });
  await transitionOffer(db, ohchrOfficer, offer.id, { to: "published" });
  await transitionOffer(db, focal, offer.id, { to: "accepted" });
  const activity = await startActivity(db, ohchrOfficer, { organizationId: ohchr, offerId: offer.id, plannedStart: day(-150), plannedEnd: day(215) });
  // DAC purpose codes make the activity publishable in IATI (Rulesets 6.2.2): human rights, education policy.
  await updateActivity(db, ohchrOfficer, activity.id, { version: 1, dacSectors: ["15160", "11110"] });
  await recordConsent(db, focal, activity.id, {
    grantedByName: "Awa Diop (demo)",
    channel: "note_verbale",
    channelReference: "NV/SEN/2026/114 (fictional)",
    scope: "Advisory missions and training with the national human rights institution; details may be published.",
    counterparts: ["Comité sénégalais des droits de l'homme"],
    publishDetails: true,
    grantedOn: day(-140),
  });
  await changeActivityStatus(db, ohchrOfficer, activity.id, { to: 2 });
  await addParticipant(db, ohchrOfficer, activity.id, { name: "Ministère de l'Éducation nationale (Sénégal)", role: 4, orgType: "10" });
  await addNationalActor(db, ohchrOfficer, activity.id, {
    actorType: "government_ministry",
    involvement: "implementation",
    name: "Ministère de l'Éducation nationale",
    nameConsented: true,
  });
  await addNationalActor(db, ohchrOfficer, activity.id, { actorType: "teachers_union", involvement: "consultation" });
  await addTransaction(db, ohchrOfficer, activity.id, {
    transactionType: 2,
    transactionDate: day(-135),
    amount: "120000",
    currency: "USD",
    description: "Commitment",
  });
  await addTransaction(db, ohchrOfficer, activity.id, {
    transactionType: 3,
    transactionDate: day(-90),
    amount: "45000",
    currency: "USD",
    description: "First disbursement",
  });
  const result = await addResult(db, ohchrOfficer, activity.id, { resultType: 1, title: "Monitors and teachers trained" });
  const indicator = await addIndicator(db, ohchrOfficer, result.id, {
    title: "People trained in monitoring inclusive education",
    measure: 1,
    baselineYear: Number(day(-150).slice(0, 4)),
    baselineValue: "0",
    targetValue: "400",
  });
  for (const [sex, value] of [
    ["total", "225"],
    ["female", "130"],
    ["male", "95"],
  ] as const)
    await addIndicatorValue(db, ohchrOfficer, indicator.id, { periodStart: day(-120), periodEnd: day(-30), value, sex });

  // 3. Another provider's activity with the same ministry on the same theme and dates: the coordination page warns.
  const campaign = await startActivity(db, unicefOfficer, {
    organizationId: unicef,
    stateIso3: "SEN",
    title: `Back-to-school campaign for girls ${FICTIONAL}`,
    description: "Community radio messages, school kits and follow-up of girls who left school.",
    themes: ["E5"],
    persons: ["girls"],
    sdgTargets: ["4.1"],
    modalities: ["advisory_services"],
    cooperationType: "multilateral",
    plannedStart: day(-100),
    plannedEnd: day(260),
    budgetAmount: "80000",
    defaultCurrency: "USD",
  });
  await updateActivity(db, unicefOfficer, campaign.id, { version: 1, dacSectors: ["11220"] });
  await addNationalActor(db, unicefOfficer, campaign.id, {
    actorType: "government_ministry",
    involvement: "co_design",
    name: "Ministère de l'Éducation nationale",
    nameConsented: true,
  });

  // 4. Published offers on the board: UNESCO's teacher training, and a South-South exchange.
  const unescoOffer = await createOffer(db, unescoOfficer, {
    organizationId: unesco,
    title: `Teacher training for distance and blended learning in francophone Africa ${FICTIONAL}`,
    description: "Training of trainers, open course materials and coaching for ministries of education.",
    themes: ["E5"],
    sdgTargets: ["4.c"],
    iscedLevels: ["1", "2"],
    modalities: ["training", "advisory_services"],
    continuityNeeds: ["teacher_training", "online_platform", "radio"],
    cooperationType: "multilateral",
    languages: ["fr", "en"],
    regions: ["002"],
    capacity: "Four countries a year",
    availableFrom: day(-30),
    availableTo: day(700),
  });
  await transitionOffer(db, unescoOfficer, unescoOffer.id, { to: "published" });
  const southSouth = await createOffer(db, moroccoOfficer, {
    organizationId: amci,
    title: `Peer exchange on lessons by television and radio ${FICTIONAL}`,
    description: "Study visits and peer exchange between ministries on producing televised and radio lessons.",
    themes: ["E5"],
    sdgTargets: ["4.1"],
    modalities: ["workshop", "expert_mission"],
    continuityNeeds: ["television", "radio"],
    cooperationType: "south_south",
    languages: ["fr", "ar"],
    regions: ["002"],
    availableFrom: day(0),
    availableTo: day(540),
  });
  await transitionOffer(db, moroccoOfficer, southSouth.id, { to: "published" });

  return { status: "seeded", requests: 2, offers: 3, activities: 2 };
}
