import type { ViewerScope } from "../access/viewer.js";
import { findRecommendationStates, findRequestsForLink, type RequestForLink } from "../../store/activity-link-store.js";
import { listKnownTermCodes } from "../../store/activity-store.js";
import type { Db } from "../../store/db.js";
import { AppError, type FieldProblem } from "../core/app-error.js";
import { TAXONOMY } from "./activity-codes.js";
import { todayIso } from "./consent-rules.js";

// Checks shared by the activity operations. Each collects problems per field so a form shows them next to the
// fields, all at once, and the write happens only when there are none.

export class Problems {
  readonly list: FieldProblem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  throwIfAny(message = "The input is not valid"): void {
    if (this.list.length > 0) throw new AppError("invalid_input", message, this.list);
  }
}

/** An end date on or after its start; an actual date not in the future (nothing has happened tomorrow yet). */
export function checkPeriod(p: Problems, start: string | null, end: string | null, fields: { start: string; end: string }, actual: boolean): void {
  if (start && end && end < start) p.add(fields.end, "must be on or after the start date");
  if (actual) {
    const today = todayIso();
    if (start && start > today) p.add(fields.start, "must not be in the future (it is an actual date)");
    if (end && end > today) p.add(fields.end, "must not be in the future (it is an actual date)");
  }
}

/** Codes must be terms of the reference taxonomy valid today (IATI Sector, Currency, DocumentCategory; SDG; UHRI). */
export async function checkCodes(
  db: Db,
  p: Problems,
  field: string,
  taxonomyId: string,
  codes: readonly string[] | null | undefined,
  what: string,
): Promise<void> {
  if (!codes || codes.length === 0) return;
  const known = await listKnownTermCodes(db, taxonomyId, codes, todayIso());
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length > 0) p.add(field, `unknown ${what}: ${unknown.join(", ")}`);
}

export async function checkCurrency(db: Db, p: Problems, field: string, currency: string | null | undefined): Promise<void> {
  if (!currency) return;
  const known = await listKnownTermCodes(db, TAXONOMY.currency, [currency], todayIso());
  if (!known.has(currency)) p.add(field, `${currency} is not an ISO 4217 currency in the IATI Currency codelist`);
}

/** Recommendations linked to an activity must be addressed to the activity's State (R4: its own reviews). */
export async function checkRecommendationsOfState(db: Db, p: Problems, field: string, ids: readonly string[], stateIso3: string): Promise<void> {
  if (ids.length === 0) return;
  const found = new Map((await findRecommendationStates(db, ids)).map((r) => [r.id, r.stateIso3]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) p.add(field, `unknown recommendations: ${missing.join(", ")}`);
  const foreign = ids.filter((id) => found.has(id) && found.get(id) !== stateIso3);
  if (foreign.length > 0)
    p.add(
      field,
      `${foreign.map((id) => `${id} is addressed to ${found.get(id)}`).join("; ")}, not to ${stateIso3}: link only recommendations made to the activity's State`,
    );
}

// A request that was withdrawn, declined or referred elsewhere is not one an activity can answer; a draft is not sent.
const LINKABLE_REQUEST_STATUSES = ["submitted", "acknowledged", "under_assessment", "offer_made", "agreed", "converted_to_activity"];

/** Requests linked to an activity: known to the viewer, of the activity's State, and still open to an answer. */
export async function checkRequestsForLink(
  db: Db,
  scope: ViewerScope,
  p: Problems,
  field: string,
  ids: readonly string[],
  stateIso3: string,
): Promise<RequestForLink[]> {
  if (ids.length === 0) return [];
  const found = await findRequestsForLink(db, scope, ids);
  const byId = new Map(found.map((r) => [r.id, r]));
  for (const id of ids) {
    const r = byId.get(id);
    if (!r?.visible) p.add(field, `assistance request ${id} was not found`);
    else if (r.stateIso3 !== stateIso3) p.add(field, `assistance request ${r.reference ?? id} is from ${r.stateIso3}, not from ${stateIso3}`);
    else if (!LINKABLE_REQUEST_STATUSES.includes(r.status))
      p.add(field, `assistance request ${r.reference ?? id} is ${r.status.replaceAll("_", " ")}: an activity cannot answer it`);
  }
  return found.filter((r) => r.visible);
}
