import { z } from "zod";
import { endIatiActivities, startIatiActivities, writeIatiActivity } from "../../exports/iati-activity-xml.js";
import { writeIatiOrganisations } from "../../exports/iati-organisation-xml.js";
import { XmlWriter } from "../../exports/iati-xml-writer.js";
import { countryExists } from "../../store/activity-store.js";
import type { Db } from "../../store/db.js";
import {
  findListedOrganizationBySlug,
  type IatiExportFilter,
  type IatiLeftOutRow,
  listIatiLeftOutRows,
  sumIatiExpenditureByYear,
  summarizeIatiExport,
} from "../../store/iati-export-store.js";
import type { OrganizationType } from "../access/roles.js";
import { iatiOrganisationTypeOf } from "../activities/activity-permissions.js";
import { AppError } from "../core/app-error.js";
import { todayIso } from "../core/dates.js";
import { parseInput } from "../core/validate.js";
import { isoSeconds, loadIatiActivityPage, loadIatiCodes, PUBLIC_SCOPE } from "./iati-activity-load.js";
import type { IatiExpenditure, IatiOrganisation } from "./iati-organisation.js";
import { checkIatiActivity, checkIatiOrganisation } from "./iati-rules.js";

export { loadIatiActivities, loadIatiCodes } from "./iati-activity-load.js";

// The IATI 2.03 publication of technical cooperation (res. 45/32 OP8 "communicate transparently information on the
// technical support offered and provided"; R14; docs/iati.md): the activity file, streamed a page of activities at
// a time so memory stays bounded whatever the size, and the organisation file of a provider. Only what the
// anonymous public may see is published; everything else matching the filters is reported with its reason.

const PAGE_SIZE = 1_000;
/** Text handed to `write` at a time: large enough to keep calls few, small enough to keep memory flat. */
const CHUNK_CHARS = 64 * 1024;

export const IatiExportOptionsSchema = z.object({
  providerSlug: z.string().trim().min(1).max(100).optional(),
  countryIso3: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "must be an ISO 3166-1 alpha-3 code, e.g. SEN")
    .transform((s) => s.toUpperCase())
    .optional(),
});

export type IatiExportOptions = z.input<typeof IatiExportOptionsSchema> & {
  /** Called after each page with how many activities were considered so far and in all. */
  onProgress?: (done: number, total: number) => void;
};

export type IatiExclusion = { id: string; identifier: string | null; reason: string };
export type IatiExportReport = { exported: number; excluded: IatiExclusion[] };
export type IatiWrite = (chunk: string) => void | Promise<void>;

/** Checks the filters before anything is written: an unknown provider or country is a clear invalid_input. */
export async function resolveIatiExportFilter(db: Db, options: IatiExportOptions): Promise<IatiExportFilter> {
  const o = parseInput(IatiExportOptionsSchema, { providerSlug: options.providerSlug, countryIso3: options.countryIso3 });
  const filter: IatiExportFilter = {};
  if (o.providerSlug) {
    const provider = await findListedOrganizationBySlug(db, PUBLIC_SCOPE, o.providerSlug);
    if (!provider)
      throw new AppError("invalid_input", `Unknown provider "${o.providerSlug}": no organization with this slug is listed publicly`, [
        { field: "provider", message: "unknown provider" },
      ]);
    filter.providerId = provider.id;
  }
  if (o.countryIso3) {
    if (!(await countryExists(db, o.countryIso3)))
      throw new AppError("invalid_input", `Unknown country "${o.countryIso3}": not an ISO 3166-1 alpha-3 code of the M49 list`, [
        { field: "country", message: "unknown country code" },
      ]);
    filter.stateIso3 = o.countryIso3;
  }
  return filter;
}

/**
 * Writes the IATI 2.03 activity file of the activities matching `options` to `write`, in chunks, and reports what
 * was published and what was left out and why. The same data always gives the same bytes.
 */
export async function exportIatiActivities(db: Db, options: IatiExportOptions, write: IatiWrite): Promise<IatiExportReport> {
  const filter = await resolveIatiExportFilter(db, options);
  const now = new Date();
  const codes = await loadIatiCodes(db, todayIso(now));
  const summary = await summarizeIatiExport(db, PUBLIC_SCOPE, filter);
  const excluded = (await listIatiLeftOutRows(db, PUBLIC_SCOPE, filter)).map(toExclusion);
  const w = new XmlWriter();
  startIatiActivities(w, summary.latest ? isoSeconds(summary.latest) : null);
  await write(w.take());
  let exported = 0;
  let done = 0;
  for (let after: string | null = null; ; ) {
    const page = await loadIatiActivityPage(db, filter, after, PAGE_SIZE);
    for (const { id, activity } of page) {
      const failures = checkIatiActivity(activity, codes, now);
      if (failures.length > 0) excluded.push({ id, identifier: activity.identifier, reason: failures.map((f) => f.message).join("; ") });
      else {
        writeIatiActivity(w, activity);
        exported++;
      }
      if (w.pending >= CHUNK_CHARS) await write(w.take());
    }
    done += page.length;
    options.onProgress?.(done, summary.count);
    if (page.length < PAGE_SIZE) break;
    after = page[page.length - 1]?.activity.identifier ?? null;
  }
  endIatiActivities(w);
  await write(w.take());
  excluded.sort((a, b) => compareText(a.identifier ?? "", b.identifier ?? "") || compareText(a.id, b.id));
  return { exported, excluded };
}

function toExclusion(r: IatiLeftOutRow): IatiExclusion {
  const reasons: string[] = [];
  if (!r.detailsVisible) reasons.push(r.detailsWithheld ? "details withheld by the State" : "not public");
  if (r.iatiIdentifier === null) reasons.push("no IATI identifier");
  if (r.providerRef === null) reasons.push("the reporting provider has no IATI organisation identifier");
  if (!r.providerListed) reasons.push("the reporting provider is not listed publicly");
  return { id: r.id, identifier: r.iatiIdentifier, reason: reasons.join("; ") };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type IatiOrganisationReport = { identifier: string; expenditureYears: number[]; yearsInSeveralCurrencies: number[] };

/**
 * Writes the IATI 2.03 organisation file of a provider listed publicly that has an IATI organisation identifier:
 * who it is, and its total expenditure per calendar year from its published activities (docs/iati.md).
 */
export async function exportIatiOrganisation(db: Db, slug: string, write: IatiWrite): Promise<IatiOrganisationReport> {
  const org = await buildIatiOrganisation(db, slug, new Date());
  const w = new XmlWriter();
  writeIatiOrganisations(w, org.organisation);
  await write(w.take());
  return {
    identifier: org.organisation.identifier,
    expenditureYears: org.organisation.totalExpenditure.map((e) => Number(e.periodStart.slice(0, 4))),
    yearsInSeveralCurrencies: org.yearsInSeveralCurrencies,
  };
}

async function buildIatiOrganisation(db: Db, slug: string, now: Date): Promise<{ organisation: IatiOrganisation; yearsInSeveralCurrencies: number[] }> {
  const provider = await findListedOrganizationBySlug(db, PUBLIC_SCOPE, slug.trim());
  if (!provider) throw new AppError("not_found", `No provider "${slug}" is listed publicly`);
  if (!provider.iatiRef) throw new AppError("not_found", `${provider.name} has no IATI organisation identifier, so it publishes no IATI organisation file`);
  const today = todayIso(now);
  const [summary, sums] = await Promise.all([
    summarizeIatiExport(db, PUBLIC_SCOPE, { providerId: provider.id }),
    sumIatiExpenditureByYear(db, PUBLIC_SCOPE, provider.id, today),
  ]);
  const byYear = new Map<number, typeof sums>();
  for (const s of sums) byYear.set(s.year, [...(byYear.get(s.year) ?? []), s]);
  const totalExpenditure: IatiExpenditure[] = [];
  const yearsInSeveralCurrencies: number[] = [];
  for (const [year, rows] of byYear) {
    const only = rows.length === 1 ? rows[0] : undefined;
    if (!only) {
      // No exchange rate is applied: a total in one currency is only true when all of it is in that currency.
      yearsInSeveralCurrencies.push(year);
      continue;
    }
    const end = `${year}-12-31` <= today ? `${year}-12-31` : only.lastDate;
    totalExpenditure.push({ periodStart: `${year}-01-01`, periodEnd: end, valueDate: end, amount: only.total, currency: only.currency });
  }
  const currencies = new Set(totalExpenditure.map((e) => e.currency));
  const type = iatiOrganisationTypeOf(provider.orgType as OrganizationType);
  const organisation: IatiOrganisation = {
    identifier: provider.iatiRef,
    lastUpdated: summary.latest ? isoSeconds(summary.latest) : null,
    lang: "en",
    defaultCurrency: currencies.size === 1 ? ([...currencies][0] as string) : null,
    name: provider.name,
    reportingOrg: { ref: provider.iatiRef, type, name: provider.name },
    totalExpenditure,
  };
  const failures = checkIatiOrganisation(organisation, await loadIatiCodes(db, today), now);
  if (failures.length > 0)
    throw new AppError(
      "rule_violation",
      `The IATI organisation file of ${provider.name} would not pass the IATI Rulesets: ${failures.map((f) => f.message).join("; ")}`,
    );
  return { organisation, yearsInSeveralCurrencies };
}
