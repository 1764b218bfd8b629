// On a PostgreSQL server, build the template database once per run; each test file copies it.
// Imports are dynamic so a PGlite-only run does not load the server harness.
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const { openDatabase } = await import("../src/store/db.js");
  const { prepareDatabase } = await import("../src/domain/setup/setup-service.js");
  const { TEMPLATE_DB, withAdmin, withDatabase } = await import("./db-harness.js");
  await withAdmin(url, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  const handle = await openDatabase({ databaseUrl: withDatabase(url, TEMPLATE_DB) });
  try {
    await prepareDatabase(handle.db, { demo: false });
  } finally {
    await handle.close();
  }
}
