import { sql } from "kysely";
import type { Tx } from "./audit-store.js";

// Status changes of assistance requests: the row is locked while the change is checked and written, so two
// providers acting at once cannot both move the same request.

export async function lockRequestForStatus(
  trx: Tx,
  requestId: string,
): Promise<{ status: string; stateIso3: string; organizationId: string; reference: string | null } | undefined> {
  const r = await trx
    .selectFrom("assistance_requests")
    .select(["status", "state_iso3", "organization_id", "reference"])
    .where("id", "=", requestId)
    .forUpdate()
    .executeTakeFirst();
  return r && { status: r.status, stateIso3: r.state_iso3, organizationId: r.organization_id, reference: r.reference };
}

/** An event in a request's timeline that does not change its status (a provider stepping back). */
export async function insertRequestEvent(
  trx: Tx,
  e: { requestId: string; status: string; toStatus: string; reason: string | null; actorUserId: string | null; actorOrganizationId: string | null },
): Promise<void> {
  await trx
    .insertInto("assistance_request_events")
    .values({
      request_id: e.requestId,
      from_status: e.status,
      to_status: e.toStatus,
      reason: e.reason,
      actor_user_id: e.actorUserId,
      actor_organization_id: e.actorOrganizationId,
    })
    .execute();
}

export async function writeRequestStatus(
  trx: Tx,
  change: { requestId: string; from: string; to: string; reason: string | null; actorUserId: string | null; actorOrganizationId: string | null },
): Promise<void> {
  await trx
    .updateTable("assistance_requests")
    .set({
      status: change.to,
      status_reason: change.reason,
      updated_at: sql`now()`,
      version: sql`version + 1`,
    })
    .where("id", "=", change.requestId)
    .execute();
  await trx
    .insertInto("assistance_request_events")
    .values({
      request_id: change.requestId,
      from_status: change.from,
      to_status: change.to,
      reason: change.reason,
      actor_user_id: change.actorUserId,
      actor_organization_id: change.actorOrganizationId,
    })
    .execute();
}
