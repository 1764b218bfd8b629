import { z } from "zod";
import { OrganizationTypeSchema, RoleSchema } from "../access/roles.js";
import { VisibilitySchema } from "../access/viewer.js";

export const UI_LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"] as const;
export const UiLanguageSchema = z.enum(UI_LANGUAGES);
export type UiLanguage = z.infer<typeof UiLanguageSchema>;

const Iso3Schema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code such as SEN");

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email("must be an e-mail address")).pipe(z.string().max(254));

// NIST SP 800-63B: length matters, composition rules do not; very long inputs are capped to bound hashing cost.
export const PasswordSchema = z.string().min(12, "must be at least 12 characters").max(200, "must be at most 200 characters");

export const NewOrganizationSchema = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters, digits and hyphens"),
  name: z.string().trim().min(2).max(300),
  acronym: z.string().trim().max(30).optional(),
  type: OrganizationTypeSchema,
  countryIso3: Iso3Schema.optional(),
  iatiRef: z.string().trim().max(100).optional(),
  website: z.url().optional(),
  visibility: VisibilitySchema.default("public"),
  isDemo: z.boolean().default(false),
});
export type NewOrganization = z.input<typeof NewOrganizationSchema>;

export const NewUserSchema = z.object({
  email: EmailSchema,
  displayName: z.string().trim().min(1).max(200),
  password: PasswordSchema.optional(),
  preferredLanguage: UiLanguageSchema.default("en"),
  isDemo: z.boolean().default(false),
});
export type NewUser = z.input<typeof NewUserSchema>;

export const NewMembershipSchema = z.object({
  userId: z.uuid(),
  organizationId: z.uuid(),
  role: RoleSchema,
});

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, "is required").max(200),
});
export type LoginInput = z.input<typeof LoginSchema>;

export const NewApiTokenSchema = z.object({
  email: EmailSchema,
  label: z.string().trim().min(1).max(100).default("cli"),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

// Public shapes: what the API and pages may show. Mapped field by field in the store.
export const OrganizationSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  acronym: z.string().nullable(),
  type: OrganizationTypeSchema,
  countryIso3: z.string().nullable(),
  iatiRef: z.string().nullable(),
  website: z.string().nullable(),
  visibility: VisibilitySchema,
  isDemo: z.boolean(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const UserSummarySchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  preferredLanguage: z.string(),
  isDemo: z.boolean(),
  memberships: z.array(z.object({ organizationId: z.uuid(), organizationName: z.string(), role: RoleSchema })),
});
export type UserSummary = z.infer<typeof UserSummarySchema>;
