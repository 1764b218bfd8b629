import type { ViewerScope } from "../domain/access/viewer.js";
import type { Db } from "./db.js";
import { visibleTo } from "./visibility-scope.js";

// Reads of the open-data page: when published data last changed, and who publishes IATI organisation files.

/** When the latest audited write happened: every change to the data is audited (DESIGN.md), so this is the last change. */
export async function readLatestAuditTime(db: Db): Promise<Date | null> {
  const r = await db.selectFrom("audit_events").select("occurred_at").orderBy("seq", "desc").limit(1).executeTakeFirst();
  return r?.occurred_at ?? null;
}

export type IatiPublisherRow = { slug: string; name: string; iatiRef: string };

/** Organizations with an IATI organisation identifier that `scope` may see listed (R31: one may ask not to be). */
export async function listIatiPublisherRows(db: Db, scope: ViewerScope): Promise<IatiPublisherRow[]> {
  const rows = await db
    .selectFrom("organizations as o")
    .select(["o.slug", "o.name", "o.iati_ref"])
    .where("o.iati_ref", "is not", null)
    .where((eb) => visibleTo(eb, scope, { visibility: "o.visibility", stateIso3: "o.country_iso3", originator: "o.id" }))
    .orderBy("o.name")
    .execute();
  return rows.map((r) => ({ slug: r.slug, name: r.name, iatiRef: r.iati_ref as string }));
}
