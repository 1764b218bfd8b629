import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../server.js";
import { registerActivityPages } from "./activity-pages.js";
import { registerAuthPages } from "./auth-pages.js";
import { registerCoordinationPages } from "./coordination-page.js";
import { registerCountryPages } from "./country-pages.js";
import { registerDataPage } from "./data-page.js";
import { registerHomePage } from "./home-page.js";
import { registerOfferPages } from "./offer-pages.js";
import { registerOpenDataDownloads } from "./open-data-downloads.js";
import { registerOpenDataPage } from "./open-data-page.js";
import { registerOrganizationPages } from "./organization-pages.js";
import { registerProfilePages } from "./profile-page.js";
import { registerRecommendationPage } from "./recommendation-page.js";
import { registerRecommendationSearchPage } from "./recommendation-search-page.js";
import { registerRegisterPages } from "./register-pages.js";
import { registerRequestPages } from "./request-pages.js";
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
  registerProfilePages(app, deps);
  registerCoordinationPages(app, deps);
  registerRequestPages(app, deps);
  registerOfferPages(app, deps);
  registerActivityPages(app, deps);
  registerRegisterPages(app, deps);
  registerOpenDataDownloads(app, deps);
  registerOpenDataPage(app, deps);
}
