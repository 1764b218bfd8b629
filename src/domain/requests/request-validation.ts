import type { Db } from "../../store/db.js";
import {
  findLanguageCodes,
  findOrganizationsByIds,
  findPledgesByIds,
  findRecommendationsByIds,
  findValidTermCodes,
  type RecommendationFacts,
  type RequestLinks,
  type RequestValues,
} from "../../store/request-store.js";
import { type OrganizationType, PROVIDER_ORGANIZATION_TYPES } from "../access/roles.js";
import type { z } from "zod";
import { AppError, type FieldProblem, isAppError } from "../core/app-error.js";
import { parseInput, toProblems } from "../core/validate.js";
import { isNotAccepted } from "./request-rules.js";
import { DRAFT_FIELDS, type RequestDraft } from "./request-schemas.js";

// Checks of a request draft against the registry and reference data (R12), after the shape checks of the Zod
// schema: every problem is collected and reported on its field at once, and nothing is written when one remains.

const todayIso = () => new Date().toISOString().slice(0, 10);
const quoted = (xs: readonly string[]) => xs.map((x) => `“${x}”`).join(", ");

const normalized = (problems: FieldProblem[]) => {
  const mapped = problems.map((p) => ({ ...p, field: p.field.replace(/^(\w+)\.\d+$/, "$1") }));
  return mapped.filter((p, i) => mapped.findIndex((q) => q.field === p.field && q.message === p.message) === i);
};

/**
 * parseInput, with a problem in one entry of a list reported on the list itself ("themes", not "themes.2"): forms
 * show lists as one group of fields. Entries of national actors keep their row ("nationalActors.1.name").
 */
export function parseRequestInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  try {
    return parseInput(schema, input);
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError(e.code, e.message, normalized(e.problems));
  }
}

export type CheckedDraft = { values: RequestValues; links: RequestLinks; notAcceptedRecommendationIds: string[] };

/** Each draft field parsed on its own; a malformed one counts as not given (its problem is reported by the schema). */
function parseLeniently(input: unknown): RequestDraft {
  const raw = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(DRAFT_FIELDS)) {
    const result = schema.safeParse(raw[key]);
    out[key] = result.success ? result.data : schema.parse(undefined);
  }
  return out as RequestDraft;
}

/**
 * Parses a draft with `schema` and checks it against the registry and reference data for `stateIso3`. Every problem
 * is reported in one answer: the shape problems, and the reference problems of the fields that are well formed.
 */
export async function validateDraft<S extends z.ZodType<RequestDraft>>(
  db: Db,
  schema: S,
  stateIso3: string,
  input: unknown,
): Promise<{ parsed: z.infer<S>; checked: CheckedDraft }> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const shape = normalized(toProblems(result.error));
    const references = await referenceProblems(db, stateIso3, parseLeniently(input));
    const more = references.problems.filter((p) => !shape.some((s) => s.field === p.field));
    throw new AppError("invalid_input", INVALID, [...shape, ...more]);
  }
  const d = result.data;
  const references = await referenceProblems(db, stateIso3, d);
  if (references.problems.length) throw new AppError("invalid_input", INVALID, references.problems);
  return { parsed: d, checked: checkedDraft(d, references.recommendations) };
}

const INVALID = "The assistance request is not valid";

async function referenceProblems(db: Db, stateIso3: string, d: RequestDraft): Promise<{ problems: FieldProblem[]; recommendations: RecommendationFacts[] }> {
  const problems: FieldProblem[] = [];
  const today = todayIso();
  const [providers, recommendations, pledges, themes, persons, targets, currencies, languages] = await Promise.all([
    findOrganizationsByIds(db, d.providerIds),
    findRecommendationsByIds(db, d.recommendationIds),
    findPledgesByIds(db, d.pledgeIds),
    findValidTermCodes(db, "uhri-theme", d.themes, today),
    findValidTermCodes(db, "uhri-persons", d.persons, today),
    findValidTermCodes(db, "sdg-target", d.sdgTargets, today),
    // ISO 4217 as published in the IATI Currency codelist (withdrawn currencies are refused).
    findValidTermCodes(db, "iati:Currency", d.budgetCurrency ? [d.budgetCurrency] : [], today),
    findLanguageCodes(db, d.workingLanguages),
  ]);

  const providerById = new Map(providers.map((p) => [p.id, p]));
  const unknownProviders = d.providerIds.filter((id) => !providerById.has(id));
  if (unknownProviders.length) problems.push({ field: "providerIds", message: `unknown organizations: ${quoted(unknownProviders)}` });
  const notProviders = providers.filter((p) => !PROVIDER_ORGANIZATION_TYPES.includes(p.type as OrganizationType));
  if (notProviders.length)
    problems.push({
      field: "providerIds",
      message: `${quoted(notProviders.map((p) => p.name))} cannot provide assistance (providers are UN entities, States and regional organizations)`,
    });
  const ownBodies = providers.filter((p) => p.type === "government" && p.countryIso3 === stateIso3);
  if (ownBodies.length)
    problems.push({
      field: "providerIds",
      message: `${quoted(ownBodies.map((p) => p.name))} belongs to the requesting State: address another State or an organization`,
    });

  const recommendationById = new Map(recommendations.map((r) => [r.id, r]));
  const unknownRecommendations = d.recommendationIds.filter((id) => !recommendationById.has(id));
  if (unknownRecommendations.length) problems.push({ field: "recommendationIds", message: `unknown recommendations: ${quoted(unknownRecommendations)}` });
  // A request rests on the recommendations made to the requesting State itself (R12: "recommendations addressed").
  const otherState = recommendations.filter((r) => r.stateIso3 !== stateIso3);
  if (otherState.length)
    problems.push({
      field: "recommendationIds",
      message: `${quoted(otherState.map((r) => r.id))} ${otherState.length === 1 ? "was" : "were"} made to another State (${[...new Set(otherState.map((r) => r.stateIso3))].join(", ")}), not to ${stateIso3}`,
    });

  const pledgeById = new Map(pledges.map((p) => [p.id, p]));
  const unknownPledges = d.pledgeIds.filter((id) => !pledgeById.has(id));
  if (unknownPledges.length) problems.push({ field: "pledgeIds", message: `unknown pledges: ${quoted(unknownPledges)}` });
  const otherStatePledges = pledges.filter((p) => p.stateIso3 !== stateIso3);
  if (otherStatePledges.length)
    problems.push({ field: "pledgeIds", message: `${quoted(otherStatePledges.map((p) => p.id))} are pledges of another State, not of ${stateIso3}` });

  const missing = (field: string, given: readonly string[], known: Set<string>, what: string) => {
    const bad = given.filter((c) => !known.has(c));
    if (bad.length) problems.push({ field, message: `${quoted(bad)} ${bad.length === 1 ? "is not" : "are not"} ${what}` });
  };
  missing("themes", d.themes, themes, "UHRI human rights theme codes");
  missing("persons", d.persons, persons, "UHRI groups-of-persons codes");
  missing("sdgTargets", d.sdgTargets, targets, "SDG targets of the UN global indicator framework");
  missing("budgetCurrency", d.budgetCurrency ? [d.budgetCurrency] : [], currencies, "a current ISO 4217 currency code");
  missing("workingLanguages", d.workingLanguages, languages, "ISO 639-1 language codes");

  return { problems, recommendations };
}

function checkedDraft(d: RequestDraft, recommendations: RecommendationFacts[]): CheckedDraft {
  const recommendationById = new Map(recommendations.map((r) => [r.id, r]));
  const linked = d.recommendationIds.map((id) => recommendationById.get(id)).filter((r) => r !== undefined);
  return {
    values: {
      title: d.title,
      needsStatement: d.needsStatement,
      objectives: d.objectives,
      priorityRank: d.priorityRank,
      channelReference: d.channelReference,
      treatyArticles: d.treatyArticles,
      themes: d.themes,
      persons: d.persons,
      sdgTargets: d.sdgTargets,
      iscedLevels: d.iscedLevels,
      modalities: d.modalities,
      continuityNeeds: d.continuityNeeds,
      covidContext: d.covidContext,
      covidPhase: d.covidContext ? d.covidPhase : null,
      timeframeStart: d.timeframeStart,
      timeframeEnd: d.timeframeEnd,
      workingLanguages: d.workingLanguages,
      budgetAmount: d.budgetAmount,
      budgetCurrency: d.budgetCurrency,
      fundRequested: d.fundRequested,
      textLang: d.textLang,
      visibility: d.visibility,
    },
    links: {
      providerIds: d.providerIds,
      recommendations: linked.map((r) => ({ id: r.id, position: r.position })),
      pledgeIds: d.pledgeIds,
      nationalActors: d.nationalActors.map((a) => ({ actorType: a.actorType, involvement: a.involvement, name: a.name, nameConsented: a.nameConsented })),
    },
    notAcceptedRecommendationIds: linked.filter((r) => isNotAccepted(r.position)).map((r) => r.id),
  };
}

/** What a submission needs beyond a valid draft (R12): a title, a needs statement and at least one addressed provider. */
export function submissionProblems(r: { title: string; needsStatement: string; providerCount: number }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!r.title.trim()) problems.push({ field: "title", message: "give the request a title before submitting it" });
  if (!r.needsStatement.trim()) problems.push({ field: "needsStatement", message: "describe the needs before submitting the request" });
  if (r.providerCount === 0) problems.push({ field: "providerIds", message: "address the request to at least one provider before submitting it" });
  return problems;
}
