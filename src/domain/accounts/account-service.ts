import type { Db } from "../../store/db.js";
import { findOrganizationBySlug, insertOrganization } from "../../store/organization-store.js";
import {
  clearLoginFailures,
  countRecentLoginFailures,
  deleteExpiredSessions,
  deleteSession,
  findApiTokenUser,
  findSessionUser,
  findUserByEmail,
  findUserById,
  insertApiToken,
  insertLoginFailure,
  insertMembership,
  insertSession,
  insertUser,
  listMemberships,
  markApiTokenUsed,
  touchSession,
} from "../../store/user-store.js";
import { canHoldRole, type Role, RoleSchema } from "../access/roles.js";
import type { Viewer } from "../access/viewer.js";
import { type Actor, runAudited } from "../audit/audit-service.js";
import { AppError } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import {
  EmailSchema,
  type LoginInput,
  LoginSchema,
  type NewOrganization,
  NewOrganizationSchema,
  NewApiTokenSchema,
  type NewUser,
  NewUserSchema,
  type Organization,
} from "./account-schemas.js";
import { burnPasswordCheck, hashPassword, hashToken, newSecretToken, verifyPassword } from "./secrets.js";

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
const SESSION_TOUCH_MS = 5 * 60 * 1000;
// Per-account throttle, shared by every server process because it lives in the database.
export const LOGIN_FAILURE_LIMIT = 5;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

export async function createOrganization(db: Db, actor: Actor, input: NewOrganization): Promise<Organization> {
  const org = parseInput(NewOrganizationSchema, input);
  if (await findOrganizationBySlug(db, org.slug)) {
    throw new AppError("conflict", `An organization with the identifier "${org.slug}" already exists`, [{ field: "slug", message: "is already used" }]);
  }
  return runAudited(db, actor, async (w) => {
    const created = await insertOrganization(w.trx, {
      slug: org.slug,
      name: org.name,
      acronym: org.acronym ?? null,
      type: org.type,
      countryIso3: org.countryIso3 ?? null,
      iatiRef: org.iatiRef ?? null,
      website: org.website ?? null,
      visibility: org.visibility,
      isDemo: org.isDemo,
    });
    await w.audit({
      action: "organization.create",
      entityType: "organization",
      entityId: created.id,
      details: { slug: created.slug, type: created.type, visibility: created.visibility },
    });
    return created;
  });
}

export type CreatedUser = { id: string; email: string; displayName: string };

export async function createUser(db: Db, actor: Actor, input: NewUser, memberships: { organizationSlug: string; role: Role }[] = []): Promise<CreatedUser> {
  const user = parseInput(NewUserSchema, input);
  if (await findUserByEmail(db, user.email)) {
    throw new AppError("conflict", `A user with the e-mail ${user.email} already exists`, [{ field: "email", message: "is already used" }]);
  }
  const resolved = await Promise.all(memberships.map((m) => resolveMembership(db, m.organizationSlug, m.role)));
  const passwordHash = user.password ? await hashPassword(user.password) : null;
  return runAudited(db, actor, async (w) => {
    const created = await insertUser(w.trx, {
      email: user.email,
      displayName: user.displayName,
      passwordHash,
      preferredLanguage: user.preferredLanguage,
      isDemo: user.isDemo,
    });
    await w.audit({
      action: "user.create",
      entityType: "user",
      entityId: created.id,
      details: { email: created.email, interactiveLogin: passwordHash !== null },
    });
    for (const m of resolved) {
      await insertMembership(w.trx, { userId: created.id, organizationId: m.organization.id, role: m.role });
      await w.audit({ action: "membership.create", entityType: "user", entityId: created.id, details: { organization: m.organization.slug, role: m.role } });
    }
    return { id: created.id, email: created.email, displayName: created.displayName };
  });
}

export async function addMembership(db: Db, actor: Actor, input: { email: string; organizationSlug: string; role: string }): Promise<void> {
  const email = parseInput(EmailSchema, input.email);
  const role = parseInput(RoleSchema, input.role);
  const user = await findUserByEmail(db, email);
  if (!user) throw new AppError("not_found", `No user has the e-mail ${email}`);
  const m = await resolveMembership(db, input.organizationSlug, role);
  await runAudited(db, actor, async (w) => {
    const added = await insertMembership(w.trx, { userId: user.id, organizationId: m.organization.id, role });
    await w.audit({
      action: added ? "membership.create" : "membership.confirm",
      entityType: "user",
      entityId: user.id,
      details: { organization: m.organization.slug, role },
    });
  });
}

async function resolveMembership(db: Db, organizationSlug: string, role: Role): Promise<{ organization: Organization; role: Role }> {
  const organization = await findOrganizationBySlug(db, organizationSlug);
  if (!organization)
    throw new AppError("not_found", `No organization has the identifier "${organizationSlug}"`, [{ field: "organization", message: "is unknown" }]);
  if (!canHoldRole(role, organization.type)) {
    throw new AppError("rule_violation", `The role ${role} cannot be held in a ${organization.type} organization (${organization.slug})`, [
      { field: "role", message: `not allowed for ${organization.type}` },
    ]);
  }
  return { organization, role };
}

export type SignedIn = { sessionToken: string; expiresAt: Date; viewer: Viewer; preferredLanguage: string };

export async function signIn(db: Db, input: LoginInput, now = new Date()): Promise<SignedIn> {
  const { email, password } = parseInput(LoginSchema, input);
  const failures = await countRecentLoginFailures(db, email, new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS));
  if (failures >= LOGIN_FAILURE_LIMIT) {
    throw new AppError("rate_limited", "Too many failed sign-in attempts for this account. Wait 15 minutes and try again.");
  }
  const user = await findUserByEmail(db, email);
  let valid = false;
  if (user?.passwordHash && !user.disabled) valid = await verifyPassword(user.passwordHash, password);
  else await burnPasswordCheck(password);
  if (!user || !valid) {
    await runAudited(db, { userId: null, label: "anonymous" }, async (w) => {
      await insertLoginFailure(w.trx, email);
      await w.audit({ action: "session.denied", entityType: "login", entityId: email, details: {} });
    });
    throw new AppError("unauthenticated", "The e-mail or password is not correct");
  }
  const sessionToken = newSecretToken("ps");
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await runAudited(db, { userId: user.id, label: user.email }, async (w) => {
    await insertSession(w.trx, { tokenHash: hashToken(sessionToken), userId: user.id, expiresAt });
    await clearLoginFailures(w.trx, email);
    await w.audit({ action: "session.create", entityType: "user", entityId: user.id, details: {} });
  });
  return { sessionToken, expiresAt, viewer: await loadViewer(db, user.id), preferredLanguage: user.preferredLanguage };
}

export async function signOut(db: Db, sessionToken: string): Promise<void> {
  await runAudited(db, { userId: null, label: "session" }, async (w) => {
    const userId = await deleteSession(w.trx, hashToken(sessionToken));
    await w.audit({ action: "session.delete", entityType: "user", entityId: userId ?? "(unknown)", details: {} });
  });
}

/** The viewer behind a session cookie, or undefined if it is unknown or expired. Extends an active session. */
export async function resolveSession(db: Db, sessionToken: string, now = new Date()): Promise<Viewer | undefined> {
  const tokenHash = hashToken(sessionToken);
  const session = await findSessionUser(db, tokenHash, now);
  if (!session) return undefined;
  // Sliding expiry, written at most every few minutes rather than on every page view.
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await touchSession(db, tokenHash, now, new Date(now.getTime() + SESSION_IDLE_MS));
  }
  return loadViewer(db, session.userId);
}

export async function createApiToken(
  db: Db,
  actor: Actor,
  input: { email: string; label?: string; expiresInDays?: number },
  now = new Date(),
): Promise<{ token: string; tokenId: string; expiresAt: Date | null }> {
  const parsed = parseInput(NewApiTokenSchema, input);
  const user = await findUserByEmail(db, parsed.email);
  if (!user) throw new AppError("not_found", `No user has the e-mail ${parsed.email}`, [{ field: "user", message: "is unknown" }]);
  const token = newSecretToken("pat");
  const expiresAt = parsed.expiresInDays ? new Date(now.getTime() + parsed.expiresInDays * 86_400_000) : null;
  const created = await runAudited(db, actor, async (w) => {
    const row = await insertApiToken(w.trx, { userId: user.id, label: parsed.label, tokenPrefix: token.slice(0, 10), tokenHash: hashToken(token), expiresAt });
    await w.audit({ action: "api_token.create", entityType: "user", entityId: user.id, details: { tokenId: row.id, label: parsed.label } });
    return row;
  });
  return { token, tokenId: created.id, expiresAt };
}

export async function resolveApiToken(db: Db, token: string, now = new Date()): Promise<Viewer | undefined> {
  const found = await findApiTokenUser(db, hashToken(token), now);
  if (!found) return undefined;
  // "Last used" for operators, written at most once a minute: not a write on every API request.
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) await markApiTokenUsed(db, found.tokenId, now);
  return loadViewer(db, found.userId);
}

export async function loadViewer(db: Db, userId: string): Promise<Viewer> {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError("unauthenticated", "The account no longer exists");
  const memberships = await listMemberships(db, userId);
  return {
    userId: user.id,
    displayName: user.displayName,
    memberships: memberships.map(({ organizationId, organizationType, countryIso3, role }) => ({ organizationId, organizationType, countryIso3, role })),
  };
}

/** Housekeeping on start: expired sessions are useless and only grow the table. */
export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<number> {
  return deleteExpiredSessions(db, now);
}

export async function listAccountMemberships(db: Db, userId: string) {
  return listMemberships(db, userId);
}
