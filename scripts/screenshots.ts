import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { startTestServer } from "../test/http-harness.js";

// Screenshots of the main pages (desktop and 360 px phone, several languages) to look at before calling a
// page done: `npx tsx scripts/screenshots.ts [outdir] [path …]`.
const outDir = path.resolve(process.argv[2] ?? "screenshots");
const paths = process.argv.slice(3).length
  ? process.argv.slice(3)
  : ["/", "/?lang=ar", "/countries", "/countries/SEN?lang=fr", "/organizations", "/login", "/data", "/nope"];
fs.mkdirSync(outDir, { recursive: true });
const server = await startTestServer({ recommendations: true });
const base = await server.app.listen({ port: 0, host: "127.0.0.1" });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
for (const [label, width] of [
  ["desktop", 1280],
  ["phone", 360],
] as const) {
  const page = await browser.newPage({ viewport: { width, height: label === "phone" ? 1400 : 800 } });
  for (const p of paths) {
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
