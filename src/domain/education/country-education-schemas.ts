import { z } from "zod";

// The view of one State's education page (R11, R25; res. 45/32 PP9–PP11, OP7): need (school closures per source
// release), commitment (education recommendations) and support (requests and activities), with SDG 4 targets. Zod
// schemas so the JSON API documents exactly what it returns.

const count = z.number().int().min(0);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const comparable = z.enum(["open", "partial", "closed"]);
const window = z.object({ from: day, to: day }).describe("Days from `from` to `to`, both included");

export const ClosurePeriodViewSchema = z.object({
  firstDay: day,
  lastDay: day,
  days: count,
  status: z.number().int().describe("Code of the status in the release's scale (closure_statuses)"),
  word: z.string().describe("The source's own word for the status (UNESCO) or the C1 level (OxCGRT)"),
  comparable: comparable.nullable().describe("How the status compares across sources; null = not comparable (academic break)"),
  flag: z.number().int().nullable().describe("OxCGRT C1 flag: 0 targeted, 1 general; null when the level is 0 or for UNESCO"),
  note: z.string().nullable(),
});

export const ClosureYearViewSchema = z.object({
  year: z.number().int(),
  window: window.describe("The part of the calendar year the release covers: every figure of the row is within it"),
  days: count,
  byStatus: z.array(z.object({ status: z.number().int(), word: z.string(), days: count })),
  noData: count.describe("Days of the window without an observation (not reported, or left blank by the source)"),
});

export const ClosureReleaseViewSchema = z.object({
  id: z.number().int(),
  source: z.enum(["unesco", "oxcgrt", "national"]),
  scale: z.enum(["unesco_status", "unesco_scale", "oxcgrt_c1"]),
  publisher: z.string(),
  label: z.string(),
  fileName: z.string(),
  licence: z.string(),
  coverage: window,
  importedAt: z.string().describe("When the release was imported (ISO 8601)"),
  hasData: z.boolean().describe("Whether the release has observations for this State"),
  periods: z.array(ClosurePeriodViewSchema),
  years: z.array(ClosureYearViewSchema),
});

const sideSchema = z.object({ status: z.number().int(), word: z.string(), comparable, flag: z.number().int().nullable() });

export const ClosureComparisonViewSchema = z.object({
  kind: z.enum(["sources", "releases"]).describe("sources: UNESCO daily vs OxCGRT C1; releases: an older UNESCO release vs the daily one"),
  a: z.object({ releaseId: z.number().int(), label: z.string() }),
  b: z.object({ releaseId: z.number().int(), label: z.string() }),
  window,
  days: count,
  comparable: count.describe("Days on which both have a comparable status"),
  agree: count,
  disagree: count,
  notComparable: count.describe("Days on which both have an observation but one is not comparable (academic break)"),
  missing: count.describe("Days on which one of them has no observation; never counted as agreement"),
  disagreements: z.array(z.object({ from: day, to: day, days: count, a: sideSchema, b: sideSchema })),
});

export const EducationRecommendationsViewSchema = z.object({
  total: count,
  byCycle: z.array(
    z.object({
      cycle: z.number().int().nullable(),
      supported: count,
      noted: count,
      other: count.describe("Partially supported, unclear or pending"),
      total: count,
    }),
  ),
});

export const EducationRequestViewSchema = z.object({
  id: z.string().uuid(),
  reference: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  themes: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  continuityNeeds: z.array(z.string()),
});

export const EducationActivityViewSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  status: z.number().int(),
  provider: z.object({ slug: z.string(), name: z.string() }),
  themes: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  start: day.nullable(),
  end: day.nullable(),
});

export const Sdg4RowSchema = z.object({
  target: z.string(),
  label: z.string(),
  recommendations: count,
  requests: count,
  activities: count.describe("Activities, including withheld ones only as whole groups of at least 3 falling in this row"),
});

export const CountryEducationSchema = z.object({
  iso3: z.string(),
  releases: z.array(ClosureReleaseViewSchema),
  comparisons: z.array(ClosureComparisonViewSchema),
  recommendations: EducationRecommendationsViewSchema,
  requests: z.array(EducationRequestViewSchema),
  activities: z.object({
    items: z.array(EducationActivityViewSchema),
    total: count.describe("Education activities counted: those listed plus withheld ones under the small-cell rule"),
    withheldCounted: count.describe("Activities counted whose details the caller may not see: 0, or at least 3"),
  }),
  sdg4: z.object({
    rows: z.array(Sdg4RowSchema),
    activitiesNotBrokenDown: count.describe("Withheld activities counted in the total that fall in no single SDG 4 row"),
  }),
});

export type ClosurePeriodView = z.infer<typeof ClosurePeriodViewSchema>;
export type ClosureYearView = z.infer<typeof ClosureYearViewSchema>;
export type ClosureReleaseView = z.infer<typeof ClosureReleaseViewSchema>;
export type ClosureComparisonView = z.infer<typeof ClosureComparisonViewSchema>;
export type CountryEducation = z.infer<typeof CountryEducationSchema>;
export type Sdg4Row = z.infer<typeof Sdg4RowSchema>;
