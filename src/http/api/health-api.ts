import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { checkHealth } from "../../domain/setup/health-service.js";
import type { ServerDeps } from "../server.js";

const HealthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  engine: z.enum(["pglite", "postgres"]),
  database: z.object({ reachable: z.boolean(), migrations: z.number().int(), latencyMs: z.number() }),
  version: z.string(),
});

export function registerHealthApi(app: FastifyInstance, deps: ServerDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      "/health",
      { schema: { tags: ["service"], summary: "Liveness and database reachability (for load balancers)", response: { 200: HealthSchema, 503: HealthSchema } } },
      async (_request, reply) => {
        const health = await checkHealth(deps.handle.db);
        const body = { status: health.reachable ? ("ok" as const) : ("degraded" as const), engine: deps.handle.engine, database: health, version: APP_VERSION };
        return reply.status(health.reachable ? 200 : 503).send(body);
      },
    );
}

const APP_VERSION = "0.1.0";
