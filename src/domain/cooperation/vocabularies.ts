import { z } from "zod";

// Controlled vocabularies shared by State profiles, assistance requests, offers, matching and activities, so the
// same words appear in request forms, offer forms, matching and reports (R24). Labels live in the message catalogs
// (`vocab.<list>.<code>`), in the six languages.

/** Forms of assistance a State can request and a provider can offer (R12). */
export const MODALITIES = [
  "advisory_services",
  "legislative_review",
  "training",
  "expert_mission",
  "needs_assessment",
  "fellowship",
  "workshop",
  "data_monitoring_support",
  "grant",
  "documentation",
] as const;
export const ModalitySchema = z.enum(MODALITIES);
export type Modality = z.infer<typeof ModalitySchema>;

/** Cooperation modalities (R6; res. 45/32 OP3: bilateral, regional, South-South and triangular cooperation). */
export const COOPERATION_TYPES = ["multilateral", "regional", "bilateral", "bilateral_dialogue", "north_south", "south_south", "triangular"] as const;
export const CooperationTypeSchema = z.enum(COOPERATION_TYPES);
export type CooperationType = z.infer<typeof CooperationTypeSchema>;

/** Education-continuity needs and offers (R24; PP8, PP11, OP4), after the UNESCO–UNICEF–World Bank survey. */
export const CONTINUITY_NEEDS = [
  "online_platform",
  "television",
  "radio",
  "mobile_phone",
  "take_home_packages",
  "connectivity_devices",
  "teacher_training",
  "institutional_capacity",
  "inclusive_learning",
  "safe_reopening",
  "learning_assessment",
  "financing",
  "data_emis",
  "protection",
] as const;
export const ContinuityNeedSchema = z.enum(CONTINUITY_NEEDS);

/** ISCED 2011 levels of education. */
export const ISCED_LEVELS = ["0", "1", "2", "3", "4", "5", "6", "7", "8"] as const;
export const IscedLevelSchema = z.enum(ISCED_LEVELS);

export const COVID_PHASES = ["response", "recovery"] as const;
export const CovidPhaseSchema = z.enum(COVID_PHASES);

/** National actors consulted or taking part (R8; res. 45/32 OP5), and how. */
export const NATIONAL_ACTOR_TYPES = [
  "government_ministry",
  "parliament",
  "judiciary",
  "local_authority",
  "nhri",
  "cso",
  "teachers_union",
  "disability_organization",
  "youth_organization",
  "academia",
  "other",
] as const;
export const NationalActorTypeSchema = z.enum(NATIONAL_ACTOR_TYPES);
export const INVOLVEMENTS = ["consultation", "co_design", "implementation", "monitoring"] as const;
export const InvolvementSchema = z.enum(INVOLVEMENTS);

/** The four UN voluntary funds a request may ask financing from (R9, R28), or another source. */
export const FUNDS = ["vftc", "upr_implementation", "upr_participation", "ldc_sids", "other"] as const;
export const FundSchema = z.enum(FUNDS);

/** The six UN languages plus any ISO 639-1 code as a working language. */
export const LanguageCodeSchema = z.string().regex(/^[a-z]{2}$/, "must be a two-letter language code such as fr");
export const CurrencySchema = z
  .string()
  .toUpperCase()
  .pipe(z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 currency code such as USD"));
export const SdgTargetSchema = z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/, "must be SDG targets such as 4.1 or 4.c");
export const ThemeCodeSchema = z.string().regex(/^[A-H]\d$/, "must be UHRI theme codes such as E5");
export const PersonsCodeSchema = z.string().regex(/^[a-z0-9-]+$/, "must be group-of-persons codes such as girls");
/** A money amount as typed: up to 16 digits and 2 decimals, never negative (kept as a string: no float rounding). */
export const AmountSchema = z
  .string()
  .trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, "must be a non-negative amount with at most 2 decimals, such as 25000 or 1250.50");

export const VOCABULARIES = {
  modality: MODALITIES,
  cooperationType: COOPERATION_TYPES,
  continuityNeed: CONTINUITY_NEEDS,
  isced: ISCED_LEVELS,
  covidPhase: COVID_PHASES,
  actorType: NATIONAL_ACTOR_TYPES,
  involvement: INVOLVEMENTS,
  fund: FUNDS,
} as const;
export type VocabularyName = keyof typeof VOCABULARIES;
