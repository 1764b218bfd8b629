import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CountryEducationSchema } from "../../domain/education/country-education-schemas.js";
import { getCountryEducation } from "../../domain/education/country-education-service.js";
import { Iso3ParamSchema } from "../../domain/transparency/register-schemas.js";
import { answerFromCache } from "../public-cache.js";
import type { ServerDeps } from "../server.js";
import { errorResponses } from "./api-schemas.js";

// One State's education data as JSON (R11, R25; res. 45/32 PP9–PP11): school-closure periods per source release with
// days per year, UNESCO against OxCGRT and the UNESCO releases against each other day by day, and the education
// recommendations, requests and activities the caller may see, by SDG 4 target. ETag and Cache-Control as for other
// public data.

export function registerEducationApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;

  api.get(
    "/countries/:iso3/education",
    {
      schema: {
        tags: ["education"],
        summary: "One State's school closures per source release, their comparison, and its education recommendations, requests and activities",
        description:
          "Closure periods are runs of days with one status in the words of each release's scale; `years` count days within the release's coverage " +
          "of each calendar year; `comparisons` count every day of the common period once: agree, disagree, not comparable (academic break) or " +
          "missing (no data on one side — never agreement). Requests and activities are those the caller may see; withheld activities count only " +
          "as whole groups of at least 3 (withheldCounted is 0 or ≥ 3).",
        params: z.object({ iso3: Iso3ParamSchema }),
        response: { 200: CountryEducationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (await answerFromCache(db, request, reply)) return reply;
      return getCountryEducation(db, request.viewer, request.params.iso3);
    },
  );
}
