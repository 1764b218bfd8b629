import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../../domain/access/viewer.js";
import { translator } from "../i18n/i18n.js";
import type { PageContext } from "../page-context.js";
import { VocabularyCheckboxes, VocabularyLabels, vocabularyLabelList } from "./vocabulary-fields.js";

function ctxOf(lang: "en" | "fr" | "zh"): PageContext {
  return { lang, t: translator(lang), viewer: {} as Viewer, path: "/", query: {}, csrfToken: "x", showDemoNotice: false };
}

describe("vocabulary fields", () => {
  it("renders a fieldset with legend, hint, error and checked boxes", () => {
    const html = renderToString(
      <VocabularyCheckboxes ctx={ctxOf("en")} name="modalities" list="modality" selected={["training"]} error="choose at least one" />,
    );
    expect(html).toContain('<fieldset id="field-modalities"');
    expect(html).toContain('aria-describedby="modalities-hint modalities-error"');
    expect(html).toContain("<legend>Forms of assistance</legend>");
    expect(html).toMatch(/id="field-modalities-training" name="modalities" value="training" checked/);
    expect(html).not.toMatch(/value="workshop" checked/);
    expect(html).toContain('<label for="field-modalities-workshop">Workshop</label>');
    expect(html).toContain("choose at least one");
  });

  it("lists labels in the language's list style and keeps unknown codes", () => {
    expect(vocabularyLabelList(ctxOf("en"), "fund", ["vftc", "other"])).toBe(
      "Voluntary Fund for Technical Cooperation in the Field of Human Rights, Other source of funding",
    );
    expect(vocabularyLabelList(ctxOf("fr"), "isced", ["1", "9"])).toBe("Enseignement primaire, 9");
    expect(vocabularyLabelList(ctxOf("zh"), "isced", ["1", "2"])).toBe("初等教育、初级中等教育");
    expect(renderToString(<VocabularyLabels ctx={ctxOf("en")} list="isced" codes={[]} />)).toContain("none");
  });
});
