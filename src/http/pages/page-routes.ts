import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../server.js";
import { registerAuthPages } from "./auth-pages.js";
import { registerCountryPages } from "./country-pages.js";
import { registerDataPage } from "./data-page.js";
import { registerHomePage } from "./home-page.js";
import { registerOrganizationPages } from "./organization-pages.js";

export async function registerPages(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  registerHomePage(app, deps);
  registerCountryPages(app, deps);
  registerOrganizationPages(app, deps);
  registerAuthPages(app, deps);
  registerDataPage(app, deps);
}
