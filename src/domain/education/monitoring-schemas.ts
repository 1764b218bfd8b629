import { z } from "zod";
import { VisibilitySchema } from "../access/viewer.js";
import { LanguageCodeSchema, SdgTargetSchema } from "../cooperation/vocabularies.js";

// National monitoring mechanisms and education indicator series (res. 45/32 PP10: "assess, monitor and mitigate the
// effects of school closures"; R25, R26, R27). Children's participation is recorded in aggregate only (R26): counts,
// age bands, methods, safeguards and anonymised key messages — never a child's personal data.

export const MECHANISM_KINDS = [
  "ministry_emis",
  "statistics_office",
  "nhri",
  "parliament",
  "cso_coalition",
  "independent_body",
  "un_supported",
  "other",
] as const;
export const MechanismKindSchema = z.enum(MECHANISM_KINDS, "choose what kind of mechanism this is");
export type MechanismKind = z.infer<typeof MechanismKindSchema>;

// What a mechanism follows; the first seven are the effects of closures named in PP10 and the UNESCO–UNICEF–World
// Bank survey on national education responses to COVID-19.
export const MONITORED_SUBJECTS = [
  "school_closures",
  "attendance",
  "enrolment",
  "learning_outcomes",
  "dropout",
  "remote_learning",
  "reopening",
  "safety_protection",
  "teacher_workforce",
  "financing",
  "inclusion_disability",
  "girls_education",
] as const;
export const MonitoredSubjectSchema = z.enum(MONITORED_SUBJECTS, "choose from the list");
export type MonitoredSubject = z.infer<typeof MonitoredSubjectSchema>;

export const FREQUENCIES = ["continuous", "weekly", "monthly", "quarterly", "yearly", "ad_hoc"] as const;
export const FrequencySchema = z.enum(FREQUENCIES, "choose how often it reports");
export type Frequency = z.infer<typeof FrequencySchema>;

// A ladder of participation (after Lundy's model and the CRC Committee's General Comment No. 12 on art. 12).
export const CHILDREN_PARTICIPATION = ["none", "informed", "consulted", "represented", "co_led"] as const;
export const ChildrenParticipationSchema = z.enum(CHILDREN_PARTICIPATION, "choose how children and adolescents take part");
export type ChildrenParticipation = z.infer<typeof ChildrenParticipationSchema>;

// Age bands of early childhood, primary, lower secondary and upper secondary school age.
export const AGE_BANDS = ["0-5", "6-11", "12-14", "15-17"] as const;
export const AgeBandSchema = z.enum(AGE_BANDS, "must be an age band such as 6-11");
export type AgeBand = z.infer<typeof AgeBandSchema>;

export const INDICATOR_UNITS = ["percent", "number", "ratio", "index", "rate"] as const;
export const IndicatorUnitSchema = z.enum(INDICATOR_UNITS, "choose the unit of the values");
export type IndicatorUnit = z.infer<typeof IndicatorUnitSchema>;

export const SEXES = ["total", "female", "male"] as const;
export const SexSchema = z.enum(SEXES, "choose total, female or male");
export type Sex = z.infer<typeof SexSchema>;

/** Field names that would hold a child's personal data: refused outright, whatever their value (R26). */
export const PERSONAL_FIELD_NAMES = [
  "childName",
  "childrenNames",
  "names",
  "firstName",
  "lastName",
  "fullName",
  "dateOfBirth",
  "birthDate",
  "age",
  "address",
  "school",
  "schoolName",
  "photo",
  "email",
  "phone",
  "guardian",
  "parentName",
  "idNumber",
] as const;

const PERSONAL_DATA_MESSAGE = "personal data of children is never recorded (R26): record aggregates only — counts, age bands, methods";

/** E-mail addresses and telephone numbers have no place in what children said: key messages are anonymised. */
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const PHONE = /\+?\d[\d ().-]{7,}\d/;

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
const VersionSchema = z.coerce.number("must be the version you edited").int().min(1, "must be the version you edited");
const count = (what: string) =>
  z.preprocess(
    blankToNull,
    z.coerce.number(`must be a whole number of ${what}`).int(`must be a whole number of ${what}`).min(0, "must not be negative").max(100_000_000).nullable(),
  );
const year = z.coerce
  .number("must be a year such as 2021")
  .int("must be a year such as 2021")
  .min(1950, "must be 1950 or later")
  .max(2100, "must be 2100 or earlier");
const optionalYear = z.preprocess(blankToNull, year.nullable());

/** A decimal typed as text, kept as text (numeric in SQL, never a float): "61.3", "-2", "1250000". */
export const DecimalSchema = z
  .string("must be a number")
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,6})?$/, "must be a number with a point for decimals and no thousands separator, such as 61.3");
const optionalDecimal = z.preprocess((v) => (typeof v === "number" ? String(v) : blankToNull(v)), DecimalSchema.nullable());

const anonymisedText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max.toLocaleString("en")} characters`)
    .default("")
    .refine(
      (s) => !EMAIL.test(s) && !PHONE.test(s),
      "must not contain e-mail addresses or telephone numbers: children's contributions are recorded anonymised (R26)",
    );

const mechanismFields = {
  name: z.string().trim().min(3, "must be at least 3 characters").max(300, "must be at most 300 characters"),
  kind: MechanismKindSchema,
  leadInstitution: z.string().trim().max(300, "must be at most 300 characters").default(""),
  monitors: z.array(MonitoredSubjectSchema).min(1, "choose at least one thing it monitors").max(MONITORED_SUBJECTS.length),
  frequency: FrequencySchema,
  description: z.string().trim().max(5000, "must be at most 5,000 characters").default(""),
  url: z.preprocess(
    blankToNull,
    z
      .url({ protocol: /^https?$/, error: "must be a web address starting with https://" })
      .max(2000)
      .nullable(),
  ),
  childrenParticipation: ChildrenParticipationSchema.default("none"),
  consultationsCount: count("consultations"),
  childrenConsulted: count("children"),
  girlsConsulted: count("girls"),
  ageBands: z.array(AgeBandSchema).max(AGE_BANDS.length).default([]),
  safeguards: anonymisedText(3000),
  keyMessages: anonymisedText(5000),
  sdgTargets: z.array(SdgTargetSchema).max(20, "at most 20 SDG targets").default([]),
  textLang: LanguageCodeSchema.default("en"),
  visibility: VisibilitySchema.default("public"),
};

type MechanismShape = {
  childrenParticipation: ChildrenParticipation;
  consultationsCount: number | null;
  childrenConsulted: number | null;
  girlsConsulted: number | null;
  ageBands: string[];
  keyMessages: string;
};

/** Aggregates must add up, and participation "none" records no consultation (R26). */
function checkParticipation(m: MechanismShape, ctx: z.RefinementCtx): void {
  if (m.girlsConsulted !== null && m.childrenConsulted !== null && m.girlsConsulted > m.childrenConsulted) {
    ctx.addIssue({ code: "custom", path: ["girlsConsulted"], message: "must not be more than the number of children consulted" });
  }
  if (m.girlsConsulted !== null && m.childrenConsulted === null) {
    ctx.addIssue({ code: "custom", path: ["childrenConsulted"], message: "give the number of children consulted as well as the number of girls" });
  }
  if (m.childrenParticipation === "none") {
    const recorded: [keyof MechanismShape, boolean][] = [
      ["consultationsCount", (m.consultationsCount ?? 0) > 0],
      ["childrenConsulted", (m.childrenConsulted ?? 0) > 0],
      ["ageBands", m.ageBands.length > 0],
      ["keyMessages", m.keyMessages !== ""],
    ];
    for (const [field, present] of recorded) {
      if (present)
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: "children do not take part (participation: none): leave this empty or choose how they take part",
        });
    }
  }
}

/** Refuses fields that would carry a child's personal data, naming each, before anything else is checked (R26). */
function refusingPersonalFields<S extends z.ZodType>(schema: S) {
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (input === null || typeof input !== "object") return;
      for (const field of Object.keys(input)) {
        if ((PERSONAL_FIELD_NAMES as readonly string[]).includes(field)) ctx.addIssue({ code: "custom", path: [field], message: PERSONAL_DATA_MESSAGE });
      }
    })
    .pipe(schema);
}

const mechanismObject = z.object(mechanismFields);
export const NewMechanismSchema = refusingPersonalFields(mechanismObject.superRefine(checkParticipation));
export const MechanismUpdateSchema = refusingPersonalFields(z.object({ ...mechanismFields, version: VersionSchema }).superRefine(checkParticipation));
export type MechanismValues = z.infer<typeof mechanismObject>;

// What callers send: forms send numbers as text and "" for none; the schemas sort it out.
export type NewMechanism = {
  name: string;
  kind: string;
  leadInstitution?: string;
  monitors: string[];
  frequency: string;
  description?: string;
  url?: string | null;
  childrenParticipation?: string;
  consultationsCount?: number | string | null;
  childrenConsulted?: number | string | null;
  girlsConsulted?: number | string | null;
  ageBands?: string[];
  safeguards?: string;
  keyMessages?: string;
  sdgTargets?: string[];
  textLang?: string;
  visibility?: string;
};
export type MechanismUpdate = NewMechanism & { version: number | string };

// ---- indicator series ----

const seriesFields = {
  title: z.string().trim().min(3, "must be at least 3 characters").max(300, "must be at most 300 characters"),
  sdgIndicator: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^\d{1,2}\.[0-9a-z]{1,2}\.\d{1,2}$/, "must be an SDG indicator such as 4.1.2")
      .nullable(),
  ),
  unit: IndicatorUnitSchema,
  source: z.string().trim().max(500, "must be at most 500 characters").default(""),
  mechanismId: z.preprocess(blankToNull, z.uuid("choose a mechanism of this State").nullable()),
  baselineYear: optionalYear,
  baselineValue: optionalDecimal,
  targetYear: optionalYear,
  targetValue: optionalDecimal,
  textLang: LanguageCodeSchema.default("en"),
  visibility: VisibilitySchema.default("public"),
};

type SeriesShape = { unit: IndicatorUnit; baselineYear: number | null; baselineValue: string | null; targetYear: number | null; targetValue: string | null };

function checkSeries(s: SeriesShape, ctx: z.RefinementCtx): void {
  for (const [yearField, valueField] of [
    ["baselineYear", "baselineValue"],
    ["targetYear", "targetValue"],
  ] as const) {
    if ((s[yearField] === null) !== (s[valueField] === null)) {
      const missing = s[yearField] === null ? yearField : valueField;
      ctx.addIssue({ code: "custom", path: [missing], message: "give both the year and the value, or neither" });
    }
  }
  if (s.baselineYear !== null && s.targetYear !== null && s.targetYear < s.baselineYear) {
    ctx.addIssue({ code: "custom", path: ["targetYear"], message: "must not be before the baseline year" });
  }
  for (const field of ["baselineValue", "targetValue"] as const) {
    const problem = valueProblem(s.unit, s[field]);
    if (problem) ctx.addIssue({ code: "custom", path: [field], message: problem });
  }
}

/** Range rules of each unit: a percentage lies in 0–100, a number of learners is not negative. */
export function valueProblem(unit: IndicatorUnit, value: string | null): string | null {
  if (value === null) return null;
  const n = Number(value);
  if (unit === "percent" && (n < 0 || n > 100)) return "a percentage must be between 0 and 100";
  if (unit === "number" && n < 0) return "a number must not be negative";
  return null;
}

export const NewSeriesSchema = z.object(seriesFields).superRefine(checkSeries);
export const SeriesUpdateSchema = z.object({ ...seriesFields, version: VersionSchema }).superRefine(checkSeries);
export type SeriesValues = z.infer<typeof NewSeriesSchema>;
export type NewSeries = {
  title: string;
  sdgIndicator?: string | null;
  unit: string;
  source?: string;
  mechanismId?: string | null;
  baselineYear?: number | string | null;
  baselineValue?: number | string | null;
  targetYear?: number | string | null;
  targetValue?: number | string | null;
  textLang?: string;
  visibility?: string;
};
export type SeriesUpdate = NewSeries & { version: number | string };

/** One value for a year and sex; the series version guards against a stale form (every value write bumps it). */
export const IndicatorValueInputSchema = z.object({
  year,
  sex: SexSchema,
  value: z.preprocess((v) => (typeof v === "number" ? String(v) : v), DecimalSchema),
  note: z.string().trim().max(500, "must be at most 500 characters").default(""),
  version: VersionSchema,
});
export type IndicatorValueInput = { year: number | string; sex: string; value: number | string; note?: string; version: number | string };

export const IndicatorValueKeySchema = z.object({ year, sex: SexSchema, version: VersionSchema });
export type IndicatorValueKey = { year: number | string; sex: string; version: number | string };

// ---- what readers get ----

export const MechanismSchema = z.object({
  id: z.uuid(),
  stateIso3: z.string(),
  name: z.string(),
  kind: MechanismKindSchema,
  leadInstitution: z.string(),
  monitors: z.array(MonitoredSubjectSchema),
  frequency: FrequencySchema,
  description: z.string(),
  url: z.string().nullable(),
  childrenParticipation: ChildrenParticipationSchema,
  consultationsCount: z.number().int().nullable().describe("aggregate: number of consultations held"),
  childrenConsulted: z.number().int().nullable().describe("aggregate: children and adolescents consulted"),
  girlsConsulted: z.number().int().nullable().describe("aggregate: of whom girls"),
  ageBands: z.array(AgeBandSchema),
  safeguards: z.string(),
  keyMessages: z.string().describe("anonymised key messages of children and adolescents"),
  sdgTargets: z.array(z.string()),
  textLang: z.string(),
  visibility: VisibilitySchema,
  organizationId: z.uuid().describe("the organization that recorded it"),
  organizationName: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Mechanism = z.infer<typeof MechanismSchema>;

export const IndicatorValueSchema = z.object({
  year: z.number().int(),
  sex: SexSchema,
  value: z.string().describe("a decimal as text"),
  note: z.string(),
});
export type IndicatorValue = z.infer<typeof IndicatorValueSchema>;

export const IndicatorSeriesSchema = z.object({
  id: z.uuid(),
  stateIso3: z.string(),
  mechanismId: z.uuid().nullable(),
  title: z.string(),
  sdgIndicator: z.string().nullable(),
  unit: IndicatorUnitSchema,
  source: z.string(),
  baselineYear: z.number().int().nullable(),
  baselineValue: z.string().nullable(),
  targetYear: z.number().int().nullable(),
  targetValue: z.string().nullable(),
  textLang: z.string(),
  visibility: VisibilitySchema,
  organizationId: z.uuid(),
  organizationName: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  values: z.array(IndicatorValueSchema).describe("by year, then total, female, male"),
});
export type IndicatorSeries = z.infer<typeof IndicatorSeriesSchema>;
