import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchRecommendations } from "../src/domain/recommendations/recommendation-search.js";
import { seedDemoCooperation } from "../src/domain/setup/demo-cooperation.js";
import { startTestServer, type TestServer } from "./http-harness.js";

// R15: a recommendation's page links to the assistance requests citing it and the activities addressing it — only
// those the viewer may see (the demo's submitted request is shared with the State and UN only; the answered one was
// published by the State).
let server: TestServer;
let recs: string[];
beforeAll(async () => {
  server = await startTestServer({ demo: true, recommendations: true });
  const report = await seedDemoCooperation(server.handle.db);
  expect(report.status).toBe("seeded");
  const found = await searchRecommendations(server.handle.db, { state: "SEN", cycle: "2", position: "supported", theme: "E5", order: "date", limit: 6 });
  recs = found.items.map((r) => r.id);
  expect(recs).toHaveLength(6);
});
afterAll(async () => {
  await server.close();
});

const page = async (id: string) => (await server.app.inject({ url: `/recommendations/${encodeURIComponent(id)}` })).body;

describe("recommendation page: support requested and provided", () => {
  it("shows the public request citing it and the activity addressing it", async () => {
    const html = await page(recs[3] as string);
    expect(html).toContain("Monitoring the right to education by the national human rights institution (fictional example)");
    expect(html).toContain("Advisory services and training on monitoring the right to education (fictional example)");
    expect(html).toMatch(/TA-SEN-\d{4}-\d{4}/);
  });

  it("does not show a request shared with the State and UN only to the public", async () => {
    const html = await page(recs[0] as string);
    expect(html).not.toContain("Teacher training for distance learning and girls");
    expect(html).toContain("No assistance request or activity addresses this recommendation yet.");
  });
});
