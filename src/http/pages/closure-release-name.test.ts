import { describe, expect, it } from "vitest";
import { ANONYMOUS } from "../../domain/access/viewer.js";
import { defaultReleaseLabel } from "../../domain/education/closure-schemas.js";
import { type Lang, translator } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import { releaseName, releaseTitle } from "./closure-release-name.js";

const ctxOf = (lang: Lang): PageContext => ({ lang, t: translator(lang), viewer: ANONYMOUS, path: "/", query: {}, csrfToken: "", showDemoNotice: false });
const oxcgrt = { source: "oxcgrt", scale: "oxcgrt_c1", coverageFrom: "2020-01-01", coverageTo: "2022-05-16" } as const;

describe("a closure release's name on a page", () => {
  it.each([
    ["en", "OxCGRT C1 school closing"],
    ["fr", "OxCGRT C1, fermeture des écoles"],
    ["ar", "OxCGRT C1، إغلاق المدارس"],
  ] as const)("names a release with the default (English) label by its format, in %s", (lang, title) => {
    const r = { ...oxcgrt, label: defaultReleaseLabel("oxcgrt_c1", oxcgrt.coverageFrom, oxcgrt.coverageTo) };
    expect(releaseTitle(ctxOf(lang), r)).toBe(title);
    expect(releaseName(ctxOf(lang), r).startsWith(title)).toBe(true);
    expect(releaseName(ctxOf(lang), r)).not.toContain("2020-01-01");
  });

  it("keeps a label the importer chose, whatever the language, and names the national template by its format", () => {
    const custom = { ...oxcgrt, label: "OxCGRT, révision de juin 2022" };
    expect(releaseTitle(ctxOf("en"), custom)).toBe("OxCGRT, révision de juin 2022");
    expect(releaseName(ctxOf("en"), custom)).toBe("OxCGRT, révision de juin 2022 (January 1, 2020 – May 16, 2022)");
    const national = { source: "national", scale: "unesco_status", coverageFrom: "2020-03-16", coverageTo: "2020-06-30" } as const;
    expect(releaseTitle(ctxOf("fr"), { ...national, label: defaultReleaseLabel("national", "2020-03-16", "2020-06-30") })).toBe(
      "Données nationales sur les fermetures d’écoles",
    );
  });
});
