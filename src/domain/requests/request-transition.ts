import { lockRequestForStatus, writeRequestStatus } from "../../store/request-status-store.js";
import type { WriteContext } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { checkRequestTransition, type RequestParty, RequestStatusSchema, type RequestStatus } from "../cooperation/request-status.js";

export type RequestTransition = {
  requestId: string;
  to: RequestStatus;
  party: RequestParty;
  reason?: string | null;
  /** The organization the actor acts for (a provider's, or the State body's). */
  actorOrganizationId: string | null;
};

/**
 * Moves a request to a new status inside an audited write: locks the row, checks the status machine, records the
 * event (timeline and response-time figures) and the audit entry. An illegal move is refused with its reason and
 * writes nothing. Used by the request service and, as consequences, by offers (offer_made, agreed) and
 * activities (converted_to_activity).
 */
export async function applyRequestTransition(w: WriteContext, t: RequestTransition): Promise<{ from: RequestStatus; to: RequestStatus }> {
  const current = await lockRequestForStatus(w.trx, t.requestId);
  if (!current) throw notFound("Assistance request", t.requestId);
  const from = RequestStatusSchema.parse(current.status);
  const check = checkRequestTransition(from, t.to, t.party, t.reason);
  if (!check.ok)
    throw new AppError("rule_violation", `Cannot change the status of request ${current.reference ?? t.requestId}: ${check.reason}`, [
      { field: "status", message: check.reason },
    ]);
  const reason = t.reason?.trim() || null;
  await writeRequestStatus(w.trx, { requestId: t.requestId, from, to: t.to, reason, actorUserId: w.actor.userId, actorOrganizationId: t.actorOrganizationId });
  await w.audit({ action: `request.${t.to}`, entityType: "assistance_request", entityId: t.requestId, details: { from, to: t.to, reason } });
  return { from, to: t.to };
}
