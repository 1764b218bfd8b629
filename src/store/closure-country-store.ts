import { type Expression, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import { activityDetailsVisibleTo, requestVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import type { ComparableStatus } from "./schema-education.js";

// Reads for one State's education page (R11, R25; res. 45/32 PP9–PP11, OP7): its school-closure periods per source
// release, and the recommendations, assistance requests and activities on education — theme E5 (UHRI "Right to
// education"), an SDG 4 target, or (requests) a learning-continuity need. Requests and activities are filtered in SQL
// with the cooperation visibility rules; hidden activities come back only as counts per disclosure unit.

/** SDG 4 targets (UN global indicator framework). */
export const SDG4_TARGETS = ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.a", "4.b", "4.c"] as const;
export const EDUCATION_THEME = "E5";

const sdg4 = sql`${[...SDG4_TARGETS]}::text[]`;

export type ClosurePeriodRow = {
  releaseId: number;
  firstDay: string;
  lastDay: string;
  status: number;
  comparable: ComparableStatus | null;
  flag: number | null;
  note: string | null;
};

/** The State's national, all-levels periods of every release, in release and date order. */
export async function listCountryClosurePeriodRows(db: Db, iso3: string): Promise<ClosurePeriodRow[]> {
  const rows = await db
    .selectFrom("closure_periods as p")
    .innerJoin("closure_releases as r", "r.id", "p.release_id")
    .innerJoin("closure_statuses as s", (j) => j.onRef("s.scale", "=", "r.scale").onRef("s.code", "=", "p.status"))
    .leftJoin("closure_notes as n", "n.id", "p.note_id")
    .select(["p.release_id", "p.first_day", "p.last_day", "p.status", "s.comparable", "p.c1_flag", "n.text as note"])
    .where("p.iso3", "=", iso3)
    .where("p.unit", "=", "")
    .where("p.isced", "=", "")
    .orderBy("p.release_id")
    .orderBy("p.first_day")
    .execute();
  return rows.map((r) => ({
    releaseId: r.release_id,
    firstDay: r.first_day,
    lastDay: r.last_day,
    status: r.status,
    comparable: r.comparable,
    flag: r.c1_flag,
    note: r.note,
  }));
}

const educationRecommendation = sql<boolean>`(${EDUCATION_THEME} = ANY(theme_codes) OR 4 = ANY(sdg_goals) OR sdg_targets && ${sdg4})`;

/** The State's education recommendations by cycle and position (mechanism outputs are public: no visibility). */
export async function countEducationRecommendationRows(db: Db, iso3: string): Promise<{ cycle: number | null; position: string; n: number }[]> {
  const { rows } = await sql<{ cycle: number | null; position: string; n: number }>`
    SELECT cycle, position, count(*)::int AS n FROM recommendations
     WHERE state_iso3 = ${iso3} AND ${educationRecommendation}
     GROUP BY cycle, position ORDER BY cycle NULLS LAST, position`.execute(db);
  return rows.map((r) => ({ cycle: r.cycle, position: r.position, n: r.n }));
}

/** How many of the State's recommendations name each SDG 4 target. */
export async function countRecommendationsBySdg4Target(db: Db, iso3: string): Promise<{ target: string; n: number }[]> {
  const { rows } = await sql<{ target: string; n: number }>`
    SELECT t AS target, count(*)::int AS n FROM recommendations, unnest(sdg_targets) AS t
     WHERE state_iso3 = ${iso3} AND t = ANY(${sdg4}) GROUP BY t`.execute(db);
  return rows.map((r) => ({ target: r.target, n: r.n }));
}

export type EducationRequestRow = {
  id: string;
  reference: string | null;
  title: string;
  status: string;
  themes: string[];
  sdgTargets: string[];
  continuityNeeds: string[];
  submittedAt: Date | null;
};

/** The State's assistance requests on education that the viewer may see, newest first. */
export async function listEducationRequestRows(db: Db, scope: ViewerScope, iso3: string): Promise<EducationRequestRow[]> {
  const education: Expression<SqlBool> = sql<boolean>`(${EDUCATION_THEME} = ANY(r.themes) OR r.sdg_targets && ${sdg4} OR cardinality(r.continuity_needs) > 0)`;
  const { rows } = await sql<{
    id: string;
    reference: string | null;
    title: string;
    status: string;
    themes: string[];
    sdg_targets: string[];
    continuity_needs: string[];
    submitted_at: Date | null;
  }>`
    SELECT r.id, r.reference, r.title, r.status, r.themes, r.sdg_targets, r.continuity_needs, r.submitted_at
      FROM assistance_requests r
     WHERE r.state_iso3 = ${iso3} AND ${education} AND ${requestVisibleTo(scope, "r")}
     ORDER BY r.submitted_at DESC NULLS FIRST, r.created_at DESC, r.id`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    status: r.status,
    themes: r.themes,
    sdgTargets: r.sdg_targets,
    continuityNeeds: r.continuity_needs,
    submittedAt: r.submitted_at,
  }));
}

const educationActivity = sql<boolean>`(${EDUCATION_THEME} = ANY(a.themes) OR a.sdg_targets && ${sdg4})`;

export type EducationActivityRow = {
  id: string;
  title: string;
  status: number;
  providerSlug: string;
  providerName: string;
  themes: string[];
  sdgTargets: string[];
  start: string | null;
  end: string | null;
};

/** The State's activities on education whose details the viewer may see, latest start first. */
export async function listEducationActivityRows(db: Db, scope: ViewerScope, iso3: string): Promise<EducationActivityRow[]> {
  const { rows } = await sql<{
    id: string;
    title: string;
    status: number;
    slug: string;
    name: string;
    themes: string[];
    sdg_targets: string[];
    start: string | null;
    end: string | null;
  }>`
    SELECT a.id, a.title, a.status, o.slug, o.name, a.themes, a.sdg_targets,
           coalesce(a.actual_start, a.planned_start) AS start, coalesce(a.actual_end, a.planned_end) AS end
      FROM activities a JOIN organizations o ON o.id = a.organization_id
     WHERE a.state_iso3 = ${iso3} AND ${educationActivity} AND ${activityDetailsVisibleTo(scope, "a")}
     ORDER BY coalesce(a.actual_start, a.planned_start) DESC NULLS LAST, a.created_at DESC, a.id`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    providerSlug: r.slug,
    providerName: r.name,
    themes: r.themes,
    sdgTargets: r.sdg_targets,
    start: r.start,
    end: r.end,
  }));
}

/**
 * The State's education activities counted per (cell, disclosure unit): cell '' is all of them, otherwise an SDG 4
 * target. Unit 'visible' when the viewer may see the details, else the disclosure group the domain assigned; an
 * activity in no group counts nowhere (domain/transparency/disclosure.ts).
 */
export async function countEducationActivityParts(
  db: Db,
  scope: ViewerScope,
  iso3: string,
  units: { ids: readonly string[]; keys: readonly string[] },
): Promise<{ cell: string; unit: string; activities: number }[]> {
  const { rows } = await sql<{ cell: string; unit: string; activities: number }>`
    WITH b AS (
      SELECT a.id, a.sdg_targets, CASE WHEN ${activityDetailsVisibleTo(scope, "a")} THEN 'visible' ELSE um.unit END AS unit
        FROM activities a
        LEFT JOIN unnest(${[...units.ids]}::uuid[], ${[...units.keys]}::text[]) AS um(activity_id, unit) ON um.activity_id = a.id
       WHERE a.state_iso3 = ${iso3} AND ${educationActivity})
    SELECT ''::text AS cell, unit, count(*)::int AS activities FROM b WHERE unit IS NOT NULL GROUP BY unit
    UNION ALL
    SELECT t AS cell, unit, count(*)::int AS activities FROM b, unnest(b.sdg_targets) AS t
     WHERE unit IS NOT NULL AND t = ANY(${sdg4}) GROUP BY t, unit
    ORDER BY cell, unit`.execute(db);
  return rows.map((r) => ({ cell: r.cell, unit: r.unit, activities: r.activities }));
}
