import type { RequestDetail } from "../../domain/requests/request-schemas.js";
import { field } from "./render.js";

// The assistance-request form as the browser sends it (strings, repeated checkbox names) and back: what the user
// typed is kept as typed, so a refused form comes back exactly as it was sent.

export type ActorRow = { actorType: string; involvement: string; name: string; nameConsented: boolean };

export type RequestForm = {
  organizationId: string;
  version: string;
  title: string;
  needsStatement: string;
  objectives: string;
  priorityRank: string;
  channelReference: string;
  textLang: string;
  providerIds: string[];
  recommendationIds: string;
  pledgeIds: string[];
  treatyArticles: string;
  themes: string[];
  persons: string[];
  sdgTargets: string[];
  sdgOther: string;
  iscedLevels: string[];
  modalities: string[];
  continuityNeeds: string[];
  covidContext: boolean;
  covidPhase: string;
  timeframeStart: string;
  timeframeEnd: string;
  workingLanguages: string[];
  languagesOther: string;
  budgetAmount: string;
  budgetCurrency: string;
  fundRequested: string;
  visibility: string;
  actors: ActorRow[];
};

export const UN_LANGUAGE_CODES = ["ar", "zh", "en", "fr", "ru", "es"] as const;

/** Every value of a repeated form field (checkboxes): one value arrives as a string, several as an array. */
export function fields(source: unknown, name: string): string[] {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  if (typeof value === "string") return value === "" ? [] : [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : [];
}

const splitList = (s: string, separators: RegExp) =>
  s
    .split(separators)
    .map((x) => x.trim())
    .filter(Boolean);

const MAX_ACTOR_ROWS = 30;

export function readRequestForm(body: unknown): RequestForm {
  const text = (name: string) => field(body, name) ?? "";
  const actors: ActorRow[] = [];
  for (let i = 0; i < MAX_ACTOR_ROWS; i++) {
    const row = {
      actorType: text(`actorType_${i}`),
      involvement: text(`involvement_${i}`),
      name: text(`actorName_${i}`),
      nameConsented: text(`actorConsent_${i}`) === "yes",
    };
    if (row.actorType || row.involvement || row.name.trim()) actors.push(row);
  }
  return {
    organizationId: text("organizationId"),
    version: text("version"),
    title: text("title"),
    needsStatement: text("needsStatement"),
    objectives: text("objectives"),
    priorityRank: text("priorityRank"),
    channelReference: text("channelReference"),
    textLang: text("textLang") || "en",
    providerIds: fields(body, "providerIds"),
    recommendationIds: text("recommendationIds"),
    pledgeIds: fields(body, "pledgeIds"),
    treatyArticles: text("treatyArticles"),
    themes: fields(body, "themes"),
    persons: fields(body, "persons"),
    sdgTargets: fields(body, "sdgTargets"),
    sdgOther: text("sdgOther"),
    iscedLevels: fields(body, "iscedLevels"),
    modalities: fields(body, "modalities"),
    continuityNeeds: fields(body, "continuityNeeds"),
    covidContext: text("covidContext") === "yes",
    covidPhase: text("covidPhase"),
    timeframeStart: text("timeframeStart"),
    timeframeEnd: text("timeframeEnd"),
    workingLanguages: fields(body, "workingLanguages"),
    languagesOther: text("languagesOther"),
    budgetAmount: text("budgetAmount"),
    budgetCurrency: text("budgetCurrency"),
    fundRequested: text("fundRequested"),
    visibility: text("visibility") || "state_and_un",
    actors,
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/** The domain input of a form: empty fields become "not given"; the domain checks and names every problem. */
export function requestInputOf(f: RequestForm): Record<string, unknown> {
  const rank = f.priorityRank.trim();
  return {
    ...(f.organizationId ? { organizationId: f.organizationId } : {}),
    ...(f.version ? { version: Number(f.version) } : {}),
    title: f.title,
    needsStatement: f.needsStatement,
    objectives: f.objectives,
    priorityRank: rank === "" ? null : /^\d+$/.test(rank) ? Number(rank) : rank,
    channelReference: orNull(f.channelReference),
    textLang: f.textLang,
    providerIds: f.providerIds,
    recommendationIds: splitList(f.recommendationIds, /[\s,;]+/),
    pledgeIds: f.pledgeIds,
    treatyArticles: splitList(f.treatyArticles, /\r?\n/),
    themes: f.themes,
    persons: f.persons,
    sdgTargets: [...f.sdgTargets, ...splitList(f.sdgOther, /[\s,;]+/)],
    iscedLevels: f.iscedLevels,
    modalities: f.modalities,
    continuityNeeds: f.continuityNeeds,
    covidContext: f.covidContext,
    covidPhase: orNull(f.covidPhase),
    timeframeStart: orNull(f.timeframeStart),
    timeframeEnd: orNull(f.timeframeEnd),
    workingLanguages: [...f.workingLanguages, ...splitList(f.languagesOther.toLowerCase(), /[\s,;]+/)],
    budgetAmount: orNull(f.budgetAmount),
    budgetCurrency: orNull(f.budgetCurrency),
    fundRequested: orNull(f.fundRequested),
    visibility: f.visibility,
    nationalActors: f.actors.map((a) => ({ actorType: a.actorType, involvement: a.involvement, name: orNull(a.name), nameConsented: a.nameConsented })),
  };
}

export function emptyRequestForm(organizationId: string): RequestForm {
  return {
    organizationId,
    version: "",
    title: "",
    needsStatement: "",
    objectives: "",
    priorityRank: "",
    channelReference: "",
    textLang: "en",
    providerIds: [],
    recommendationIds: "",
    pledgeIds: [],
    treatyArticles: "",
    themes: [],
    persons: [],
    sdgTargets: [],
    sdgOther: "",
    iscedLevels: [],
    modalities: [],
    continuityNeeds: [],
    covidContext: false,
    covidPhase: "",
    timeframeStart: "",
    timeframeEnd: "",
    workingLanguages: [],
    languagesOther: "",
    budgetAmount: "",
    budgetCurrency: "",
    fundRequested: "",
    visibility: "state_and_un",
    actors: [],
  };
}

/** The form of a saved draft. */
export function formOfRequest(r: RequestDetail): RequestForm {
  return {
    organizationId: r.organizationId,
    version: String(r.version),
    title: r.title,
    needsStatement: r.needsStatement,
    objectives: r.objectives,
    priorityRank: r.priorityRank === null ? "" : String(r.priorityRank),
    channelReference: r.channelReference ?? "",
    textLang: r.textLang,
    providerIds: r.providers.map((p) => p.id),
    recommendationIds: r.recommendations.map((x) => x.id).join("\n"),
    pledgeIds: r.pledges.map((p) => p.id),
    treatyArticles: r.treatyArticles.join("\n"),
    themes: r.themes,
    persons: r.persons,
    sdgTargets: r.sdgTargets,
    sdgOther: "",
    iscedLevels: r.iscedLevels,
    modalities: r.modalities,
    continuityNeeds: r.continuityNeeds,
    covidContext: r.covidContext,
    covidPhase: r.covidPhase ?? "",
    timeframeStart: r.timeframeStart ?? "",
    timeframeEnd: r.timeframeEnd ?? "",
    workingLanguages: r.workingLanguages.filter((l) => (UN_LANGUAGE_CODES as readonly string[]).includes(l)),
    languagesOther: r.workingLanguages.filter((l) => !(UN_LANGUAGE_CODES as readonly string[]).includes(l)).join(", "),
    budgetAmount: r.budgetAmount ?? "",
    budgetCurrency: r.budgetCurrency ?? "",
    fundRequested: r.fundRequested ?? "",
    visibility: r.visibility,
    // The State and the request's author always see the names they entered.
    actors: r.nationalActors.map((a) => ({ actorType: a.actorType, involvement: a.involvement, name: a.name ?? "", nameConsented: a.nameConsented })),
  };
}

/** The recommendation ids a page was opened with (?recommendation=a&recommendation=b or comma-separated). */
export function recommendationIdsOf(query: unknown): string[] {
  return fields(query, "recommendation").flatMap((v) => splitList(v, /[\s,]+/));
}
