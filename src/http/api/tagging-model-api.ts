import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ModelEvaluation, TagModel, TagSuggestions } from "../../domain/tagging/tag-model.js";
import { suggestTags } from "../../domain/tagging/tag-suggest.js";
import { defaultTagModel } from "../../imports/tag-model-file.js";
import type { ServerDeps } from "../server.js";
import { ErrorBodySchema, errorResponses } from "./api-schemas.js";

// The tagging model in use and what it suggests for a text (issue 7 items 1 and 3): the same facts and figures as
// the public "How tagging works" page, as JSON. Both are public: the model and its accuracy are published, and a
// suggestion for a caller's own text reveals nothing stored. Suggestions are never official tags.

/** Characters accepted by /tagging/suggest (the /tagging page's form has the same limit). */
const MAX_TEXT = 5000;

const ScoresSchema = z.object({ precision: z.number(), recall: z.number(), f1: z.number() });

const LabelEvaluationSchema = ScoresSchema.extend({
  label: z.string().describe("UPR Info issue label, in English as UPR Info publishes it"),
  support: z.number().int().describe("Recommendations of the test sessions that carry the label"),
});

const EvaluationSchema = z
  .object({
    protocol: z.string().describe("How the model was measured, in plain English"),
    trainSessions: z.string(),
    tuneSessions: z.string(),
    testSessions: z.string(),
    n: z.number().int().describe("Recommendations in the test sessions"),
    micro: ScoresSchema.describe("Every label decision counted once"),
    macro: ScoresSchema.describe("Mean over labels"),
    perLabel: z.array(LabelEvaluationSchema).describe("Most test examples first"),
    sdg: ScoresSchema.extend({
      source: z.string().describe("The official OHCHR thematic list compared"),
      n: z.number().int(),
    })
      .nullable()
      .describe("SDG goals derived from the predicted labels, compared with an official OHCHR thematic list"),
  })
  .describe("TagModelEvaluation");

const ModelSchema = z
  .object({
    name: z.string(),
    version: z.string().describe("Stored with every suggestion as its provenance"),
    trainedAt: z.string(),
    trainingRows: z.number().int(),
    trainingSessions: z.string(),
    labels: z.array(z.string()).describe("The UPR Info issue labels the model assigns"),
    mappingVersion: z.string().describe("Version of the label → UHRI theme / SDG goal mapping frozen into the model"),
    features: z.number().int().describe("Size of the TF-IDF vocabulary"),
    evaluation: EvaluationSchema.nullable(),
  })
  .describe("TagModel");

const SuggestQuerySchema = z.object({
  text: z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`).default("").describe("A recommendation or need, in English"),
  maxLabels: z.coerce
    .number()
    .int()
    .min(1)
    .max(54)
    .optional()
    .describe("List up to this many labels in all: the selected ones, then the nearest below their threshold"),
});

const SuggestionsSchema = z
  .object({
    model: z.object({ name: z.string(), version: z.string() }),
    labels: z.array(
      z.object({
        label: z.string(),
        confidence: z.number().describe("0–1; 0.5 is the label's tuned threshold"),
        selected: z.boolean().describe("Passes the threshold: the model suggests this label"),
      }),
    ),
    themes: z.array(z.object({ code: z.string().describe("UHRI theme code, e.g. E5"), confidence: z.number(), fromLabels: z.array(z.string()) })),
    sdgGoals: z.array(z.object({ goal: z.number().int().min(1).max(17), confidence: z.number(), fromLabels: z.array(z.string()) })),
  })
  .describe("TagSuggestions");

function evaluationOf(e: ModelEvaluation): z.infer<typeof EvaluationSchema> {
  return {
    protocol: e.protocol,
    trainSessions: e.trainSessions,
    tuneSessions: e.tuneSessions,
    testSessions: e.testSessions,
    n: e.n,
    micro: { precision: e.microPrecision, recall: e.microRecall, f1: e.microF1 },
    macro: { precision: e.macroPrecision, recall: e.macroRecall, f1: e.macroF1 },
    perLabel: Object.entries(e.perLabel)
      .map(([label, s]) => ({ label, support: s.support, precision: s.precision, recall: s.recall, f1: s.f1 }))
      .sort((a, b) => b.support - a.support || a.label.localeCompare(b.label, "en")),
    sdg: e.sdg ? { source: e.sdg.source, n: e.sdg.n, precision: e.sdg.precision, recall: e.sdg.recall, f1: e.sdg.f1 } : null,
  };
}

export function modelDescription(m: TagModel): z.infer<typeof ModelSchema> {
  return {
    name: m.name,
    version: m.version,
    trainedAt: m.trainedAt,
    trainingRows: m.trainingRows,
    trainingSessions: m.trainingSessions,
    labels: [...m.labels],
    mappingVersion: m.mapping.version,
    features: m.features.keys.length,
    evaluation: m.evaluation ? evaluationOf(m.evaluation) : null,
  };
}

function suggestionsOf(s: TagSuggestions): z.infer<typeof SuggestionsSchema> {
  return {
    model: { name: s.model.name, version: s.model.version },
    labels: s.labels.map((l) => ({ label: l.label, confidence: l.confidence, selected: l.selected })),
    themes: s.themes.map((t) => ({ code: t.code, confidence: t.confidence, fromLabels: [...t.fromLabels] })),
    sdgGoals: s.sdgGoals.map((g) => ({ goal: g.goal, confidence: g.confidence, fromLabels: [...g.fromLabels] })),
  };
}

export function registerTaggingModelApi(app: FastifyInstance, _deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/tagging/model",
    {
      schema: {
        tags: ["tagging"],
        summary: "The tagging model in use: name, version, labels and its measured accuracy (overall, per label, SDG goals)",
        response: { 200: ModelSchema, 503: ErrorBodySchema },
      },
    },
    async (_request, reply) => {
      // The model changes only when the server is redeployed with a rebuilt one.
      reply.header("cache-control", "public, max-age=300");
      return modelDescription(defaultTagModel());
    },
  );

  api.get(
    "/tagging/suggest",
    {
      // Public and unauthenticated like the search API, but each call does real work: a per-address limit keeps it
      // from being used as a bulk tagging service (batch tagging is `passerelle classify`).
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        tags: ["tagging"],
        summary: "Suggested UPR Info labels, UHRI themes and SDG goals for an English text, with confidence (not stored; not official)",
        description:
          "Labels with `selected: true` pass their tuned threshold; the nearest labels below it follow (three, or up to `maxLabels` labels in " +
          "all). Themes and goals come from the selected labels through the model's mapping. Empty text, or text in a " +
          "language other than English, is a 400 whose message says so: the model does not guess.",
        querystring: SuggestQuerySchema,
        response: { 200: SuggestionsSchema, ...errorResponses, 429: ErrorBodySchema, 503: ErrorBodySchema },
      },
    },
    async (request) => {
      const { text, maxLabels } = request.query;
      return suggestionsOf(suggestTags(defaultTagModel(), text, maxLabels === undefined ? undefined : { maxLabels }));
    },
  );
}
