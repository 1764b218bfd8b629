import { z } from "zod";

// The global view of school closures (res. 45/32 PP10: "assess and monitor the effects of school closures"; R25):
// its query and what it returns. Views are Zod schemas so that the JSON API documents exactly what it returns.

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

// A checkbox sends "1" (or "on"); the API also takes true/false: false keeps only the countries without the status.
const FlagSchema = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .enum(["1", "0", "true", "false", "on", "yes", "no"], { message: "must be 1 (only these countries) or 0 (all others)" })
    .transform((v) => v === "1" || v === "true" || v === "on" || v === "yes")
    .optional(),
);

export const ClosureGlobalQuerySchema = z.object({
  release: optional(z.coerce.number().int("must be a release number").positive("must be a release number")),
  region: optional(z.string().regex(/^\d{3}$/, "must be an M49 region code such as 002")),
  group: optional(z.string().regex(/^[A-Z]{3,6}$/, "must be a UN regional group code such as AFG")),
  ldc: FlagSchema,
  sids: FlagSchema,
});
export type ClosureGlobalQuery = z.input<typeof ClosureGlobalQuerySchema>;
export type ClosureGlobalFilters = z.output<typeof ClosureGlobalQuerySchema>;

export const ClosureWarningSchema = z.object({ line: z.number().int().nullable(), field: z.string().nullable(), message: z.string() });

export const ClosureReleaseSchema = z.object({
  id: z.number().int(),
  source: z.enum(["unesco", "oxcgrt", "national"]),
  scale: z.enum(["unesco_status", "unesco_scale", "oxcgrt_c1"]),
  publisher: z.string(),
  label: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  licence: z.string(),
  coverageFrom: z.string().describe("first day, YYYY-MM-DD"),
  coverageTo: z.string().describe("last day, YYYY-MM-DD"),
  days: z.number().int().describe("days in the coverage, both ends included"),
  rowsRead: z.number().int(),
  rowsStored: z.number().int(),
  rowsSkipped: z.number().int(),
  importedAt: z.date(),
});
export type ClosureRelease = z.infer<typeof ClosureReleaseSchema>;

export const ClosureReleaseWithReportSchema = ClosureReleaseSchema.extend({
  warnings: z.array(ClosureWarningSchema).describe("the import's validation report, kept with the release (grouped)"),
});
export type ClosureReleaseWithReport = z.infer<typeof ClosureReleaseWithReportSchema>;

export const ClosureStatusSchema = z.object({
  code: z.number().int(),
  word: z.string().describe("the source's own word (OxCGRT: the C1 level)"),
  comparable: z.enum(["open", "partial", "closed"]).nullable().describe("how the status compares across scales; null: not comparable"),
});
export type ClosureStatus = z.infer<typeof ClosureStatusSchema>;

export const ClosureStatusCountSchema = z.object({
  status: z.number().int(),
  countries: z.number().int(),
  learnersTotal: z.number().nullable().describe("learners in the countries that reported a number; null when none did"),
  learnersCountries: z.number().int().describe("how many of the countries reported learners"),
});

export const ClosureDaySchema = z.object({
  day: z.string(),
  reporting: z.number().int().describe("countries with a status that day"),
  byStatus: z.array(ClosureStatusCountSchema).describe("one entry per status of the scale, in the order of `statuses`"),
});
export type ClosureDay = z.infer<typeof ClosureDaySchema>;

export const ClosureGlobalFiltersSchema = z.object({
  region: z.string().nullable(),
  group: z.string().nullable(),
  ldc: z.boolean().nullable(),
  sids: z.boolean().nullable(),
});

export const ClosureDailySeriesSchema = z.object({
  release: ClosureReleaseSchema,
  filters: ClosureGlobalFiltersSchema,
  statuses: z.array(ClosureStatusSchema).describe("the release's scale, most closed first"),
  learnersReported: z.boolean().describe("false: the release gives no learner counts (UNESCO and OxCGRT files do not)"),
  days: z.array(ClosureDaySchema),
});
export type ClosureDailySeries = z.infer<typeof ClosureDailySeriesSchema>;

export type ClosurePeak = { status: number; countries: number; day: string };

export type ClosureRegionRow = {
  regionCode: string;
  /** Countries of the region with at least one day in the release. */
  countries: number;
  /** Country-days per status, in the order of the scale's statuses. */
  countryDays: number[];
  reportingDays: number;
  /** Country-days closed / days of coverage: how many of the region's countries were closed on an average day. */
  closedPerDay: number;
  /** Share of the region's reported country-days that were closed (0–1); null when nothing was reported. */
  shareClosed: number | null;
};

export type ClosureCountryRow = { iso3: string; regionCode: string; daysClosed: number; daysPartial: number; daysReported: number };

export type ClosureGlobalView = {
  filters: ClosureGlobalFilters;
  /** The choices of the filter form: M49 regions (code, English name) and UN regional groups in the countries list. */
  choices: { regions: { code: string; name: string }[]; groups: string[] };
  releases: ClosureReleaseWithReport[];
  series: ClosureDailySeries | null;
  /** One day per week (the coverage's first day, then every 7 days, and its last day): the page's table. */
  weeks: ClosureDay[];
  peak: ClosurePeak | null;
  regions: ClosureRegionRow[];
  /** Countries with the most days closed in the release (at most 20). */
  topCountries: ClosureCountryRow[];
};
