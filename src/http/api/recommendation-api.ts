import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  getRecommendation,
  iterateRecommendations,
  RecommendationDetailSchema,
  RecommendationQuerySchema,
  RecommendationSearchResultSchema,
  searchParsedRecommendations,
} from "../../domain/recommendations/recommendation-search.js";
import { recommendationCsv } from "../../exports/recommendation-csv.js";
import type { ServerDeps } from "../server.js";
import { errorResponses } from "./api-schemas.js";

export function registerRecommendationApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;

  api.get(
    "/recommendations",
    {
      schema: {
        tags: ["recommendations"],
        summary: 'Search recommendations: full text (web-search syntax: words, "phrases", or, -exclusions) with facets',
        description:
          "Texts are matched with the text-search configuration of their language (English, French, Spanish, Russian, Arabic; simple otherwise). " +
          "Filters take one value, a repeated parameter or a comma-separated list. Facet counts are over the filtered set. Source: UPR Info, OHCHR (UHRI).",
        querystring: RecommendationQuerySchema,
        response: { 200: RecommendationSearchResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { headlines: _h, ...result } = await searchParsedRecommendations(db, request.query);
      return result;
    },
  );

  api.get(
    "/recommendations.csv",
    {
      schema: {
        tags: ["recommendations"],
        summary: "The whole result set of a search as CSV (UTF-8 with BOM; same parameters as /recommendations, paging ignored)",
        querystring: RecommendationQuerySchema,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="recommendations.csv"`).header("cache-control", "no-store");
      return reply.send(Readable.from(recommendationCsv(iterateRecommendations(db, request.query))));
    },
  );

  api.get(
    "/recommendations/:id",
    {
      schema: {
        tags: ["recommendations"],
        summary: "One recommendation with its position history, recommending States and themes as the source gave them",
        params: z.object({ id: z.string().min(3).max(250) }),
        response: { 200: RecommendationDetailSchema, ...errorResponses },
      },
    },
    async (request) => getRecommendation(db, request.params.id),
  );
}
