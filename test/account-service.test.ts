import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMembership,
  createApiToken,
  createUser,
  LOGIN_FAILURE_LIMIT,
  purgeExpiredSessions,
  resolveApiToken,
  resolveSession,
  signIn,
  signOut,
} from "../src/domain/accounts/account-service.js";
import { countAuditEvents } from "../src/domain/audit/audit-queries.js";
import { AppError } from "../src/domain/core/app-error.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { makeOrganization, makeUserWithRole, TEST_ACTOR, TEST_PASSWORD } from "./factories.js";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle.close();
});

async function expectAppError(promise: Promise<unknown>, code: AppError["code"], field?: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect((error as AppError).problems.map((p) => p.field)).toContain(field);
}

describe("users", () => {
  it("stores an argon2id hash, never the password", async () => {
    const { userId } = await makeUserWithRole(handle.db, "ohchr_officer", { type: "un_entity" });
    const row = await handle.db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it.each([
    [{ email: "not-an-email", displayName: "X", password: TEST_PASSWORD }, "email"],
    [{ email: "a@example.org", displayName: "", password: TEST_PASSWORD }, "displayName"],
    [{ email: "a@example.org", displayName: "X", password: "short" }, "password"],
    [{ email: "a@example.org", displayName: "X", password: TEST_PASSWORD, preferredLanguage: "de" }, "preferredLanguage"],
  ])("rejects invalid input %# with the field named", async (input, field) => {
    const before = await countAuditEvents(handle.db);
    await expectAppError(createUser(handle.db, TEST_ACTOR, input as never), "invalid_input", field);
    expect(await countAuditEvents(handle.db)).toBe(before);
  });

  it("refuses a second account with the same e-mail in any letter case", async () => {
    await createUser(handle.db, TEST_ACTOR, { email: "dup@example.org", displayName: "First" });
    await expectAppError(createUser(handle.db, TEST_ACTOR, { email: "DUP@Example.org", displayName: "Second" }), "conflict", "email");
  });

  it("refuses a role the organization type cannot hold, writing nothing", async () => {
    const cso = await makeOrganization(handle.db, { type: "cso", countryIso3: "SEN" });
    const before = await countAuditEvents(handle.db);
    await expectAppError(
      createUser(handle.db, TEST_ACTOR, { email: "fp@example.org", displayName: "FP" }, [{ organizationSlug: cso.slug, role: "state_focal_point" }]),
      "rule_violation",
      "role",
    );
    expect(await handle.db.selectFrom("users").select("id").where("email", "=", "fp@example.org").executeTakeFirst()).toBeUndefined();
    expect(await countAuditEvents(handle.db)).toBe(before);
  });

  it("grants an additional role through addMembership", async () => {
    const { email, viewer } = await makeUserWithRole(handle.db, "ohchr_officer", { type: "un_entity" });
    const unesco = await makeOrganization(handle.db, { type: "un_entity" });
    await addMembership(handle.db, TEST_ACTOR, { email, organizationSlug: unesco.slug, role: "un_agency_officer" });
    const session = await signIn(handle.db, { email, password: TEST_PASSWORD });
    expect(session.viewer.memberships.map((m) => m.role).sort()).toEqual(["ohchr_officer", "un_agency_officer"]);
    expect(viewer.memberships).toHaveLength(1);
  });
});

describe("sessions", () => {
  it("signs in, resolves the session, and signs out", async () => {
    const { email, userId } = await makeUserWithRole(handle.db, "state_focal_point", { type: "government", countryIso3: "SEN" });
    const session = await signIn(handle.db, { email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(session.viewer.userId).toBe(userId);
    const viewer = await resolveSession(handle.db, session.sessionToken);
    expect(viewer?.memberships[0]).toMatchObject({ role: "state_focal_point", countryIso3: "SEN" });
    // Only a hash of the token is stored.
    const stored = await handle.db.selectFrom("sessions").select("token_hash").where("user_id", "=", userId).execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(session.sessionToken);
    await signOut(handle.db, session.sessionToken);
    expect(await resolveSession(handle.db, session.sessionToken)).toBeUndefined();
  });

  it("expires sessions after the idle period", async () => {
    const { email } = await makeUserWithRole(handle.db, "ohchr_officer", { type: "un_entity" });
    const t0 = new Date("2026-01-01T08:00:00Z");
    const session = await signIn(handle.db, { email, password: TEST_PASSWORD }, t0);
    expect(await resolveSession(handle.db, session.sessionToken, new Date("2026-01-01T15:00:00Z"))).toBeDefined();
    expect(await resolveSession(handle.db, session.sessionToken, new Date("2026-01-02T08:00:00Z"))).toBeUndefined();
  });

  it("purges expired sessions (on start-up) and keeps live ones", async () => {
    const { email, userId } = await makeUserWithRole(handle.db, "ohchr_officer", { type: "un_entity" });
    const t0 = new Date("2026-02-01T08:00:00Z");
    await signIn(handle.db, { email, password: TEST_PASSWORD }, t0);
    const live = await signIn(handle.db, { email, password: TEST_PASSWORD });
    expect(await purgeExpiredSessions(handle.db)).toBeGreaterThanOrEqual(1);
    const left = await handle.db.selectFrom("sessions").select("token_hash").where("user_id", "=", userId).execute();
    expect(left).toHaveLength(1);
    expect(await resolveSession(handle.db, live.sessionToken)).toBeDefined();
  });

  it("gives the same answer for an unknown e-mail and a wrong password", async () => {
    const { email } = await makeUserWithRole(handle.db, "ohchr_officer", { type: "un_entity" });
    await expectAppError(signIn(handle.db, { email, password: "wrong password!!" }), "unauthenticated");
    await expectAppError(signIn(handle.db, { email: "nobody@example.org", password: "wrong password!!" }), "unauthenticated");
  });

  it(`throttles an account after ${LOGIN_FAILURE_LIMIT} failures, even with the right password`, async () => {
    const { email } = await makeUserWithRole(handle.db, "ohchr_officer", { type: "un_entity" });
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) await expectAppError(signIn(handle.db, { email, password: "wrong password!!" }), "unauthenticated");
    await expectAppError(signIn(handle.db, { email, password: TEST_PASSWORD }), "rate_limited");
    // Fifteen minutes later the account can sign in again.
    const later = new Date(Date.now() + 16 * 60 * 1000);
    await expect(signIn(handle.db, { email, password: TEST_PASSWORD }, later)).resolves.toBeDefined();
  });
});

describe("API tokens", () => {
  it("resolve to the user's viewer until they expire", async () => {
    const { email, userId } = await makeUserWithRole(handle.db, "un_agency_officer", { type: "un_entity" });
    const created = await createApiToken(handle.db, TEST_ACTOR, { email, label: "etl", expiresInDays: 1 });
    expect(created.token).toMatch(/^pat_[A-Za-z0-9_-]{43}$/);
    expect((await resolveApiToken(handle.db, created.token))?.userId).toBe(userId);
    expect(await resolveApiToken(handle.db, `${created.token}x`)).toBeUndefined();
    expect(await resolveApiToken(handle.db, created.token, new Date(Date.now() + 2 * 86_400_000))).toBeUndefined();
    // "Last used" is stamped, but not rewritten on every request within a minute.
    const lastUsed = async () =>
      (await handle.db.selectFrom("api_tokens").select("last_used_at").where("id", "=", created.tokenId).executeTakeFirstOrThrow()).last_used_at;
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await resolveApiToken(handle.db, created.token, new Date((first as Date).getTime() + 30_000));
    expect(await lastUsed()).toEqual(first);
    await resolveApiToken(handle.db, created.token, new Date((first as Date).getTime() + 120_000));
    expect((await lastUsed())?.getTime()).toBe((first as Date).getTime() + 120_000);
  });

  it("are refused for an unknown user", async () => {
    await expectAppError(createApiToken(handle.db, TEST_ACTOR, { email: "ghost@example.org" }), "not_found", "user");
  });
});
