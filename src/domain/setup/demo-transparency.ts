import { DEFAULT_RESOURCES_DIR, resolveResourceFile } from "../../imports/resources-path.js";
import type { Db } from "../../store/db.js";
import { countActivitiesOfKind } from "../../store/seed-state-store.js";
import { startActivity, updateActivity } from "../activities/activity-service.js";
import { addTransaction } from "../activities/transaction-service.js";
import { importIatiActivities } from "../transparency/iati-import-service.js";
import { day, FICTIONAL, orgId, viewerOf } from "./demo-cooperation.js";
import { SEED_ACTOR } from "./demo-recommendations.js";

// Demo data for the transparency register (JOURNEYS.md journey 5): real activities where they exist — UNDP's own
// published IATI file of COVID-19 activities, imported as any provider's file would be — and three fictional
// activities in Senegal whose details the State withheld: together they reach the small-cell threshold, so the
// public register counts them in Senegal's totals without showing any of them (DESIGN.md; R14 check). All built
// through the same services as users.

const UNDP_FILE = "iati/examples/undp_covid19_activities_100.xml";

const WITHHELD: { provider: string; officer: string; title: string; themes: string[]; budget: string; committed: string; disbursed: string }[] = [
  {
    provider: "ohchr",
    officer: "officer.ohchr@demo.passerelle.example",
    title: `Protection of human rights defenders: support to a national protection mechanism ${FICTIONAL}`,
    themes: ["H1"],
    budget: "65000",
    committed: "65000",
    disbursed: "20000",
  },
  {
    provider: "unicef",
    officer: "officer.unicef@demo.passerelle.example",
    title: `Child protection case management in Koranic schools ${FICTIONAL}`,
    themes: ["F3"],
    budget: "90000",
    committed: "90000",
    disbursed: "30000",
  },
  {
    provider: "unesco",
    officer: "officer.unesco@demo.passerelle.example",
    title: `Safety of journalists covering school-related violence ${FICTIONAL}`,
    themes: ["D4"],
    budget: "40000",
    committed: "40000",
    disbursed: "15000",
  },
];

export type TransparencySeedReport = { status: "seeded" | "unchanged"; withheld: number; imported: number };

/** Seeds the register's demo activities once (after the cooperation demo); each part is skipped when present. */
export async function seedDemoTransparency(
  db: Db,
  options: { resourcesDir?: string; onProgress?: (step: string) => void } = {},
): Promise<TransparencySeedReport> {
  const imported = (await countActivitiesOfKind(db, "imported")) > 0 ? 0 : await importRealActivities(db, options);
  const withheld = (await countActivitiesOfKind(db, "withheld")) > 0 ? 0 : await seedWithheldActivities(db, options);
  return { status: imported + withheld > 0 ? "seeded" : "unchanged", withheld, imported };
}

async function importRealActivities(db: Db, options: { resourcesDir?: string; onProgress?: (step: string) => void }): Promise<number> {
  options.onProgress?.("importing UNDP's published IATI activities (real, 100)");
  const path = resolveResourceFile(options.resourcesDir ?? DEFAULT_RESOURCES_DIR, UNDP_FILE);
  const report = await importIatiActivities(db, SEED_ACTOR, { fileName: "undp_covid19_activities_100.xml", path });
  return report.created;
}

async function seedWithheldActivities(db: Db, options: { onProgress?: (step: string) => void }): Promise<number> {
  options.onProgress?.("creating fictional activities whose details the State withheld");
  const focal = await viewerOf(db, "focal.senegal@demo.passerelle.example");
  for (const [i, a] of WITHHELD.entries()) {
    const officer = await viewerOf(db, a.officer);
    const started = await startActivity(db, officer, {
      organizationId: await orgId(db, a.provider),
      stateIso3: "SEN",
      title: a.title,
      description: "Details withheld by the State in the demo; the register counts the activity without showing it.",
      themes: a.themes,
      plannedStart: day(-200 + i * 20),
      plannedEnd: day(160 + i * 30),
      budgetAmount: a.budget,
      defaultCurrency: "USD",
    });
    await addTransaction(db, officer, started.id, {
      transactionType: 2,
      transactionDate: day(-190 + i * 20),
      amount: a.committed,
      currency: "USD",
      description: "Commitment",
    });
    await addTransaction(db, officer, started.id, {
      transactionType: 3,
      transactionDate: day(-100 + i * 10),
      amount: a.disbursed,
      currency: "USD",
      description: "Disbursement",
    });
    await updateActivity(db, focal, started.id, {
      version: 1,
      detailsWithheld: true,
      withheldReason: "Risk of reprisals against participants (fictional example)",
    });
  }
  return WITHHELD.length;
}
