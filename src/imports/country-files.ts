import { normalizeName } from "../domain/reference/names.js";
import {
  type CountryInput,
  CountryInputSchema,
  type CountryNameInput,
  CountryNameInputSchema,
  type DesignationInput,
  type RegionalGroupCode,
} from "../domain/reference/reference-schemas.js";
import { readCsvRows, rowError } from "./csv-read.js";

export const M49_FILE = "countries/m49_countries.csv";
export const ALIASES_FILE = "countries/country_name_aliases.csv";

// Sources of country names, as stored in country_names.source and shown beside every name. The m49
// dataset owns the names with these sources; the country-aliases dataset owns the other aliases.
export const M49_NAME_SOURCE = "UNSD M49";
export const UPR_INFO_M49_NAME_SOURCE = "UPR Info (name given in the UNSD M49 file)";
export const CLDR_NAME_SOURCE = "CLDR via Intl.DisplayNames (not a UNTERM name)";
export const M49_NAME_SOURCES = [M49_NAME_SOURCE, UPR_INFO_M49_NAME_SOURCE, CLDR_NAME_SOURCE] as const;

// The other five UN languages. UNTERM's official short names are not in the resources, so these come from
// CLDR (through Node's ICU) and are stored with official=false, so that no page presents them as UN names.
const CLDR_LANGUAGES = ["ar", "es", "fr", "ru", "zh"] as const;

// UN regional groups of Member States, as the M49 file spells them.
const GROUP_CODES: Record<string, RegionalGroupCode> = {
  "African Group": "AFG",
  "Asia-Pacific Group": "APG",
  "Eastern European Group": "EEG",
  "Latin American and Caribbean Group": "GRULAC",
  "Western European and Others Group": "WEOG",
};

// Non-member observer States: the Holy See (since 1964) and the State of Palestine (GA res. 67/19, 2012).
// The M49 file marks UN membership only, so observer status is added here.
export const OBSERVER_STATES = ["VAT", "PSE"] as const;

export type M49Content = { countries: CountryInput[]; designations: DesignationInput[]; names: CountryNameInput[] };

const M49_COLUMNS = [
  "m49",
  "iso2",
  "iso3",
  "name",
  "region_code",
  "region",
  "subregion_code",
  "subregion",
  "intermediate_region_code",
  "intermediate_region",
  "ldc",
  "lldc",
  "sids",
  "un_member_state",
  "un_regional_group",
  "un_regional_group_internacia",
  "upr_info_name",
] as const;

const orNull = (s: string | undefined): string | null => (s === undefined || s.trim() === "" ? null : s.trim());

function groupCode(name: string, line: number): RegionalGroupCode {
  const code = GROUP_CODES[name.trim()];
  if (!code) throw rowError(M49_FILE, line, `unknown UN regional group "${name}"`);
  return code;
}

function flag(value: string | undefined, column: string, line: number): boolean {
  if (value === "1") return true;
  if (value === "0" || value === "") return false;
  throw rowError(M49_FILE, line, `${column} must be 0 or 1, not "${value}"`);
}

let displayNames: { lang: string; names: Intl.DisplayNames }[] | undefined;

/** Names in the other UN languages from CLDR, by ISO 3166-1 alpha-2 code. */
export function cldrCountryNames(iso2: string): { lang: string; name: string }[] {
  displayNames ??= CLDR_LANGUAGES.map((lang) => ({ lang, names: new Intl.DisplayNames([lang], { type: "region", fallback: "none" }) }));
  const names: { lang: string; name: string }[] = [];
  for (const { lang, names: display } of displayNames) {
    const name = display.of(iso2);
    if (name && name !== iso2) names.push({ lang, name });
  }
  return names;
}

/**
 * UNSD M49 areas: the M49 code stays a 3-character string ('012' is Algeria, not 12). The regional group is
 * the file's un_regional_group column (the group a State sits in for elections); where the source lists
 * several groups for one State (un_regional_group_internacia, e.g. Australia: "Asia-Pacific Group; Western
 * European and Others Group"), that full text is kept as the note.
 */
export function parseM49(text: string, version: string): M49Content {
  const rows = readCsvRows(text, { file: M49_FILE, requiredColumns: M49_COLUMNS });
  const designationSource = `${M49_NAME_SOURCE} (dataset version ${version})`;
  const content: M49Content = { countries: [], designations: [], names: [] };
  for (const { line, values: v } of rows) {
    const iso3 = (v.iso3 ?? "").trim();
    const listed = (v.un_regional_group_internacia ?? "")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
    const primary = orNull(v.un_regional_group) ?? listed[0] ?? null;
    const parsed = CountryInputSchema.safeParse({
      iso3,
      iso2: orNull(v.iso2),
      m49: (v.m49 ?? "").trim(),
      nameEn: (v.name ?? "").trim(),
      regionCode: orNull(v.region_code),
      regionName: orNull(v.region),
      subregionCode: orNull(v.subregion_code),
      subregionName: orNull(v.subregion),
      intermediateRegionCode: orNull(v.intermediate_region_code),
      intermediateRegionName: orNull(v.intermediate_region),
      regionalGroup: primary === null ? null : groupCode(primary, line),
      regionalGroupNote: listed.length > 1 ? listed.join("; ") : null,
    });
    if (!parsed.success) throw rowError(M49_FILE, line, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const country = parsed.data;
    for (const g of listed) groupCode(g, line);
    content.countries.push(country);

    const add = (designation: DesignationInput["designation"]) => content.designations.push({ iso3, designation, source: designationSource });
    if (flag(v.un_member_state, "un_member_state", line)) add("un_member");
    if ((OBSERVER_STATES as readonly string[]).includes(iso3)) add("un_observer");
    if (flag(v.ldc, "ldc", line)) add("ldc");
    if (flag(v.lldc, "lldc", line)) add("lldc");
    if (flag(v.sids, "sids", line)) add("sids");

    const name = (lang: string, kind: "short" | "alias", value: string, source: string, official: boolean) =>
      content.names.push(CountryNameInputSchema.parse({ iso3, lang, kind, name: value, normalized: normalizeName(value), source, official }));
    name("en", "short", country.nameEn, M49_NAME_SOURCE, true);
    const uprInfo = orNull(v.upr_info_name);
    if (uprInfo !== null && uprInfo !== country.nameEn) name("en", "alias", uprInfo, UPR_INFO_M49_NAME_SOURCE, false);
    if (country.iso2) for (const c of cldrCountryNames(country.iso2)) name(c.lang, "short", c.name, CLDR_NAME_SOURCE, false);
  }
  const seen = new Map<string, number>();
  for (const c of content.countries) {
    for (const key of [`iso3 ${c.iso3}`, `m49 ${c.m49}`, ...(c.iso2 ? [`iso2 ${c.iso2}`] : [])]) {
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if ((seen.get(key) ?? 0) > 1) throw rowError(M49_FILE, 0, `duplicate ${key}`);
    }
  }
  return content;
}

/**
 * Name variants other sources use (UPR Info, OHCHR thematic lists), all English aliases. Rows without an
 * ISO3 (e.g. "(Unknown)") are not countries and are skipped. A variant listed by several sources is stored
 * once, citing them all.
 */
export function parseCountryAliases(text: string, knownIso3: ReadonlySet<string>): CountryNameInput[] {
  const rows = readCsvRows(text, { file: ALIASES_FILE, requiredColumns: ["variant", "iso3", "source"] });
  const byKey = new Map<string, CountryNameInput>();
  for (const { line, values: v } of rows) {
    const iso3 = (v.iso3 ?? "").trim();
    const variant = (v.variant ?? "").trim();
    if (iso3 === "") continue;
    if (!knownIso3.has(iso3)) throw rowError(ALIASES_FILE, line, `ISO3 ${iso3} is not in the M49 list`);
    if (variant === "") throw rowError(ALIASES_FILE, line, "empty variant");
    const source = (v.source ?? "").trim() || "country_name_aliases.csv";
    const key = `${iso3}\u0000${variant}`;
    const prev = byKey.get(key);
    if (prev) {
      if (!prev.source.split("; ").includes(source)) prev.source = `${prev.source}; ${source}`;
      continue;
    }
    byKey.set(key, { iso3, lang: "en", kind: "alias", name: variant, normalized: normalizeName(variant), source, official: false });
  }
  return [...byKey.values()];
}
