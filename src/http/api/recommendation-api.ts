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
import { RECOMMENDATION_COLUMNS } from "../../exports/recommendation-csv.js";
import type { ServerDeps } from "../server.js";
import { sendTable } from "../table-download.js";
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

  // The whole result set as CSV, HXL-tagged CSV or JSON (issue 5 item 4), with ETag and Cache-Control.
  const downloads = [
    { format: "csv", path: "/recommendations.csv", produces: "text/csv", what: "CSV (UTF-8 with BOM)" },
    { format: "hxl", path: "/recommendations.hxl.csv", produces: "text/csv", what: "HXL-tagged CSV (hashtag row under the header)" },
    { format: "json", path: "/recommendations.json", produces: "application/json", what: 'JSON ({"columns":[…],"rows":[…]})' },
  ] as const;
  for (const d of downloads) {
    api.get(
      d.path,
      {
        schema: {
          tags: ["recommendations"],
          summary: `The whole result set of a search as ${d.what}; same parameters as /recommendations, paging ignored`,
          querystring: RecommendationQuerySchema,
          produces: [d.produces],
        },
      },
      async (request, reply) =>
        sendTable(db, request, reply, {
          format: d.format,
          filename: "recommendations",
          columns: RECOMMENDATION_COLUMNS,
          rows: iterateRecommendations(db, request.query),
        }),
    );
  }

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
