import type { Db } from "../../store/db.js";
import { listResponseTimeRows, type ResponseTimeRow } from "../../store/request-read-store.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import type { ProviderResponseTime } from "./request-schemas.js";
import { durationDays, percentile } from "./request-rules.js";

// Response-time figures per provider (R13: "respond favourably" made measurable; res. 45/32 OP8). Each step is
// credited to the provider organization that took it: its acknowledgement, its first offer, its referral or decline.

/** Below this many requests a provider's figures are withheld, so no single request can be identified (small-cell rule). */
export const RESPONSE_TIME_MIN_REQUESTS = 3;

export function summarizeResponseTimes(rows: readonly ResponseTimeRow[]): ProviderResponseTime[] {
  const byProvider = new Map<string, ResponseTimeRow[]>();
  for (const r of rows) byProvider.set(r.organizationId, [...(byProvider.get(r.organizationId) ?? []), r]);
  return [...byProvider.values()].map((list) => {
    const first = list[0] as ResponseTimeRow;
    const addressed = new Set(list.map((r) => r.requestId)).size;
    const toAcknowledge = list.flatMap((r) => (r.acknowledgedAt ? [durationDays(r.submittedAt, r.acknowledgedAt)] : []));
    const toOffer = list.flatMap((r) => (r.firstOfferAt ? [durationDays(r.submittedAt, r.firstOfferAt)] : []));
    const suppressed = addressed < RESPONSE_TIME_MIN_REQUESTS;
    const share = (n: number) => (suppressed || addressed === 0 ? null : Math.round((n / addressed) * 1000) / 1000);
    return {
      organizationId: first.organizationId,
      name: first.name,
      acronym: first.acronym,
      addressed,
      acknowledged: suppressed ? null : toAcknowledge.length,
      medianDaysToAcknowledge: suppressed ? null : percentile(toAcknowledge, 0.5),
      p90DaysToAcknowledge: suppressed ? null : percentile(toAcknowledge, 0.9),
      offered: suppressed ? null : toOffer.length,
      medianDaysToOffer: suppressed ? null : percentile(toOffer, 0.5),
      p90DaysToOffer: suppressed ? null : percentile(toOffer, 0.9),
      declinedShare: share(list.filter((r) => r.declined).length),
      referredShare: share(list.filter((r) => r.referred).length),
      suppressed,
    };
  });
}

/** Figures for every provider the viewer may see that has been addressed at least one submitted request. */
export async function listProviderResponseTimes(db: Db, viewer: Viewer): Promise<ProviderResponseTime[]> {
  return summarizeResponseTimes(await listResponseTimeRows(db, scopeOf(viewer)));
}
