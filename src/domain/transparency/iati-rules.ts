import { iatiBudgets, indicatorPeriods, isAtMostOneYear, sectorPercentages, distinct } from "../../exports/iati-activity-parts.js";
import { todayIso } from "../core/dates.js";
import type { IatiActivity } from "./iati-activity.js";
import type { IatiOrganisation } from "./iati-organisation.js";

// The IATI Rulesets 2.03 checks that apply to what the export writes (resources/iati/rulesets/standard.json;
// docs/iati.md "Rules"), plus the schema constraints the XML writer cannot guarantee by itself (dates, decimals,
// required attributes). Pure: the codes an activity uses are checked against the codelists the caller loaded from
// the database. An activity that fails any check is left out of the file and reported with these messages.

/** The IATI codelists (taxonomies 'iati:<Name>') the export checks codes against. */
export const IATI_CHECKED_CODELISTS = [
  "ActivityStatus",
  "Language",
  "Currency",
  "OrganisationType",
  "OrganisationRole",
  "Country",
  "Sector",
  "UNSDG-Targets",
  "PolicyMarker",
  "PolicySignificance",
  "CollaborationType",
  "FlowType",
  "FinanceType",
  "AidType",
  "TransactionType",
  "DocumentCategory",
  "ResultType",
  "IndicatorMeasure",
  "BudgetType",
  "BudgetStatus",
] as const;
export type IatiCodelist = (typeof IATI_CHECKED_CODELISTS)[number];

/** Which codes each codelist holds (valid on the day of the export). */
export type IatiCodes = { has(list: IatiCodelist, code: string): boolean };

export type IatiRuleFailure = { rule: string; message: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const AMOUNT = /^\d+(\.\d{1,2})?$/;
const XSD_LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const IDENTIFIER_FORBIDDEN = /[/&|?]/;
// org-id.guide identifiers: a list prefix (two letters, a hyphen, a list code) then the identifier in that list.
const ORG_ID_SHAPE = /^[A-Z]{2}-[A-Z0-9]+-\S+$/;

/** A real calendar date written YYYY-MM-DD (xsd:date as IATI uses it), checked without building a Date. */
export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

const isBlank = (text: string | null | undefined) => !text || text.trim() === "";

class Failures {
  readonly list: IatiRuleFailure[] = [];
  constructor(private readonly codes: IatiCodes) {}
  add(rule: string, message: string): void {
    this.list.push({ rule, message });
  }
  code(list: IatiCodelist, code: string | number | null | undefined, what: string): void {
    if (code === null || code === undefined) return;
    if (!this.codes.has(list, String(code))) this.add("codelist", `${what} "${code}" is not in the IATI ${list} codelist`);
  }
  date(value: string | null, what: string): boolean {
    if (value === null) return false;
    if (isIsoDate(value)) return true;
    this.add("schema", `${what} "${value}" is not a date (YYYY-MM-DD)`);
    return false;
  }
  notFuture(rule: string, value: string | null, today: string, what: string): void {
    if (this.date(value, what) && (value as string) > today) this.add(rule, `Rulesets ${rule}: ${what} ${value} is in the future`);
  }
  ordered(rule: string, start: string | null, end: string | null, what: string): void {
    if (isIsoDate(start) && isIsoDate(end) && end < start) this.add(rule, `Rulesets ${rule}: ${what} ${end} is before its start ${start}`);
  }
  value(rule: string, value: string | null, what: string): void {
    if (value === null || value.trim() === "") this.add(rule, `Rulesets ${rule}: ${what} has no value`);
    else if (!DECIMAL.test(value)) this.add(rule, `Rulesets ${rule}: ${what} "${value}" is not a number`);
  }
}

/** Every applicable check an activity fails; empty when it may be published. */
export function checkIatiActivity(a: IatiActivity, codes: IatiCodes, now: Date): IatiRuleFailure[] {
  const f = new Failures(codes);
  const today = todayIso(now);
  checkIdentity(f, a, now);
  checkDates(f, a, today);
  checkClassifications(f, a);
  checkBudget(f, a);
  for (const [i, t] of a.transactions.entries()) {
    const what = `transaction ${i + 1}`;
    f.code("TransactionType", t.type, `${what}: type`);
    f.code("Currency", t.currency, `${what}: currency`);
    f.notFuture("11.2.1", t.date, today, `${what}: date`);
    f.notFuture("11.2.2", t.valueDate, today, `${what}: value date`);
    if (!AMOUNT.test(t.amount)) f.add("schema", `${what}: amount "${t.amount}" is not an amount with at most two decimals`);
  }
  for (const [i, d] of a.documents.entries()) {
    const what = `document ${i + 1}`;
    if (isBlank(d.title)) f.add("4.3.1", `Rulesets 4.3.1: ${what} has an empty title`);
    if (isBlank(d.url)) f.add("schema", `${what} has no URL`);
    f.code("DocumentCategory", d.category, `${what}: category`);
    if (d.language) f.code("Language", d.language, `${what}: language`);
    f.date(d.documentDate, `${what}: date`);
  }
  checkResults(f, a);
  return f.list;
}

function checkIdentity(f: Failures, a: IatiActivity, now: Date): void {
  const ref = a.reportingOrg.ref;
  const id = a.identifier;
  if (isBlank(ref) || ref !== ref.trim()) f.add("1.14.1", `Rulesets 1.14.1: the reporting organisation identifier "${ref}" is empty or has spaces around it`);
  if (id !== id.trim() || id === "") f.add("1.3.1", `Rulesets 1.3.1: the identifier "${id}" is empty or has spaces around it`);
  if (id === ref) f.add("1.1.3", `Rulesets 1.1.3: the identifier ${id} is the reporting organisation's own identifier`);
  else if (!id.startsWith(`${ref}-`))
    f.add("1.1.21", `Rulesets 1.1.21: the identifier ${id} does not start with the reporting organisation's identifier ${ref}-`);
  if (IDENTIFIER_FORBIDDEN.test(id)) f.add("1.3.13", `Rulesets 1.3.13: the identifier ${id} contains /, &, | or ?`);
  if (!a.reportingOrg.type) f.add("schema", "the reporting organisation has no IATI organisation type");
  f.code("OrganisationType", a.reportingOrg.type, "reporting organisation type");
  if (isBlank(a.title)) f.add("4.3.1", "Rulesets 4.3.1: the title is empty");
  if (isBlank(a.description)) f.add("4.4.1", "Rulesets 4.4.1: no description (IATI 2.03 requires one with text)");
  if (!DATETIME.test(a.lastUpdated) || Number.isNaN(Date.parse(a.lastUpdated)))
    f.add("schema", `last-updated "${a.lastUpdated}" is not a UTC date and time (YYYY-MM-DDThh:mm:ssZ)`);
  else if (Date.parse(a.lastUpdated) > now.getTime()) f.add("11.1.1", `Rulesets 11.1.1: last updated ${a.lastUpdated} is in the future`);
  if (!XSD_LANGUAGE.test(a.lang)) f.add("schema", `the language "${a.lang}" is not a language code`);
  else f.code("Language", a.lang, "language");
  f.code("Currency", a.defaultCurrency, "default currency");
  if (a.participants.length === 0) f.add("schema", "no participating organisation (IATI requires at least one)");
  for (const [i, p] of a.participants.entries()) {
    if (isBlank(p.ref) && isBlank(p.name)) f.add("6.10.1", `Rulesets 6.10.1: participating organisation ${i + 1} has neither an identifier nor a name`);
    f.code("OrganisationRole", p.role, `participating organisation ${i + 1}: role`);
    f.code("OrganisationType", p.type, `participating organisation ${i + 1}: type`);
  }
}

function checkDates(f: Failures, a: IatiActivity, today: string): void {
  const planned = [f.date(a.plannedStart, "planned start"), f.date(a.plannedEnd, "planned end")];
  if (!a.plannedStart && !a.actualStart) f.add("6.11.1", "Rulesets 6.11.1: the activity has neither a planned nor an actual start date");
  if (planned.every(Boolean)) f.ordered("11.1.2", a.plannedStart, a.plannedEnd, "the planned end");
  f.notFuture("11.1.4", a.actualStart, today, "the actual start");
  f.notFuture("11.1.5", a.actualEnd, today, "the actual end");
  f.ordered("11.1.3", a.actualStart, a.actualEnd, "the actual end");
  f.code("ActivityStatus", a.status, "activity status");
}

function checkClassifications(f: Failures, a: IatiActivity): void {
  f.code("Country", a.recipientCountryIso2 || "(none)", "recipient country");
  const sectors = distinct(a.dacSectors);
  if (sectors.length === 0) f.add("6.2.2", "Rulesets 6.2.2: no DAC sector");
  for (const code of sectors) f.code("Sector", code, "DAC sector");
  const hundredths = sectorPercentages(sectors.length).reduce((sum, p) => sum + Math.round(Number(p) * 100), 0);
  if (sectors.length > 0 && hundredths !== 10_000) f.add("2.1.2", `Rulesets 2.1.2: sector percentages add up to ${hundredths / 100}, not 100`);
  for (const code of distinct(a.sdgTargets)) f.code("UNSDG-Targets", code, "SDG target");
  if (a.genderMarker !== null) {
    f.code("PolicyMarker", "1", "policy marker");
    f.code("PolicySignificance", a.genderMarker, "gender equality marker");
  }
  if (a.disabilityMarker !== null) {
    f.code("PolicyMarker", "11", "policy marker");
    f.code("PolicySignificance", a.disabilityMarker, "disability marker");
  }
  f.code("CollaborationType", a.collaborationType, "collaboration type");
  f.code("FlowType", a.flowType, "flow type");
  f.code("FinanceType", a.financeType, "finance type");
  f.code("AidType", a.aidType, "aid type");
}

function checkBudget(f: Failures, a: IatiActivity): void {
  if (a.budgetAmount === null) return;
  if (!AMOUNT.test(a.budgetAmount)) {
    f.add("schema", `the budget "${a.budgetAmount}" is not an amount with at most two decimals`);
    return;
  }
  const dates = [a.plannedStart ?? a.actualStart, a.plannedEnd ?? a.actualEnd];
  if (!dates.every(isIsoDate)) return;
  const budgets = iatiBudgets(a);
  f.code("BudgetType", 1, "budget type");
  f.code("BudgetStatus", 1, "budget status");
  let previousEnd = "";
  for (const b of budgets) {
    f.ordered("8.6.3", b.periodStart, b.periodEnd, "a budget period's end");
    if (!isAtMostOneYear(b.periodStart, b.periodEnd)) f.add("7.5.3", `Rulesets 7.5.3: the budget period ${b.periodStart}–${b.periodEnd} is longer than a year`);
    if (b.periodStart <= previousEnd) f.add("8.6.3", `Rulesets 8.6.3: the budget period starting ${b.periodStart} overlaps the one before`);
    previousEnd = b.periodEnd;
  }
}

function checkResults(f: Failures, a: IatiActivity): void {
  for (const [i, r] of a.results.entries()) {
    const what = `result ${i + 1}`;
    f.code("ResultType", r.type, `${what}: type`);
    if (isBlank(r.title)) f.add("4.3.1", `Rulesets 4.3.1: ${what} has an empty title`);
    for (const [j, ind] of r.indicators.entries()) {
      const where = `${what}, indicator ${j + 1}`;
      f.code("IndicatorMeasure", ind.measure, `${where}: measure`);
      if (isBlank(ind.title)) f.add("4.3.1", `Rulesets 4.3.1: ${where} has an empty title`);
      if (ind.baselineYear !== null && ind.baselineValue !== null) {
        if (!Number.isInteger(ind.baselineYear) || ind.baselineYear < 1) f.add("schema", `${where}: the baseline year ${ind.baselineYear} is not a year`);
        f.value("8.8.1", ind.baselineValue, `${where}: the baseline`);
      }
      const dated = [ind.targetDate, ...ind.values.flatMap((v) => [v.periodStart, v.periodEnd])].every((d) => d === null || f.date(d, `${where}: a date`));
      if (!dated) continue;
      for (const p of indicatorPeriods(a, ind)) {
        f.ordered("8.6.1", p.start, p.end, `${where}: the period end`);
        if (p.target !== null) f.value("8.9.1", p.target, `${where}: the target`);
        for (const v of p.actuals) f.value("8.10.1", v.value, `${where}: an actual`);
      }
    }
  }
}

/** Every applicable check an organisation record fails (Rulesets 1.18.8 in shape only: the prefix list is not shipped). */
export function checkIatiOrganisation(o: IatiOrganisation, codes: IatiCodes, now: Date): IatiRuleFailure[] {
  const f = new Failures(codes);
  for (const [rule, value, what] of [
    ["1.12", o.identifier, "organisation identifier"],
    ["1.18", o.reportingOrg.ref, "reporting organisation identifier"],
  ] as const) {
    if (value !== value.trim() || value === "") f.add(`${rule}.1`, `Rulesets ${rule}.1: the ${what} "${value}" is empty or has spaces around it`);
    if (IDENTIFIER_FORBIDDEN.test(value)) f.add(`${rule}.13`, `Rulesets ${rule}.13: the ${what} ${value} contains /, &, | or ?`);
  }
  if (!ORG_ID_SHAPE.test(o.reportingOrg.ref))
    f.add(
      "1.18.8",
      `Rulesets 1.18.8: the reporting organisation identifier ${o.reportingOrg.ref} does not start with an org-id.guide list prefix (e.g. XM-DAC-)`,
    );
  f.code("OrganisationType", o.reportingOrg.type, "reporting organisation type");
  if (isBlank(o.name)) f.add("schema", "the organisation has no name");
  if (o.lastUpdated !== null && Date.parse(o.lastUpdated) > now.getTime()) f.add("11.4.1", `Rulesets 11.4.1: last updated ${o.lastUpdated} is in the future`);
  f.code("Language", o.lang, "language");
  for (const e of o.totalExpenditure) {
    f.ordered("8.6.3", e.periodStart, e.periodEnd, "an expenditure period's end");
    if (!isAtMostOneYear(e.periodStart, e.periodEnd))
      f.add("7.5.3", `Rulesets 7.5.3: the expenditure period ${e.periodStart}–${e.periodEnd} is longer than a year`);
    f.code("Currency", e.currency, "expenditure currency");
    if (!DECIMAL.test(e.amount)) f.add("schema", `expenditure "${e.amount}" is not a number`);
  }
  return f.list;
}
