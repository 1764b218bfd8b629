import { DEFAULT_RESOURCES_DIR, resolveResourceFile } from "../../imports/resources-path.js";
import type { Db } from "../../store/db.js";
import { findImportedClosureRelease, importClosureFile } from "../education/closure-import-service.js";
import { SEED_ACTOR } from "./demo-recommendations.js";

// The real school-closure data of the first-run demo (issue 6; res. 45/32 PP9–PP11): UNESCO's two global monitoring
// releases and OxCGRT's indicator C1, from the gzipped copies in resources/, imported as an operator would with
// `passerelle import closures --skip-unknown-countries --skip-duplicates`: OxCGRT's Kosovo (RKS) and Taiwan (TWN)
// rows are not in the M49 country list, and the older UNESCO file repeats one country-day (line 742); both are
// skipped and reported with the release. Importing the same bytes again writes nothing, so the seed is idempotent.

export const DEMO_CLOSURE_FILES = [
  "school-closures/unesco_school_closures_daily_2020-02-16_2021-02-15.csv",
  "school-closures/unesco_school_closures_scale_schema_2020-02-16_2020-07-15.csv",
  "school-closures/oxcgrt_c1_school_closing_long.csv",
] as const;

export type ClosuresSeedReport = { status: "seeded" | "unchanged"; releases: number; rows: number };

export async function seedDemoClosures(db: Db, options: { resourcesDir?: string; onProgress?: (step: string) => void } = {}): Promise<ClosuresSeedReport> {
  let releases = 0;
  let rows = 0;
  for (const rel of DEMO_CLOSURE_FILES) {
    const file = resolveResourceFile(options.resourcesDir ?? DEFAULT_RESOURCES_DIR, rel);
    if ((await findImportedClosureRelease(db, file)) !== null) continue;
    options.onProgress?.(`importing school closures (real): ${rel.split("/")[1]}`);
    const report = await importClosureFile(db, SEED_ACTOR, { path: file }, { skipUnknownCountries: true, skipDuplicates: true });
    if (report.status !== "imported") continue;
    releases++;
    rows += report.rowsStored;
  }
  return { status: releases > 0 ? "seeded" : "unchanged", releases, rows };
}
