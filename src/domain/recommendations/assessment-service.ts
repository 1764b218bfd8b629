import { z } from "zod";
import { insertAssessment, listVisibleAssessments } from "../../store/assessment-store.js";
import type { Db } from "../../store/db.js";
import { findRecommendationRow } from "../../store/recommendation-read-store.js";
import type { Role } from "../access/roles.js";
import { type Membership, scopeOf, type Viewer, VisibilitySchema } from "../access/viewer.js";
import { runAudited } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { type AssessorType, AssessorTypeSchema, ImplementationStatusSchema } from "./recommendation-schemas.js";

// Implementation assessments (R15): each source speaks for itself — the State (self-assessment), the NHRI, civil
// society, OHCHR — and the platform never merges them into one "truth".

export const NewAssessmentSchema = z.object({
  organizationId: z.uuid("choose the organization you assess for"),
  status: ImplementationStatusSchema,
  evidence: z.string().trim().min(10, "must be at least 10 characters").max(5000, "must be at most 5,000 characters"),
  assessedOn: z.iso.date("must be a date (YYYY-MM-DD)"),
  textLang: z.enum(["ar", "en", "es", "fr", "ru", "zh"]).default("en"),
  visibility: VisibilitySchema.default("public"),
  showAuthor: z.boolean().default(false),
});
export type NewAssessment = z.input<typeof NewAssessmentSchema>;

/** Which kind of assessor a membership makes its holder for a recommendation addressed to `stateIso3`. */
export function assessorTypeOf(m: Membership, stateIso3: string): AssessorType | null {
  const byRole: Partial<Record<Role, AssessorType>> = { state_focal_point: "state", nmirf: "state", nhri: "nhri", cso: "cso", ohchr_officer: "ohchr" };
  const type = byRole[m.role];
  if (!type) return null;
  // A State assesses only its own recommendations; an NHRI only those of its country. CSOs may be international.
  if ((type === "state" || type === "nhri") && m.countryIso3 !== stateIso3) return null;
  return type;
}

/** The memberships through which the viewer may assess this recommendation (empty: the form is not offered). */
export function assessingMemberships(viewer: Viewer, stateIso3: string): (Membership & { assessorType: AssessorType })[] {
  return viewer.memberships.flatMap((m) => {
    const t = assessorTypeOf(m, stateIso3);
    return t ? [{ ...m, assessorType: t }] : [];
  });
}

export async function recordAssessment(db: Db, viewer: Viewer, recommendationId: string, input: NewAssessment): Promise<{ id: string }> {
  if (!viewer.userId) throw new AppError("unauthenticated", "Sign in to record an assessment");
  const a = parseInput(NewAssessmentSchema, input);
  const recommendation = await findRecommendationRow(db, recommendationId);
  if (!recommendation) throw notFound("Recommendation", recommendationId);
  const membership = assessingMemberships(viewer, recommendation.stateIso3).find((m) => m.organizationId === a.organizationId);
  if (!membership) {
    throw new AppError("forbidden", "Your roles do not allow you to assess this recommendation for that organization", [
      { field: "organizationId", message: "not allowed" },
    ]);
  }
  if (a.assessedOn > new Date().toISOString().slice(0, 10)) {
    throw new AppError("invalid_input", "The assessment date is in the future", [{ field: "assessedOn", message: "must not be in the future" }]);
  }
  const assessorType = AssessorTypeSchema.parse(membership.assessorType);
  // States and OHCHR speak publicly in their own name; the author-identity choice is for NHRIs and civil society.
  const showAuthor = assessorType === "state" || assessorType === "ohchr" ? true : a.showAuthor;
  const userId = viewer.userId;
  return runAudited(db, { userId, label: viewer.displayName ?? userId }, async (w) => {
    const created = await insertAssessment(w.trx, {
      recommendationId,
      assessorType,
      organizationId: a.organizationId,
      authorUserId: userId,
      status: a.status,
      evidence: a.evidence,
      assessedOn: a.assessedOn,
      textLang: a.textLang,
      visibility: a.visibility,
      showAuthor,
      stateIso3: recommendation.stateIso3,
    });
    await w.audit({
      action: "assessment.create",
      entityType: "recommendation",
      entityId: recommendationId,
      details: { assessmentId: created.id, assessorType, status: a.status, visibility: a.visibility },
    });
    return created;
  });
}

export type AssessmentView = {
  id: string;
  assessorType: AssessorType;
  /** The author organization's name, or null when withheld from this viewer (R31). */
  organizationName: string | null;
  status: string;
  evidence: string;
  assessedOn: string;
  textLang: string;
  visibility: string;
};

/**
 * Assessments the viewer may read. The author's identity is shown when the author chose so, to the author's own
 * organization, and to UN staff; never to the State otherwise (reprisal risk, R31).
 */
export async function listAssessments(db: Db, viewer: Viewer, recommendationId: string): Promise<AssessmentView[]> {
  const scope = scopeOf(viewer);
  const rows = await listVisibleAssessments(db, scope, recommendationId);
  return rows.map((r) => ({
    id: r.id,
    assessorType: AssessorTypeSchema.parse(r.assessorType),
    organizationName: r.showAuthor || scope.isUn || scope.organizationIds.includes(r.organizationId) ? r.organizationName : null,
    status: r.status,
    evidence: r.evidence,
    assessedOn: r.assessedOn,
    textLang: r.textLang,
    visibility: r.visibility,
  }));
}
