import type { Visibility } from "../access/viewer.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { iterateVisibleActivityRows } from "../../store/activity-list-store.js";
import type { Db } from "../../store/db.js";
import { activityFilterOf, parseListQuery } from "./activity-queries.js";
import type { ActivityListQuery } from "./activity-schemas.js";

// The activity list as open data (issue 5 item 4): every activity matching the list's filters that the viewer may
// see (withheld details never leave the activity's circle), in pages, for the CSV, HXL and JSON downloads.

export type ActivityDownloadRow = {
  id: string;
  iatiIdentifier: string | null;
  title: string;
  description: string;
  stateIso3: string;
  stateName: string;
  providerName: string;
  providerIatiRef: string | null;
  status: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  budgetAmount: string | null;
  currency: string;
  unitsPerUsd: string | null;
  rateYear: number | null;
  budgetUsd: string | null;
  dacSectors: string[];
  sdgTargets: string[];
  themes: string[];
  modalities: string[];
  cooperationType: string | null;
  visibility: Visibility;
  detailsWithheld: boolean;
  updatedAt: Date;
};

/**
 * Parses the list query first (a bad filter is a 400 before anything is sent), then returns the matching rows as
 * pages, read lazily: nothing is queried until the download is consumed.
 */
export function openActivityDownload(
  db: Db,
  viewer: Viewer,
  query: ActivityListQuery | Readonly<Record<string, string>>,
): AsyncIterable<ActivityDownloadRow[]> {
  const q = parseListQuery(query);
  const scope = scopeOf(viewer);
  return (async function* () {
    for await (const page of iterateVisibleActivityRows(db, scope, activityFilterOf(q))) {
      yield page.map((a) => ({
        id: a.id,
        iatiIdentifier: a.iatiIdentifier,
        title: a.title,
        description: a.description,
        stateIso3: a.stateIso3,
        stateName: a.stateName,
        providerName: a.organizationName,
        providerIatiRef: a.providerIatiRef,
        status: a.status,
        plannedStart: a.plannedStart,
        plannedEnd: a.plannedEnd,
        actualStart: a.actualStart,
        actualEnd: a.actualEnd,
        budgetAmount: a.budgetAmount,
        currency: a.defaultCurrency,
        unitsPerUsd: a.unitsPerUsd,
        rateYear: a.rateYear,
        budgetUsd: a.budgetUsd,
        dacSectors: a.dacSectors,
        sdgTargets: a.sdgTargets,
        themes: a.themes,
        modalities: a.modalities,
        cooperationType: a.cooperationType,
        visibility: a.visibility,
        detailsWithheld: a.detailsWithheld,
        updatedAt: a.updatedAt,
      }));
    }
  })();
}
