import fs from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { seedDemoCooperation } from "../../src/domain/setup/demo-cooperation.js";
import { seedDemoTransparency } from "../../src/domain/setup/demo-transparency.js";
import { DEMO_PASSWORD } from "../../src/domain/setup/demo-seed.js";
import { startTestServer, type TestServer } from "../http-harness.js";

// Browser tests drive Debian's chromium (or CHROMIUM_PATH) through playwright-core against a real server on
// loopback. Without a browser they are skipped on a developer machine and fail in CI.
const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(Boolean) as string[];
export const chromiumPath = CANDIDATES.find((p) => fs.existsSync(p));
export const browserAvailable = chromiumPath !== undefined || process.env.CI === "true";
if (!chromiumPath && process.env.CI !== "true") console.warn("[browser tests] no Chromium found (set CHROMIUM_PATH): skipped");

export type BrowserEnv = { server: TestServer; browser: Browser; baseUrl: string; close(): Promise<void> };

/** With `cooperation: true`, also the fictional requests, offers and activities of the demo (they sit on the real
 * recommendations, which are then loaded too); with `closures: true`, the real school-closure releases. */
export async function startBrowserEnv(options: { recommendations?: boolean; cooperation?: boolean; closures?: boolean } = {}): Promise<BrowserEnv> {
  if (!chromiumPath) throw new Error("No Chromium: install Debian's chromium or set CHROMIUM_PATH");
  const server = await startTestServer({ recommendations: options.recommendations || options.cooperation, closures: options.closures });
  if (options.cooperation) {
    await seedDemoCooperation(server.handle.db);
    await seedDemoTransparency(server.handle.db);
  }
  const address = await server.app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    server,
    browser,
    baseUrl: address,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe-core (WCAG 2.1 A/AA rules) in the page and returns serious and critical violations. The page must
 * come from a context created with bypassCSP: our CSP rightly refuses injected inline scripts. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export type PageOptions = { javaScript?: boolean; width?: number };

/** A page in a fresh context (own cookies). bypassCSP only lets the tests inject axe-core; the app's CSP is unchanged. */
export async function openPage(env: BrowserEnv, path: string, options: PageOptions = {}) {
  const context = await env.browser.newContext({
    bypassCSP: true,
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${env.baseUrl}${path}`);
  return { page, context };
}

/** A fresh context signed in as a demo account through the sign-in form; `lang` is chosen on the sign-in page and
 * remembered by the app for the pages that follow. */
export async function signIn(env: BrowserEnv, email: string, options: PageOptions & { lang?: string } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const { page, context } = await openPage(env, options.lang ? `/login?lang=${options.lang}` : "/login", options);
  await page.fill("#field-email", email);
  await page.fill("#field-password", DEMO_PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/account$/);
  return { page, context };
}

/** How far the page body scrolls sideways (0 when it fits the viewport). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
