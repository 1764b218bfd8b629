import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { VisibilitySchema } from "../../domain/access/viewer.js";
import { addSeries, getSeries, listStateSeries, setIndicatorValue } from "../../domain/education/indicator-service.js";
import {
  AgeBandSchema,
  ChildrenParticipationSchema,
  FrequencySchema,
  IndicatorSeriesSchema,
  IndicatorUnitSchema,
  MechanismKindSchema,
  MechanismSchema,
  MonitoredSubjectSchema,
  SexSchema,
} from "../../domain/education/monitoring-schemas.js";
import { addMechanism, getMechanism, listStateMechanisms } from "../../domain/education/monitoring-service.js";
import type { ServerDeps } from "../server.js";
import { csrfForCookieSessions } from "./api-csrf.js";
import { ErrorBodySchema, errorResponses } from "./api-schemas.js";
import { StateParamsSchema } from "./profile-api.js";

// National monitoring of education (res. 45/32 PP10; R25, R26, R27): read by anyone as each record's visibility
// allows; written by the State's focal point or NMIRF, or OHCHR and UN agency staff (bearer token or session + CSRF).
// Bodies are checked again by the domain schemas (monitoring-schemas.ts), which give the field messages and refuse
// children's personal data (R26).

const IdParamsSchema = StateParamsSchema.extend({ id: z.uuid("must be an id") });
const count = z.number().int().nullable().optional();
const decimal = z.union([z.string(), z.number()]).nullable().optional().describe('a decimal; text keeps it exact, such as "61.3"');

const mechanismBody = z.object({
  name: z.string(),
  kind: MechanismKindSchema,
  leadInstitution: z.string().optional(),
  monitors: z.array(MonitoredSubjectSchema),
  frequency: FrequencySchema,
  description: z.string().optional(),
  url: z.string().nullable().optional(),
  childrenParticipation: ChildrenParticipationSchema.optional().describe("default none"),
  consultationsCount: count.describe("aggregate only"),
  childrenConsulted: count.describe("aggregate only"),
  girlsConsulted: count.describe("aggregate only; not more than childrenConsulted"),
  ageBands: z.array(AgeBandSchema).optional(),
  safeguards: z.string().optional(),
  keyMessages: z.string().optional().describe("anonymised: e-mail addresses and telephone numbers are refused"),
  sdgTargets: z.array(z.string()).optional(),
  textLang: z.string().optional(),
  visibility: VisibilitySchema.optional().describe("default public"),
});

const seriesBody = z.object({
  title: z.string(),
  sdgIndicator: z.string().nullable().optional().describe("such as 4.1.2; null for a national indicator"),
  unit: IndicatorUnitSchema,
  source: z.string().optional(),
  mechanismId: z.uuid().nullable().optional(),
  baselineYear: z.number().int().nullable().optional(),
  baselineValue: decimal,
  targetYear: z.number().int().nullable().optional(),
  targetValue: decimal,
  textLang: z.string().optional(),
  visibility: VisibilitySchema.optional(),
});

const valueBody = z.object({
  year: z.number().int(),
  sex: SexSchema,
  value: z.union([z.string(), z.number()]).describe("a decimal; for unit number, female + male may not exceed total"),
  note: z.string().optional(),
  version: z.number().int().describe("the series version you read; a stale one is refused with 409"),
});

const StateMonitoringSchema = z.object({ stateIso3: z.string(), mechanisms: z.array(MechanismSchema), series: z.array(IndicatorSeriesSchema) });
const SavedSchema = z.object({ id: z.uuid(), version: z.number().int() });
const writeErrors = { ...errorResponses, 403: ErrorBodySchema, 409: ErrorBodySchema } as const;

export function registerMonitoringApi(app: FastifyInstance, deps: ServerDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.handle;
  const csrfForSessions = csrfForCookieSessions(app);
  const iso3Of = (p: { iso3: string }) => p.iso3.toUpperCase();

  api.get(
    "/states/:iso3/monitoring",
    {
      schema: {
        tags: ["monitoring"],
        summary: "A State's national monitoring of education: mechanisms and indicator series with values by sex",
        description: "Filtered by each record's visibility for the caller. Children's participation is given in aggregate only (R26).",
        params: StateParamsSchema,
        response: { 200: StateMonitoringSchema, ...errorResponses },
      },
    },
    async (request) => {
      const iso3 = iso3Of(request.params);
      const [mechanisms, series] = await Promise.all([listStateMechanisms(db, request.viewer, iso3), listStateSeries(db, request.viewer, iso3)]);
      return { stateIso3: iso3, mechanisms, series: series.map(({ canEdit: _, ...s }) => s) };
    },
  );

  api.get(
    "/states/:iso3/monitoring/mechanisms/:id",
    { schema: { tags: ["monitoring"], summary: "One monitoring mechanism", params: IdParamsSchema, response: { 200: MechanismSchema, ...errorResponses } } },
    async (request) => {
      const { canEdit: _, ...m } = await getMechanism(db, request.viewer, iso3Of(request.params), request.params.id);
      return m;
    },
  );

  api.get(
    "/states/:iso3/monitoring/indicators/:id",
    {
      schema: {
        tags: ["monitoring"],
        summary: "One indicator series with its values by year and sex",
        params: IdParamsSchema,
        response: { 200: IndicatorSeriesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { canEdit: _, ...s } = await getSeries(db, request.viewer, iso3Of(request.params), request.params.id);
      return s;
    },
  );

  api.post(
    "/states/:iso3/monitoring/mechanisms",
    {
      preValidation: csrfForSessions,
      schema: {
        tags: ["monitoring"],
        summary: "Record a monitoring mechanism (State focal point or NMIRF of that State; OHCHR or UN agency staff)",
        security: [{ bearer: [] }],
        params: StateParamsSchema,
        body: mechanismBody,
        response: { 201: SavedSchema, ...writeErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await addMechanism(db, request.viewer, iso3Of(request.params), request.body)),
  );

  api.post(
    "/states/:iso3/monitoring/indicators",
    {
      preValidation: csrfForSessions,
      schema: {
        tags: ["monitoring"],
        summary: "Record an indicator series (SDG 4 or national) with its baseline and target",
        security: [{ bearer: [] }],
        params: StateParamsSchema,
        body: seriesBody,
        response: { 201: SavedSchema, ...writeErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await addSeries(db, request.viewer, iso3Of(request.params), request.body)),
  );

  api.put(
    "/states/:iso3/monitoring/indicators/:id/values",
    {
      preValidation: csrfForSessions,
      schema: {
        tags: ["monitoring"],
        summary: "Record or correct the value of a year and sex; returns the series' new version",
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        body: valueBody,
        response: { 200: z.object({ version: z.number().int(), created: z.boolean() }), ...writeErrors },
      },
    },
    async (request) => setIndicatorValue(db, request.viewer, iso3Of(request.params), request.params.id, request.body),
  );
}
