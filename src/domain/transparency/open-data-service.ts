import { listIatiPublisherRows, readLatestAuditTime } from "../../store/open-data-store.js";
import type { Db } from "../../store/db.js";
import { ANONYMOUS, scopeOf } from "../access/viewer.js";

// What the open-data page says about the published data (issue 5 item 5): when it last changed, and which providers
// publish an IATI organisation file. Both as the anonymous public sees them: the page describes public files.

export type IatiPublisher = { slug: string; name: string; iatiRef: string };

/** The time of the latest change to the data (the latest audit event); null on an empty database. */
export function latestDataChange(db: Db): Promise<Date | null> {
  return readLatestAuditTime(db);
}

/** Providers with an IATI organisation identifier, publicly listed: each has an organisation file. */
export async function listIatiPublishers(db: Db): Promise<IatiPublisher[]> {
  const rows = await listIatiPublisherRows(db, scopeOf(ANONYMOUS));
  return rows.map((r) => ({ slug: r.slug, name: r.name, iatiRef: r.iatiRef }));
}
