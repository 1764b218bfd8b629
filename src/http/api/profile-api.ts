import { csrfForCookieSessions } from "./api-csrf.js";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { VisibilitySchema } from "../../domain/access/viewer.js";
import { ContactKindSchema, ProfileEntryKindSchema, ProfileEntryStatusSchema, StateProfileSchema } from "../../domain/profiles/profile-schemas.js";
import { addProfileEntry, addStateContact, editProfileEntry, editStateContact, getStateProfile } from "../../domain/profiles/profile-service.js";
import type { ServerDeps } from "../server.js";
import { ErrorBodySchema, errorResponses } from "./api-schemas.js";

// State profiles (R2; res. 45/32 OP1, OP2): read by anyone as the State chose, written by the State's focal point
// or NMIRF. Bodies are checked again by the domain schemas (profile-schemas.ts), which give the field messages.

export const StateParamsSchema = z.object({ iso3: z.string().regex(/^[A-Za-z]{3}$/, "must be an ISO alpha-3 code such as SEN") });
const IdParamsSchema = StateParamsSchema.extend({ id: z.uuid("must be an id") });

const entryBody = {
  title: z.string().describe("3–300 characters"),
  description: z.string().optional(),
  status: ProfileEntryStatusSchema.optional().describe("default open; a met need frees its rank"),
  priorityRank: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe("needs only, 1–99; a rank another open need holds moves that need (and those right behind it) down by one"),
  themes: z.array(z.string()).optional().describe("UHRI theme codes such as E5"),
  sdgTargets: z.array(z.string()).optional().describe("SDG targets such as 4.1"),
  recommendationIds: z.array(z.string()).optional().describe("ids of recommendations addressed to this State"),
  textLang: z.string().optional().describe("two-letter language code of the text; default en"),
  visibility: VisibilitySchema.optional().describe("default public"),
};
const contactBody = {
  kind: ContactKindSchema,
  name: z.string(),
  functionTitle: z.string().optional(),
  institution: z.string().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  visibility: VisibilitySchema.optional().describe("default state_and_un"),
};
const version = z.number().int().describe("the version you edited; a stale one is refused with 409 and nothing is changed");

const SavedEntrySchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  moved: z.array(z.object({ id: z.uuid(), from: z.number().int(), to: z.number().int() })).describe("needs moved down to free the rank"),
});
const SavedSchema = z.object({ id: z.uuid(), version: z.number().int() });
const writeErrors = { ...errorResponses, 403: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema } as const;

export function registerProfileApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  const csrfForSessions = csrfForCookieSessions(app);

  api.get(
    "/states/:iso3/profile",
    {
      schema: {
        tags: ["profiles"],
        summary: "A State's profile: needs in the State's priority order, challenges, achievements, good practices, contacts",
        description: "Each entry is shown as the State chose (its visibility): anonymous callers see what the State published.",
        params: StateParamsSchema,
        response: { 200: StateProfileSchema, ...errorResponses },
      },
    },
    async (request) => getStateProfile(db, request.viewer, request.params.iso3.toUpperCase()),
  );

  api.post(
    "/states/:iso3/profile/entries",
    {
      preValidation: csrfForSessions,
      schema: {
        tags: ["profiles"],
        summary: "Add a need, challenge, achievement or good practice (State focal point or NMIRF of that State)",
        security: [{ bearer: [] }],
        params: StateParamsSchema,
        body: z.object({ kind: ProfileEntryKindSchema, ...entryBody }),
        response: { 201: SavedEntrySchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const saved = await addProfileEntry(db, request.viewer, request.params.iso3.toUpperCase(), request.body);
      return reply.status(201).send(saved);
    },
  );

  api.put(
    "/states/:iso3/profile/entries/:id",
    {
      preValidation: csrfForSessions,
      schema: {
        tags: ["profiles"],
        summary: "Edit a profile entry (its kind stays); send every field and the version you edited",
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        body: z.object({ ...entryBody, version }),
        response: { 200: SavedEntrySchema, ...writeErrors },
      },
    },
    async (request) => editProfileEntry(db, request.viewer, request.params.iso3.toUpperCase(), request.params.id, request.body),
  );

  api.post(
    "/states/:iso3/profile/contacts",
    {
      preValidation: csrfForSessions,
      schema: {
        tags: ["profiles"],
        summary: "Add a contact: focal point, NMIRF or national counterpart (default visibility: the State and UN partners)",
        security: [{ bearer: [] }],
        params: StateParamsSchema,
        body: z.object(contactBody),
        response: { 201: SavedSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const saved = await addStateContact(db, request.viewer, request.params.iso3.toUpperCase(), request.body);
      return reply.status(201).send(saved);
    },
  );

  api.put(
    "/states/:iso3/profile/contacts/:id",
    {
      preValidation: csrfForSessions,
      schema: {
        tags: ["profiles"],
        summary: "Edit a contact; send every field and the version you edited",
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        body: z.object({ ...contactBody, version }),
        response: { 200: SavedSchema, ...writeErrors },
      },
    },
    async (request) => editStateContact(db, request.viewer, request.params.iso3.toUpperCase(), request.params.id, request.body),
  );
}
