import { findActivityRow, lockActivity, setActivityWithheld } from "../../store/activity-store.js";
import { findConsentRow, insertConsent, listConsentRows, lockConsent, markConsentRevoked } from "../../store/consent-store.js";
import type { Db } from "../../store/db.js";
import { type ActivityFacts, canSeeConsentDetails } from "../access/cooperation-access.js";
import { scopeOf, type Viewer } from "../access/viewer.js";
import { runAudited } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { Problems } from "./activity-checks.js";
import { requireSignedIn, stateMemberships } from "./activity-permissions.js";
import { type ConsentInput, ConsentSchema, type RevokeConsentInput, RevokeConsentSchema } from "./activity-schemas.js";
import { applyStatus } from "./activity-service.js";
import { ActivityStatusSchema, checkActivityTransition, SUSPENDED_ON_REVOCATION } from "./activity-status.js";
import type { ConsentView } from "./activity-views.js";
import { hasValidConsent, isConsentValidOn, todayIso } from "./consent-rules.js";

// Consent (R3; res. 45/32 OP2 "in consultation with, and with the consent of, the States concerned"): recorded by
// an authorised representative of the State concerned (focal point or NMIRF), revocable, never erased. Revoking
// suspends an activity under way, in the same transaction.

const actorOf = (viewer: Viewer, userId: string) => ({ userId, label: viewer.displayName ?? userId });

/** The reason of a suspension on revocation, in the public status history: general on purpose — the State's own
 * words stay in the consent record, for the activity's circle. Pages show it translated. */
export const CONSENT_REVOKED_REASON = "The State concerned revoked its consent";

export async function recordConsent(db: Db, viewer: Viewer, activityId: string, input: ConsentInput): Promise<{ id: string }> {
  const userId = requireSignedIn(viewer);
  const c = parseInput(ConsentSchema, input);
  const activity = await findActivityRow(db, activityId);
  if (!activity) throw notFound("Activity", activityId);
  const bodies = stateMemberships(viewer, activity.stateIso3);
  if (bodies.length === 0) throw new AppError("forbidden", "Only a focal point or national mechanism of the State concerned can record its consent");
  const body = c.organizationId ? bodies.find((m) => m.organizationId === c.organizationId) : bodies[0];
  if (!body) throw new AppError("forbidden", "You do not act for that State body", [{ field: "organizationId", message: "not allowed" }]);
  const status = ActivityStatusSchema.parse(activity.status);
  if (status === 4 || status === 5)
    throw new AppError("rule_violation", "This activity is closed or cancelled: it needs no consent any more", [
      { field: "grantedOn", message: "activity closed" },
    ]);
  const p = new Problems();
  const today = todayIso();
  if (c.grantedOn > today) p.add("grantedOn", "must not be in the future: record the consent once it is given");
  if (c.expiresOn && c.expiresOn < c.grantedOn) p.add("expiresOn", "must be on or after the date the consent was given");
  p.throwIfAny();
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    await lockActivity(w.trx, activityId);
    const created = await insertConsent(w.trx, {
      activityId,
      stateIso3: activity.stateIso3,
      organizationId: body.organizationId,
      grantedByUser: userId,
      grantedByName: c.grantedByName,
      channel: c.channel,
      channelReference: c.channelReference,
      scope: c.scope,
      counterparts: c.counterparts,
      publishDetails: c.publishDetails,
      grantedOn: c.grantedOn,
      expiresOn: c.expiresOn,
    });
    await w.audit({
      action: "consent.record",
      entityType: "activity",
      entityId: activityId,
      details: {
        consentId: created.id,
        channel: c.channel,
        channelReference: c.channelReference,
        grantedOn: c.grantedOn,
        expiresOn: c.expiresOn,
        publishDetails: c.publishDetails,
      },
    });
    // The consent says which data may be published (R3): when it does not allow the details, they are withheld.
    if (!c.publishDetails && !activity.detailsWithheld) {
      const reason = `The State's consent of ${c.grantedOn} (${c.channel.replaceAll("_", " ")} ${c.channelReference}) does not allow publishing the details`;
      await setActivityWithheld(w.trx, activityId, reason);
      await w.audit({
        action: "activity.withholding",
        entityType: "activity",
        entityId: activityId,
        details: { detailsWithheld: true, reason, consentId: created.id },
      });
    }
    return created;
  });
}

/**
 * Revokes a consent: the record stays, marked with who revoked it, when and why. If no other consent remains valid,
 * an activity in implementation or finalisation is suspended (R3 check); a pipeline activity stays in the pipeline
 * and cannot leave it until a new consent is recorded.
 */
export async function revokeConsent(db: Db, viewer: Viewer, consentId: string, input: RevokeConsentInput): Promise<{ suspended: boolean }> {
  const userId = requireSignedIn(viewer);
  const r = parseInput(RevokeConsentSchema, input);
  const found = await findConsentRow(db, consentId);
  if (!found) throw notFound("Consent", consentId);
  if (stateMemberships(viewer, found.stateIso3).length === 0)
    throw new AppError("forbidden", "Only a focal point or national mechanism of the State concerned can revoke its consent");
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    const activity = await lockActivity(w.trx, found.activityId);
    if (!activity) throw notFound("Activity", found.activityId);
    const consent = await lockConsent(w.trx, consentId);
    if (!consent || !(await markConsentRevoked(w.trx, consentId, userId, r.reason)))
      throw new AppError("conflict", "This consent was already revoked", [{ field: "reason", message: "already revoked" }]);
    await w.audit({ action: "consent.revoke", entityType: "activity", entityId: activity.id, details: { consentId, reason: r.reason } });
    const from = ActivityStatusSchema.parse(activity.status);
    const stillValid = hasValidConsent(await listConsentRows(w.trx, activity.id), todayIso());
    if (stillValid || !SUSPENDED_ON_REVOCATION.includes(from)) return { suspended: false };
    const reason = CONSENT_REVOKED_REASON;
    const check = checkActivityTransition(from, 6, { party: "system", reason, hasValidConsent: false });
    if (!check.ok) throw new AppError("rule_violation", check.reason);
    await applyStatus(w, activity, from, 6, reason, "system");
    return { suspended: true };
  });
}

/** The consent records of an activity the viewer already sees; who signed and the reference only for its circle. */
export async function listConsentViews(db: Db, viewer: Viewer, activity: ActivityFacts & { id: string }): Promise<ConsentView[]> {
  const rows = await listConsentRows(db, activity.id);
  const details = canSeeConsentDetails(scopeOf(viewer), activity);
  const today = todayIso();
  return rows.map((c) => ({
    id: c.id,
    grantedOn: c.grantedOn,
    expiresOn: c.expiresOn,
    revokedOn: c.revokedAt ? c.revokedAt.toISOString().slice(0, 10) : null,
    validToday: isConsentValidOn(c, today),
    details: details
      ? {
          organizationName: c.organizationName,
          grantedByName: c.grantedByName,
          channel: c.channel,
          channelReference: c.channelReference,
          scope: c.scope,
          counterparts: c.counterparts,
          publishDetails: c.publishDetails,
          revokedByName: c.revokedByName,
          revocationReason: c.revocationReason,
        }
      : null,
  }));
}
