import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/domain/setup/demo-seed.js";
import { type BrowserEnv, browserAvailable, openPage, seriousA11yViolations, startBrowserEnv } from "./browser-harness.js";

describe.runIf(browserAvailable)("portal shell in a real browser", () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  const open = (path: string, options: { javaScript?: boolean; width?: number } = {}) => openPage(env, path, options);

  it.each([
    ["en", "ltr", "Passerelle", "Skip to main content"],
    ["fr", "ltr", "Passerelle", "Aller au contenu principal"],
    ["ar", "rtl", "Passerelle", "انتقل إلى المحتوى الرئيسي"],
  ])("home page in %s: lang/dir, skip link, live counts, no serious a11y violation", async (lang, dir, title, skip) => {
    const { page, context } = await open(`/?lang=${lang}`);
    expect(await page.getAttribute("html", "lang")).toBe(lang);
    expect(await page.getAttribute("html", "dir")).toBe(dir);
    expect(await page.title()).toContain(title);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe(skip);
    expect(await page.locator(".stats li").count()).toBeGreaterThanOrEqual(6);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it("the skip link moves focus to the main content", async () => {
    const { page, context } = await open("/");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await context.close();
  });

  it("signs in and out without JavaScript", async () => {
    const { page, context } = await open("/login", { javaScript: false });
    await page.fill("#field-email", "focal.senegal@demo.passerelle.example");
    await page.fill("#field-password", DEMO_PASSWORD);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/account$/);
    expect(await page.textContent("main")).toContain("Awa Diop (demo)");
    await page.click("text=Sign out");
    await page.waitForURL(/\/login\?signedOut=1$/);
    expect(await page.textContent("main")).toContain("You are signed out.");
    await context.close();
  });

  it("shows a wrong password next to the form, keeping the e-mail", async () => {
    const { page, context } = await open("/login?lang=fr");
    await page.fill("#field-email", "focal.senegal@demo.passerelle.example");
    await page.fill("#field-password", "mauvais mot de passe");
    await page.click("button[type=submit]");
    expect(await page.textContent(".error-summary")).toContain("L'adresse électronique ou le mot de passe est incorrect.");
    expect(await page.inputValue("#field-email")).toBe("focal.senegal@demo.passerelle.example");
    await context.close();
  });

  it.each(["/countries", "/countries/SEN", "/organizations", "/data", "/data/taxonomies/uhri-theme", "/account", "/no-such-page"])(
    "%s has no serious a11y violation",
    async (path) => {
      const { page, context } = await open(path);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it("fits a 360 px phone without horizontal scrolling", async () => {
    for (const path of ["/", "/countries", "/countries/SEN", "/login"]) {
      const { page, context } = await open(path, { width: 360 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await context.close();
    }
  });
});
