import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { createJsonSchemaTransform, hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "../config.js";
import { resolveApiToken, resolveSession } from "../domain/accounts/account-service.js";
import { ANONYMOUS } from "../domain/access/viewer.js";
import { AppError, type ErrorCode, isAppError } from "../domain/core/app-error.js";
import { readCookieSecret } from "../domain/setup/setup-service.js";
import type { DbHandle } from "../store/db.js";
import { registerApi } from "./api/api-routes.js";
import { type ApiErrorBody, HTTP_STATUS } from "./errors.js";
import { registerPages } from "./pages/page-routes.js";
import { renderErrorPage } from "./pages/error-pages.js";
import { chooseLanguage, SESSION_COOKIE } from "./request-context.js";

export type ServerDeps = {
  handle: DbHandle;
  config: Pick<Config, "logLevel" | "production" | "publicUrl">;
  /** Show the "demonstration instance" banner (demo data was seeded). */
  demo: boolean;
};

const ASSETS_DIR = fileURLToPath(new URL("../web/assets/", import.meta.url));

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { db } = deps.handle;
  const app = Fastify({
    logger: deps.config.logLevel === "silent" ? false : { level: deps.config.logLevel },
    trustProxy: true,
    bodyLimit: 1_048_576,
    genReqId: () => randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: deps.config.production ? [] : null,
      },
    },
    hsts: deps.config.production,
  });
  await app.register(fastifyCompress, { threshold: 1024 });
  await app.register(fastifyCookie, { secret: await readCookieSecret(db) });
  await app.register(fastifyFormbody);
  await app.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieOpts: { signed: true, httpOnly: true, sameSite: "lax", path: "/", secure: deps.config.production },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: "/assets/", maxAge: "1d", immutable: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Passerelle open data API",
        version: "1",
        description:
          "Reference data, organizations and (in later versions) requests, offers, activities and recommendations. " +
          "Anonymous calls see public records; send `Authorization: Bearer <token>` (from `passerelle token create`) to see what your roles allow.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    },
    transform: createJsonSchemaTransform({ skipList: [] }),
    // Only tagged /api routes belong in the API document; pages are HTML for people.
    hideUntagged: true,
  });

  // Fastify 5 only accepts null or primitives as request decorations; the hook below sets real values.
  app.decorateRequest("viewer", null as unknown as typeof ANONYMOUS);
  app.decorateRequest("lang", null as unknown as "en");
  app.decorateRequest("authVia", "none" as const);
  app.addHook("onRequest", async (request, reply) => {
    request.viewer = ANONYMOUS;
    request.authVia = "none";
    if (request.url.startsWith("/assets/")) return;
    request.lang = chooseLanguage(request, reply);
    const authorization = request.headers.authorization;
    if (authorization?.toLowerCase().startsWith("bearer ")) {
      const viewer = await resolveApiToken(db, authorization.slice(7).trim());
      if (!viewer) throw new AppError("unauthenticated", "The API token is invalid, expired or revoked");
      request.viewer = viewer;
      request.authVia = "token";
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (sessionToken) {
      const viewer = await resolveSession(db, sessionToken);
      if (viewer) {
        request.viewer = viewer;
        request.authVia = "session";
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
      }
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply, deps.demo));
  app.setNotFoundHandler((request, reply) =>
    sendError(new AppError("not_found", `No route for ${request.method} ${request.url.split("?")[0]}`), request, reply, deps.demo),
  );

  await app.register(async (api) => registerApi(api, deps), { prefix: "/api/v1" });
  await app.register(async (pages) => registerPages(pages, deps));
  return app;
}

type Classified = { status: number; code: ErrorCode | "internal"; message: string; problems: { field: string; message: string }[] };

function classify(error: FastifyError | AppError): Classified {
  if (isAppError(error)) return { status: HTTP_STATUS[error.code], code: error.code, message: error.message, problems: error.problems };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((v) => ({
      field: [error.validationContext, ...String(v.instancePath).split("/").filter(Boolean)].join("."),
      message: v.message ?? "is not valid",
    }));
    return { status: 400, code: "invalid_input", message: "The request is not valid", problems };
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, code: "rate_limited", message: "Too many requests: slow down and try again in a minute", problems: [] };
  if (error.code?.startsWith("FST_CSRF"))
    return {
      status: 403,
      code: "forbidden",
      message: "The form's security token is missing or invalid",
      problems: [{ field: "_csrf", message: "missing or invalid" }],
    };
  if (status >= 400 && status < 500) {
    const code: ErrorCode = status === 404 ? "not_found" : status === 401 ? "unauthenticated" : status === 403 ? "forbidden" : "invalid_input";
    return { status, code, message: error.message, problems: [] };
  }
  return { status: 500, code: "internal", message: "Internal error", problems: [] };
}

function sendError(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply, demo: boolean) {
  const c = classify(error);
  const reference = c.status >= 500 ? request.id : undefined;
  if (c.status >= 500) request.log.error({ err: error, reference }, "request failed");
  reply.status(c.status);
  if (request.url.startsWith("/api/") || request.headers.accept === "application/json") {
    const body: ApiErrorBody = { error: { code: c.code, message: c.message, problems: c.problems, ...(reference ? { reference } : {}) } };
    return reply.type("application/json; charset=utf-8").send(body);
  }
  if (!request.lang) request.lang = "en";
  return reply.type("text/html; charset=utf-8").send(renderErrorPage(request, reply, { status: c.status, code: c.code, message: c.message, reference, demo }));
}
