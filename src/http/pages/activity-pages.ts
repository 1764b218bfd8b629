import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../server.js";
import { registerActivityConsentPage } from "./activity-consent-page.js";
import { registerActivityDetailPage } from "./activity-detail-page.js";
import { registerActivityEditPage } from "./activity-edit-page.js";
import { registerActivityListPage } from "./activity-list-page.js";
import { registerActivityNewPage } from "./activity-new-page.js";

// The activity pages (R3–R8): list, start, detail with status actions, edit forms, consent.
export function registerActivityPages(app: FastifyInstance, deps: ServerDeps): void {
  registerActivityListPage(app, deps);
  registerActivityNewPage(app, deps);
  registerActivityDetailPage(app, deps);
  registerActivityEditPage(app, deps);
  registerActivityConsentPage(app, deps);
}
