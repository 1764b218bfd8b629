import type { ViewerScope } from "../domain/access/viewer.js";
import type { Visibility } from "../domain/access/viewer.js";
import type { Db } from "./db.js";
import { visibleTo } from "./visibility-scope.js";

export type AssessmentRow = {
  id: string;
  recommendationId: string;
  assessorType: string;
  organizationId: string;
  organizationName: string;
  status: string;
  evidence: string;
  assessedOn: string;
  textLang: string;
  visibility: Visibility;
  showAuthor: boolean;
  createdAt: Date;
};

const COLUMNS = { visibility: "a.visibility", stateIso3: "a.state_iso3", originator: "a.organization_id" };

export async function insertAssessment(
  db: Db,
  a: Omit<AssessmentRow, "id" | "organizationName" | "createdAt"> & { stateIso3: string; authorUserId: string },
): Promise<{ id: string }> {
  return db
    .insertInto("implementation_assessments")
    .values({
      recommendation_id: a.recommendationId,
      assessor_type: a.assessorType,
      organization_id: a.organizationId,
      author_user_id: a.authorUserId,
      status: a.status,
      evidence: a.evidence,
      assessed_on: a.assessedOn,
      text_lang: a.textLang,
      visibility: a.visibility,
      state_iso3: a.stateIso3,
      show_author: a.showAuthor,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Assessments of one recommendation that the viewer may see, oldest first: filtered in SQL (R31). */
export async function listVisibleAssessments(db: Db, scope: ViewerScope, recommendationId: string): Promise<AssessmentRow[]> {
  const rows = await db
    .selectFrom("implementation_assessments as a")
    .innerJoin("organizations as o", "o.id", "a.organization_id")
    .select([
      "a.id",
      "a.recommendation_id",
      "a.assessor_type",
      "a.organization_id",
      "o.name as organization_name",
      "a.status",
      "a.evidence",
      "a.assessed_on",
      "a.text_lang",
      "a.visibility",
      "a.show_author",
      "a.created_at",
    ])
    .where("a.recommendation_id", "=", recommendationId)
    .where((eb) => visibleTo(eb, scope, COLUMNS))
    .orderBy("a.assessed_on")
    .orderBy("a.created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recommendationId: r.recommendation_id,
    assessorType: r.assessor_type,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    status: r.status,
    evidence: r.evidence,
    assessedOn: r.assessed_on,
    textLang: r.text_lang,
    visibility: r.visibility,
    showAuthor: r.show_author,
    createdAt: r.created_at,
  }));
}
