import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../src/domain/access/viewer.js";
import { addDocument, addParticipant } from "../src/domain/activities/activity-parts-service.js";
import type { IndicatorValueInput } from "../src/domain/activities/activity-schemas.js";
import { changeActivityStatus, startActivity, updateActivity } from "../src/domain/activities/activity-service.js";
import { recordConsent } from "../src/domain/activities/consent-service.js";
import { addIndicator, addIndicatorValue, addResult } from "../src/domain/activities/results-service.js";
import { addTransaction } from "../src/domain/activities/transaction-service.js";
import { exportIatiActivities } from "../src/domain/transparency/iati-export-service.js";
import { importIatiActivities } from "../src/domain/transparency/iati-import-service.js";
import type { Db, DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeUserWithRole, TEST_ACTOR } from "./factories.js";

// docs/iati.md: export → import into an empty database → export gives byte-identical XML. Whatever the export
// writes, the import must read back into the same data (and the same file).

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function exportAll(db: Db): Promise<{ xml: string; exported: number; excluded: unknown[] }> {
  const chunks: string[] = [];
  const report = await exportIatiActivities(db, {}, (chunk) => {
    chunks.push(chunk);
  });
  return { xml: chunks.join(""), exported: report.exported, excluded: report.excluded };
}

async function roundTrip(a: Db): Promise<{ first: string; second: string; exported: number; excluded: unknown[] }> {
  const first = await exportAll(a);
  const b = await createTestDb();
  try {
    const imported = await importIatiActivities(b.db, TEST_ACTOR, { fileName: "export.xml", stream: Readable.from([Buffer.from(first.xml)]) });
    expect(imported.activities.filter((x) => x.outcome !== "created")).toEqual([]);
    expect(imported.created).toBe(first.exported);
    const second = await exportAll(b.db);
    expect(second.excluded).toEqual([]);
    return { first: first.xml, second: second.xml, exported: first.exported, excluded: first.excluded };
  } finally {
    await b.close();
  }
}

type Party = { viewer: Viewer; organizationId: string };
let a: DbHandle;
let ohchr: Party;
let unesco: Party;
let senegal: Party;

beforeAll(async () => {
  a = await createTestDb();
  ohchr = await makeUserWithRole(a.db, "ohchr_officer", {
    type: "un_entity",
    iatiRef: "XM-DAC-41313",
    name: "Office of the United Nations High Commissioner for Human Rights",
  });
  unesco = await makeUserWithRole(a.db, "un_agency_officer", {
    type: "un_entity",
    iatiRef: "XM-DAC-41304",
    name: "United Nations Educational, Scientific and Cultural Organization",
  });
  senegal = await makeUserWithRole(a.db, "state_focal_point", { type: "government", countryIso3: "SEN", name: "Ministère de la Justice (Sénégal)" });
  await seedActivities(a.db);
});
afterAll(async () => {
  await a?.close();
});

/** Three activities that use every part of the mapping: classifications, tags, markers, money, documents, results. */
async function seedActivities(db: Db): Promise<void> {
  const full = await startActivity(db, ohchr.viewer, {
    organizationId: ohchr.organizationId,
    stateIso3: "SEN",
    title: "Formation des enseignants aux droits humains & à l'éducation inclusive <pilote>",
    description: "Formation de formateurs dans trois académies.\r\nSuivi des acquis — « 教育 » et تعليم.",
    themes: ["E5", "F3"],
    sdgTargets: ["4.7", "4.c", "16.10"],
    persons: ["girls", "persons-with-disabilities"],
    modalities: ["training", "advisory_services"],
    cooperationType: "multilateral",
    plannedStart: daysAgo(400),
    plannedEnd: daysAgo(-300),
    budgetAmount: "125000.55",
    defaultCurrency: "USD",
    textLang: "fr",
  });
  const version = (await updateActivity(db, ohchr.viewer, full.id, { version: 1, dacSectors: ["15160", "11110"], genderMarker: 2, disabilityMarker: 1 }))
    .version;
  await updateActivity(db, ohchr.viewer, full.id, { version, fund: "vftc", covidContext: true, covidPhase: "recovery" });
  await recordConsent(db, senegal.viewer, full.id, {
    grantedByName: "Awa Diop, Director of Human Rights (fictional)",
    channel: "note_verbale",
    channelReference: "NV/2025/0142",
    scope: "Teacher training with the Ministry of Education, as described.",
    grantedOn: daysAgo(390),
  });
  await changeActivityStatus(db, ohchr.viewer, full.id, { to: 2 });
  await addParticipant(db, ohchr.viewer, full.id, { organizationId: unesco.organizationId, role: 4 });
  await addParticipant(db, ohchr.viewer, full.id, { name: "Norwegian Ministry of Foreign Affairs", iatiRef: "NO-BRC-971277882", orgType: "10", role: 1 });
  await addParticipant(db, ohchr.viewer, full.id, { name: "Association des enseignants du Sénégal", orgType: "22", role: 4 });
  const money = [
    { transactionType: 2, transactionDate: daysAgo(380), amount: "125000.55", currency: "USD", description: "Engagement", receiverName: "UNESCO Dakar" },
    { transactionType: 3, transactionDate: daysAgo(200), valueDate: daysAgo(201), amount: "40000", currency: "USD", providerName: "OHCHR" },
    { transactionType: 3, transactionDate: daysAgo(100), amount: "15250.75", currency: "EUR", description: "Deuxième tranche" },
    { transactionType: 4, transactionDate: daysAgo(50), amount: "999.99", currency: "USD" },
  ];
  for (const t of money) await addTransaction(db, ohchr.viewer, full.id, t);
  await addDocument(db, ohchr.viewer, full.id, {
    title: "Rapport d'étape",
    url: "https://example.org/docs/rapport.pdf",
    category: "A07",
    language: "fr",
    documentDate: daysAgo(60),
  });
  await addDocument(db, ohchr.viewer, full.id, { title: "Activity page", url: "https://example.org/activities/teachers", category: "A12", language: "en" });
  const result = await addResult(db, ohchr.viewer, full.id, { resultType: 1, title: "Enseignants formés", description: "Formateurs certifiés par académie" });
  const trained = await addIndicator(db, ohchr.viewer, result.id, {
    title: "Nombre d'enseignants formés",
    measure: 1,
    ascending: true,
    baselineYear: 2023,
    baselineValue: "10",
    targetValue: "300",
    targetDate: daysAgo(-300),
  });
  const period = { periodStart: daysAgo(365), periodEnd: daysAgo(1) };
  const values: Omit<IndicatorValueInput, "periodStart" | "periodEnd">[] = [
    { value: "120" },
    { value: "70", sex: "female" },
    { value: "50", sex: "male" },
    { value: "15", disability: "with_disability" },
    { value: "40", location: "rural", ageBand: "25-64" },
    { value: "121.5" },
  ];
  for (const v of values) await addIndicatorValue(db, ohchr.viewer, trained.id, { ...period, ...v });
  const share = await addIndicator(db, ohchr.viewer, result.id, { title: "Part des écoles couvertes", measure: 2, ascending: true });
  await addIndicatorValue(db, ohchr.viewer, share.id, { periodStart: daysAgo(365), periodEnd: daysAgo(180), value: "12.5" });
  await addIndicatorValue(db, ohchr.viewer, share.id, { periodStart: daysAgo(179), periodEnd: daysAgo(1), value: "33.33" });
  const outcome = await addResult(db, ohchr.viewer, full.id, { resultType: 2, title: "Pratiques pédagogiques inclusives" });
  await addIndicator(db, ohchr.viewer, outcome.id, {
    title: "Taux d'abandon (%)",
    measure: 2,
    ascending: false,
    baselineYear: 2022,
    baselineValue: "18",
    targetValue: "9.5",
  });

  // A provider's plain record in another State, and one with IATI classifications set as a published file has them.
  const plain = await startActivity(db, unesco.viewer, {
    organizationId: unesco.organizationId,
    stateIso3: "MLI",
    title: "Appui au curriculum d'éducation civique",
    description: "Révision du curriculum.",
    plannedStart: daysAgo(30),
  });
  await updateActivity(db, unesco.viewer, plain.id, { version: 1, dacSectors: ["15160"] });
  const classified = await startActivity(db, unesco.viewer, {
    organizationId: unesco.organizationId,
    stateIso3: "NER",
    title: "Education continuity during COVID-19",
    description: "Distance learning and safe reopening of schools.",
    plannedStart: daysAgo(900),
    plannedEnd: daysAgo(100),
    budgetAmount: "80000",
    defaultCurrency: "EUR",
  });
  await updateActivity(db, unesco.viewer, classified.id, { version: 1, dacSectors: ["11110"] });
  await db
    .updateTable("activities")
    .set({ collaboration_type: "1", flow_type: "10", finance_type: "110", aid_type: "D01" })
    .where("id", "=", classified.id)
    .execute();
}

describe("IATI round trip", () => {
  it("export → import into an empty database → export gives the same bytes", async () => {
    const { first, second, exported, excluded } = await roundTrip(a.db);
    expect(excluded).toEqual([]);
    expect(exported).toBe(3);
    for (const part of [
      '<humanitarian-scope type="1" vocabulary="1-2" code="EP-2020-000012-001"',
      'vocabulary-uri="urn:passerelle:uhri-persons" code="persons-with-disabilities"',
      '<policy-marker vocabulary="1" code="11" significance="1"',
      '<dimension name="disability" value="with_disability"',
      '<default-aid-type code="D01" vocabulary="1"',
      "&#13;",
    ])
      expect(first).toContain(part);
    expect(second).toBe(first);
  });

  it("holds for a provider's published file too: the real UNDP file imported, exported, imported, exported", async () => {
    const undp = await createTestDb();
    try {
      const file = path.resolve(import.meta.dirname, "../resources/iati/examples/undp_covid19_activities_100.xml.gz");
      await importIatiActivities(undp.db, TEST_ACTOR, { fileName: "undp.xml.gz", path: file });
      const { first, second, exported } = await roundTrip(undp.db);
      expect(exported).toBeGreaterThan(80);
      expect(second).toBe(first);
    } finally {
      await undp.close();
    }
  });
});
