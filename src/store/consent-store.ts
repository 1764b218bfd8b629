import { sql } from "kysely";
import type { Db } from "./db.js";

// Consent records (R3; res. 45/32 OP2): appended when a State consents, marked revoked (never deleted) when it
// withdraws. Callers read them only for an activity the viewer may already see; details are masked in the domain.

export type ConsentRow = {
  id: string;
  activityId: string;
  stateIso3: string;
  organizationId: string;
  organizationName: string;
  grantedByUser: string | null;
  grantedByName: string;
  channel: string;
  channelReference: string;
  scope: string;
  counterparts: string[];
  publishDetails: boolean;
  grantedOn: string;
  expiresOn: string | null;
  revokedAt: Date | null;
  revokedByName: string | null;
  revocationReason: string | null;
  createdAt: Date;
};

export async function insertConsent(
  db: Db,
  c: Omit<ConsentRow, "id" | "organizationName" | "revokedAt" | "revokedByName" | "revocationReason" | "createdAt">,
): Promise<{ id: string }> {
  return db
    .insertInto("consents")
    .values({
      activity_id: c.activityId,
      state_iso3: c.stateIso3,
      organization_id: c.organizationId,
      granted_by_user: c.grantedByUser,
      granted_by_name: c.grantedByName,
      channel: c.channel,
      channel_reference: c.channelReference,
      scope: c.scope,
      counterparts: c.counterparts,
      publish_details: c.publishDetails,
      granted_on: c.grantedOn,
      expires_on: c.expiresOn,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

const selectConsents = (db: Db) =>
  db
    .selectFrom("consents as c")
    .innerJoin("organizations as o", "o.id", "c.organization_id")
    .leftJoin("users as u", "u.id", "c.revoked_by")
    .selectAll("c")
    .select(["o.name as organization_name", "u.display_name as revoked_by_name"]);

type Joined = Awaited<ReturnType<ReturnType<typeof selectConsents>["executeTakeFirstOrThrow"]>>;

function toConsentRow(r: Joined): ConsentRow {
  return {
    id: r.id,
    activityId: r.activity_id,
    stateIso3: r.state_iso3,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    grantedByUser: r.granted_by_user,
    grantedByName: r.granted_by_name,
    channel: r.channel,
    channelReference: r.channel_reference,
    scope: r.scope,
    counterparts: r.counterparts,
    publishDetails: r.publish_details,
    grantedOn: r.granted_on,
    expiresOn: r.expires_on,
    revokedAt: r.revoked_at,
    revokedByName: r.revoked_by_name,
    revocationReason: r.revocation_reason,
    createdAt: r.created_at,
  };
}

/** Consents of one activity, newest grant first. */
export async function listConsentRows(db: Db, activityId: string): Promise<ConsentRow[]> {
  const rows = await selectConsents(db).where("c.activity_id", "=", activityId).orderBy("c.granted_on", "desc").orderBy("c.created_at", "desc").execute();
  return rows.map(toConsentRow);
}

/** The facts the consent badge needs, for many activities at once (list pages). */
export async function listConsentFactRows(
  db: Db,
  activityIds: readonly string[],
): Promise<{ id: string; activityId: string; grantedOn: string; expiresOn: string | null; revokedAt: Date | null }[]> {
  if (activityIds.length === 0) return [];
  const rows = await db
    .selectFrom("consents")
    .select(["id", "activity_id", "granted_on", "expires_on", "revoked_at"])
    .where("activity_id", "in", [...activityIds])
    .execute();
  return rows.map((r) => ({ id: r.id, activityId: r.activity_id, grantedOn: r.granted_on, expiresOn: r.expires_on, revokedAt: r.revoked_at }));
}

/** One consent locked for revocation. */
export async function lockConsent(db: Db, id: string): Promise<ConsentRow | undefined> {
  const r = await selectConsents(db).where("c.id", "=", id).forUpdate("c").executeTakeFirst();
  return r && toConsentRow(r);
}

export async function findConsentRow(db: Db, id: string): Promise<ConsentRow | undefined> {
  const r = await selectConsents(db).where("c.id", "=", id).executeTakeFirst();
  return r && toConsentRow(r);
}

/** Marks a consent revoked; the record and its history stay. Returns false if it was already revoked. */
export async function markConsentRevoked(db: Db, id: string, by: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable("consents")
    .set({ revoked_at: sql`now()`, revoked_by: by, revocation_reason: reason })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
