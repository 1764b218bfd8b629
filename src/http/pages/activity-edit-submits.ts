import type { FastifyRequest } from "fastify";
import { addDocument, addNationalActor, addParticipant } from "../../domain/activities/activity-parts-service.js";
import { linkActivity, updateActivity } from "../../domain/activities/activity-service.js";
import type { ActivityDetail } from "../../domain/activities/activity-views.js";
import { addIndicator, addIndicatorValue, addResult } from "../../domain/activities/results-service.js";
import { addTransaction } from "../../domain/activities/transaction-service.js";
import { AppError } from "../../domain/core/app-error.js";
import type { Db } from "../../store/db.js";
import { fieldList } from "./activity-forms.js";
import { field } from "./render.js";

// What each form of /activities/:id/edit posts to, and how its fields become the service's input (the domain
// schemas accept form strings: comma lists, "yes" checkboxes, empty fields).

export type Body = Record<string, unknown>;
const s = (body: Body, name: string) => field(body, name) ?? "";

/** Form fields → the service input of each form (the domain schemas accept form strings). */
export const SUBMITS: Record<string, (deps: { db: Db; request: FastifyRequest; a: ActivityDetail; body: Body }) => Promise<unknown>> = {
  details: ({ db, request, a, body }) =>
    updateActivity(db, request.viewer, a.id, {
      version: s(body, "version"),
      title: s(body, "title"),
      description: s(body, "description"),
      plannedStart: s(body, "plannedStart"),
      plannedEnd: s(body, "plannedEnd"),
      actualStart: s(body, "actualStart"),
      actualEnd: s(body, "actualEnd"),
      dacSectors: s(body, "dacSectors"),
      sdgTargets: s(body, "sdgTargets"),
      themes: s(body, "themes"),
      modalities: fieldList(body, "modalities"),
      cooperationType: s(body, "cooperationType") as "multilateral",
      genderMarker: s(body, "genderMarker"),
      disabilityMarker: s(body, "disabilityMarker"),
      budgetAmount: s(body, "budgetAmount"),
      defaultCurrency: s(body, "defaultCurrency"),
      fund: s(body, "fund"),
      covidContext: s(body, "covidContext") === "yes",
      covidPhase: s(body, "covidPhase") as "response",
      visibility: s(body, "visibility") as "public",
      textLang: s(body, "textLang"),
    }),
  withholding: ({ db, request, a, body }) =>
    updateActivity(db, request.viewer, a.id, {
      version: s(body, "version"),
      detailsWithheld: s(body, "detailsWithheld") === "yes",
      withheldReason: s(body, "withheldReason"),
    }),
  links: ({ db, request, a, body }) =>
    linkActivity(db, request.viewer, a.id, { requestIds: fieldList(body, "requestIds"), recommendationIds: s(body, "recommendationIds") }),
  participant: ({ db, request, a, body }) =>
    addParticipant(db, request.viewer, a.id, {
      organizationId: s(body, "organizationId"),
      name: s(body, "name"),
      iatiRef: s(body, "iatiRef"),
      orgType: s(body, "orgType") as "10",
      role: s(body, "role"),
    }),
  transaction: ({ db, request, a, body }) =>
    addTransaction(db, request.viewer, a.id, {
      transactionType: s(body, "transactionType"),
      transactionDate: s(body, "transactionDate"),
      amount: s(body, "amount"),
      currency: s(body, "currency"),
      description: s(body, "description"),
      providerName: s(body, "providerName"),
      receiverName: s(body, "receiverName"),
    }),
  result: ({ db, request, a, body }) =>
    addResult(db, request.viewer, a.id, { resultType: s(body, "resultType"), title: s(body, "title"), description: s(body, "description") }),
  indicator: ({ db, request, a, body }) => {
    const resultId = s(body, "resultId");
    if (!a.results.some((r) => r.id === resultId))
      throw new AppError("invalid_input", "The input is not valid", [{ field: "resultId", message: "choose a result of this activity" }]);
    return addIndicator(db, request.viewer, resultId, {
      title: s(body, "title"),
      measure: s(body, "measure"),
      ascending: s(body, "ascending") === "yes",
      baselineYear: s(body, "baselineYear"),
      baselineValue: s(body, "baselineValue"),
      targetValue: s(body, "targetValue"),
      targetDate: s(body, "targetDate"),
    });
  },
  value: ({ db, request, a, body }) => {
    const indicatorId = s(body, "indicatorId");
    if (!a.results.some((r) => r.indicators.some((i) => i.id === indicatorId)))
      throw new AppError("invalid_input", "The input is not valid", [{ field: "indicatorId", message: "choose an indicator of this activity" }]);
    return addIndicatorValue(db, request.viewer, indicatorId, {
      periodStart: s(body, "periodStart"),
      periodEnd: s(body, "periodEnd"),
      value: s(body, "value"),
      sex: s(body, "sex") as "total",
      ageBand: s(body, "ageBand") as "total",
      disability: s(body, "disability") as "total",
      location: s(body, "location") as "total",
    });
  },
  document: ({ db, request, a, body }) =>
    addDocument(db, request.viewer, a.id, {
      title: s(body, "title"),
      url: s(body, "url"),
      category: s(body, "category"),
      language: s(body, "language"),
      documentDate: s(body, "documentDate"),
    }),
  actor: ({ db, request, a, body }) =>
    addNationalActor(db, request.viewer, a.id, {
      actorType: s(body, "actorType") as "cso",
      involvement: s(body, "involvement") as "consultation",
      name: s(body, "name"),
      nameConsented: s(body, "nameConsented") === "yes",
    }),
};

/** Form name → the path under /activities/:id/ it posts to. */
export const ROUTES: Record<string, string> = {
  details: "edit",
  withholding: "withholding",
  links: "links",
  participant: "participants",
  transaction: "transactions",
  result: "results",
  indicator: "indicators",
  value: "values",
  document: "documents",
  actor: "national-actors",
};
