import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../server.js";
import { registerAccountApi } from "./account-api.js";
import { registerActivityApi } from "./activity-api.js";
import { registerClosuresApi } from "./closures-api.js";
import { registerConsentApi } from "./consent-api.js";
import { registerCoordinationApi } from "./coordination-api.js";
import { registerEducationApi } from "./education-api.js";
import { registerHealthApi } from "./health-api.js";
import { registerIatiApi } from "./iati-api.js";
import { registerMatchingApi } from "./matching-api.js";
import { registerMonitoringApi } from "./monitoring-api.js";
import { registerOfferApi } from "./offer-api.js";
import { registerProfileApi } from "./profile-api.js";
import { registerRecommendationApi } from "./recommendation-api.js";
import { registerReferenceApi } from "./reference-api.js";
import { registerRegisterApi } from "./register-api.js";
import { registerRequestApi } from "./request-api.js";
import { registerTaggingApi } from "./tagging-api.js";
import { registerTaggingModelApi } from "./tagging-model-api.js";

export async function registerApi(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  // Machine clients get JSON with CORS-free, cache-safe defaults; browsers' pages are elsewhere.
  app.addHook("onSend", async (_request, reply, payload) => {
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });
  registerHealthApi(app, deps);
  registerReferenceApi(app, deps);
  registerAccountApi(app, deps);
  registerRecommendationApi(app, deps);
  registerProfileApi(app, deps);
  registerCoordinationApi(app, deps);
  registerRequestApi(app, deps);
  registerOfferApi(app, deps);
  registerMatchingApi(app, deps);
  registerActivityApi(app, deps);
  registerConsentApi(app, deps);
  registerIatiApi(app, deps);
  registerRegisterApi(app, deps);
  registerMonitoringApi(app, deps);
  registerEducationApi(app, deps);
  registerClosuresApi(app, deps);
  registerTaggingApi(app, deps);
  registerTaggingModelApi(app, deps);
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
