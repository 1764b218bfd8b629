import type { Db } from "../../store/db.js";
import { findUnknownTermCodes, listM49Regions, type M49RegionRow } from "../../store/offer-store.js";
import type { FieldProblem } from "../core/app-error.js";
import { WORLD_REGION } from "../matching/match-score.js";

// Codes in offers and capability profiles must exist in the loaded reference data (R34): UHRI themes, SDG targets,
// groups of persons, languages (IATI Language codelist, ISO 639-1), currencies (IATI Currency codelist, ISO 4217,
// current on the day) and UN M49 regions.

export type CodesToCheck = {
  themes?: readonly string[];
  sdgTargets?: readonly string[];
  persons?: readonly string[];
  languages?: readonly string[];
  regions?: readonly string[];
  currency?: string | null | undefined;
};

export type M49Region = M49RegionRow;

/** The M49 regions a State can be found in, for forms and labels (the countries reference table names them). */
export function listRegions(db: Db): Promise<M49Region[]> {
  return listM49Regions(db);
}

/** One problem per field that holds codes the reference data does not know, naming them. */
export async function checkReferenceCodes(db: Db, codes: CodesToCheck, asOf: string): Promise<FieldProblem[]> {
  const lists: [keyof CodesToCheck, string, readonly string[] | undefined, string][] = [
    ["themes", "uhri-theme", codes.themes, "unknown UHRI themes"],
    ["sdgTargets", "sdg-target", codes.sdgTargets, "unknown SDG targets"],
    ["persons", "uhri-persons", codes.persons, "unknown groups of persons"],
    ["languages", "iati:Language", codes.languages, "unknown language codes"],
  ];
  const problems: FieldProblem[] = [];
  for (const [field, taxonomy, values, what] of lists) {
    if (!values?.length) continue;
    const unknown = await findUnknownTermCodes(db, taxonomy, values, asOf);
    if (unknown.length) problems.push({ field, message: `${what}: ${unknown.join(", ")}` });
  }
  if (codes.currency) {
    const unknown = await findUnknownTermCodes(db, "iati:Currency", [codes.currency], asOf);
    if (unknown.length) problems.push({ field: "budgetCurrency", message: `${codes.currency} is not a current ISO 4217 currency code` });
  }
  if (codes.regions?.length) {
    const known = new Set([WORLD_REGION, ...(await listM49Regions(db)).map((r) => r.code)]);
    const unknown = codes.regions.filter((r) => !known.has(r));
    if (unknown.length) problems.push({ field: "regions", message: `unknown UN M49 regions: ${unknown.join(", ")}` });
  }
  return problems;
}
