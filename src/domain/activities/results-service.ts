import { findActivityRow, lockActivity } from "../../store/activity-store.js";
import { findIndicatorOwner, findResultActivityId, insertIndicator, insertIndicatorValue, insertResult } from "../../store/activity-results-store.js";
import type { Db } from "../../store/db.js";
import type { Viewer } from "../access/viewer.js";
import { runAudited } from "../audit/audit-service.js";
import { notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { checkPeriod, Problems } from "./activity-checks.js";
import { requireProvider, requireSignedIn } from "./activity-permissions.js";
import { type IndicatorInput, IndicatorSchema, type IndicatorValueInput, IndicatorValueSchema, type ResultInput, ResultSchema } from "./activity-schemas.js";
import { todayIso } from "./consent-rules.js";

// Results framework of an activity (R5; res. 45/32 OP2 "concrete impact on the ground"): IATI results (output,
// outcome, impact), their indicators (baseline, target) and values per period, disaggregated by sex, age,
// disability and location (R27). Everything is appended; nothing is edited in place or deleted.

const actorOf = (viewer: Viewer, userId: string) => ({ userId, label: viewer.displayName ?? userId });

async function activityForWrite(db: Db, viewer: Viewer, activityId: string) {
  const activity = await findActivityRow(db, activityId);
  if (!activity) throw notFound("Activity", activityId);
  requireProvider(viewer, activity);
  return activity;
}

export async function addResult(db: Db, viewer: Viewer, activityId: string, input: ResultInput): Promise<{ id: string }> {
  const userId = requireSignedIn(viewer);
  const r = parseInput(ResultSchema, input);
  await activityForWrite(db, viewer, activityId);
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    await lockActivity(w.trx, activityId);
    const created = await insertResult(w.trx, { activityId, resultType: r.resultType, title: r.title, description: r.description });
    await w.audit({
      action: "activity.result.add",
      entityType: "activity",
      entityId: activityId,
      details: { resultId: created.id, resultType: r.resultType, title: r.title },
    });
    return created;
  });
}

/** A percentage lies between 0 and 100. */
function checkPercentage(p: Problems, field: string, value: string | null, measure: number): void {
  if (measure === 2 && value !== null && (Number(value) < 0 || Number(value) > 100)) p.add(field, "must be between 0 and 100 for a percentage");
}

export async function addIndicator(db: Db, viewer: Viewer, resultId: string, input: IndicatorInput): Promise<{ id: string }> {
  const userId = requireSignedIn(viewer);
  const i = parseInput(IndicatorSchema, input);
  const activityId = await findResultActivityId(db, resultId);
  if (!activityId) throw notFound("Result", resultId);
  await activityForWrite(db, viewer, activityId);
  const p = new Problems();
  if (i.baselineYear !== null && i.baselineYear > Number(todayIso().slice(0, 4)))
    p.add("baselineYear", "must not be in the future: a baseline is measured before the activity");
  if ((i.baselineValue === null) !== (i.baselineYear === null))
    p.add(i.baselineYear === null ? "baselineYear" : "baselineValue", "give the baseline year and value together");
  checkPercentage(p, "baselineValue", i.baselineValue, i.measure);
  checkPercentage(p, "targetValue", i.targetValue, i.measure);
  if (i.targetValue !== null && i.baselineValue !== null && i.targetValue === i.baselineValue) p.add("targetValue", "must differ from the baseline");
  if (i.targetValue !== null && i.baselineValue !== null && i.targetValue !== i.baselineValue) {
    const up = Number(i.targetValue) > Number(i.baselineValue);
    if (up !== i.ascending)
      p.add(
        "targetValue",
        i.ascending
          ? "must be above the baseline for an indicator where higher is better"
          : "must be below the baseline for an indicator where lower is better",
      );
  }
  p.throwIfAny();
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    await lockActivity(w.trx, activityId);
    const created = await insertIndicator(w.trx, {
      resultId,
      title: i.title,
      measure: i.measure,
      ascending: i.ascending,
      baselineYear: i.baselineYear,
      baselineValue: i.baselineValue,
      targetValue: i.targetValue,
      targetDate: i.targetDate,
    });
    await w.audit({
      action: "activity.indicator.add",
      entityType: "activity",
      entityId: activityId,
      details: { resultId, indicatorId: created.id, title: i.title },
    });
    return created;
  });
}

/** Records a value for a period and breakdown; a second value for the same cell corrects the first (both kept). */
export async function addIndicatorValue(db: Db, viewer: Viewer, indicatorId: string, input: IndicatorValueInput): Promise<{ id: string }> {
  const userId = requireSignedIn(viewer);
  const v = parseInput(IndicatorValueSchema, input);
  const owner = await findIndicatorOwner(db, indicatorId);
  if (!owner) throw notFound("Indicator", indicatorId);
  await activityForWrite(db, viewer, owner.activityId);
  const p = new Problems();
  checkPeriod(p, v.periodStart, v.periodEnd, { start: "periodStart", end: "periodEnd" }, false);
  if (v.periodStart > todayIso()) p.add("periodStart", "must not be in the future: a value is measured, not planned");
  checkPercentage(p, "value", v.value, owner.measure);
  p.throwIfAny();
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    await lockActivity(w.trx, owner.activityId);
    const created = await insertIndicatorValue(w.trx, {
      indicatorId,
      periodStart: v.periodStart,
      periodEnd: v.periodEnd,
      value: v.value,
      sex: v.sex,
      ageBand: v.ageBand,
      disability: v.disability,
      location: v.location,
    });
    await w.audit({
      action: "activity.indicator_value.add",
      entityType: "activity",
      entityId: owner.activityId,
      details: {
        indicatorId,
        valueId: created.id,
        period: [v.periodStart, v.periodEnd],
        value: v.value,
        sex: v.sex,
        ageBand: v.ageBand,
        disability: v.disability,
        location: v.location,
      },
    });
    return created;
  });
}
