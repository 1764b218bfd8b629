import { createHash } from "node:crypto";
import {
  type CountryNameInput,
  type LanguageInput,
  type RegionalGroupInput,
  type TaxonomyInput,
  TaxonomyInputSchema,
  type UprCycleInput,
  type UprSessionInput,
} from "../domain/reference/reference-schemas.js";
import { AppError } from "../domain/core/app-error.js";
import { ALIASES_FILE, M49_FILE, type M49Content, parseCountryAliases, parseM49 } from "./country-files.js";
import { parseIatiCodelistXml, toIatiTaxonomy } from "./iati-codelist-xml.js";
import { readResourceText } from "./resources-path.js";
import { EXCHANGE_RATE_SOURCE_FTS, type ExchangeRateInput, meanRates } from "../domain/transparency/exchange-rates.js";
import { FTS_RATES_FILE, parseFtsRateObservations } from "./exchange-rate-files.js";
import {
  iatiFile,
  latestIatiVersion,
  parseLanguages,
  parseRegionalGroups,
  parseSdg,
  parseTaxonomyFile,
  parseUprSessions,
  REGIONAL_GROUPS_FILE,
  SDG_FILES,
  SDG_VERSION,
  UN_LANGUAGES_FILE,
  UPR_CYCLES_FILE,
  UPR_SESSIONS_FILE,
} from "./taxonomy-files.js";

// The reference datasets (R34) and the resources/ files each one is read from. Order matters: regional
// groups before countries (foreign key), countries before their aliases.

export const IATI_CODELISTS = [
  "ActivityStatus",
  "ActivityDateType",
  "OrganisationRole",
  "OrganisationType",
  "TransactionType",
  "Sector",
  "SectorCategory",
  "SectorVocabulary",
  "Currency",
  "Language",
  "PolicyMarker",
  "PolicySignificance",
  "AidType",
  "FinanceType",
  "FlowType",
  "TiedStatus",
  "CollaborationType",
  "BudgetType",
  "BudgetStatus",
  "DocumentCategory",
  "ResultType",
  "IndicatorMeasure",
  "IndicatorVocabulary",
  "Version",
  "UNSDG-Goals",
  "UNSDG-Targets",
  "Region",
  "Country",
] as const;

type DatasetDefinition = {
  id: string;
  title: string;
  source: string;
  licence: string;
  files: readonly string[];
  /** Bump when the parsing changes, so that databases loaded by older code reload the dataset. */
  loader: number;
  /** Names come from Node's ICU/CLDR: a Node upgrade may change them, so its CLDR version is hashed too. */
  usesCldr?: boolean;
};

export const REFERENCE_DATASETS = [
  {
    id: "regional-groups",
    title: "UN regional groups",
    source: "UN regional groups of Member States (hand-entered, resources/taxonomies)",
    licence: "facts; no licence claimed",
    files: [REGIONAL_GROUPS_FILE],
    loader: 1,
  },
  {
    id: "m49",
    title: "Countries and areas (UNSD M49)",
    source:
      "UN Statistics Division, Standard country or area codes for statistical use (M49), with LDC/LLDC/SIDS, UN membership and regional groups; other-language names from CLDR",
    licence: "UN data (UNSD M49), cite UNSD; CLDR names under the Unicode licence",
    files: [M49_FILE],
    loader: 1,
    usesCldr: true,
  },
  {
    id: "country-aliases",
    title: "Country name variants",
    source: "Name variants used by UPR Info and OHCHR thematic lists, mapped to ISO 3166-1 alpha-3",
    licence: "derived; cite UPR Info and OHCHR",
    files: [ALIASES_FILE],
    loader: 1,
  },
  {
    id: "languages",
    title: "Languages",
    source: "UN official languages (hand-entered) and the IATI Language codelist (ISO 639-1); other names from CLDR",
    licence: "CC BY 4.0 (IATI); facts",
    files: [UN_LANGUAGES_FILE, iatiFile("Language")],
    loader: 1,
    usesCldr: true,
  },
  {
    id: "sdg",
    title: "Sustainable Development Goals, targets and indicators",
    source: "UN Statistics Division, global indicator framework for the SDGs (A/RES/71/313 annex), after the 2025 comprehensive review",
    licence: "UN (A/RES/71/313); cite UNSD",
    files: SDG_FILES,
    loader: 1,
  },
  {
    id: "uhri-themes",
    title: "UHRI human rights themes",
    source: "OHCHR Universal Human Rights Index (legacy themes)",
    licence: "facts; no licence claimed",
    files: ["taxonomies/uhri-themes.json"],
    loader: 1,
  },
  {
    id: "uhri-persons",
    title: "UHRI affected persons",
    source: "OHCHR Universal Human Rights Index (legacy groups of persons)",
    licence: "facts; no licence claimed",
    files: ["taxonomies/uhri-persons.json"],
    loader: 1,
  },
  {
    id: "iati-codelists",
    title: "IATI codelists",
    source: "IATI Standard codelists (iatistandard.org)",
    licence: "CC BY 4.0 (IATI)",
    files: IATI_CODELISTS.map(iatiFile),
    loader: 1,
  },
  {
    id: "upr-sessions",
    title: "UPR cycles and Working Group sessions",
    source: "OHCHR Universal Periodic Review: Working Group sessions by year; cycles 1–4",
    licence: "facts; no licence claimed",
    files: [UPR_CYCLES_FILE, UPR_SESSIONS_FILE],
    loader: 1,
  },
  {
    // R14: the register shows US dollars beside the original currency; rates an administrator imports take precedence.
    id: "exchange-rates",
    title: "Exchange rates to the US dollar",
    source: EXCHANGE_RATE_SOURCE_FTS,
    licence: "OCHA FTS data via the hdx-scraper-fts fixtures (MIT); cite OCHA FTS",
    files: [FTS_RATES_FILE],
    loader: 1,
  },
] as const satisfies readonly DatasetDefinition[];

export type ReferenceDatasetId = (typeof REFERENCE_DATASETS)[number]["id"];

export type DatasetSource = {
  id: ReferenceDatasetId;
  title: string;
  source: string;
  licence: string;
  /** Of the loader version, the uncompressed files' content (and CLDR version where used). */
  sha256: string;
  dir: string;
  texts: ReadonlyMap<string, string>;
};

export type ParsedDataset =
  | { id: "regional-groups"; version: string; groups: RegionalGroupInput[] }
  | ({ id: "m49"; version: string } & M49Content)
  | { id: "country-aliases"; version: string; names: CountryNameInput[] }
  | { id: "languages"; version: string; languages: LanguageInput[] }
  | { id: "sdg" | "uhri-themes" | "uhri-persons" | "iati-codelists"; version: string; taxonomies: TaxonomyInput[] }
  | { id: "upr-sessions"; version: string; cycles: UprCycleInput[]; sessions: UprSessionInput[] }
  | { id: "exchange-rates"; version: string; source: string; rates: ExchangeRateInput[] };

export function datasetDefinition(id: ReferenceDatasetId): DatasetDefinition {
  const def = REFERENCE_DATASETS.find((d) => d.id === id);
  if (!def) throw new AppError("not_found", `Unknown reference dataset ${id}`);
  return def;
}

/** Reads a dataset's files and hashes them; cheap enough to run on every start. */
export function readDatasetSource(dir: string, id: ReferenceDatasetId): DatasetSource {
  const def: DatasetDefinition = datasetDefinition(id);
  const hash = createHash("sha256").update(`passerelle reference ${id} loader ${def.loader}\n`);
  if (def.usesCldr) hash.update(`cldr ${process.versions.cldr ?? "?"}\n`);
  const texts = new Map<string, string>();
  for (const rel of def.files) {
    const text = readResourceText(dir, rel);
    texts.set(rel, text);
    hash.update(`${rel}\u0000${text}\u0000`);
  }
  return { id, title: def.title, source: def.source, licence: def.licence, sha256: hash.digest("hex"), dir, texts };
}

function text(src: DatasetSource, rel: string): string {
  const t = src.texts.get(rel);
  if (t === undefined) throw new AppError("unavailable", `Reference file ${rel} was not read`);
  return t;
}

/** A short content version where the source states none, e.g. "sha256:3f2a9c0d1b7e". */
const contentVersion = (src: DatasetSource) => `sha256:${src.sha256.slice(0, 12)}`;

/** Parses a dataset into domain inputs; every input is checked with its Zod schema. */
export function parseDataset(src: DatasetSource, options: { knownIso3?: ReadonlySet<string>; today?: string } = {}): ParsedDataset {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  switch (src.id) {
    case "regional-groups":
      return { id: src.id, ...parseRegionalGroups(text(src, REGIONAL_GROUPS_FILE)) };
    case "m49":
      return { id: src.id, version: contentVersion(src), ...parseM49(text(src, M49_FILE), contentVersion(src)) };
    case "country-aliases": {
      // The aliases are checked against the M49 list, so that a typo in an ISO3 code fails here, not in SQL.
      const iso3 = options.knownIso3 ?? new Set(parseM49(text(readDatasetSource(src.dir, "m49"), M49_FILE), "").countries.map((c) => c.iso3));
      return { id: src.id, version: contentVersion(src), names: parseCountryAliases(text(src, ALIASES_FILE), iso3) };
    }
    case "languages":
      return { id: src.id, version: contentVersion(src), languages: parseLanguages(text(src, UN_LANGUAGES_FILE), text(src, iatiFile("Language"))) };
    case "sdg":
      return { id: src.id, version: SDG_VERSION, taxonomies: parseSdg(...(SDG_FILES.map((f) => text(src, f)) as [string, string, string])) };
    case "uhri-themes":
    case "uhri-persons": {
      const rel = src.id === "uhri-themes" ? "taxonomies/uhri-themes.json" : "taxonomies/uhri-persons.json";
      const taxonomy = parseTaxonomyFile(text(src, rel), rel);
      return { id: src.id, version: taxonomy.version, taxonomies: [taxonomy] };
    }
    case "iati-codelists": {
      const version = `${latestIatiVersion(text(src, iatiFile("Version")))} (${contentVersion(src)})`;
      const taxonomies = IATI_CODELISTS.map((name) => {
        const list = parseIatiCodelistXml(text(src, iatiFile(name)), iatiFile(name));
        // A withdrawn item without a withdrawal date: withdrawn at the latest when first seen so.
        return TaxonomyInputSchema.parse(toIatiTaxonomy(list, { datasetVersion: version, withdrawnFallback: today }));
      });
      return { id: src.id, version, taxonomies };
    }
    case "upr-sessions":
      return { id: src.id, version: contentVersion(src), ...parseUprSessions(text(src, UPR_CYCLES_FILE), text(src, UPR_SESSIONS_FILE)) };
    case "exchange-rates":
      // Per currency and year of the flow's date: the mean of the rates FTS recorded for each flow.
      return {
        id: src.id,
        version: contentVersion(src),
        source: src.source,
        rates: meanRates(parseFtsRateObservations(text(src, FTS_RATES_FILE), FTS_RATES_FILE), src.source),
      };
  }
}
