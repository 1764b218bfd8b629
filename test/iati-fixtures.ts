import type { Viewer } from "../src/domain/access/viewer.js";
import { addDocument, addParticipant } from "../src/domain/activities/activity-parts-service.js";
import { startActivity, updateActivity } from "../src/domain/activities/activity-service.js";
import { addIndicator, addIndicatorValue, addResult } from "../src/domain/activities/results-service.js";
import { addTransaction } from "../src/domain/activities/transaction-service.js";
import type { Db } from "../src/store/db.js";
import { makeUserWithRole } from "./factories.js";

// Activities an IATI export has to get right, entered through the services as providers and a State would:
// XML-special characters and Arabic/Chinese text, several sectors, a budget over 2.5 years, indicator values by
// sex with a correction, transactions in two currencies, and the ones that must stay out of a public file
// (withheld by the State, not public, no IATI identifier, no DAC sector). Text is fictional.

export const SPECIAL_TITLE = `Droits & « éducation » <pour tous> — "حقوق الإنسان" 人权教育 'ok'`;
export const SPECIAL_DESCRIPTION = "促进人权教育 / تعزيز التربية على حقوق الإنسان & <b>not markup</b>\nSecond line\tend";

export type IatiFixtures = {
  ohchr: { slug: string; organizationId: string; viewer: Viewer };
  unesco: { slug: string; organizationId: string; viewer: Viewer };
  unlisted: { slug: string; organizationId: string; viewer: Viewer };
  /** Published: OHCHR in Senegal (rich) and UNESCO in Morocco (simple). */
  rich: string;
  simple: string;
  /** Left out, each for its reason. */
  withheld: string;
  notPublic: string;
  noIdentifier: string;
  noSector: string;
};

let n = 0;

export async function seedIatiFixtures(db: Db): Promise<IatiFixtures> {
  const tag = `${Date.now().toString(36)}${n++}`;
  const ohchr = await makeUserWithRole(db, "ohchr_officer", { type: "un_entity", iatiRef: "XM-DAC-41313", slug: `ohchr-${tag}`, name: "OHCHR (test)" });
  const unesco = await makeUserWithRole(db, "un_agency_officer", { type: "un_entity", iatiRef: "XM-DAC-41304", slug: `unesco-${tag}`, name: "UNESCO (test)" });
  const unlisted = await makeUserWithRole(db, "un_agency_officer", { type: "un_entity", slug: `noref-${tag}`, name: "Agency without IATI identifier" });
  const senegal = await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "SEN" });
  const version = 1;

  const rich = (
    await startActivity(db, ohchr.viewer, {
      organizationId: ohchr.organizationId,
      stateIso3: "SEN",
      title: SPECIAL_TITLE,
      description: SPECIAL_DESCRIPTION,
      plannedStart: "2024-07-01",
      plannedEnd: "2026-12-31",
      budgetAmount: "250000.00",
      defaultCurrency: "USD",
      textLang: "fr",
      themes: ["E5"],
      sdgTargets: ["4.7", "16.10"],
      modalities: ["training"],
      cooperationType: "multilateral",
    })
  ).id;
  await updateActivity(db, ohchr.viewer, rich, {
    version,
    dacSectors: ["15160", "11110", "15150"],
    actualStart: "2024-07-15",
    genderMarker: 1,
    disabilityMarker: 2,
    covidContext: true,
    covidPhase: "recovery",
  });
  await addParticipant(db, ohchr.viewer, rich, { organizationId: unesco.organizationId, role: 1 });
  await addParticipant(db, ohchr.viewer, rich, { name: "Government of Norway", iatiRef: "XM-DAC-8", orgType: "10", role: 1 });
  await addTransaction(db, ohchr.viewer, rich, {
    transactionType: 2,
    transactionDate: "2024-08-01",
    amount: "120000.00",
    currency: "USD",
    description: "Commitment",
  });
  await addTransaction(db, ohchr.viewer, rich, {
    transactionType: 3,
    transactionDate: "2025-02-01",
    amount: "50000.50",
    currency: "USD",
    receiverName: "Ministère de l'Éducation nationale & de la Formation",
  });
  await addTransaction(db, ohchr.viewer, rich, {
    transactionType: 4,
    transactionDate: "2025-03-15",
    valueDate: "2025-03-14",
    amount: "20000.25",
    currency: "EUR",
    description: "Ateliers <Dakar> & Thiès",
    providerName: "OHCHR West Africa",
  });
  const result = await addResult(db, ohchr.viewer, rich, { resultType: 1, title: "Enseignants formés aux droits de l'homme" });
  const indicator = await addIndicator(db, ohchr.viewer, result.id, {
    title: "Nombre d'enseignants formés",
    measure: 1,
    baselineYear: 2023,
    baselineValue: "0",
    targetValue: "500",
    targetDate: "2026-12-31",
  });
  const period = { periodStart: "2025-01-01", periodEnd: "2025-06-30" };
  await addIndicatorValue(db, ohchr.viewer, indicator.id, { ...period, value: "110" });
  await addIndicatorValue(db, ohchr.viewer, indicator.id, { ...period, value: "120" }); // correction: 120 is published
  await addIndicatorValue(db, ohchr.viewer, indicator.id, { ...period, value: "70", sex: "female" });
  await addIndicatorValue(db, ohchr.viewer, indicator.id, { ...period, value: "50", sex: "male" });
  await addIndicatorValue(db, ohchr.viewer, indicator.id, { ...period, value: "12", ageBand: "18-24", location: "rural" });
  await addDocument(db, ohchr.viewer, rich, {
    title: "Rapport d'évaluation",
    url: "https://example.org/docs/evaluation.pdf",
    category: "A07",
    language: "fr",
    documentDate: "2025-06-01",
  });

  const simple = (
    await startActivity(db, unesco.viewer, {
      organizationId: unesco.organizationId,
      stateIso3: "MAR",
      title: "Teacher training in human rights education",
      description: "Workshops for teacher trainers.",
      plannedStart: "2025-01-01",
      plannedEnd: "2025-12-31",
      budgetAmount: "48000",
      defaultCurrency: "USD",
    })
  ).id;
  await updateActivity(db, unesco.viewer, simple, { version, dacSectors: ["11110"] });
  await addTransaction(db, unesco.viewer, simple, { transactionType: 3, transactionDate: "2025-05-01", amount: "12000", currency: "USD" });

  const withheld = (
    await startActivity(db, ohchr.viewer, {
      organizationId: ohchr.organizationId,
      stateIso3: "SEN",
      title: "Consultations with victims",
      description: "Fictional test activity.",
      plannedStart: "2025-01-01",
    })
  ).id;
  await updateActivity(db, ohchr.viewer, withheld, { version, dacSectors: ["15160"] });
  await updateActivity(db, senegal.viewer, withheld, { version: version + 1, detailsWithheld: true, withheldReason: "Protection of the people consulted" });

  const notPublic = (
    await startActivity(db, ohchr.viewer, {
      organizationId: ohchr.organizationId,
      stateIso3: "SEN",
      title: "Internal needs assessment",
      description: "Fictional test activity.",
      plannedStart: "2025-01-01",
      visibility: "state_and_un",
    })
  ).id;
  await updateActivity(db, ohchr.viewer, notPublic, { version, dacSectors: ["15160"] });

  const noIdentifier = (
    await startActivity(db, unlisted.viewer, {
      organizationId: unlisted.organizationId,
      stateIso3: "SEN",
      title: "Activity of a provider without IATI identifier",
      description: "Fictional test activity.",
      plannedStart: "2025-01-01",
    })
  ).id;
  await updateActivity(db, unlisted.viewer, noIdentifier, { version, dacSectors: ["15160"] });

  const noSector = (
    await startActivity(db, ohchr.viewer, {
      organizationId: ohchr.organizationId,
      stateIso3: "SEN",
      title: "Activity without a sector",
      description: "Fictional test activity.",
      plannedStart: "2025-01-01",
    })
  ).id;

  const slugged = <T extends { organizationId: string; viewer: Viewer }>(u: T, slug: string) => ({ slug, organizationId: u.organizationId, viewer: u.viewer });
  return {
    ohchr: slugged(ohchr, `ohchr-${tag}`),
    unesco: slugged(unesco, `unesco-${tag}`),
    unlisted: slugged(unlisted, `noref-${tag}`),
    rich,
    simple,
    withheld,
    notPublic,
    noIdentifier,
    noSector,
  };
}
