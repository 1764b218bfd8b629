// On a PostgreSQL server, build the template database once per run; each test file copies it.
// Imports are dynamic so a PGlite-only run does not load the server harness.
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const { openDatabase } = await import("../src/store/db.js");
  const { prepareDatabase } = await import("../src/domain/setup/setup-service.js");
  const { CLOSURES_TEMPLATE_PREFIX, TEMPLATE_DB, TEMPLATE_DB_RECOMMENDATIONS, withAdmin, withDatabase } = await import("./db-harness.js");
  // The closures templates that test workers made on first use (createTestDb({ closures: true })).
  const dropClosureTemplates = () =>
    withAdmin(url, async (c) => {
      const found = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${CLOSURES_TEMPLATE_PREFIX}%`]);
      for (const { datname } of found.rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    });
  await dropClosureTemplates();
  for (const [name, recommendations] of [
    [TEMPLATE_DB, false],
    [TEMPLATE_DB_RECOMMENDATIONS, true],
  ] as const) {
    await withAdmin(url, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    });
    const handle = await openDatabase({ databaseUrl: withDatabase(url, name) });
    try {
      await prepareDatabase(handle.db, { demo: false, recommendations });
    } finally {
      await handle.close();
    }
  }
  return dropClosureTemplates;
}
