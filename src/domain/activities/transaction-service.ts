import { findActivityRow, lockActivity } from "../../store/activity-store.js";
import { insertTransaction } from "../../store/activity-results-store.js";
import type { Db } from "../../store/db.js";
import type { Viewer } from "../access/viewer.js";
import { runAudited } from "../audit/audit-service.js";
import { notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { checkCurrency, Problems } from "./activity-checks.js";
import { requireProvider, requireSignedIn } from "./activity-permissions.js";
import { type TransactionInput, TransactionSchema } from "./activity-schemas.js";
import { todayIso } from "./consent-rules.js";

// IATI transactions of an activity (R9, R14; REQUIREMENTS §5.6 "pledges vs payments vs expenditures, currencies"):
// commitments, disbursements, expenditures and incoming funds, each in its own currency. Amounts are positive
// decimal strings; totals are summed per type and currency by the database and never across currencies.

/** How far before an activity's start a transaction may be dated: commitments are often signed a year ahead. */
const EARLIEST_BEFORE_START_YEARS = 2;

export function earliestTransactionDate(activityStart: string | null): string | null {
  if (!activityStart) return null;
  const year = Number(activityStart.slice(0, 4)) - EARLIEST_BEFORE_START_YEARS;
  return `${String(year).padStart(4, "0")}${activityStart.slice(4)}`;
}

export async function addTransaction(db: Db, viewer: Viewer, activityId: string, input: TransactionInput): Promise<{ id: string }> {
  const userId = requireSignedIn(viewer);
  const t = parseInput(TransactionSchema, input);
  const activity = await findActivityRow(db, activityId);
  if (!activity) throw notFound("Activity", activityId);
  requireProvider(viewer, activity);
  const p = new Problems();
  // IATI transactions record what happened: planned flows are budgets, not transactions.
  if (t.transactionDate > todayIso()) p.add("transactionDate", "must not be in the future: a transaction records a flow that took place");
  const earliest = earliestTransactionDate(activity.actualStart ?? activity.plannedStart);
  if (earliest && t.transactionDate < earliest)
    p.add("transactionDate", `must not be more than ${EARLIEST_BEFORE_START_YEARS} years before the activity's start (${earliest} at the earliest)`);
  if (t.valueDate && t.valueDate > todayIso()) p.add("valueDate", "must not be in the future");
  await checkCurrency(db, p, "currency", t.currency);
  p.throwIfAny();
  return runAudited(db, { userId, label: viewer.displayName ?? userId }, async (w) => {
    await lockActivity(w.trx, activityId);
    const created = await insertTransaction(w.trx, {
      activityId,
      transactionType: t.transactionType,
      transactionDate: t.transactionDate,
      valueDate: t.valueDate,
      amount: t.amount,
      currency: t.currency,
      description: t.description,
      providerName: t.providerName,
      receiverName: t.receiverName,
      createdBy: userId,
    });
    await w.audit({
      action: "activity.transaction.add",
      entityType: "activity",
      entityId: activityId,
      details: { transactionId: created.id, transactionType: t.transactionType, amount: t.amount, currency: t.currency, transactionDate: t.transactionDate },
    });
    return created;
  });
}
