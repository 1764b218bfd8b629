import { describe, expect, it } from "vitest";
import { seedDemoCooperation } from "../src/domain/setup/demo-cooperation.js";
import { seedDemoTransparency } from "../src/domain/setup/demo-transparency.js";
import { seedDemoData } from "../src/domain/setup/demo-seed.js";
import { listActivities } from "../src/domain/activities/activity-queries.js";
import { ANONYMOUS } from "../src/domain/access/viewer.js";
import { createTestDb } from "./db-harness.js";

describe("demo seed: transparency", () => {
  it("imports UNDP's real IATI activities and adds three withheld activities in Senegal, once; withheld ones are counted, not listed", async () => {
    const handle = await createTestDb({ recommendations: true });
    const { db } = handle;
    try {
      await seedDemoData(db);
      await seedDemoCooperation(db);
      expect(await seedDemoTransparency(db)).toEqual({ status: "seeded", withheld: 3, imported: 96 });
      expect(await seedDemoTransparency(db)).toEqual({ status: "unchanged", withheld: 0, imported: 0 });
      const list = await listActivities(db, ANONYMOUS, { state: "SEN" });
      expect(list.items.some((a) => a.detailsWithheld)).toBe(false);
      expect(list.furtherWithheld).toBe(3);
    } finally {
      await handle.close();
    }
  });
});
