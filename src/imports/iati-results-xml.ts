import type { IatiIndicator, IatiIndicatorValue, IatiResult } from "../domain/transparency/iati-activity.js";
import type { IatiXmlElement } from "./iati-activity-reader.js";
import { attr, type ElementReader, kid, kids } from "./iati-xml-context.js";

// An activity's results (IATI 2.03 result / indicator / baseline / period / target / actual), as docs/iati.md maps
// them: one indicator target (the total target of its last period that has one, dated by that period's end) and
// one value per actual, with its R27 breakdown (dimension sex / age / disability / location).

const DIMENSIONS = { sex: "sex", age: "ageBand", disability: "disability", location: "location" } as const;

export function readResult(ctx: ElementReader, r: IatiXmlElement): IatiResult {
  const type = attr(r, "type") ?? "";
  ctx.code("iati:ResultType", type, r.line, "result/@type");
  return {
    type: Number(type),
    title: ctx.narrative(kid(r, "title")),
    description: ctx.narrative(kid(r, "description")),
    indicators: kids(r, "indicator").map((i) => readIndicator(ctx, i)),
  };
}

function readIndicator(ctx: ElementReader, i: IatiXmlElement): IatiIndicator {
  const measure = attr(i, "measure") ?? "1";
  ctx.code("iati:IndicatorMeasure", measure, i.line, "indicator/@measure");
  const ascending = attr(i, "ascending");
  // IATI 2.03: several baselines may be given, broken down by dimension; the total one is Passerelle's baseline.
  const baseline = kids(i, "baseline").find((b) => kids(b, "dimension").length === 0);
  const baselineYear = attr(baseline, "year");
  if (baseline && baselineYear !== null && !/^\d{4}$/.test(baselineYear)) ctx.problem(baseline.line, `baseline/@year "${baselineYear}" is not a year`);
  const values: IatiIndicatorValue[] = [];
  let target: { value: string; date: string } | null = null;
  for (const p of kids(i, "period")) {
    const start = ctx.date(kid(p, "period-start"), "iso-date");
    const end = ctx.date(kid(p, "period-end"), "iso-date");
    if (!start || !end) {
      if (!kid(p, "period-start") || !kid(p, "period-end")) ctx.problem(p.line, "an indicator period has no start or no end");
      continue;
    }
    if (end < start) {
      ctx.notes.push(`indicator period left out: it ends (${end}) before it starts (${start}) (line ${p.line})`);
      continue;
    }
    // The indicator's target is the total (no dimension) target of its last period that has one.
    for (const t of kids(p, "target")) {
      const value = ctx.decimal(t, "value");
      if (value !== null && kids(t, "dimension").length === 0 && (!target || end >= target.date)) target = { value, date: end };
    }
    for (const actual of kids(p, "actual")) {
      const value = ctx.decimal(actual, "value");
      if (value !== null) values.push({ periodStart: start, periodEnd: end, value, ...readDimensions(ctx, actual) });
    }
  }
  return {
    title: ctx.narrative(kid(i, "title")),
    measure: Number(measure),
    ascending: !(ascending === "0" || ascending === "false"),
    baselineYear: baselineYear !== null && /^\d{4}$/.test(baselineYear) ? Number(baselineYear) : null,
    baselineValue: baseline ? ctx.decimal(baseline, "value") : null,
    targetValue: target?.value ?? null,
    targetDate: target?.date ?? null,
    values,
  };
}

/** R27 breakdowns: dimension sex / age / disability / location, with Passerelle's codes; "total" when absent. */
function readDimensions(ctx: ElementReader, actual: IatiXmlElement): Pick<IatiIndicatorValue, "sex" | "ageBand" | "disability" | "location"> {
  const out = { sex: "total", ageBand: "total", disability: "total", location: "total" } as Record<(typeof DIMENSIONS)[keyof typeof DIMENSIONS], string>;
  for (const d of kids(actual, "dimension")) {
    const name = attr(d, "name")?.toLowerCase() ?? "";
    const field = DIMENSIONS[name as keyof typeof DIMENSIONS];
    const value = attr(d, "value") ?? "";
    if (!field) {
      ctx.problem(d.line, `indicator dimension "${name}" is not one Passerelle records (sex, age, disability, location)`);
      continue;
    }
    ctx.code(`dimension:${name}`, value, d.line, `dimension ${name}`);
    out[field] = value;
  }
  return out as Pick<IatiIndicatorValue, "sex" | "ageBand" | "disability" | "location">;
}
