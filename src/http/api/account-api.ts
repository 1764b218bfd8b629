import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { OrganizationSchema, UserSummarySchema } from "../../domain/accounts/account-schemas.js";
import { listAccountMemberships } from "../../domain/accounts/account-service.js";
import { OrganizationTypeSchema } from "../../domain/access/roles.js";
import { findOrganization, listOrganizations } from "../../domain/accounts/organization-queries.js";
import { AppError, notFound } from "../../domain/core/app-error.js";
import type { ServerDeps } from "../server.js";
import { errorResponses, pageOf, PagingQuerySchema } from "./api-schemas.js";

export function registerAccountApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;

  api.get(
    "/organizations",
    {
      schema: {
        tags: ["organizations"],
        summary: "Organizations visible to the caller",
        description:
          "Anonymous callers see publicly listed organizations; an organization that asked not to be listed is visible only as its visibility allows.",
        querystring: PagingQuerySchema.extend({
          type: OrganizationTypeSchema.optional(),
          country: z
            .string()
            .regex(/^[A-Za-z]{3}$/, "must be an ISO alpha-3 code")
            .optional(),
        }),
        response: { 200: pageOf(OrganizationSchema), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listOrganizations(db, request.viewer, { type: q.type, countryIso3: q.country?.toUpperCase(), limit: q.limit, offset: q.offset });
      return { total: page.total, limit: q.limit, offset: q.offset, items: page.items };
    },
  );

  api.get(
    "/organizations/:id",
    {
      schema: {
        tags: ["organizations"],
        summary: "One organization, by id or slug",
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: OrganizationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const org = await findOrganization(db, request.viewer, request.params.id);
      if (!org) throw notFound("Organization", request.params.id);
      return org;
    },
  );

  api.get(
    "/me",
    {
      schema: {
        tags: ["accounts"],
        summary: "The authenticated caller and their roles",
        security: [{ bearer: [] }],
        response: { 200: UserSummarySchema.omit({ email: true, preferredLanguage: true, isDemo: true }), ...errorResponses },
      },
    },
    async (request) => {
      const viewer = request.viewer;
      if (!viewer.userId) throw new AppError("unauthenticated", "Send Authorization: Bearer <token> or sign in");
      const memberships = await listAccountMemberships(db, viewer.userId);
      return {
        id: viewer.userId,
        displayName: viewer.displayName ?? "",
        memberships: memberships.map((m) => ({ organizationId: m.organizationId, organizationName: m.organizationName, role: m.role })),
      };
    },
  );
}
