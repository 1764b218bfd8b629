import type { Role, OrganizationType } from "../domain/access/roles.js";
import type { Membership } from "../domain/access/viewer.js";
import type { Selectable } from "kysely";
import type { Db } from "./db.js";
import type { UsersTable } from "./schema.js";

export type UserRecord = {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  preferredLanguage: string;
  isDemo: boolean;
  disabled: boolean;
};

export type NewUserRow = { email: string; displayName: string; passwordHash: string | null; preferredLanguage: string; isDemo: boolean };

export async function insertUser(db: Db, user: NewUserRow): Promise<UserRecord> {
  const row = await db
    .insertInto("users")
    .values({
      email: user.email,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      preferred_language: user.preferredLanguage,
      is_demo: user.isDemo,
      disabled_at: null,
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  return { id: row.id, ...user, disabled: false };
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  const r = await db
    .selectFrom("users")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
  return r && toUserRecord(r);
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  const r = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return r && toUserRecord(r);
}

function toUserRecord(r: Selectable<UsersTable>): UserRecord {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    preferredLanguage: r.preferred_language,
    isDemo: r.is_demo,
    disabled: r.disabled_at !== null,
  };
}

export async function insertMembership(db: Db, m: { userId: string; organizationId: string; role: Role }): Promise<boolean> {
  const r = await db
    .insertInto("memberships")
    .values({ user_id: m.userId, organization_id: m.organizationId, role: m.role })
    .onConflict((oc) => oc.columns(["user_id", "organization_id", "role"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export type MembershipDetail = Membership & { organizationName: string; organizationSlug: string };

export async function listMemberships(db: Db, userId: string): Promise<MembershipDetail[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("organizations as o", "o.id", "m.organization_id")
    .select(["m.organization_id", "m.role", "o.org_type", "o.country_iso3", "o.name", "o.slug"])
    .where("m.user_id", "=", userId)
    .orderBy("o.name")
    .execute();
  return rows.map((r) => ({
    organizationId: r.organization_id,
    organizationType: r.org_type as OrganizationType,
    countryIso3: r.country_iso3,
    role: r.role as Role,
    organizationName: r.name,
    organizationSlug: r.slug,
  }));
}

// Sessions and API tokens: only hashes are stored.
export async function insertSession(db: Db, s: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insertInto("sessions").values({ token_hash: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt }).execute();
}

export async function findSessionUser(db: Db, tokenHash: string, now: Date): Promise<{ userId: string; expiresAt: Date; lastSeenAt: Date } | undefined> {
  const r = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.user_id", "s.expires_at", "s.last_seen_at"])
    .where("s.token_hash", "=", tokenHash)
    .where("s.expires_at", ">", now)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  return r && { userId: r.user_id, expiresAt: r.expires_at, lastSeenAt: r.last_seen_at };
}

export async function touchSession(db: Db, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now, expires_at: expiresAt }).where("token_hash", "=", tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<string | undefined> {
  const r = await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).returning("user_id").executeTakeFirst();
  return r?.user_id;
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertApiToken(
  db: Db,
  t: { userId: string; label: string; tokenPrefix: string; tokenHash: string; expiresAt: Date | null },
): Promise<{ id: string }> {
  return db
    .insertInto("api_tokens")
    .values({
      user_id: t.userId,
      label: t.label,
      token_prefix: t.tokenPrefix,
      token_hash: t.tokenHash,
      expires_at: t.expiresAt,
      last_used_at: null,
      revoked_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function findApiTokenUser(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ tokenId: string; userId: string; lastUsedAt: Date | null } | undefined> {
  const r = await db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.id", "t.user_id", "t.last_used_at"])
    .where("t.token_hash", "=", tokenHash)
    .where("t.revoked_at", "is", null)
    .where((eb) => eb.or([eb("t.expires_at", "is", null), eb("t.expires_at", ">", now)]))
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  return r && { tokenId: r.id, userId: r.user_id, lastUsedAt: r.last_used_at };
}

export async function markApiTokenUsed(db: Db, tokenId: string, now: Date): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", tokenId).execute();
}

export async function insertLoginFailure(db: Db, emailNormalized: string): Promise<void> {
  await db.insertInto("login_failures").values({ email_normalized: emailNormalized }).execute();
}

export async function countRecentLoginFailures(db: Db, emailNormalized: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom("login_failures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("email_normalized", "=", emailNormalized)
    .where("occurred_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function clearLoginFailures(db: Db, emailNormalized: string): Promise<void> {
  await db.deleteFrom("login_failures").where("email_normalized", "=", emailNormalized).execute();
}
