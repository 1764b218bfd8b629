import path from "node:path";
import { DEFAULT_RESOURCES_DIR, resolveResourceFile } from "../../imports/resources-path.js";
import { parseUhriFile } from "../../imports/uhri-thematic-list.js";
import { parseUprInfoPledges, parseUprInfoRecommendations } from "../../imports/upr-info-csv.js";
import type { Db } from "../../store/db.js";
import { countRecommendationRows } from "../../store/recommendation-read-store.js";
import type { Actor } from "../audit/audit-service.js";
import { importPledges, importRecommendations, type ImportReport } from "../recommendations/recommendation-import-service.js";
import { AppError } from "../core/app-error.js";

/** Who the audit log names for what the demo seed writes. */
export const SEED_ACTOR: Actor = { userId: null, label: "demo-seed" };

export type RecommendationSeedReport = { status: "seeded" | "unchanged"; reports: Record<string, ImportReport> };

/**
 * The real recommendations shipped in resources/ (UPR Info sessions 1–17, OHCHR thematic lists for Slovenia,
 * UPR Info voluntary pledges), so a first start shows real content. Skipped when the registry is not empty.
 */
export async function seedDemoRecommendations(
  db: Db,
  options: { resourcesDir?: string; onProgress?: (step: string) => void } = {},
): Promise<RecommendationSeedReport> {
  if ((await countRecommendationRows(db)) > 0) return { status: "unchanged", reports: {} };
  const dir = options.resourcesDir ?? DEFAULT_RESOURCES_DIR;
  const reports: Record<string, ImportReport> = {};
  const file = (rel: string) => resolveResourceFile(dir, rel);

  options.onProgress?.("importing UPR Info recommendations (33,082 rows)");
  const upr = await parseUprInfoRecommendations(file("upr-info/upr_recommendations_sessions01-17.csv"));
  reports.uprInfo = await importRecommendations(db, SEED_ACTOR, upr, {
    dryRun: false,
    fileName: path.basename(file("upr-info/upr_recommendations_sessions01-17.csv")),
  });

  options.onProgress?.("importing OHCHR thematic lists for Slovenia (UPR 20 and 34, the original Word documents)");
  for (const doc of [
    "uhri-slovenia/UPR20__Slovenia_ThematicListRecommendations_E.docx",
    "uhri-slovenia/UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
  ]) {
    reports[path.basename(doc)] = await importRecommendations(db, SEED_ACTOR, parseUhriFile(file(doc)), { dryRun: false, fileName: path.basename(doc) });
  }

  options.onProgress?.("importing UPR Info voluntary pledges");
  const pledges = await parseUprInfoPledges(file("upr-info/upr_info_voluntary_pledges_sessions01-19.csv"));
  reports.pledges = await importPledges(db, SEED_ACTOR, pledges, {
    dryRun: false,
    fileName: path.basename(file("upr-info/upr_info_voluntary_pledges_sessions01-19.csv")),
  });

  for (const [name, r] of Object.entries(reports)) {
    if (r.errors.length > 0) {
      throw new AppError(
        "invalid_input",
        `The shipped ${name} file did not import: ${r.errors
          .slice(0, 3)
          .map((e) => `line ${e.line}: ${e.field}: ${e.message}`)
          .join("; ")}`,
      );
    }
  }
  return { status: "seeded", reports };
}
