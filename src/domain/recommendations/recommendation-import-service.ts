import { readThemeMappings } from "../../imports/theme-mapping-file.js";
import type { Db } from "../../store/db.js";
import {
  findStoredPledgeHashes,
  findStoredStates,
  listCountryGroups,
  listSessionYears,
  type PledgeRecord,
  type RecommendationRecord,
  refreshFacetCounts,
  savePledges,
  saveRecommendations,
  saveThemeMappings,
} from "../../store/recommendation-write-store.js";
import { type Actor, runAudited } from "../audit/audit-service.js";
import { normalizeName } from "../reference/names.js";
import { createCountryNameResolver, listTaxonomyTerms } from "../reference/reference-service.js";
import { classifyPosition, contentHashOf, cycleOfSession, derivePersonCodes, deriveThemeCodes } from "./recommendation-rules.js";
import type { ImportProblem, ImportSummary, PledgeImportRow, RecommendationImportRow } from "./recommendation-schemas.js";

export type ImportOptions = { dryRun: boolean; fileName: string; fileSha256?: string };
export type ImportReport = ImportSummary & { dryRun: boolean; unmappedThemes: string[] };

// Names that sources use for "no identifiable State": kept as given, never resolved, never an error.
const NOT_A_STATE = new Set(["(unknown)", "unknown"]);
const MAX_PROBLEMS = 200;

/**
 * Validates, resolves and stores parsed recommendations. All or nothing: one problem anywhere (an unknown State
 * name, a parser problem) and nothing is written; the report lists every problem with its line (capped at 200).
 * Stable ids make a re-import of the same file change nothing.
 */
export async function importRecommendations(
  db: Db,
  actor: Actor,
  parsed: { rows: RecommendationImportRow[]; problems: ImportProblem[] },
  options: ImportOptions,
): Promise<ImportReport> {
  const problems = [...parsed.problems];
  const iso3Of = stateNameResolver(await createCountryNameResolver(db), problems);
  const [years, groups, personTerms] = await Promise.all([listSessionYears(db), listCountryGroups(db), listTaxonomyTerms(db, "uhri-persons")]);
  const mappings = readThemeMappings();
  const personTaxonomy = new Map(personTerms.map((t) => [normalizeName(t.labels.en ?? t.code), t.code]));
  const unmapped = new Set<string>();

  const records: RecommendationRecord[] = [];
  const seen = new Map<string, number>();
  for (const row of parsed.rows) {
    const id = `${row.sourceDataset}:${row.sourceKey}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.push({ line: row.line, field: "id", message: `duplicates the record on line ${earlier} (${row.sourceKey})` });
      continue;
    }
    seen.set(id, row.line);
    const stateIso3 = stateUnderReview(iso3Of, row.stateUnderReview, row.line, problems);
    const sources = row.recommendingStates.map((s) => ({ s, iso3: iso3Of(s.name, row.line, "recommending_state") }));
    if (!stateIso3 || sources.some((x) => x.iso3 === undefined)) continue;
    const themes = deriveThemeCodes(row.uhriThemes, row.uprInfoIssues, mappings);
    const persons = derivePersonCodes(row.groupsOfPersons, personTaxonomy, mappings);
    for (const u of [...themes.unmapped, ...persons.unmapped]) unmapped.add(u);
    const recommendingIso3s = [...new Set(sources.map((x) => x.iso3).filter((x): x is string => !!x))];
    const content = {
      mechanism: row.mechanism,
      cycle: row.cycle ?? (row.session ? cycleOfSession(row.session) : null),
      session: row.session,
      stateIso3,
      stateNameAsGiven: row.stateUnderReview,
      paragraph: row.paragraph,
      documentSymbol: row.documentSymbol,
      text: row.text,
      textLang: row.textLanguage,
      actionCategory: row.actionCategory,
      position: classifyPosition(row.positionWord),
      positionWord: row.positionWord,
      positionSourceDocument: row.positionSourceDocument,
      recommendingIso3s,
      recommendingGroups: [...new Set(recommendingIso3s.map((i) => groups.get(i)).filter((g): g is string => !!g))].sort(),
      themeCodes: themes.codes,
      issues: row.uprInfoIssues,
      persons: persons.codes,
      sdgGoals: [...new Set(row.sdgGoals)].sort((a, b) => a - b),
      sdgTargets: row.sdgTargets,
      year: row.session ? (years.get(row.session) ?? null) : null,
      sources: sources.map(({ s, iso3 }) => ({ iso3: iso3 ?? null, nameAsGiven: s.name, regionalGroupAsGiven: s.regionalGroup })),
      themes: [
        ...row.uhriThemes.map((t) => ({ scheme: "uhri" as const, code: t.code, label: t.label, provenance: "source" as const })),
        ...row.uprInfoIssues.map((issue) => ({ scheme: "upr-info" as const, code: null, label: issue, provenance: "source" as const })),
      ],
    };
    records.push({ id, sourceDataset: row.sourceDataset, ...content, contentHash: contentHashOf(content) });
  }

  const report = (imported: number, updated: number, unchanged: number): ImportReport => ({
    imported,
    updated,
    unchanged,
    errors: problems.slice(0, MAX_PROBLEMS).sort((a, b) => a.line - b.line),
    dryRun: options.dryRun,
    unmappedThemes: [...unmapped].sort(),
  });
  if (problems.length > 0) return report(0, 0, 0);
  if (records.length === 0) {
    problems.push({ line: 1, field: "file", message: "the file has no recommendation rows" });
    return report(0, 0, 0);
  }

  const stored = await findStoredStates(
    db,
    records.map((r) => r.id),
  );
  const changed = records.filter((r) => stored.get(r.id)?.contentHash !== r.contentHash);
  const imported = changed.filter((r) => !stored.has(r.id)).length;
  const updated = changed.length - imported;
  const unchanged = records.length - changed.length;
  if (options.dryRun || changed.length === 0) return report(imported, updated, unchanged);

  await runAudited(db, actor, async (w) => {
    await saveThemeMappings(
      w.trx,
      [...mappings.uprInfoIssues].flatMap(([issue, codes]) => codes.map((code) => ({ issue, code }))),
    );
    await saveRecommendations(w.trx, changed, stored);
    await refreshFacetCounts(w.trx);
    await w.audit({
      action: "recommendations.import",
      entityType: "import",
      entityId: options.fileName,
      details: { file: options.fileName, sha256: options.fileSha256 ?? null, imported, updated, unchanged, mappingVersion: mappings.version },
    });
  });
  return report(imported, updated, unchanged);
}

/** Voluntary pledges by States under review (UPR Info): the same all-or-nothing, idempotent rules. */
export async function importPledges(
  db: Db,
  actor: Actor,
  parsed: { rows: PledgeImportRow[]; problems: ImportProblem[] },
  options: ImportOptions,
): Promise<ImportReport> {
  const problems = [...parsed.problems];
  const iso3Of = stateNameResolver(await createCountryNameResolver(db), problems);
  const records: PledgeRecord[] = [];
  for (const row of parsed.rows) {
    const stateIso3 = stateUnderReview(iso3Of, row.stateUnderReview, row.line, problems);
    if (!stateIso3) continue;
    const content = {
      cycle: row.cycle,
      session: row.session,
      stateIso3,
      text: row.text,
      textLang: row.textLanguage,
      pledgeType: row.pledgeType,
      actionCategory: row.actionCategory,
      issues: row.issues,
    };
    records.push({ id: `upr-info:${row.sourceKey}`, sourceDataset: "upr-info", ...content, contentHash: contentHashOf(content) });
  }
  const report = (imported: number, updated: number, unchanged: number): ImportReport => ({
    imported,
    updated,
    unchanged,
    errors: problems.slice(0, MAX_PROBLEMS),
    dryRun: options.dryRun,
    unmappedThemes: [],
  });
  if (problems.length > 0) return report(0, 0, 0);
  const stored = await findStoredPledgeHashes(db);
  const changed = records.filter((p) => stored.get(p.id) !== p.contentHash);
  const imported = changed.filter((p) => !stored.has(p.id)).length;
  if (options.dryRun || changed.length === 0) return report(imported, changed.length - imported, records.length - changed.length);
  await runAudited(db, actor, async (w) => {
    await savePledges(w.trx, changed);
    await w.audit({
      action: "pledges.import",
      entityType: "import",
      entityId: options.fileName,
      details: { file: options.fileName, sha256: options.fileSha256 ?? null, imported, updated: changed.length - imported },
    });
  });
  return report(imported, changed.length - imported, records.length - changed.length);
}

/**
 * ISO3 for a State name as a file spells it; records a problem with the line and the closest known names when the
 * name is unknown (undefined), and gives null for the sources' explicit "no identifiable State".
 */
function stateNameResolver(resolve: Awaited<ReturnType<typeof createCountryNameResolver>>, problems: ImportProblem[]) {
  return (name: string, line: number, field: string): string | null | undefined => {
    if (NOT_A_STATE.has(name.trim().toLowerCase())) return null;
    const r = resolve(name);
    if (r.status === "matched") return r.iso3;
    const closest = r.candidates.slice(0, 3).map((c) => `${c.name} (${c.iso3})`);
    problems.push({ line, field, message: `unknown State "${name}"${closest.length ? `; closest known names: ${closest.join(", ")}` : ""}` });
    return undefined;
  };
}

/** A State under review must be an identifiable State: "(Unknown)" is accepted for recommending States only. */
function stateUnderReview(iso3Of: ReturnType<typeof stateNameResolver>, name: string, line: number, problems: ImportProblem[]): string | undefined {
  const iso3 = iso3Of(name, line, "state_under_review");
  if (iso3 === null) problems.push({ line, field: "state_under_review", message: `"${name}" does not name a State` });
  return iso3 ?? undefined;
}
