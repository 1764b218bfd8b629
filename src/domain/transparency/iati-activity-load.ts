import {
  type IatiResultRow,
  type IatiTransactionRow,
  type IatiValueRow,
  listIatiCurrentValueRows,
  listIatiDocumentRows,
  listIatiPartsChangedRows,
  listIatiParticipantRows,
  listIatiResultRows,
  listIatiTransactionRows,
} from "../../store/iati-export-parts-store.js";
import { type IatiActivityRow, type IatiExportFilter, listIatiActivityPage, listValidTermCodes } from "../../store/iati-export-store.js";
import type { Db } from "../../store/db.js";
import { ANONYMOUS, scopeOf } from "../access/viewer.js";
import type { OrganizationType } from "../access/roles.js";
import { iatiOrganisationTypeOf } from "../activities/activity-permissions.js";
import type { IatiActivity, IatiIndicatorValue, IatiOrgRef, IatiResult, IatiTransaction } from "./iati-activity.js";
import { IATI_CHECKED_CODELISTS, type IatiCodelist, type IatiCodes } from "./iati-rules.js";

// Database rows → IatiActivity (docs/iati.md), a page at a time: one query for the activities and one per kind of
// part for the whole page. Only what the anonymous public may see is read: an IATI file is published to everyone.

/** The public's scope: every IATI file is published to everyone (DESIGN.md "Access, consent and publication"). */
export const PUBLIC_SCOPE = scopeOf(ANONYMOUS);

/** An instant as IATI writes it: UTC, whole seconds, "Z". */
export const isoSeconds = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

export type LoadedActivity = { id: string; activity: IatiActivity };

/** One page of publishable activities after identifier `after`, in identifier order. */
export async function loadIatiActivityPage(db: Db, filter: IatiExportFilter, after: string | null, limit: number): Promise<LoadedActivity[]> {
  const rows = await listIatiActivityPage(db, PUBLIC_SCOPE, filter, after, limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [participants, transactions, results, values, documents, changed] = await Promise.all([
    listIatiParticipantRows(db, PUBLIC_SCOPE, ids),
    listIatiTransactionRows(db, ids),
    listIatiResultRows(db, ids),
    listIatiCurrentValueRows(db, ids),
    listIatiDocumentRows(db, ids),
    listIatiPartsChangedRows(db, ids),
  ]);
  const participantsOf = groupBy(participants, (p) => p.activityId);
  const transactionsOf = groupBy(transactions, (t) => t.activityId);
  const documentsOf = groupBy(documents, (d) => d.activityId);
  const resultsOf = groupBy(results, (r) => r.activityId);
  const valuesOf = groupBy(values, (v) => v.indicatorId);
  const partsChanged = new Map(changed.map((c) => [c.activityId, c.changedAt]));
  return rows.map((r) => ({
    id: r.id,
    activity: {
      ...activityFields(r, lastUpdatedOf(r, partsChanged.get(r.id))),
      participants: (participantsOf.get(r.id) ?? []).map((p) => ({ ref: p.iatiRef, type: p.orgType, name: p.name, role: p.role })),
      transactions: (transactionsOf.get(r.id) ?? []).map(toTransaction),
      documents: (documentsOf.get(r.id) ?? []).map((d) => ({
        title: d.title,
        url: d.url,
        category: d.category,
        language: d.language,
        documentDate: d.documentDate,
      })),
      results: toResults(resultsOf.get(r.id) ?? [], valuesOf),
    },
  }));
}

/**
 * The IatiActivity of each given activity the public may see in an IATI file (identifier order); others are left
 * out. For comparisons such as the import's round trip.
 */
export async function loadIatiActivities(db: Db, ids: readonly string[]): Promise<IatiActivity[]> {
  const out: IatiActivity[] = [];
  const PAGE = 1_000;
  for (let after: string | null = null; ; ) {
    const page = await loadIatiActivityPage(db, { ids }, after, PAGE);
    out.push(...page.map((p) => p.activity));
    if (page.length < PAGE) return out;
    after = page[page.length - 1]?.activity.identifier ?? null;
  }
}

/** The codes of the IATI codelists the rules check, valid on `asOf` (YYYY-MM-DD). */
export async function loadIatiCodes(db: Db, asOf: string): Promise<IatiCodes> {
  const rows = await listValidTermCodes(
    db,
    IATI_CHECKED_CODELISTS.map((name) => `iati:${name}`),
    asOf,
  );
  const lists = new Map<string, Set<string>>();
  for (const r of rows) {
    const name = r.taxonomyId.slice("iati:".length);
    const set = lists.get(name) ?? new Set<string>();
    set.add(r.code);
    lists.set(name, set);
  }
  return { has: (list: IatiCodelist, code: string) => lists.get(list)?.has(code) ?? false };
}

/**
 * IATI last-updated (docs/iati.md): an imported activity keeps its publisher's time; otherwise the latest of the
 * row's own update and the creation of its parts, since adding a transaction or a value does not touch updated_at.
 * (store/iati-export-store.ts summarizeIatiExport computes the same in SQL for the file's generated-datetime.)
 */
function lastUpdatedOf(r: IatiActivityRow, partsChanged: Date | undefined): string {
  if (r.iatiLastUpdated) return isoSeconds(r.iatiLastUpdated);
  return isoSeconds(partsChanged && partsChanged > r.updatedAt ? partsChanged : r.updatedAt);
}

function activityFields(r: IatiActivityRow, lastUpdated: string): Omit<IatiActivity, "participants" | "transactions" | "documents" | "results"> {
  return {
    identifier: r.iatiIdentifier,
    lastUpdated,
    lang: r.textLang,
    defaultCurrency: r.defaultCurrency,
    reportingOrg: { ref: r.providerRef, type: iatiOrganisationTypeOf(r.providerOrgType as OrganizationType) ?? null, name: r.providerName },
    title: r.title,
    description: r.description,
    status: r.status,
    plannedStart: r.plannedStart,
    actualStart: r.actualStart,
    plannedEnd: r.plannedEnd,
    actualEnd: r.actualEnd,
    recipientCountryIso2: r.countryIso2 ?? "",
    dacSectors: r.dacSectors,
    sdgTargets: r.sdgTargets,
    themes: r.themes,
    persons: r.persons,
    modalities: r.modalities,
    cooperationType: r.cooperationType,
    fund: r.fund,
    covidContext: r.covidContext,
    covidPhase: r.covidPhase,
    genderMarker: r.genderMarker,
    disabilityMarker: r.disabilityMarker,
    collaborationType: r.collaborationType,
    flowType: r.flowType,
    financeType: r.financeType,
    aidType: r.aidType,
    budgetAmount: r.budgetAmount,
  };
}

const orgOf = (name: string | null, ref: string | null): IatiOrgRef | null => (name || ref ? { ref, type: null, name: name ?? "" } : null);

function toTransaction(t: IatiTransactionRow): IatiTransaction {
  return {
    type: t.transactionType,
    date: t.transactionDate,
    valueDate: t.valueDate ?? t.transactionDate,
    amount: t.amount,
    currency: t.currency,
    description: t.description,
    provider: orgOf(t.providerName, t.providerRef),
    receiver: orgOf(t.receiverName, t.receiverRef),
  };
}

/** Results from their (result, indicator) rows, each indicator with its current values. */
function toResults(rows: IatiResultRow[], valuesOf: Map<string, IatiValueRow[]>): IatiResult[] {
  const results = new Map<string, IatiResult>();
  for (const r of rows) {
    let result = results.get(r.id);
    if (!result) {
      result = { type: r.resultType, title: r.title, description: r.description, indicators: [] };
      results.set(r.id, result);
    }
    const i = r.indicator;
    if (!i) continue;
    result.indicators.push({
      title: i.title,
      measure: i.measure,
      ascending: i.ascending,
      baselineYear: i.baselineYear,
      baselineValue: i.baselineValue,
      targetValue: i.targetValue,
      targetDate: i.targetDate,
      values: (valuesOf.get(i.id) ?? []).map(
        (v): IatiIndicatorValue => ({
          periodStart: v.periodStart,
          periodEnd: v.periodEnd,
          value: v.value,
          sex: v.sex as IatiIndicatorValue["sex"],
          ageBand: v.ageBand,
          disability: v.disability as IatiIndicatorValue["disability"],
          location: v.location,
        }),
      ),
    });
  }
  return [...results.values()];
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
