import { z } from "zod";

// Reference data (R34): inputs the parsers in src/imports produce, and the outputs the HTTP layer returns.

const DateSchema = z.iso.date();
export const Iso3Schema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code such as SEN");
const LangSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, "must be a BCP 47 language tag such as fr");
/** Text per language: {"en": "...", "fr": "..."}; only the languages the source gives. */
export const LocalizedTextSchema = z.record(LangSchema, z.string().min(1));
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const REGIONAL_GROUPS = ["AFG", "APG", "EEG", "GRULAC", "WEOG"] as const;
export const RegionalGroupCodeSchema = z.enum(REGIONAL_GROUPS);
export type RegionalGroupCode = z.infer<typeof RegionalGroupCodeSchema>;

export const DESIGNATIONS = ["un_member", "un_observer", "ldc", "lldc", "sids"] as const;
export const DesignationSchema = z.enum(DESIGNATIONS);
export type Designation = z.infer<typeof DesignationSchema>;

// ---- inputs -------------------------------------------------------------------------------------------

export const RegionalGroupInputSchema = z.object({
  code: RegionalGroupCodeSchema,
  nameEn: z.string().min(1),
  nameFr: z.string().min(1),
});
export type RegionalGroupInput = z.infer<typeof RegionalGroupInputSchema>;

const M49CodeSchema = z.string().regex(/^\d{3}$/, "must be a 3-digit UNSD M49 code with leading zeros");

export const CountryInputSchema = z.object({
  iso3: Iso3Schema,
  iso2: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  m49: M49CodeSchema,
  nameEn: z.string().min(1),
  regionCode: M49CodeSchema.nullable(),
  regionName: z.string().min(1).nullable(),
  subregionCode: M49CodeSchema.nullable(),
  subregionName: z.string().min(1).nullable(),
  intermediateRegionCode: M49CodeSchema.nullable(),
  intermediateRegionName: z.string().min(1).nullable(),
  regionalGroup: RegionalGroupCodeSchema.nullable(),
  regionalGroupNote: z.string().min(1).nullable(),
});
export type CountryInput = z.infer<typeof CountryInputSchema>;

export const DesignationInputSchema = z.object({ iso3: Iso3Schema, designation: DesignationSchema, source: z.string().min(1) });
export type DesignationInput = z.infer<typeof DesignationInputSchema>;

export const CountryNameInputSchema = z.object({
  iso3: Iso3Schema,
  lang: LangSchema,
  kind: z.enum(["short", "alias"]),
  name: z.string().min(1),
  normalized: z.string().min(1),
  source: z.string().min(1),
  official: z.boolean(),
});
export type CountryNameInput = z.infer<typeof CountryNameInputSchema>;

export const TermInputSchema = z.object({
  code: z.string().min(1).max(100),
  parentCode: z.string().min(1).nullable(),
  sortKey: z.number().int(),
  labels: LocalizedTextSchema.refine((l) => Object.keys(l).length > 0, "needs at least one label"),
  descriptions: LocalizedTextSchema,
  attributes: z.record(z.string(), z.unknown()),
  /** The source's own start date (e.g. an IATI activation-date), if it gives one. */
  validFrom: DateSchema.nullable(),
  /** Set when the source itself withdraws the term (e.g. IATI status="withdrawn"). */
  validTo: DateSchema.nullable(),
});
export type TermInput = z.infer<typeof TermInputSchema>;

export const TaxonomyInputSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+(:[A-Za-z0-9-]+)?$/),
    title: z.string().min(1),
    version: z.string().min(1),
    source: z.string().min(1),
    licence: z.string().min(1),
    /** Where parent codes live when not in this taxonomy (SDG targets' parents are 'sdg-goal' codes). */
    parentTaxonomyId: z.string().nullable().default(null),
    terms: z.array(TermInputSchema),
  })
  .superRefine((t, ctx) => {
    const codes = new Set<string>();
    for (const term of t.terms) {
      if (codes.has(term.code)) ctx.addIssue({ code: "custom", message: `duplicate code ${term.code}`, path: ["terms"] });
      codes.add(term.code);
    }
    for (const term of t.terms) {
      if (t.parentTaxonomyId === null && term.parentCode !== null && !codes.has(term.parentCode)) {
        ctx.addIssue({ code: "custom", message: `term ${term.code} has an unknown parent ${term.parentCode}`, path: ["terms"] });
      }
    }
  });
export type TaxonomyInput = z.infer<typeof TaxonomyInputSchema>;

export const LanguageInputSchema = z.object({
  code: LangSchema,
  nameEn: z.string().min(1),
  nameFr: z.string().min(1).nullable(),
  nativeName: z.string().min(1).nullable(),
  unOfficial: z.boolean(),
  direction: z.enum(["ltr", "rtl"]),
});
export type LanguageInput = z.infer<typeof LanguageInputSchema>;

export const UprCycleInputSchema = z
  .object({ cycle: z.number().int().positive(), firstSession: z.number().int().positive(), lastSession: z.number().int().positive() })
  .refine((c) => c.lastSession >= c.firstSession, "lastSession must not be before firstSession");
export type UprCycleInput = z.infer<typeof UprCycleInputSchema>;

export const UprSessionInputSchema = z.object({
  session: z.number().int().positive(),
  cycle: z.number().int().positive(),
  year: z.number().int().min(2006).max(2100),
});
export type UprSessionInput = z.infer<typeof UprSessionInputSchema>;

// ---- queries ------------------------------------------------------------------------------------------

export const CountryListQuerySchema = z.object({
  /** Language of `localName` and of the sort order (BCP 47 code; default en). */
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/, "must be a language code such as fr")
    .optional(),
  region: z.string().trim().min(1).optional(),
  regionalGroup: RegionalGroupCodeSchema.optional(),
  designation: DesignationSchema.optional(),
  /** Designations are those valid on this date (default: today). */
  asOf: DateSchema.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CountryListQuery = z.input<typeof CountryListQuerySchema>;

// ---- outputs ------------------------------------------------------------------------------------------

export const CountrySummarySchema = z.object({
  iso3: z.string(),
  iso2: z.string().nullable(),
  m49: z.string(),
  name: z.string(),
  /** Current short name in the requested language, when known (not necessarily a UNTERM name). */
  localName: z.string().nullable(),
  region: z.string().nullable(),
  subregion: z.string().nullable(),
  intermediateRegion: z.string().nullable(),
  regionalGroup: RegionalGroupCodeSchema.nullable(),
  designations: z.array(DesignationSchema),
});
export type CountrySummary = z.infer<typeof CountrySummarySchema>;

export const CountryNameSchema = z.object({
  name: z.string(),
  kind: z.enum(["short", "alias"]),
  official: z.boolean(),
  source: z.string(),
  validFrom: DateSchema.nullable(),
  validTo: DateSchema.nullable(),
});
export type CountryName = z.infer<typeof CountryNameSchema>;

export const DesignationPeriodSchema = z.object({
  designation: DesignationSchema,
  validFrom: DateSchema.nullable(),
  validTo: DateSchema.nullable(),
  source: z.string(),
});
export type DesignationPeriod = z.infer<typeof DesignationPeriodSchema>;

export const CountryDetailSchema = CountrySummarySchema.extend({
  regionCode: z.string().nullable(),
  subregionCode: z.string().nullable(),
  intermediateRegionCode: z.string().nullable(),
  regionalGroupName: z.object({ en: z.string(), fr: z.string() }).nullable(),
  regionalGroupNote: z.string().nullable(),
  /** Every known name per language tag, current and past. */
  names: z.record(z.string(), z.array(CountryNameSchema)),
  /** Every designation period, including closed ones (e.g. an LDC graduation). */
  designationHistory: z.array(DesignationPeriodSchema),
  asOf: DateSchema,
});
export type CountryDetail = z.infer<typeof CountryDetailSchema>;

export const CountryNameCandidateSchema = z.object({ iso3: z.string(), name: z.string(), score: z.number() });
export const CountryNameResolutionSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("matched"), iso3: z.string(), matchedName: z.string() }),
  z.object({ status: z.literal("ambiguous"), candidates: z.array(CountryNameCandidateSchema) }),
  z.object({ status: z.literal("unknown"), candidates: z.array(CountryNameCandidateSchema) }),
]);
export type CountryNameResolution = z.infer<typeof CountryNameResolutionSchema>;

export const TaxonomyTermSchema = z.object({
  taxonomyId: z.string(),
  code: z.string(),
  parentCode: z.string().nullable(),
  sortKey: z.number().int(),
  labels: LocalizedTextSchema,
  descriptions: LocalizedTextSchema,
  attributes: z.record(z.string(), z.unknown()),
  validFrom: DateSchema,
  validTo: DateSchema.nullable(),
});
export type TaxonomyTerm = z.infer<typeof TaxonomyTermSchema>;

export const TaxonomySummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  source: z.string(),
  licence: z.string(),
  termCount: z.number().int(),
});
export type TaxonomySummary = z.infer<typeof TaxonomySummarySchema>;

export const ReferenceCountsSchema = z.object({
  countries: z.number().int(),
  unMemberStates: z.number().int(),
  sdgTargets: z.number().int(),
  uhriThemes: z.number().int(),
  iatiCodelists: z.number().int(),
});
export type ReferenceCounts = z.infer<typeof ReferenceCountsSchema>;

export const ReferenceDatasetInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  source: z.string(),
  licence: z.string(),
  sha256: z.string(),
  loadedAt: z.date(),
});
export type ReferenceDatasetInfo = z.infer<typeof ReferenceDatasetInfoSchema>;

export const LanguageSchema = z.object({
  code: z.string(),
  nameEn: z.string(),
  nameFr: z.string().nullable(),
  nativeName: z.string().nullable(),
  unOfficial: z.boolean(),
  direction: z.enum(["ltr", "rtl"]),
});
export type Language = z.infer<typeof LanguageSchema>;

export const RegionalGroupSchema = z.object({ code: RegionalGroupCodeSchema, nameEn: z.string(), nameFr: z.string(), memberCount: z.number().int() });
export type RegionalGroup = z.infer<typeof RegionalGroupSchema>;

export const UprSessionSchema = z.object({ session: z.number().int(), cycle: z.number().int(), year: z.number().int() });
export type UprSession = z.infer<typeof UprSessionSchema>;
