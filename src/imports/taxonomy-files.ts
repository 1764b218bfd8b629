import { z } from "zod";
import {
  type LanguageInput,
  LanguageInputSchema,
  LocalizedTextSchema,
  type RegionalGroupInput,
  RegionalGroupInputSchema,
  type TaxonomyInput,
  TaxonomyInputSchema,
  type TermInput,
  type UprCycleInput,
  UprCycleInputSchema,
  type UprSessionInput,
  UprSessionInputSchema,
} from "../domain/reference/reference-schemas.js";
import { AppError } from "../domain/core/app-error.js";
import { toProblems } from "../domain/core/validate.js";
import { readCsvRows, rowError } from "./csv-read.js";
import { parseIatiCodelistXml } from "./iati-codelist-xml.js";

// Parsers for the reference files other than countries and IATI codelists: the hand-authored JSON in
// resources/taxonomies/, the SDG framework CSVs, languages and UPR sessions. Pure functions over text.

export const iatiFile = (name: string) => `iati/codelists/xml/${name}.xml`;
export const REGIONAL_GROUPS_FILE = "taxonomies/un-regional-groups.json";
export const UN_LANGUAGES_FILE = "taxonomies/un-official-languages.json";

export function parseJsonFile<S extends z.ZodType>(schema: S, text: string, rel: string): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AppError("invalid_input", `${rel}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError("invalid_input", `${rel}: ${z.prettifyError(parsed.error)}`, toProblems(parsed.error));
  return parsed.data;
}

// ---- hand-authored files --------------------------------------------------------------------------------

const RegionalGroupsFileSchema = z.object({
  version: z.string().min(1),
  groups: z.array(z.object({ code: z.string(), labels: z.object({ en: z.string(), fr: z.string() }) })),
});

export function parseRegionalGroups(text: string): { version: string; groups: RegionalGroupInput[] } {
  const file = parseJsonFile(RegionalGroupsFileSchema, text, REGIONAL_GROUPS_FILE);
  return { version: file.version, groups: file.groups.map((g) => RegionalGroupInputSchema.parse({ code: g.code, nameEn: g.labels.en, nameFr: g.labels.fr })) };
}

const TaxonomyFileSchema = z.object({
  id: z.string(),
  title: z.string().min(1),
  version: z.string().min(1),
  source: z.string().min(1),
  licence: z.string().min(1),
  terms: z.array(
    z.object({
      code: z.string().min(1),
      parent: z.string().min(1).optional(),
      labels: LocalizedTextSchema,
      descriptions: LocalizedTextSchema.optional(),
      attributes: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

const UprCyclesFileSchema = z.object({ cycles: z.array(UprCycleInputSchema) });

const UnLanguagesFileSchema = z.object({
  languages: z.array(z.object({ code: z.string(), nameEn: z.string(), nameFr: z.string(), nativeName: z.string(), direction: z.enum(["ltr", "rtl"]) })),
});

/** A hand-authored taxonomy (resources/taxonomies/uhri-*.json): terms in file order, parents by code. */
export function parseTaxonomyFile(text: string, rel: string): TaxonomyInput {
  const file = parseJsonFile(TaxonomyFileSchema, text, rel);
  const parsed = TaxonomyInputSchema.safeParse({
    ...file,
    terms: file.terms.map((t, i) => ({
      code: t.code,
      parentCode: t.parent ?? null,
      sortKey: i + 1,
      labels: t.labels,
      descriptions: t.descriptions ?? {},
      attributes: t.attributes ?? {},
      validFrom: null,
      validTo: null,
    })),
  });
  if (!parsed.success) throw new AppError("invalid_input", `${rel}: ${z.prettifyError(parsed.error)}`, toProblems(parsed.error));
  return parsed.data;
}

// ---- SDG -------------------------------------------------------------------------------------------------

export const SDG_FILES = ["sdg/sdg_goals.csv", "sdg/sdg_targets.csv", "sdg/sdg_indicators.csv"] as const;
export const SDG_VERSION = "2025 comprehensive review";
const SDG_SOURCE = "UN Statistics Division, SDG indicator framework (A/RES/71/313 annex), after the 2025 comprehensive review";
const SDG_LICENCE = "UN (A/RES/71/313); cite UNSD";

/** SDG goals, targets and indicators (UNSD CSV extracts) as the taxonomies 'sdg-goal', 'sdg-target', 'sdg-indicator'. */
export function parseSdg(goalsCsv: string, targetsCsv: string, indicatorsCsv: string): TaxonomyInput[] {
  const [goalsFile, targetsFile, indicatorsFile] = SDG_FILES;
  const goals = readCsvRows(goalsCsv, { file: goalsFile, requiredColumns: ["goal", "short_title", "title"] });
  const targets = readCsvRows(targetsCsv, { file: targetsFile, requiredColumns: ["goal", "target", "text"] });
  const indicators = readCsvRows(indicatorsCsv, { file: indicatorsFile, requiredColumns: ["target", "indicator", "text", "unsd_code"] });
  const cell = (v: Record<string, string>, column: string) => (v[column] ?? "").trim();
  const term = (code: string, parentCode: string | null, sortKey: number, label: string, description?: string, attributes = {}): TermInput => ({
    code,
    parentCode,
    sortKey,
    labels: { en: label },
    descriptions: description ? { en: description } : {},
    attributes,
    validFrom: null,
    validTo: null,
  });
  // Targets' parents are goal codes and indicators' parents are target codes: the taxonomy one level up.
  const taxonomy = (file: string, id: string, title: string, parentTaxonomyId: string | null, terms: TermInput[]): TaxonomyInput => {
    const parsed = TaxonomyInputSchema.safeParse({ id, title, version: SDG_VERSION, source: SDG_SOURCE, licence: SDG_LICENCE, parentTaxonomyId, terms });
    if (!parsed.success) throw new AppError("invalid_input", `${file}: ${z.prettifyError(parsed.error)}`, toProblems(parsed.error));
    return parsed.data;
  };
  const goalCodes = new Set(goals.map((g) => cell(g.values, "goal")));
  const targetCodes = new Set(targets.map((t) => cell(t.values, "target")));
  const goalTerms = goals.map(({ values: v }, i) => term(cell(v, "goal"), null, i + 1, cell(v, "short_title"), cell(v, "title")));
  const targetTerms = targets.map(({ line, values: v }, i) => {
    if (!goalCodes.has(cell(v, "goal"))) throw rowError(targetsFile, line, `unknown goal ${cell(v, "goal")}`);
    return term(cell(v, "target"), cell(v, "goal"), i + 1, cell(v, "text"));
  });
  const indicatorTerms = indicators.map(({ line, values: v }, i) => {
    if (!targetCodes.has(cell(v, "target"))) throw rowError(indicatorsFile, line, `unknown target ${cell(v, "target")}`);
    return term(cell(v, "indicator"), cell(v, "target"), i + 1, cell(v, "text"), undefined, { unsdCode: cell(v, "unsd_code") });
  });
  return [
    taxonomy(goalsFile, "sdg-goal", "SDG goals", null, goalTerms),
    taxonomy(targetsFile, "sdg-target", "SDG targets", "sdg-goal", targetTerms),
    taxonomy(indicatorsFile, "sdg-indicator", "SDG indicators", "sdg-target", indicatorTerms),
  ];
}

// ---- languages ---------------------------------------------------------------------------------------

// The six UN official languages come from resources/taxonomies/un-official-languages.json with their
// native names; every other ISO 639-1 code from the IATI Language codelist, named in French and in the
// language itself by CLDR where it knows them (CLDR falls back to English for unknown locales: not kept).
export function parseLanguages(unLanguagesJson: string, iatiLanguageXml: string): LanguageInput[] {
  const un = parseJsonFile(UnLanguagesFileSchema, unLanguagesJson, UN_LANGUAGES_FILE).languages;
  const iati = parseIatiCodelistXml(iatiLanguageXml, iatiFile("Language"));
  const languages: LanguageInput[] = un.map((l) => LanguageInputSchema.parse({ ...l, unOfficial: true }));
  const known = new Set(languages.map((l) => l.code));
  const french = new Intl.DisplayNames(["fr"], { type: "language", fallback: "none" });
  for (const item of iati.items) {
    if (known.has(item.code) || item.status === "withdrawn") continue;
    known.add(item.code);
    const nameEn = item.names.en ?? item.code;
    languages.push(
      LanguageInputSchema.parse({
        code: item.code,
        nameEn,
        nameFr: french.of(item.code) ?? null,
        nativeName: nativeLanguageName(item.code),
        unOfficial: false,
        direction: RTL_LANGUAGES.has(item.code) ? "rtl" : "ltr",
      }),
    );
  }
  return languages;
}

// ISO 639-1 languages written right to left (Unicode CLDR script metadata: Arabic, Hebrew, Thaana, Syriac…).
const RTL_LANGUAGES = new Set(["ar", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"]);

function nativeLanguageName(code: string): string | null {
  const names = new Intl.DisplayNames([code], { type: "language", fallback: "none" });
  if (names.resolvedOptions().locale.split("-")[0] !== code) return null;
  return names.of(code) ?? null;
}

// ---- UPR --------------------------------------------------------------------------------------------

export const UPR_CYCLES_FILE = "taxonomies/upr-cycles.json";
export const UPR_SESSIONS_FILE = "upr-reference/upr_sessions_year.csv";

/** Sessions as the file lists them (no year is invented for later sessions); the cycle from the cycle ranges. */
export function parseUprSessions(cyclesJson: string, sessionsCsv: string): { cycles: UprCycleInput[]; sessions: UprSessionInput[] } {
  const { cycles } = parseJsonFile(UprCyclesFileSchema, cyclesJson, UPR_CYCLES_FILE);
  const rows = readCsvRows(sessionsCsv, { file: UPR_SESSIONS_FILE, requiredColumns: ["session", "year"] });
  const sessions = rows.map(({ line, values: v }) => {
    const session = Number(v.session);
    const cycle = cycles.find((c) => session >= c.firstSession && session <= c.lastSession);
    if (!cycle) throw rowError(UPR_SESSIONS_FILE, line, `session ${v.session} is in no UPR cycle`);
    const parsed = UprSessionInputSchema.safeParse({ session, cycle: cycle.cycle, year: Number(v.year) });
    if (!parsed.success) throw rowError(UPR_SESSIONS_FILE, line, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    return parsed.data;
  });
  return { cycles, sessions };
}

// ---- IATI ---------------------------------------------------------------------------------------------

/** The newest active version of the IATI Standard in the Version codelist (e.g. "2.03"). */
export function latestIatiVersion(versionXml: string): string {
  const list = parseIatiCodelistXml(versionXml, iatiFile("Version"));
  const active = list.items.filter((i) => i.status !== "withdrawn").map((i) => i.code);
  const latest = active.sort((a, b) => a.localeCompare(b, "en", { numeric: true })).at(-1);
  return latest ? `IATI Standard ${latest} codelists` : "IATI Standard codelists";
}
