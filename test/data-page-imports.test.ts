import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importClosureFile } from "../src/domain/education/closure-import-service.js";
import { importIatiActivities } from "../src/domain/transparency/iati-import-service.js";
import { DEFAULT_RESOURCES_DIR } from "../src/imports/resources-path.js";
import { closureFixture } from "./closure-fixtures.js";
import { TEST_ACTOR } from "./factories.js";
import { startTestServer, type TestServer } from "./http-harness.js";

// The data sources page says which IATI files and school-closure releases were imported, and what each run did (R34
// provenance).

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("/data: IATI files imported", () => {
  it("says so when none was, then lists each run with its counts, newest first", async () => {
    expect((await server.app.inject({ url: "/data" })).body).toContain("No IATI file has been imported yet.");
    const file = path.join(DEFAULT_RESOURCES_DIR, "iati/examples/undp_covid19_activities_100.xml.gz");
    await importIatiActivities(server.handle.db, TEST_ACTOR, { fileName: "undp_covid19_activities_100.xml", path: file });
    await importIatiActivities(server.handle.db, TEST_ACTOR, { fileName: "undp-again.xml", path: file });
    const html = (await server.app.inject({ url: "/data" })).body;
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/gs)]
      .map((m) => [...(m[1] as string).matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => (c[1] as string).replace(/<[^>]+>/g, "").trim()))
      .filter((cells) => cells[0]?.includes(".xml"));
    expect(rows.map((r) => [r[0]?.split(" ")[0], r[1], r[3], r[4], r[5], r[6]])).toEqual([
      ["undp-again.xml", "2.03", "0", "0", "96", "4"],
      ["undp_covid19_activities_100.xml", "2.03", "96", "0", "0", "4"],
    ]);
  });
});

describe("/data: school-closure releases", () => {
  it("says so when none was imported, then lists each release with its provenance and a link to it", async () => {
    expect((await server.app.inject({ url: "/data" })).body).toContain("No school-closure data has been imported yet.");
    const report = await importClosureFile(server.handle.db, TEST_ACTOR, { path: closureFixture("oxcgrt-good.csv") }, { skipUnknownCountries: true });
    const html = (await server.app.inject({ url: "/data?lang=fr" })).body;
    const section = html.slice(html.indexOf("Sources et versions"));
    expect(section).toContain(`href="/education?release=${report.releaseId}"`);
    expect(section).toContain("OxCGRT C1, fermeture des écoles");
    expect(section).toContain("Oxford COVID-19 Government Response Tracker");
    expect(section).toContain("CC BY 4.0");
  });
});
