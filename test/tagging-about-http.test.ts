import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelEvaluation, TagModel } from "../src/domain/tagging/tag-model.js";
import { suggestTags } from "../src/domain/tagging/tag-suggest.js";
import { FEW_EXAMPLES, formatConfidence, formatScore, MAX_TRY_CHARS, WEAK_F1 } from "../src/http/pages/tagging-about-parts.js";
import { defaultTagModel } from "../src/imports/tag-model-file.js";
import { LANGUAGES, translator } from "../src/web/i18n/i18n.js";
import { startTestServer, type TestServer } from "./http-harness.js";

// /tagging, "How tagging works", and the public tagging API (issue 7 item 3: "a public 'How tagging works' page states
// the measured accuracy per label"). The figures are read from the committed model's evaluation, never written here:
// a rebuilt model changes the page, and this test checks the page says what the model measured.

let server: TestServer;
let model: TagModel;
let evaluation: ModelEvaluation;

const TA_TEXT =
  "Seek technical assistance and cooperation from OHCHR to strengthen the capacity of the national human rights institution " +
  "and to implement the recommendations of the universal periodic review.";
const FRENCH_TEXT = "Ratifier la Convention relative aux droits des personnes handicapées et renforcer l'institution nationale des droits de l'homme.";

beforeAll(async () => {
  model = defaultTagModel();
  if (!model.evaluation) throw new Error("The committed tagging model must carry its evaluation");
  evaluation = model.evaluation;
  server = await startTestServer({ demo: false });
}, 120_000);
afterAll(async () => server?.close());

const get = (url: string, lang = "en") => server.app.inject({ url, headers: { "accept-language": lang } });
const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .trim();

/** The rows of the table whose caption starts with `caption`: header cell, then data cells, as plain text. */
function tableRows(html: string, caption: string): { head: string; cells: string[]; raw: string }[] {
  const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => m[1] as string);
  const table = tables.find((t) => decode(/<caption>([\s\S]*?)<\/caption>/.exec(t)?.[1] ?? "").startsWith(caption));
  if (!table) throw new Error(`no table captioned “${caption}”`);
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(table)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => {
    const raw = m[1] as string;
    return {
      raw,
      head: decode(/<th[^>]*>([\s\S]*?)<\/th>/.exec(raw)?.[1] ?? ""),
      cells: [...raw.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decode(c[1] as string)),
    };
  });
}

describe("the /tagging page", () => {
  it("states the model, the protocol and the measured accuracy from the model's own evaluation", async () => {
    const res = await get("/tagging");
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain("<h1>How tagging works</h1>");
    expect(html).not.toContain("<script");
    // Headline figures, then the overall table (micro and macro precision, recall, F1).
    expect(decode(/id="headline-micro-f1">([\s\S]*?)<\/li>/.exec(html)?.[1] ?? "")).toBe(
      `${formatScore("en", evaluation.microF1, 3)} micro-F1 (all label decisions)`,
    );
    expect(decode(/id="headline-macro-f1">([\s\S]*?)<\/li>/.exec(html)?.[1] ?? "")).toContain(formatScore("en", evaluation.macroF1, 3));
    const overall = tableRows(html, "Overall accuracy on ");
    expect(overall.map((r) => r.cells)).toEqual([
      [evaluation.microPrecision, evaluation.microRecall, evaluation.microF1].map((v) => formatScore("en", v, 3)),
      [evaluation.macroPrecision, evaluation.macroRecall, evaluation.macroF1].map((v) => formatScore("en", v, 3)),
    ]);
    expect(html).toContain(`Overall accuracy on ${new Intl.NumberFormat("en").format(evaluation.n)} test recommendations`);
    // The model and the protocol, with the sessions of each step.
    expect(html).toContain(`<code>${model.name}</code>`);
    expect(html).toContain(`<code>${model.version}</code>`);
    expect(html).toContain(`${model.labels.length} UPR Info issue labels`);
    expect(html).toContain(`trained on UPR sessions ${evaluation.trainSessions}; its thresholds were tuned on sessions ${evaluation.tuneSessions}`);
    expect(html).toContain(`its labels for sessions ${evaluation.testSessions}, which it had not seen`);
    expect(decode(/<blockquote class="tagging-protocol"[^>]*>([\s\S]*?)<\/blockquote>/.exec(html)?.[1] ?? "")).toBe(evaluation.protocol);
  });

  it("lists every label by test examples with its scores, marking weak and rare labels, beside a chart", async () => {
    const html = (await get("/tagging")).body;
    const rows = tableRows(html, "Accuracy per label, most frequent first");
    const expected = Object.entries(evaluation.perLabel).sort((a, b) => b[1].support - a[1].support || a[0].localeCompare(b[0], "en"));
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const [label, e] = expected[i] as [string, ModelEvaluation["perLabel"][string]];
      expect(row.head.startsWith(label), `row ${i}: ${row.head}`).toBe(true);
      expect(row.cells).toEqual([
        new Intl.NumberFormat("en").format(e.support),
        formatScore("en", e.precision),
        formatScore("en", e.recall),
        formatScore("en", e.f1),
      ]);
      expect(row.raw.includes('class="badge badge-warn">weak<'), label).toBe(e.f1 < WEAK_F1);
      expect(row.raw.includes('class="badge badge-muted">few examples<'), label).toBe(e.support < FEW_EXAMPLES);
    });
    const weak = expected.filter(([, e]) => e.f1 < WEAK_F1).length;
    expect(html).toContain(weak === 0 ? "none weak)" : `; ${weak} weak)`);
    // The chart of F1 per label: static SVG named and described, its table just below.
    expect(html).toMatch(/<figure class="chart tagging-chart"><svg[^>]*role="img"/);
    expect(html).toMatch(/<title id="[^"]+">F1 per label<\/title>/);
  });

  it("shows SDG-goal accuracy on the official list when the model measured it", async () => {
    const html = (await get("/tagging")).body;
    const sdg = evaluation.sdg;
    if (!sdg) {
      expect(html).toContain("SDG-goal accuracy was not measured for this model.");
      return;
    }
    const [row] = tableRows(html, "SDG-goal accuracy");
    expect(row?.head).toBe(sdg.source);
    expect(row?.cells).toEqual([sdg.precision, sdg.recall, sdg.f1].map((v) => formatScore("en", v, 3)));
    expect(html).toContain(`assigned to ${new Intl.NumberFormat("en").format(sdg.n)} recommendations of this list`);
  });

  it("tries the model on a text: labels, UHRI themes and SDG goals with confidence, nothing stored", async () => {
    const res = await get(`/tagging?text=${encodeURIComponent(TA_TEXT)}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    const expected = suggestTags(model, TA_TEXT);
    const selected = expected.labels.filter((l) => l.selected);
    expect(selected.length).toBeGreaterThan(0);
    expect(html).toContain(`Suggested by ${model.name}, version ${model.version}. These are suggestions, not official tags.`);
    expect(tableRows(html, "UPR Info issue labels").map((r) => [r.head, ...r.cells])).toEqual(
      selected.map((l) => [l.label, formatConfidence("en", l.confidence)]),
    );
    const themes = tableRows(html, "UHRI themes");
    expect(themes.map((r) => r.head.split(" ")[0])).toEqual(expected.themes.map((t) => t.code));
    expect(themes.map((r) => r.cells[0])).toEqual(expected.themes.map((t) => formatConfidence("en", t.confidence)));
    const goals = tableRows(html, "SDG goals");
    expect(goals.map((r) => Number(r.head.split(".")[0]))).toEqual(expected.sdgGoals.map((g) => g.goal));
    // The text stays in the form, escaped.
    expect(html).toContain("Seek technical assistance and cooperation from OHCHR");
    expect(html).toMatch(/name="more" value="1"\s?\/>/);
  });

  it("also lists labels just below their threshold when asked", async () => {
    const html = (await get(`/tagging?text=${encodeURIComponent(TA_TEXT)}&more=1`)).body;
    const rows = tableRows(html, "UPR Info issue labels");
    const expected = suggestTags(model, TA_TEXT, { maxLabels: 10 }).labels;
    expect(rows.map((r) => r.head)).toEqual(expected.map((l) => l.label));
    expect(rows.map((r) => r.cells[1])).toEqual(expected.map((l) => (l.selected ? "suggested" : "also possible")));
    expect(html).toMatch(/name="more" value="1" checked/);
  });

  it.each([
    ["empty text", "", "Enter the text of a recommendation."],
    ["blank text", "   ", "Enter the text of a recommendation."],
    ["text in French", FRENCH_TEXT, "This text looks like French: the model reads English only and does not guess tags for text in another language."],
    ["text without words", "1325 / 2020 - 2024", "The text has no words to tag, only digits or signs."],
    ["text over the limit", "torture ".repeat(MAX_TRY_CHARS / 4), "The text is too long: at most 5,000 characters."],
  ])("answers %s with a 400 that says why, and keeps the form", async (_name, text, message) => {
    const res = await get(`/tagging?text=${encodeURIComponent(text)}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain(`<a href="#field-text">${message}</a>`);
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).not.toContain("Suggested by ");
    // The rest of the page is still there.
    expect(res.body).toContain("Accuracy per label");
  });

  it("escapes what it is given", async () => {
    const res = await get(`/tagging?text=${encodeURIComponent(`${TA_TEXT} <script>alert(1)</script>`)}`);
    expect(res.body).not.toContain("<script>alert(1)</script>");
    expect(res.body).toContain("&lt;script>alert(1)&lt;/script>");
  });

  it.each(LANGUAGES)("renders in %s", async (lang) => {
    const res = await get(`/tagging?lang=${lang}`);
    expect(res.statusCode).toBe(200);
    const t = translator(lang);
    expect(res.body).toContain(`<h1>${t("taggingabout.title").replace(/'/g, "&#x27;")}</h1>`);
    expect(res.body).toContain(formatScore(lang, evaluation.microF1, 3));
    if (lang === "ar") expect(res.body).toContain('dir="rtl"');
  });

  it("is linked from every page's footer", async () => {
    expect((await get("/")).body).toContain('<a href="/tagging">How tagging works</a>');
  });
});

describe("the tagging API", () => {
  it("describes the model and its whole evaluation, labels by test examples", async () => {
    const res = await get("/api/v1/tagging/model");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      name: model.name,
      version: model.version,
      trainedAt: model.trainedAt,
      labels: model.labels,
      mappingVersion: model.mapping.version,
    });
    expect(body.evaluation.micro).toEqual({ precision: evaluation.microPrecision, recall: evaluation.microRecall, f1: evaluation.microF1 });
    expect(body.evaluation.macro).toEqual({ precision: evaluation.macroPrecision, recall: evaluation.macroRecall, f1: evaluation.macroF1 });
    expect(body.evaluation.n).toBe(evaluation.n);
    expect(body.evaluation.protocol).toBe(evaluation.protocol);
    expect(body.evaluation.sdg).toEqual(evaluation.sdg);
    const perLabel = body.evaluation.perLabel as { label: string; support: number; f1: number }[];
    expect(perLabel).toHaveLength(Object.keys(evaluation.perLabel).length);
    for (const row of perLabel) expect(row).toEqual({ label: row.label, ...evaluation.perLabel[row.label] });
    expect(perLabel.map((r) => r.support)).toEqual([...perLabel.map((r) => r.support)].sort((a, b) => b - a));
  });

  it("suggests labels, themes and SDG goals for a text, as the engine does", async () => {
    const res = await get(`/api/v1/tagging/suggest?text=${encodeURIComponent(TA_TEXT)}`);
    expect(res.statusCode).toBe(200);
    const expected = suggestTags(model, TA_TEXT);
    expect(res.json()).toEqual({
      model: expected.model,
      labels: expected.labels,
      themes: expected.themes,
      sdgGoals: expected.sdgGoals,
    });
  });

  it.each([
    ["empty text", "text="],
    ["no text", ""],
    ["text in French", `text=${encodeURIComponent(FRENCH_TEXT)}`],
    ["text over the limit", `text=${"a".repeat(MAX_TRY_CHARS + 1)}`],
  ])("refuses %s with a 400 naming the field", async (_name, query) => {
    const res = await get(`/api/v1/tagging/suggest?${query}`);
    expect(res.statusCode).toBe(400);
    const error = res.json().error as { code: string; message: string; problems: { field: string }[] };
    expect(error.code).toBe("invalid_input");
    expect(error.problems.map((p) => p.field).join(" ")).toContain("text");
  });

  it("says which language it detected instead of guessing", async () => {
    const error = (await get(`/api/v1/tagging/suggest?text=${encodeURIComponent(FRENCH_TEXT)}`)).json().error;
    expect(error.message).toMatch(/French/i);
  });

  // After the other calls to suggest: it uses up this address's allowance for the minute.
  it("limits suggestions per address like the other public endpoints that do work per call", async () => {
    const url = `/api/v1/tagging/suggest?text=${encodeURIComponent("Abolish the death penalty")}`;
    let first429 = 0;
    for (let i = 1; i <= 130 && first429 === 0; i++) if ((await get(url)).statusCode === 429) first429 = i;
    expect(first429).toBeGreaterThan(100);
    const error = (await get(url)).json().error;
    expect(error.code).toBe("rate_limited");
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await get("/api/v1/openapi.json")).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(doc.paths["/api/v1/tagging/model"]?.get?.tags).toEqual(["tagging"]);
    expect(doc.paths["/api/v1/tagging/suggest"]?.get?.tags).toEqual(["tagging"]);
  });
});
