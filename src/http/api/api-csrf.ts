import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * The preValidation hook of every API write (before the body is validated, so a forged request learns nothing): a browser session (cookie) is exposed to cross-site request forgery and must
 * send the CSRF token (`x-csrf-token`); an API token cannot be sent by another site and needs none (server.ts sets
 * `authVia`).
 */
export function csrfForCookieSessions(app: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) =>
    request.authVia === "session" ? app.csrfProtection(request, reply, done) : done();
}
