import type { Role } from "../src/domain/access/roles.js";
import type { NewOrganization } from "../src/domain/accounts/account-schemas.js";
import { createOrganization, createUser, loadViewer } from "../src/domain/accounts/account-service.js";
import type { Viewer } from "../src/domain/access/viewer.js";
import type { Actor } from "../src/domain/audit/audit-service.js";
import type { Db } from "../src/store/db.js";

export const TEST_ACTOR: Actor = { userId: null, label: "test" };
export const TEST_PASSWORD = "correct horse battery staple";

let counter = 0;
const next = () => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

export async function makeOrganization(db: Db, overrides: Partial<NewOrganization> = {}) {
  const id = next();
  return createOrganization(db, TEST_ACTOR, { slug: `org-${id}`, name: `Organization ${id}`, type: "un_entity", ...overrides });
}

/** A user with one role in a fresh organization of a suitable type, and the viewer it yields. */
export async function makeUserWithRole(
  db: Db,
  role: Role,
  org: Partial<NewOrganization> & Pick<NewOrganization, "type">,
): Promise<{ userId: string; email: string; organizationId: string; viewer: Viewer }> {
  const organization = await makeOrganization(db, org);
  const email = `user-${next()}@example.org`;
  const user = await createUser(db, TEST_ACTOR, { email, displayName: `User ${email}`, password: TEST_PASSWORD }, [
    { organizationSlug: organization.slug, role },
  ]);
  return { userId: user.id, email, organizationId: organization.id, viewer: await loadViewer(db, user.id) };
}
