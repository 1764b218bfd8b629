import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoClosures } from "../src/domain/setup/demo-closures.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";

// The demo seed's school closures: the three real files of resources/, once.
describe("seedDemoClosures", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle.close());

  it("imports the three real releases, then does nothing", async () => {
    const steps: string[] = [];
    const first = await seedDemoClosures(handle.db, { onProgress: (s) => steps.push(s) });
    expect(first).toEqual({ status: "seeded", releases: 3, rows: 76_860 + 25_545 + 157_176 });
    expect(steps).toHaveLength(3);
    const releases = await sql<{ source: string; scale: string; rows_stored: number }>`
      SELECT source, scale, rows_stored FROM closure_releases ORDER BY id`.execute(handle.db);
    expect(releases.rows).toEqual([
      { source: "unesco", scale: "unesco_status", rows_stored: 76_860 },
      { source: "unesco", scale: "unesco_scale", rows_stored: 25_545 },
      { source: "oxcgrt", scale: "oxcgrt_c1", rows_stored: 157_176 },
    ]);
    const again: string[] = [];
    expect(await seedDemoClosures(handle.db, { onProgress: (s) => again.push(s) })).toEqual({ status: "unchanged", releases: 0, rows: 0 });
    expect(again).toEqual([]);
  });
});
