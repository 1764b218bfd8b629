import { randomBytes } from "node:crypto";
import type { Db } from "../../store/db.js";
import { migrate } from "../../store/migrate.js";
import { purgeExpiredSessions } from "../accounts/account-service.js";
import { readSetting, writeSettingIfAbsent } from "../../store/settings-store.js";
import { loadReferenceData, type ReferenceLoadReport } from "../reference/reference-service.js";
import { type ClosuresSeedReport, seedDemoClosures } from "./demo-closures.js";
import { type CooperationSeedReport, seedDemoCooperation } from "./demo-cooperation.js";
import { type RecommendationSeedReport, seedDemoRecommendations } from "./demo-recommendations.js";
import { type MonitoringSeedReport, seedDemoMonitoring } from "./demo-monitoring.js";
import { seedDemoData, type DemoSeedReport } from "./demo-seed.js";
import { seedDemoTagging, type TaggingSeedReport } from "./demo-tagging.js";
import { seedDemoTransparency, type TransparencySeedReport } from "./demo-transparency.js";

export type PrepareReport = {
  migrations: string[];
  reference: ReferenceLoadReport;
  demo: DemoSeedReport | null;
  recommendations: RecommendationSeedReport | null;
  cooperation: CooperationSeedReport | null;
  transparency: TransparencySeedReport | null;
  closures: ClosuresSeedReport | null;
  monitoring: MonitoringSeedReport | null;
  tagging: TaggingSeedReport | null;
};

/**
 * Brings a database to a usable state: schema, instance secret, reference data and (optionally) the demo
 * data. Safe to run on every start: each step does nothing when already done.
 */
export async function prepareDatabase(
  db: Db,
  options: { demo: boolean; recommendations?: boolean; onProgress?: (step: string) => void },
): Promise<PrepareReport> {
  options.onProgress?.("migrating the database");
  const { applied } = await migrate(db);
  // The cookie-signing secret is made per instance and kept in the database: never in the repo, and shared
  // by every server process of one deployment.
  await writeSettingIfAbsent(db, "cookie_secret", randomBytes(32).toString("hex"));
  await purgeExpiredSessions(db);
  const reference = await loadReferenceData(db, { onProgress: options.onProgress });
  const demo = options.demo ? await seedDemoData(db, { onProgress: options.onProgress }) : null;
  const recommendations = options.demo || options.recommendations ? await seedDemoRecommendations(db, { onProgress: options.onProgress }) : null;
  // Fictional requests, offers and activities sit on the real recommendations, so they come last.
  const cooperation = options.demo ? await seedDemoCooperation(db, { onProgress: options.onProgress }) : null;
  const transparency = options.demo ? await seedDemoTransparency(db, { onProgress: options.onProgress }) : null;
  // Real school-closure releases (UNESCO, OxCGRT) for the education pages: a few seconds on the first start only.
  const closures = options.demo ? await seedDemoClosures(db, { onProgress: options.onProgress }) : null;
  // Fictional monitoring mechanisms and indicator series for Senegal, entered as its demo focal point would.
  const monitoring = options.demo ? await seedDemoMonitoring(db, { onProgress: options.onProgress }) : null;
  // Model suggestions for the Slovenia thematic lists, so the tag review queue has real work on a first start.
  const tagging = options.demo ? await seedDemoTagging(db, { onProgress: options.onProgress }) : null;
  return { migrations: applied, reference, demo, recommendations, cooperation, transparency, closures, monitoring, tagging };
}

export async function readCookieSecret(db: Db): Promise<string> {
  const secret = await readSetting(db, "cookie_secret");
  if (!secret) throw new Error("The database has no cookie secret: run `passerelle migrate` first");
  return secret;
}
