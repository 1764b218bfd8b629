import type { FastifyInstance } from "fastify";
import type { ModelEvaluation, TagModel } from "../../domain/tagging/tag-model.js";
import { isTaggableText, suggestTagsForCheckedText } from "../../domain/tagging/tag-suggest.js";
import { detectLanguage } from "../../domain/tagging/text-language.js";
import { defaultTagModel } from "../../imports/tag-model-file.js";
import { formatNumber } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import { pageContext } from "../request-context.js";
import type { ServerDeps } from "../server.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";
import { field, sendPage } from "./render.js";
import {
  DataSection,
  formatScore,
  Headline,
  HumanSection,
  LimitsSection,
  MAX_TRY_CHARS,
  type ModelFacts,
  ModelSection,
  PerLabelSection,
  perLabelRows,
  ProtocolSection,
  SdgSection,
  type Trial,
  TryForm,
  TryResult,
  WEAK_F1,
} from "./tagging-about-parts.js";
import { labelF1ChartSvg } from "./tagging-chart.js";

// /tagging, "How tagging works" (issue 7 item 3: "a public 'How tagging works' page states the measured accuracy per
// label"): what the model is, how it was measured, its accuracy overall, per label and on SDG goals, how people
// confirm suggestions, its limits, and a GET form to try it (/tagging?text=…) that works without JavaScript. Empty
// text, text over the limit and text in a language the model does not read are a 400 that says so on the page.

const FEATURE_KINDS = ["w", "b", "c"] as const;
const factsCache = new WeakMap<TagModel, ModelFacts>();

/** What the page states about a model; counting the vocabulary by kind is done once per loaded model. */
export function modelFacts(model: TagModel): ModelFacts {
  const hit = factsCache.get(model);
  if (hit) return hit;
  const present = new Set<string>();
  for (const key of model.features.keys) {
    present.add(key.slice(0, 2));
    if (present.size === FEATURE_KINDS.length) break;
  }
  const facts: ModelFacts = {
    name: model.name,
    version: model.version,
    trainedAt: model.trainedAt,
    trainingRows: model.trainingRows,
    trainingSessions: model.trainingSessions,
    labelCount: model.labels.length,
    featureCount: model.features.keys.length,
    featureKinds: FEATURE_KINDS.filter((k) => present.has(`${k}:`)),
    mappingVersion: model.mapping.version,
  };
  factsCache.set(model, facts);
  return facts;
}

/** Runs the try-it form. What the model cannot read is said in the page's language, naming the language detected. */
export function runTrial(ctx: PageContext, model: TagModel, text: string, more: boolean): Trial {
  const { t, lang } = ctx;
  const fail = (error: string): Trial => ({ text, more, error, result: null });
  if (text.trim() === "") return fail(t("taggingabout.try.empty"));
  if (text.length > MAX_TRY_CHARS) return fail(t("taggingabout.try.tooLong", { max: formatNumber(lang, MAX_TRY_CHARS) }));
  if (!isTaggableText(text).ok) {
    const detected = detectLanguage(text);
    if (!detected) return fail(t("taggingabout.try.noWords"));
    const language = new Intl.DisplayNames(lang, { type: "language" }).of(detected.code) ?? detected.name;
    return fail(t("taggingabout.try.unsupported", { language }));
  }
  return { text, more, error: null, result: suggestTagsForCheckedText(model, text, more ? { maxLabels: 10 } : {}) };
}

async function chartOf(ctx: PageContext, evaluation: ModelEvaluation | null): Promise<string | null> {
  if (!evaluation) return null;
  const rows = perLabelRows(evaluation);
  if (rows.length === 0) return null;
  const { t, lang } = ctx;
  const threshold = formatScore(lang, WEAK_F1);
  return labelF1ChartSvg(
    rows,
    { x: t("taggingabout.chart.x"), y: t("taggingabout.chart.y"), line: t("taggingabout.chart.line", { threshold }), threshold: WEAK_F1 },
    {
      title: t("taggingabout.chart.title"),
      description: t("taggingabout.chart.desc", { count: rows.length, threshold, weak: rows.filter((r) => r.weak).length }),
      lang,
    },
  );
}

type Props = { ctx: PageContext; facts: ModelFacts; evaluation: ModelEvaluation | null; trial: Trial | null; labels: CodeLabels; chartSvg: string | null };

export function TaggingAboutPage({ ctx, facts, evaluation, trial, labels, chartSvg }: Props) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("taggingabout.title")} active="recommendations">
      <h1>{t("taggingabout.title")}</h1>
      <p class="lead">{t("taggingabout.lead")}</p>
      <Headline ctx={ctx} facts={facts} evaluation={evaluation} />
      <section aria-labelledby="try" class="tagging-try">
        <h2 id="try">{t("taggingabout.try.heading")}</h2>
        <p>{t("taggingabout.try.intro")}</p>
        {trial?.error && <TryResult ctx={ctx} trial={trial} labels={labels} />}
        <TryForm ctx={ctx} trial={trial} />
        {trial && !trial.error && <TryResult ctx={ctx} trial={trial} labels={labels} />}
      </section>
      <ModelSection ctx={ctx} facts={facts} />
      {evaluation && (
        <>
          <ProtocolSection ctx={ctx} facts={facts} evaluation={evaluation} />
          <PerLabelSection ctx={ctx} rows={perLabelRows(evaluation)} chartSvg={chartSvg} />
          <SdgSection ctx={ctx} evaluation={evaluation} />
        </>
      )}
      <HumanSection ctx={ctx} />
      <LimitsSection ctx={ctx} labelCount={facts.labelCount} />
      <DataSection ctx={ctx} />
    </Layout>
  );
}

export function registerTaggingAboutPage(app: FastifyInstance, deps: ServerDeps): void {
  const { db } = deps.handle;
  app.get("/tagging", async (request, reply) => {
    const ctx = pageContext(request, reply, { showDemoNotice: deps.demo });
    const model = defaultTagModel();
    const text = field(request.query, "text");
    const trial = text === undefined ? null : runTrial(ctx, model, text, field(request.query, "more") === "1");
    const [labels, chartSvg] = await Promise.all([codeLabels(db, ctx.lang), chartOf(ctx, model.evaluation)]);
    const page = <TaggingAboutPage ctx={ctx} facts={modelFacts(model)} evaluation={model.evaluation} trial={trial} labels={labels} chartSvg={chartSvg} />;
    return sendPage(reply, page, trial?.error ? 400 : 200);
  });
}
