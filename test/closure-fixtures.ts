import { importClosureFile } from "../src/domain/education/closure-import-service.js";
import type { ClosureImportReport } from "../src/domain/education/closure-schemas.js";
import { SEED_ACTOR } from "../src/domain/setup/demo-recommendations.js";
import { DEFAULT_RESOURCES_DIR, resolveResourceFile } from "../src/imports/resources-path.js";
import type { Db } from "../src/store/db.js";

// The three real school-closure files of resources/ (UNESCO daily, UNESCO scale, OxCGRT C1), imported as the demo
// seed imports them: OxCGRT's Kosovo (RKS) and Taiwan (TWN) rows and the old UNESCO file's one duplicated
// country-day (line 742) are skipped with a warning.
export const REAL_CLOSURE_FILES = {
  unescoStatus: "school-closures/unesco_school_closures_daily_2020-02-16_2021-02-15.csv",
  unescoScale: "school-closures/unesco_school_closures_scale_schema_2020-02-16_2020-07-15.csv",
  oxcgrt: "school-closures/oxcgrt_c1_school_closing_long.csv",
} as const;

export type RealClosureReleases = Record<keyof typeof REAL_CLOSURE_FILES, ClosureImportReport & { releaseId: number }>;

/** The path of one of the real files (the gzipped copy in resources/). */
export function realClosureFile(key: keyof typeof REAL_CLOSURE_FILES): string {
  return resolveResourceFile(DEFAULT_RESOURCES_DIR, REAL_CLOSURE_FILES[key]);
}

/** Imports the three real files (a few seconds); each report has its releaseId. Idempotent. */
export async function loadRealClosures(db: Db): Promise<RealClosureReleases> {
  const out: Partial<RealClosureReleases> = {};
  for (const key of Object.keys(REAL_CLOSURE_FILES) as (keyof typeof REAL_CLOSURE_FILES)[]) {
    const report = await importClosureFile(db, SEED_ACTOR, { path: realClosureFile(key) }, { skipUnknownCountries: true, skipDuplicates: true });
    if (report.releaseId === null) throw new Error(`${key}: not imported`);
    out[key] = { ...report, releaseId: report.releaseId };
  }
  return out as RealClosureReleases;
}

/** A small crafted fixture file under test/fixtures/closures/. */
export function closureFixture(name: string): string {
  return new URL(`./fixtures/closures/${name}`, import.meta.url).pathname;
}
