import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../server.js";
import { registerMatchingPages } from "./matching-pages.js";
import { registerOfferBoardPage } from "./offer-board-page.js";
import { registerOfferDetailPage } from "./offer-detail-page.js";
import { registerOfferFormPages } from "./offer-form-page.js";
import { registerPairingPages } from "./pairing-pages.js";
import { registerProviderPages } from "./provider-pages.js";

// Offers, providers, matching and pairings (R29, R6, R24): every page of the area, registered in one place.
export function registerOfferPages(app: FastifyInstance, deps: ServerDeps): void {
  registerOfferBoardPage(app, deps);
  registerOfferFormPages(app, deps);
  registerOfferDetailPage(app, deps);
  registerProviderPages(app, deps);
  registerMatchingPages(app, deps);
  registerPairingPages(app, deps);
}
