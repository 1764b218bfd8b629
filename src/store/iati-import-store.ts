import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { IatiActivity, IatiDocument, IatiIndicator, IatiResult, IatiTransaction } from "../domain/transparency/iati-activity.js";
import { chunks } from "./chunks.js";
import type { Db } from "./db.js";
import type { IatiImportOutcome } from "./schema-cooperation.js";

// Reads and writes of the IATI import (R34 provenance): the reference codes it checks against, the stored state of
// the identifiers a file carries, the organizations it matches by IATI identifier, and the activities it creates
// or replaces. An imported activity's IATI parts (participants, transactions, documents, results) are the file's:
// an update replaces them; what Passerelle adds around it (consent, links, national actors) is kept.

export type StoredImportedActivity = { id: string; source: "passerelle" | "iati_import"; iatiLastUpdated: string | null; status: number };

const utcSeconds = (d: Date | null) => (d ? `${d.toISOString().slice(0, 19)}Z` : null);

/** Every code of each taxonomy, whatever its validity dates: a file may rightly use a code since withdrawn. */
export async function loadTaxonomyCodes(db: Db, taxonomyIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const rows = await db
    .selectFrom("taxonomy_terms")
    .select(["taxonomy_id", "code"])
    .where("taxonomy_id", "in", [...taxonomyIds])
    .execute();
  const out = new Map<string, Set<string>>(taxonomyIds.map((id) => [id, new Set<string>()]));
  for (const r of rows) out.get(r.taxonomy_id)?.add(r.code);
  for (const [id, codes] of out) if (codes.size === 0) out.delete(id);
  return out;
}

/** ISO 3166-1 alpha-2 → the State's alpha-3 (IATI writes alpha-2; Passerelle keys States by alpha-3). */
export async function loadIso3ByIso2(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom("countries").select(["iso2", "iso3"]).where("iso2", "is not", null).execute();
  return new Map(rows.map((r) => [(r.iso2 as string).trim(), r.iso3]));
}

export async function findStoredActivities(db: Db, identifiers: readonly string[]): Promise<Map<string, StoredImportedActivity>> {
  const out = new Map<string, StoredImportedActivity>();
  for (const part of chunks(identifiers, 1000)) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom("activities")
      .select(["id", "iati_identifier", "source", "iati_last_updated", "status"])
      .where("iati_identifier", "in", part)
      .execute();
    for (const r of rows)
      out.set(r.iati_identifier as string, { id: r.id, source: r.source, iatiLastUpdated: utcSeconds(r.iati_last_updated), status: r.status });
  }
  return out;
}

/** Organizations by IATI organisation identifier; when two share one, the first registered. */
export async function findOrganizationIdsByIatiRef(db: Db, refs: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(refs, 1000)) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom("organizations")
      .select(["id", "iati_ref"])
      .where("iati_ref", "in", part)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    for (const r of rows) out.set(r.iati_ref as string, r.id);
  }
  return out;
}

/** `base`, or `base-2`, `base-3` … : the first slug no organization has. */
export async function findFreeSlug(db: Db, base: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .selectFrom("organizations")
        .select("slug")
        .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
        .execute()
    ).map((r) => r.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

export async function insertImportedOrganization(db: Db, o: { slug: string; name: string; type: string; iatiRef: string }): Promise<string> {
  const r = await db
    .insertInto("organizations")
    .values({
      slug: o.slug,
      name: o.name,
      org_type: o.type,
      iati_ref: o.iatiRef,
      visibility: "public",
      country_iso3: null,
      acronym: null,
      website: null,
      parent_id: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export type IatiImportRun = {
  fileName: string;
  sha256: string;
  version: string;
  counts: { created: number; updated: number; unchanged: number; skipped: number };
  report: IatiImportOutcome[];
  importedBy: string | null;
};

export async function insertIatiImport(db: Db, run: IatiImportRun): Promise<string> {
  const r = await db
    .insertInto("iati_imports")
    .values({
      file_name: run.fileName,
      sha256: run.sha256,
      iati_version: run.version,
      created_count: run.counts.created,
      updated_count: run.counts.updated,
      unchanged_count: run.counts.unchanged,
      skipped_count: run.counts.skipped,
      report: JSON.stringify(run.report),
      imported_by: run.importedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/** An activity as the import stores it: the file's content, its State and reporting organization resolved. */
export type ImportedActivity = Omit<IatiActivity, "reportingOrg" | "recipientCountryIso2" | "participants"> & {
  organizationId: string;
  stateIso3: string;
  participants: (IatiActivity["participants"][number] & { organizationId: string | null })[];
};

/** One activity to write: `id` is new for a created activity, the stored one for an update. */
export type ImportWrite = { id: string; update: boolean; activity: ImportedActivity; importId: string; createdBy: string | null };

function activityColumns(w: ImportWrite) {
  const a = w.activity;
  return {
    iati_identifier: a.identifier,
    organization_id: a.organizationId,
    state_iso3: a.stateIso3,
    title: a.title,
    description: a.description,
    status: a.status,
    planned_start: a.plannedStart,
    planned_end: a.plannedEnd,
    actual_start: a.actualStart,
    actual_end: a.actualEnd,
    default_currency: a.defaultCurrency,
    budget_amount: a.budgetAmount,
    fund: a.fund,
    dac_sectors: a.dacSectors,
    sdg_targets: a.sdgTargets,
    themes: a.themes,
    persons: a.persons,
    modalities: a.modalities,
    cooperation_type: a.cooperationType,
    covid_context: a.covidContext,
    covid_phase: a.covidPhase,
    gender_marker: a.genderMarker,
    disability_marker: a.disabilityMarker,
    text_lang: a.lang,
    visibility: "public" as const,
    source: "iati_import" as const,
    iati_import_id: w.importId,
    aid_type: a.aidType,
    collaboration_type: a.collaborationType,
    flow_type: a.flowType,
    finance_type: a.financeType,
    iati_last_updated: a.lastUpdated || null,
  };
}

/** The stored activities with these identifiers, locked until the import's transaction ends. */
export async function lockStoredActivities(db: Db, identifiers: readonly string[]): Promise<Map<string, StoredImportedActivity>> {
  if (identifiers.length === 0) return new Map();
  const rows = await db
    .selectFrom("activities")
    .select(["id", "iati_identifier", "source", "iati_last_updated", "status"])
    .where("iati_identifier", "in", [...identifiers])
    .orderBy("id")
    .forUpdate()
    .execute();
  return new Map(
    rows.map((r) => [r.iati_identifier as string, { id: r.id, source: r.source, iatiLastUpdated: utcSeconds(r.iati_last_updated), status: r.status }]),
  );
}

/**
 * Writes a batch of imported activities in a few multi-row statements: new rows inserted, updated rows replaced
 * with their IATI parts (participants, transactions, documents, results) deleted and written again.
 */
export async function writeImportedActivities(db: Db, writes: readonly ImportWrite[]): Promise<void> {
  const updates = writes.filter((w) => w.update);
  for (const w of updates) {
    await db
      .updateTable("activities")
      .set({ ...activityColumns(w), version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", w.id)
      .execute();
  }
  if (updates.length > 0)
    await deleteParts(
      db,
      updates.map((w) => w.id),
    );
  for (const part of chunks(
    writes.filter((w) => !w.update),
    50,
  ))
    await db
      .insertInto("activities")
      .values(part.map((w) => ({ id: w.id, ...activityColumns(w), created_by: w.createdBy })))
      .execute();
  await insertParts(db, writes);
}

async function deleteParts(db: Db, ids: string[]): Promise<void> {
  const results = db.selectFrom("activity_results").select("id").where("activity_id", "in", ids);
  const indicators = db.selectFrom("result_indicators").select("id").where("result_id", "in", results);
  await db.deleteFrom("indicator_values").where("indicator_id", "in", indicators).execute();
  await db.deleteFrom("result_indicators").where("result_id", "in", results).execute();
  await db.deleteFrom("activity_results").where("activity_id", "in", ids).execute();
  await db.deleteFrom("activity_transactions").where("activity_id", "in", ids).execute();
  await db.deleteFrom("activity_documents").where("activity_id", "in", ids).execute();
  await db.deleteFrom("activity_participants").where("activity_id", "in", ids).execute();
}

// Parts are listed by created_at (then id): rows written in one transaction share now(), so each gets now() plus
// its position in its activity in microseconds, and the file's order is the order they are listed in.
const nth = (i: number) => sql<Date>`now() + ${i} * interval '1 microsecond'`;

async function insertRows<T>(rows: T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (const part of chunks(rows, 400)) await insert(part);
}

async function insertParts(db: Db, writes: readonly ImportWrite[]): Promise<void> {
  const participants = writes.flatMap((w) =>
    w.activity.participants.map((p) => ({
      activity_id: w.id,
      organization_id: p.organizationId,
      name: p.name,
      iati_ref: p.ref,
      org_type: p.type,
      role: p.role,
    })),
  );
  await insertRows(participants, (part) => db.insertInto("activity_participants").values(part).execute());
  const transactions = writes.flatMap((w) => w.activity.transactions.map((t, i) => transactionRow(w, t, i)));
  await insertRows(transactions, (part) => db.insertInto("activity_transactions").values(part).execute());
  const documents = writes.flatMap((w) => w.activity.documents.map((d, i) => documentRow(w.id, d, i)));
  await insertRows(documents, (part) => db.insertInto("activity_documents").values(part).execute());
  const results = writes.flatMap((w) => resultRows(w.id, w.activity.results));
  await insertRows(
    results.map((r) => r.result),
    (part) => db.insertInto("activity_results").values(part).execute(),
  );
  const indicators = results.flatMap((r) => r.indicators);
  await insertRows(
    indicators.map((i) => i.indicator),
    (part) => db.insertInto("result_indicators").values(part).execute(),
  );
  await insertRows(
    indicators.flatMap((i) => i.values),
    (part) => db.insertInto("indicator_values").values(part).execute(),
  );
}

function transactionRow(w: ImportWrite, t: IatiTransaction, i: number) {
  return {
    activity_id: w.id,
    transaction_type: t.type,
    transaction_date: t.date,
    value_date: t.valueDate,
    amount: t.amount,
    currency: t.currency,
    description: t.description,
    provider_name: t.provider ? t.provider.name || null : null,
    provider_ref: t.provider?.ref ?? null,
    receiver_name: t.receiver ? t.receiver.name || null : null,
    receiver_ref: t.receiver?.ref ?? null,
    created_by: w.createdBy,
    created_at: nth(i),
  };
}

function documentRow(activityId: string, d: IatiDocument, i: number) {
  return { activity_id: activityId, title: d.title, url: d.url, category: d.category, language: d.language, document_date: d.documentDate, created_at: nth(i) };
}

/** Results with their indicators and values, with ids made here so that one statement per table suffices. */
function resultRows(activityId: string, results: readonly IatiResult[]) {
  let position = 0;
  return results.map((r) => {
    const id = randomUUID();
    const result = { id, activity_id: activityId, result_type: r.type, title: r.title, description: r.description, created_at: nth(position++) };
    const indicators = r.indicators.map((i) => {
      const indicatorId = randomUUID();
      const indicator = {
        id: indicatorId,
        result_id: id,
        title: i.title,
        measure: i.measure,
        ascending: i.ascending,
        baseline_year: i.baselineYear,
        baseline_value: i.baselineValue,
        target_value: i.targetValue,
        target_date: i.targetDate,
        created_at: nth(position++),
      };
      return { indicator, values: i.values.map((v) => valueRow(indicatorId, v, position++)) };
    });
    return { result, indicators };
  });
}

function valueRow(indicatorId: string, v: IatiIndicator["values"][number], position: number) {
  return {
    indicator_id: indicatorId,
    period_start: v.periodStart,
    period_end: v.periodEnd,
    value: v.value,
    sex: v.sex,
    age_band: v.ageBand,
    disability: v.disability,
    location: v.location,
    created_at: nth(position),
  };
}

/** Status history of the written activities (activity_events), in one statement. */
export async function insertImportEvents(
  db: Db,
  events: readonly { activityId: string; from: number | null; to: number; reason: string; actorUserId: string | null }[],
): Promise<void> {
  await insertRows([...events], (part) =>
    db
      .insertInto("activity_events")
      .values(part.map((e) => ({ activity_id: e.activityId, from_status: e.from, to_status: e.to, reason: e.reason, actor_user_id: e.actorUserId })))
      .execute(),
  );
}
