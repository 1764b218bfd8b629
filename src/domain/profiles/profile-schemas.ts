import { z } from "zod";
import { type Visibility, VisibilitySchema } from "../access/viewer.js";
import { LanguageCodeSchema, SdgTargetSchema, ThemeCodeSchema } from "../cooperation/vocabularies.js";

// A State's living profile (R2; res. 45/32 OP1, OP2, PP12): ranked needs, challenges, achievements, good practices
// and contacts, each with the visibility the State chose (R32).

export const PROFILE_ENTRY_KINDS = ["need", "challenge", "achievement", "good_practice"] as const;
export const ProfileEntryKindSchema = z.enum(PROFILE_ENTRY_KINDS);
export type ProfileEntryKind = z.infer<typeof ProfileEntryKindSchema>;

export const PROFILE_ENTRY_STATUSES = ["open", "being_addressed", "met"] as const;
export const ProfileEntryStatusSchema = z.enum(PROFILE_ENTRY_STATUSES);
export type ProfileEntryStatus = z.infer<typeof ProfileEntryStatusSchema>;

export const CONTACT_KINDS = ["focal_point", "nmirf", "counterpart"] as const;
export const ContactKindSchema = z.enum(CONTACT_KINDS);
export type ContactKind = z.infer<typeof ContactKindSchema>;

/** Ranks run from 1 (the State's first priority) to 99, as the column's CHECK says. */
export const MAX_PRIORITY_RANK = 99;

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
const VersionSchema = z.coerce.number("must be the version you edited").int().min(1, "must be the version you edited");

const entryFields = {
  title: z.string().trim().min(3, "must be at least 3 characters").max(300, "must be at most 300 characters"),
  description: z.string().trim().max(5000, "must be at most 5,000 characters").default(""),
  status: ProfileEntryStatusSchema.default("open"),
  priorityRank: z.preprocess(
    blankToNull,
    z.coerce
      .number("must be a whole number from 1 to 99")
      .int("must be a whole number from 1 to 99")
      .min(1, "must be a whole number from 1 to 99")
      .max(MAX_PRIORITY_RANK, "must be a whole number from 1 to 99")
      .nullable(),
  ),
  themes: z.array(ThemeCodeSchema).max(20, "at most 20 themes").default([]),
  sdgTargets: z.array(SdgTargetSchema).max(20, "at most 20 SDG targets").default([]),
  recommendationIds: z
    .array(z.string().trim().min(3, "is not a recommendation id").max(250, "is not a recommendation id"))
    .max(50, "at most 50 recommendations")
    .default([]),
  textLang: LanguageCodeSchema.default("en"),
  visibility: VisibilitySchema.default("public"),
};

// What callers send (forms send strings for numbers and empty strings for "none"; the schemas sort it out).
type EntryInput = {
  title: string;
  description?: string;
  status?: ProfileEntryStatus;
  priorityRank?: number | string | null;
  themes?: string[];
  sdgTargets?: string[];
  recommendationIds?: string[];
  textLang?: string;
  visibility?: Visibility;
};

export const NewProfileEntrySchema = z.object({ kind: ProfileEntryKindSchema, ...entryFields });
export type NewProfileEntry = EntryInput & { kind: ProfileEntryKind };

/** An edit keeps the entry's kind and must name the version it started from (optimistic locking). */
export const ProfileEntryUpdateSchema = z.object({ ...entryFields, version: VersionSchema });
export type ProfileEntryUpdate = EntryInput & { version: number | string };

const contactFields = {
  name: z.string().trim().min(2, "must be at least 2 characters").max(200, "must be at most 200 characters"),
  functionTitle: z.string().trim().max(200, "must be at most 200 characters").default(""),
  institution: z.string().trim().max(300, "must be at most 300 characters").default(""),
  email: z.preprocess(blankToNull, z.email("must be an e-mail address such as name@example.org").max(254).nullable()),
  phone: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^\+?[0-9 ().\-/]{5,40}$/, "must be a telephone number such as +221 33 889 12 34")
      .nullable(),
  ),
  // Contacts are for the State and its UN partners unless the State decides otherwise (R2).
  visibility: VisibilitySchema.default("state_and_un"),
};

export const NewStateContactSchema = z.object({ kind: ContactKindSchema, ...contactFields });
export type NewStateContact = {
  kind: ContactKind;
  name: string;
  functionTitle?: string;
  institution?: string;
  email?: string | null;
  phone?: string | null;
  visibility?: Visibility;
};

export const StateContactUpdateSchema = z.object({ kind: ContactKindSchema, ...contactFields, version: VersionSchema });
export type StateContactUpdate = NewStateContact & { version: number | string };

// ---- what readers get ----

export const ProfileEntrySchema = z.object({
  id: z.uuid(),
  kind: ProfileEntryKindSchema,
  priorityRank: z.number().int().nullable().describe("needs only: the State's own order, 1 first"),
  title: z.string(),
  description: z.string(),
  status: ProfileEntryStatusSchema,
  themes: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  recommendationIds: z.array(z.string()),
  textLang: z.string(),
  visibility: VisibilitySchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProfileEntry = z.infer<typeof ProfileEntrySchema>;

export const StateContactSchema = z.object({
  id: z.uuid(),
  kind: ContactKindSchema,
  name: z.string(),
  functionTitle: z.string(),
  institution: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  visibility: VisibilitySchema,
  version: z.number().int(),
  updatedAt: z.string(),
});
export type StateContact = z.infer<typeof StateContactSchema>;

export const StateProfileSchema = z.object({
  stateIso3: z.string(),
  canEdit: z.boolean().describe("the caller acts for this State (focal point or NMIRF) and may add and edit entries"),
  needs: z.array(ProfileEntrySchema).describe("open needs in the State's priority order, unranked after ranked, met needs last"),
  challenges: z.array(ProfileEntrySchema),
  achievements: z.array(ProfileEntrySchema),
  goodPractices: z.array(ProfileEntrySchema),
  contacts: z.array(StateContactSchema),
});
export type StateProfile = z.infer<typeof StateProfileSchema>;

/** Splits a typed list ("E5, E3 A5") into codes; forms send lists as one text field. */
export function splitCodes(text: string | undefined, options: { upper?: boolean } = {}): string[] {
  const parts = (text ?? "").split(/[\s,;]+/).filter(Boolean);
  return [...new Set(options.upper ? parts.map((p) => p.toUpperCase()) : parts)];
}
