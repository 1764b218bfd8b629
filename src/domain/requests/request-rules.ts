import { PROVIDER_ROLES, STATE_ROLES } from "../access/roles.js";
import type { Membership, Viewer } from "../access/viewer.js";
import { nextRequestSteps, type RequestParty, type RequestStatus } from "../cooperation/request-status.js";

// Pure rules of assistance requests (R12, R13; res. 45/32 OP8): who acts for whom, the reference number, the
// acknowledgement targets and the statistics behind the response-time figures.

/** The reference a request gets when it is submitted: TA-<ISO3>-<year>-<number>, e.g. TA-SEN-2026-0007. */
export function formatRequestReference(stateIso3: string, year: number, sequence: number): string {
  return `TA-${stateIso3}-${year}-${String(sequence).padStart(4, "0")}`;
}
export const REQUEST_REFERENCE_PATTERN = /^TA-[A-Z]{3}-\d{4}-\d{4,}$/;

/**
 * Acknowledgement targets, in working days (Monday to Friday; public holidays are not counted out): a provider
 * acknowledges a submitted request within 10 working days, within 5 when the request is COVID-19 related
 * (R7: a fast-track lane for crisis-flagged requests).
 */
export const ACKNOWLEDGEMENT_TARGET_WORKING_DAYS = 10;
export const COVID_ACKNOWLEDGEMENT_TARGET_WORKING_DAYS = 5;

export function acknowledgementTarget(covidContext: boolean): number {
  return covidContext ? COVID_ACKNOWLEDGEMENT_TARGET_WORKING_DAYS : ACKNOWLEDGEMENT_TARGET_WORKING_DAYS;
}

const DAY_MS = 86_400_000;
const utcDay = (d: Date) => Math.floor(d.getTime() / DAY_MS);

/** Working days (Monday–Friday, UTC calendar) after `from`'s day up to and including `to`'s day. */
export function countWorkingDays(from: Date, to: Date): number {
  const start = utcDay(from);
  const end = utcDay(to);
  if (end <= start) return 0;
  let count = 0;
  for (let day = start + 1; day <= end; day++) {
    const weekday = new Date(day * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

/** Whole calendar days elapsed between two instants (never negative). */
export function elapsedDays(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

/** A submitted request still waiting for its acknowledgement past the target is overdue. */
export function isAcknowledgementOverdue(r: { status: RequestStatus; submittedAt: Date | null; covidContext: boolean }, now: Date): boolean {
  if (r.status !== "submitted" || !r.submittedAt) return false;
  return countWorkingDays(r.submittedAt, now) > acknowledgementTarget(r.covidContext);
}

/** Days between two instants with one decimal, for the response-time figures. */
export function durationDays(from: Date, to: Date): number {
  return Math.round(((to.getTime() - from.getTime()) / DAY_MS) * 10) / 10;
}

/** The p-quantile (0–1) with linear interpolation between closest ranks (PostgreSQL's percentile_cont). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return Math.round((lowValue + (highValue - lowValue) * (rank - low)) * 10) / 10;
}

/** Memberships through which a viewer can make a request for some State: a State role in one of its government bodies. */
export function requestingMemberships(viewer: Viewer): (Membership & { countryIso3: string })[] {
  return viewer.memberships.filter(
    (m): m is Membership & { countryIso3: string } => STATE_ROLES.includes(m.role) && m.organizationType === "government" && m.countryIso3 !== null,
  );
}

/** Memberships through which a viewer acts for the State of a request. */
export function stateMembershipsFor(viewer: Viewer, stateIso3: string): Membership[] {
  return requestingMemberships(viewer).filter((m) => m.countryIso3 === stateIso3);
}

/** Memberships through which a viewer acts for a provider the request is addressed to. */
export function providerMembershipsFor(viewer: Viewer, addressedProviderIds: readonly string[]): Membership[] {
  return viewer.memberships.filter((m) => PROVIDER_ROLES.includes(m.role) && addressedProviderIds.includes(m.organizationId));
}

/**
 * Status changes people make on this page and API. The others are consequences recorded by offers (offer_made,
 * agreed) and activities (converted_to_activity) through the same applyRequestTransition.
 */
export const MANUAL_TRANSITIONS: Partial<Record<RequestStatus, Exclude<RequestParty, "system">>> = {
  submitted: "state",
  withdrawn: "state",
  acknowledged: "provider",
  under_assessment: "provider",
  referred: "provider",
  declined: "provider",
};

export type RequestAction = { to: RequestStatus; party: "state" | "provider"; reasonRequired: boolean };

/** The steps a viewer may take now on a request, in the order the status machine lists them (the page's buttons). */
export function availableActions(viewer: Viewer, r: { status: RequestStatus; stateIso3: string; providerIds: readonly string[] }): RequestAction[] {
  const parties: ("state" | "provider")[] = [];
  if (stateMembershipsFor(viewer, r.stateIso3).length > 0) parties.push("state");
  if (providerMembershipsFor(viewer, r.providerIds).length > 0) parties.push("provider");
  return parties.flatMap((party) =>
    nextRequestSteps(r.status, party)
      .filter((step) => MANUAL_TRANSITIONS[step.to] === party)
      .map((step) => ({ to: step.to, party, reasonRequired: step.reasonRequired === true })),
  );
}

/** A recommendation the State did not support is a legitimate basis but is flagged (R12: "not an accepted recommendation"). */
export function isNotAccepted(position: string): boolean {
  return position !== "supported";
}
