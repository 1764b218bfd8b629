import type { ClosureScale, ClosureSource } from "../../store/schema-education.js";
import { CONTINUITY_NEEDS } from "../cooperation/vocabularies.js";

// The school-closure files Passerelle reads (docs/closures.md): UNESCO's two global monitoring releases, OxCGRT's
// indicator C1 in long form, and the national template a ministry fills in where the international files say
// nothing (learners by sex, ISCED level, sub-national unit, distance-learning modalities — res. 45/32 PP9–PP11, R24).

export const CLOSURE_FORMATS = ["unesco_status", "unesco_scale", "oxcgrt_c1", "national"] as const;
export type ClosureFormat = (typeof CLOSURE_FORMATS)[number];

export type ClosureFormatSpec = {
  format: ClosureFormat;
  /** The header that identifies the format (compared after trimming, in any order). */
  header: readonly string[];
  source: ClosureSource;
  scale: ClosureScale;
  /** The publisher when the file does not need one to be named (null: --publisher is required). */
  publisher: string | null;
  licence: string;
  dateStyle: "dmy" | "iso";
  title: string;
};

export const CLOSURE_FORMAT_SPECS: Record<ClosureFormat, ClosureFormatSpec> = {
  // UNESCO global monitoring of school closures, daily release (16 Feb 2020 – 15 Feb 2021): dates dd/mm/yyyy.
  unesco_status: {
    format: "unesco_status",
    header: ["Date", "ISO", "Country", "Status", "Note"],
    source: "unesco",
    scale: "unesco_status",
    publisher: "UNESCO",
    licence: "",
    dateStyle: "dmy",
    title: "UNESCO daily status",
  },
  // The older UNESCO release (to 15 Jul 2020): the geographic extent of closures, a country listed from its first one.
  unesco_scale: {
    format: "unesco_scale",
    header: ["Date", "ISO", "Country", "Scale", "Note"],
    source: "unesco",
    scale: "unesco_scale",
    publisher: "UNESCO",
    licence: "",
    dateStyle: "dmy",
    title: "UNESCO closure scale",
  },
  // OxCGRT codebook, indicator C1 "School closing", long format: ISO dates, value 0–3 and the targeted/general flag.
  oxcgrt_c1: {
    format: "oxcgrt_c1",
    header: ["country_code", "country_name", "date", "c1_school_closing", "c1_flag"],
    source: "oxcgrt",
    scale: "oxcgrt_c1",
    publisher: "Oxford COVID-19 Government Response Tracker (Blavatnik School of Government)",
    licence: "CC BY 4.0",
    dateStyle: "iso",
    title: "OxCGRT C1 school closing",
  },
  // Passerelle's national template (docs/closures.md): UNESCO's status words plus what only a ministry knows.
  national: {
    format: "national",
    header: ["date", "iso3", "unit", "isced", "status", "learners_female", "learners_male", "learners_total", "remote_modalities", "note"],
    source: "national",
    scale: "unesco_status",
    publisher: null,
    licence: "",
    dateStyle: "iso",
    title: "National school-closure data",
  },
};

/** The format a release was read from (source and scale name it: the national template uses UNESCO's words). */
export function formatOfRelease(source: ClosureSource, scale: ClosureScale): ClosureFormat {
  return source === "national" ? "national" : scale;
}

/** The label a release gets when the importer names none. Pages recognise it and name the release in their own
 * language (a label given with --label is shown as given). */
export function defaultReleaseLabel(format: ClosureFormat, from: string, to: string): string {
  return `${CLOSURE_FORMAT_SPECS[format].title}, ${from} – ${to}`;
}

/** The words of each scale and their codes: the same as the closure_statuses rows of migration 0008. */
export const STATUS_CODES: Record<ClosureScale, Readonly<Record<string, number>>> = {
  unesco_status: { "Fully open": 0, "Partially open": 1, "Closed due to COVID-19": 2, "Academic break": 3 },
  unesco_scale: { Open: 0, Localized: 1, National: 2 },
  // OxCGRT codebook C1: 0 no measures, 1 recommend closing, 2 require closing some levels, 3 require closing all.
  oxcgrt_c1: { "0": 0, "1": 1, "2": 2, "3": 3 },
};

/** OxCGRT C1 flag: 0 targeted (some areas), 1 general (the whole country). */
export const C1_FLAGS = { targeted: 0, general: 1 } as const;

/** The R24 distance-learning modalities a national file may name: the first five continuity needs. */
export const REMOTE_MODALITIES = CONTINUITY_NEEDS.slice(0, 5) as readonly string[];

/** Earliest day a closure observation may have: the first COVID-19 school closures were in early 2020. */
export const EARLIEST_CLOSURE_DAY = "2019-12-01";

export type ClosureImportOptions = {
  dryRun?: boolean;
  /** Who published the data; required for the national template, defaults to the source's name otherwise. */
  publisher?: string;
  label?: string;
  /** Rows whose ISO code is not a known country are skipped with one grouped warning per code (default: refused). */
  skipUnknownCountries?: boolean;
  /** Second and later rows for the same country-day are skipped with a warning (default: refused). */
  skipDuplicates?: boolean;
  onProgress?: (done: number, total: number) => void;
};

export type ClosureWarning = { line: number | null; field: string | null; message: string };

export type ClosureImportReport = {
  status: "imported" | "already_imported" | "dry_run";
  releaseId: number | null;
  format: ClosureFormat;
  rowsRead: number;
  rowsStored: number;
  rowsSkipped: number;
  coverageFrom: string;
  coverageTo: string;
  warnings: ClosureWarning[];
};
