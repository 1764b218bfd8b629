import { type Expression, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import type { Tx } from "./audit-store.js";
import type { Db } from "./db.js";

// Pairings (R29): a request and an offer brought together, with milestones and the one-year follow-up report.
// Visible to the parties — the request's State and originator, the offer's provider — and to UN staff, filtered in SQL
// by pairingVisibleTo (same rule as canSeePairing in domain/matching/pairing-access.ts).

export type PairingRow = {
  id: string;
  requestId: string;
  requestReference: string | null;
  requestTitle: string;
  requestStatus: string;
  stateIso3: string;
  requestOrganizationId: string;
  offerId: string;
  offerTitle: string;
  offerStatus: string;
  providerId: string;
  providerSlug: string;
  providerName: string;
  status: string;
  matchScore: string | null;
  matchExplanation: unknown;
  followUpDue: string;
  followUpReport: string | null;
  followUpSubmittedAt: Date | null;
  createdBy: string | null;
  version: number;
  createdAt: Date;
};

export type MilestoneRow = { id: string; pairingId: string; title: string; dueOn: string | null; doneOn: string | null; note: string; createdAt: Date };

/** pairings p joined with assistance_requests r and offers o — canSeePairing(). */
export function pairingVisibleTo(scope: ViewerScope): Expression<SqlBool> {
  if (scope.isUn) return sql<boolean>`true`;
  const ors = [sql<boolean>`false`];
  if (scope.stateIso3s.length) ors.push(sql<boolean>`r.state_iso3 = ANY(${scope.stateIso3s}::text[])`);
  if (scope.organizationIds.length) {
    ors.push(sql<boolean>`o.organization_id = ANY(${scope.organizationIds}::uuid[])`);
    ors.push(sql<boolean>`r.organization_id = ANY(${scope.organizationIds}::uuid[])`);
  }
  return sql<boolean>`(${sql.join(ors, sql` OR `)})`;
}

function pairingsWithParties(db: Db | Tx) {
  return db
    .selectFrom("pairings as p")
    .innerJoin("assistance_requests as r", "r.id", "p.request_id")
    .innerJoin("offers as o", "o.id", "p.offer_id")
    .innerJoin("organizations as org", "org.id", "o.organization_id")
    .selectAll("p")
    .select([
      "r.reference as request_reference",
      "r.title as request_title",
      "r.status as request_status",
      "r.state_iso3",
      "r.organization_id as request_organization_id",
      "o.title as offer_title",
      "o.status as offer_status",
      "o.organization_id as provider_id",
      "org.slug as provider_slug",
      "org.name as provider_name",
    ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof pairingsWithParties>["execute"]>>[number];

function toPairingRow(r: Selected): PairingRow {
  return {
    id: r.id,
    requestId: r.request_id,
    requestReference: r.request_reference,
    requestTitle: r.request_title,
    requestStatus: r.request_status,
    stateIso3: r.state_iso3,
    requestOrganizationId: r.request_organization_id,
    offerId: r.offer_id,
    offerTitle: r.offer_title,
    offerStatus: r.offer_status,
    providerId: r.provider_id,
    providerSlug: r.provider_slug,
    providerName: r.provider_name,
    status: r.status,
    matchScore: r.match_score,
    matchExplanation: r.match_explanation,
    followUpDue: r.follow_up_due,
    followUpReport: r.follow_up_report,
    followUpSubmittedAt: r.follow_up_submitted_at,
    createdBy: r.created_by,
    version: r.version,
    createdAt: r.created_at,
  };
}

export async function insertPairing(
  trx: Tx,
  p: { requestId: string; offerId: string; matchScore: string; matchExplanation: unknown; followUpDue: string; createdBy: string },
): Promise<{ id: string }> {
  return trx
    .insertInto("pairings")
    .values({
      request_id: p.requestId,
      offer_id: p.offerId,
      match_score: p.matchScore,
      match_explanation: sql`${JSON.stringify(p.matchExplanation)}::jsonb`,
      follow_up_due: p.followUpDue,
      created_by: p.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function findPairingIdFor(trx: Tx, requestId: string, offerId: string): Promise<string | undefined> {
  const r = await trx.selectFrom("pairings").select("id").where("request_id", "=", requestId).where("offer_id", "=", offerId).executeTakeFirst();
  return r?.id;
}

/** The pairing with its parties, locked until the end of the transaction. */
export async function lockPairing(trx: Tx, id: string): Promise<PairingRow | undefined> {
  const r = await pairingsWithParties(trx).where("p.id", "=", id).forUpdate("p").executeTakeFirst();
  return r && toPairingRow(r);
}

export async function findVisiblePairing(db: Db, scope: ViewerScope, id: string): Promise<PairingRow | undefined> {
  const r = await pairingsWithParties(db).where("p.id", "=", id).where(pairingVisibleTo(scope)).executeTakeFirst();
  return r && toPairingRow(r);
}

export type PairingFilter = { requestId?: string; offerId?: string; overdueOn?: string; limit: number; offset: number };

export async function listVisiblePairings(db: Db, scope: ViewerScope, f: PairingFilter): Promise<{ total: number; items: PairingRow[] }> {
  let q = pairingsWithParties(db).where(pairingVisibleTo(scope));
  if (f.requestId) q = q.where("p.request_id", "=", f.requestId);
  if (f.offerId) q = q.where("p.offer_id", "=", f.offerId);
  if (f.overdueOn) q = q.where("p.follow_up_report", "is", null).where("p.follow_up_due", "<", f.overdueOn);
  const [count, rows] = await Promise.all([
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    q.orderBy("p.created_at", "desc").orderBy("p.id").limit(f.limit).offset(f.offset).execute(),
  ]);
  return { total: Number(count.n), items: rows.map(toPairingRow) };
}

export async function listMilestoneRows(db: Db | Tx, pairingId: string): Promise<MilestoneRow[]> {
  const rows = await db
    .selectFrom("pairing_milestones")
    .selectAll()
    .where("pairing_id", "=", pairingId)
    .orderBy(sql`due_on asc nulls last`)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, pairingId: r.pairing_id, title: r.title, dueOn: r.due_on, doneOn: r.done_on, note: r.note, createdAt: r.created_at }));
}

export async function insertMilestone(trx: Tx, m: { pairingId: string; title: string; dueOn: string | null; note: string }): Promise<{ id: string }> {
  return trx
    .insertInto("pairing_milestones")
    .values({ pairing_id: m.pairingId, title: m.title, due_on: m.dueOn, note: m.note })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function findMilestone(trx: Tx, pairingId: string, milestoneId: string): Promise<MilestoneRow | undefined> {
  const rows = await listMilestoneRows(trx, pairingId);
  return rows.find((m) => m.id === milestoneId);
}

export async function markMilestoneDone(trx: Tx, milestoneId: string, doneOn: string): Promise<void> {
  await trx.updateTable("pairing_milestones").set({ done_on: doneOn }).where("id", "=", milestoneId).execute();
}

/** Every change to a pairing or its milestones moves its version, so a stale follow-up form is refused. */
export async function bumpPairingVersion(trx: Tx, id: string): Promise<number> {
  const r = await trx.updateTable("pairings").set({ version: sql`version + 1` }).where("id", "=", id).returning("version").executeTakeFirstOrThrow();
  return r.version;
}

/** Records the follow-up report if the pairing is still at `version`; returns the new version, or undefined if stale. */
export async function writeFollowUp(trx: Tx, id: string, version: number, report: string): Promise<number | undefined> {
  const r = await trx
    .updateTable("pairings")
    .set({ follow_up_report: report, follow_up_submitted_at: sql`now()`, status: "completed", version: sql`version + 1` })
    .where("id", "=", id)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
  return r?.version;
}
