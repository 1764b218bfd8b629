import type { Db } from "../../store/db.js";
import { schemaExists } from "../../store/migrate.js";
import { countOrganizations } from "../../store/organization-store.js";

/**
 * Number of organizations, or 0 when the schema does not exist yet: tells a first start (seed the demo)
 * from a restart (leave the data alone).
 */
export async function countOrganizationsForStartup(db: Db, options: { demoOnly?: boolean } = {}): Promise<number> {
  if (!(await schemaExists(db))) return 0;
  return countOrganizations(db, options);
}
