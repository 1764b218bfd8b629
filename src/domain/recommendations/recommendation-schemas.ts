import { z } from "zod";

// Recommendations registry (R15). One shape for every importer's output, validated before anything is written.

export const MECHANISMS = ["upr", "treaty_body", "special_procedure"] as const;
export const MechanismSchema = z.enum(MECHANISMS);
export type Mechanism = z.infer<typeof MechanismSchema>;

// R15 / REQUIREMENTS §4.5: supported | noted, plus data-quality states recorded as such, never coerced.
export const POSITIONS = ["supported", "noted", "partially_supported", "unclear", "pending"] as const;
export const PositionSchema = z.enum(POSITIONS);
export type Position = z.infer<typeof PositionSchema>;

export const ASSESSOR_TYPES = ["state", "nhri", "cso", "ohchr"] as const;
export const AssessorTypeSchema = z.enum(ASSESSOR_TYPES);
export type AssessorType = z.infer<typeof AssessorTypeSchema>;

export const IMPLEMENTATION_STATUSES = ["not_started", "in_progress", "partially_implemented", "implemented", "not_implemented", "unknown"] as const;
export const ImplementationStatusSchema = z.enum(IMPLEMENTATION_STATUSES);
export type ImplementationStatus = z.infer<typeof ImplementationStatusSchema>;

/** A theme as the source gives it: UHRI code and/or label ("A12 Acceptance of international norms", "Equality & non-discrimination"). */
export const SourceThemeSchema = z.object({ code: z.string().min(1).nullable(), label: z.string().min(1) });
export type SourceTheme = z.infer<typeof SourceThemeSchema>;

/**
 * One recommendation read from a file, before State names are resolved. `line` is the file line (or table row)
 * it came from, for error messages. `sourceKey` is the source's own stable identifier: re-importing the same
 * file yields the same ids.
 */
export const RecommendationImportRowSchema = z.object({
  line: z.number().int().positive(),
  sourceDataset: z.enum(["upr-info", "uhri"]),
  sourceKey: z.string().min(1).max(200),
  mechanism: MechanismSchema,
  cycle: z.number().int().min(1).max(10).nullable(),
  session: z.number().int().min(1).max(200).nullable(),
  stateUnderReview: z.string().trim().min(1, "State under review is empty"),
  recommendingStates: z.array(z.object({ name: z.string().trim().min(1), regionalGroup: z.string().nullable() })),
  paragraph: z.string().nullable(),
  documentSymbol: z.string().nullable(),
  text: z.string().trim().min(1, "the recommendation text is empty"),
  textLanguage: z.string().min(2).max(8),
  /** The source's own word for the position ("Accepted", "Supported", "Noted" …); null when the source has none. */
  positionWord: z.string().nullable(),
  positionSourceDocument: z.string().nullable(),
  actionCategory: z.number().int().min(1).max(5).nullable(),
  uprInfoIssues: z.array(z.string().min(1)),
  uhriThemes: z.array(SourceThemeSchema),
  /** Groups of persons as given ("girls", "minorities/ racial, ethnic, …"). */
  groupsOfPersons: z.array(z.string().min(1)),
  sdgGoals: z.array(z.number().int().min(1).max(17)),
  sdgTargets: z.array(z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/)),
});
export type RecommendationImportRow = z.infer<typeof RecommendationImportRowSchema>;

export const PledgeImportRowSchema = z.object({
  line: z.number().int().positive(),
  sourceKey: z.string().min(1),
  cycle: z.number().int().nullable(),
  session: z.number().int().nullable(),
  stateUnderReview: z.string().trim().min(1),
  text: z.string().trim().min(1),
  textLanguage: z.string(),
  pledgeType: z.string().nullable(),
  actionCategory: z.number().int().min(1).max(5).nullable(),
  issues: z.array(z.string()),
});
export type PledgeImportRow = z.infer<typeof PledgeImportRowSchema>;

/** A problem found in a file, reported with its line (R: bad input names field, line, reason). */
export type ImportProblem = { line: number; field: string; message: string };

export type ImportSummary = { imported: number; updated: number; unchanged: number; errors: ImportProblem[] };
