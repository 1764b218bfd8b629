import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../domain/core/app-error.js";
import { ClosureDailySeriesSchema, ClosureReleaseWithReportSchema } from "../../domain/education/closure-global-schemas.js";
import { getClosureDailySeries, listClosureReleaseSummaries } from "../../domain/education/closure-global-service.js";
import { answerFromCache } from "../public-cache.js";
import type { ServerDeps } from "../server.js";
import { errorResponses } from "./api-schemas.js";

// School closures as JSON (res. 45/32 PP10; R25; issue 6 item 4): the imported releases with their validation reports,
// and the number of countries by status per day for one release and group of countries, the figures of /education.
// Public open data: ETag and Cache-Control.

// Documented as plain strings: the service parses and checks them (a bad value is a 400 naming the parameter).
const DailyQuerySchema = z.object({
  release: z.string().optional().describe("release id (GET /closures/releases); default: UNESCO's latest daily-status release"),
  region: z.string().optional().describe("M49 region code: 002 Africa, 019 Americas, 142 Asia, 150 Europe, 009 Oceania"),
  group: z.string().optional().describe("UN regional group: AFG, APG, EEG, GRULAC, WEOG"),
  ldc: z.string().optional().describe("1: least developed countries only; 0: all other countries"),
  sids: z.string().optional().describe("1: small island developing States only; 0: all other countries"),
});

export function registerClosuresApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  const tags = ["education"];

  api.get(
    "/closures/releases",
    {
      schema: {
        tags,
        summary: "Imported school-closure releases: source, publisher, label, coverage, rows, licence, import date and validation report",
        description:
          "Each imported file is one release; releases of one source are never merged (UNESCO revised past statuses between releases). Ordered by coverage.",
        response: { 200: z.object({ items: z.array(ClosureReleaseWithReportSchema) }) },
      },
    },
    async (request, reply) => {
      if (await answerFromCache(db, request, reply)) return reply;
      return { items: await listClosureReleaseSummaries(db) };
    },
  );

  api.get(
    "/closures/daily",
    {
      schema: {
        tags,
        summary: "Countries (and learners where the release gives them) by school status per day, for one release and group of countries",
        description:
          "Every day of the release's coverage, with each status of its scale (UNESCO status, the older UNESCO scale, or OxCGRT C1 0–3). " +
          "Countries without a status on a day are not counted (reporting). The UNESCO and OxCGRT files give no learner counts: learnersTotal is then null.",
        querystring: DailyQuerySchema,
        response: { 200: ClosureDailySeriesSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const series = await getClosureDailySeries(db, request.query);
      if (!series) throw notFound("School-closure release", request.query.release ?? "default");
      if (await answerFromCache(db, request, reply)) return reply;
      return series;
    },
  );
}
