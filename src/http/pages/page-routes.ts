import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../server.js";
import { registerAuthPages } from "./auth-pages.js";
import { registerCountryPages } from "./country-pages.js";
import { registerDataPage } from "./data-page.js";
import { registerHomePage } from "./home-page.js";
import { registerOrganizationPages } from "./organization-pages.js";
import { registerRecommendationPage } from "./recommendation-page.js";
import { registerRecommendationSearchPage } from "./recommendation-search-page.js";
import { registerStateRecommendationsPage } from "./state-recommendations.js";

export async function registerPages(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  registerHomePage(app, deps);
  registerCountryPages(app, deps);
  registerOrganizationPages(app, deps);
  registerAuthPages(app, deps);
  registerDataPage(app, deps);
  registerRecommendationSearchPage(app, deps);
  registerRecommendationPage(app, deps);
  registerStateRecommendationsPage(app, deps);
}
