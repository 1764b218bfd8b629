import type { IatiCodeUse, IatiLineProblem, ParsedIatiActivity } from "../../imports/iati-activity-xml.js";
import type { OrganizationType } from "../access/roles.js";
import { AGE_BANDS, DISABILITY_STATUSES, LOCATIONS, RESULT_TYPES, SEXES, TRANSACTION_TYPES } from "../activities/activity-codes.js";
import { COOPERATION_TYPES, COVID_PHASES, MODALITIES } from "../cooperation/vocabularies.js";

// The import's decisions that need no database: whether an activity read from a file can become a Passerelle
// activity (codes from the codelists, one recipient State), and what happens to it given what is stored.

/** Reference taxonomies (IATI codelists, SDG, UHRI) the import checks codes against; loaded once per import. */
export const IMPORT_TAXONOMIES = [
  "iati:ActivityStatus",
  "iati:AidType",
  "iati:CollaborationType",
  "iati:Currency",
  "iati:DocumentCategory",
  "iati:FinanceType",
  "iati:FlowType",
  "iati:IndicatorMeasure",
  "iati:Language",
  "iati:OrganisationRole",
  "iati:OrganisationType",
  "iati:ResultType",
  "iati:Sector",
  "iati:TransactionType",
  "sdg-target",
  "uhri-persons",
  "uhri-theme",
] as const;

export type CodeSets = ReadonlyMap<string, ReadonlySet<string>>;

// Codes IATI knows but Passerelle does not record: its activities are grant-funded technical cooperation, and
// its pages and forms know these transaction and result types only.
const PASSERELLE_SUBSETS: Record<string, readonly (string | number)[]> = {
  "iati:TransactionType": TRANSACTION_TYPES,
  "iati:ResultType": RESULT_TYPES,
};

// Passerelle's own lists, carried in tags of vocabulary 99 (docs/iati.md) and in indicator dimensions (R27).
const VOCABULARIES: Record<string, readonly string[]> = {
  modality: MODALITIES,
  "cooperation-type": COOPERATION_TYPES,
  "covid-phase": COVID_PHASES,
  "dimension:sex": SEXES,
  "dimension:age": AGE_BANDS,
  "dimension:disability": DISABILITY_STATUSES,
  "dimension:location": LOCATIONS,
};

/** Codes that are in no codelist, or that Passerelle does not record, each with its line. */
export function codeProblems(uses: readonly IatiCodeUse[], sets: CodeSets): IatiLineProblem[] {
  const problems: IatiLineProblem[] = [];
  for (const u of uses) {
    const vocabulary = VOCABULARIES[u.codelist];
    if (vocabulary) {
      if (!vocabulary.includes(u.code)) problems.push({ line: u.line, message: `${u.what} "${u.code}" is not one of ${vocabulary.join(", ")}` });
      continue;
    }
    const known = sets.get(u.codelist);
    if (!known) throw new Error(`The ${u.codelist} codes are not loaded: run \`passerelle seed\``);
    if (!known.has(u.code)) {
      problems.push({ line: u.line, message: `${u.what} "${u.code}" is not in the ${u.codelist.replace(/^iati:/, "IATI ")} codelist` });
      continue;
    }
    const subset = PASSERELLE_SUBSETS[u.codelist];
    if (subset && !subset.map(String).includes(u.code))
      problems.push({ line: u.line, message: `${u.what} ${u.code} is not one Passerelle records (${subset.join(", ")})` });
  }
  return problems;
}

/** The State of an activity: Passerelle records one recipient State per activity (res. 45/32: the State concerned). */
export function recipientState(
  parsed: Pick<ParsedIatiActivity, "recipientCountries" | "recipientRegions">,
  iso3OfIso2: ReadonlyMap<string, string>,
): { iso3: string } | { problem: IatiLineProblem } {
  const countries = parsed.recipientCountries;
  const first = countries[0];
  if (!first) {
    const message =
      parsed.recipientRegions > 0
        ? "the activity is for regions only (no recipient-country): Passerelle records one recipient State per activity"
        : "the activity has no recipient-country: Passerelle records one recipient State per activity";
    return { problem: { line: 0, message } };
  }
  if (countries.length > 1) {
    return {
      problem: {
        line: first.line,
        message: `the activity has ${countries.length} recipient countries (${countries.map((c) => c.code).join(", ")}): Passerelle records one recipient State per activity`,
      },
    };
  }
  const iso3 = iso3OfIso2.get(first.code);
  if (!iso3) {
    return {
      problem: {
        line: first.line,
        message: `recipient-country "${first.code}" is not a State Passerelle knows (UN M49 countries and areas, by ISO 3166-1 code)`,
      },
    };
  }
  return { iso3 };
}

/** The reason an activity is skipped, from its problems (the first ten), each with its file line when that is not the activity's. */
export function reasonOf(problems: readonly IatiLineProblem[], activityLine: number): string {
  const shown = problems.slice(0, 10).map((p) => (p.line && p.line !== activityLine ? `line ${p.line}: ${p.message}` : p.message));
  return problems.length > 10 ? `${shown.join("; ")}; and ${problems.length - 10} more` : shown.join("; ");
}

export type StoredImportState = { source: "passerelle" | "iati_import"; iatiLastUpdated: string | null };
export type PlannedOutcome = { outcome: "created" | "updated" | "unchanged"; reason?: string } | { outcome: "skipped"; reason: string };

/**
 * What a valid activity of the file does to the store: a new identifier is created; an activity entered in
 * Passerelle is never overwritten; an imported one is updated when the file's @last-updated-datetime is later,
 * left as it is when it is the same, and kept when the stored one is newer (an older file does not roll it back).
 * Without a @last-updated-datetime ("") there is no telling whether it changed: it is kept as it is.
 */
export function plannedOutcome(lastUpdated: string, stored: StoredImportState | undefined): PlannedOutcome {
  if (!stored) return { outcome: "created" };
  if (stored.source === "passerelle") {
    return { outcome: "skipped", reason: "an activity with this identifier was entered in Passerelle: an IATI file never overwrites it" };
  }
  if (stored.iatiLastUpdated === (lastUpdated || null)) return { outcome: "unchanged" };
  if (!lastUpdated) return { outcome: "unchanged", reason: "the activity has no @last-updated-datetime: the stored one is kept as it is" };
  if (stored.iatiLastUpdated && stored.iatiLastUpdated > lastUpdated) {
    return { outcome: "skipped", reason: `the stored activity is newer (last updated ${stored.iatiLastUpdated}; the file says ${lastUpdated})` };
  }
  return { outcome: "updated" };
}

// IATI OrganisationType → Passerelle's organization type, for a reporting organisation the import creates. It
// reverses iatiOrganisationTypeOf on that function's image (10, 15, 22, 40, 70, 80), so an organization comes back
// with the type it was published with; the other IATI types take the nearest type of that image.
const ORGANIZATION_TYPE_OF_IATI: Record<string, OrganizationType> = {
  "10": "government",
  "11": "government",
  "15": "nhri",
  "21": "cso",
  "22": "cso",
  "23": "cso",
  "24": "cso",
  "30": "private_sector",
  "40": "un_entity",
  "60": "cso",
  "70": "private_sector",
  "71": "private_sector",
  "72": "private_sector",
  "73": "private_sector",
  "80": "academic",
  "90": "cso",
};

export function organizationTypeOfIati(code: string | null): OrganizationType {
  return ORGANIZATION_TYPE_OF_IATI[code ?? ""] ?? "cso";
}

/** A slug for an organization known only by its IATI identifier: "XM-DAC-41114" → "xm-dac-41114". */
export function slugOfIatiRef(ref: string): string {
  const slug = ref
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug ? slug.slice(0, 80).replace(/-+$/, "") : "iati-organisation";
}
