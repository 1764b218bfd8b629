import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";
import { seedDemoCooperation } from "../src/domain/setup/demo-cooperation.js";
import { seedDemoMonitoring } from "../src/domain/setup/demo-monitoring.js";
import { seedDemoTransparency } from "../src/domain/setup/demo-transparency.js";
import { startTestServer } from "../test/http-harness.js";

// Screenshots of the main pages (desktop and 360 px phone, several languages) to look at before calling a
// page done: `npx tsx scripts/screenshots.ts [outdir] [path …]`. With SCREENSHOT_USER=<demo e-mail> the pages are
// taken signed in as that demo account; `{request}`, `{activity}`, `{offer}` in a path stand for a demo record's id.
const outDir = path.resolve(process.argv[2] ?? "screenshots");
const paths = process.argv.slice(3).length
  ? process.argv.slice(3)
  : ["/", "/?lang=ar", "/countries", "/countries/SEN?lang=fr", "/organizations", "/login", "/data", "/nope"];
fs.mkdirSync(outDir, { recursive: true });
const server = await startTestServer({ recommendations: true, closures: true });
await seedDemoCooperation(server.handle.db);
await seedDemoTransparency(server.handle.db);
await seedDemoMonitoring(server.handle.db);
const base = await server.app.listen({ port: 0, host: "127.0.0.1" });
const firstId = async (table: "assistance_requests" | "activities" | "offers") =>
  (await server.handle.db.selectFrom(table).select("id").orderBy("created_at").executeTakeFirst())?.id ?? "none";
const ids: Record<string, string> = { request: await firstId("assistance_requests"), activity: await firstId("activities"), offer: await firstId("offers") };
const expand = (p: string) => p.replace(/\{(request|activity|offer)\}/g, (_, k: string) => ids[k] ?? k);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
for (const [label, width] of [
  ["desktop", 1280],
  ["phone", 360],
] as const) {
  const page = await browser.newPage({ viewport: { width, height: label === "phone" ? 1400 : 800 } });
  if (process.env.SCREENSHOT_USER) {
    await page.goto(`${base}/login`);
    await page.fill("input[name=email]", process.env.SCREENSHOT_USER);
    await page.fill("input[name=password]", DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click("form[action='/login'] button[type=submit]")]);
  }
  for (const p of paths.map(expand)) {
    await page.goto(`${base}${p}`);
    const name = `${label}${p.replace(/[^a-zA-Z0-9]+/g, "_")}.png`;
    await page.screenshot({
      path: path.join(outDir, name),
      fullPage: label === "desktop",
      clip: label === "phone" ? { x: 0, y: 0, width, height: 1400 } : undefined,
    });
    console.log(path.join(outDir, name));
  }
  await page.close();
}
await browser.close();
await server.close();
