import type { Db } from "./db.js";

// What an activity delivers and spends (R5, R8, R27): IATI transactions, results with indicators and disaggregated
// values, documents, and the national actors involved. Rows are appended, never edited or deleted; a corrected
// indicator value is a newer row for the same cell. Money and measures stay numeric strings (never floats).

export type TransactionRow = {
  id: string;
  transactionType: number;
  transactionDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  description: string;
  providerName: string | null;
  receiverName: string | null;
  createdAt: Date;
};

export async function insertTransaction(
  db: Db,
  t: Omit<TransactionRow, "id" | "createdAt"> & { activityId: string; createdBy: string },
): Promise<{ id: string }> {
  return db
    .insertInto("activity_transactions")
    .values({
      activity_id: t.activityId,
      transaction_type: t.transactionType,
      transaction_date: t.transactionDate,
      value_date: t.valueDate,
      amount: t.amount,
      currency: t.currency,
      description: t.description,
      provider_name: t.providerName,
      receiver_name: t.receiverName,
      created_by: t.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listTransactionRows(db: Db, activityId: string): Promise<TransactionRow[]> {
  const rows = await db
    .selectFrom("activity_transactions")
    .selectAll()
    .where("activity_id", "=", activityId)
    .orderBy("transaction_date")
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    transactionType: r.transaction_type,
    transactionDate: r.transaction_date,
    valueDate: r.value_date,
    amount: r.amount,
    currency: r.currency,
    description: r.description,
    providerName: r.provider_name,
    receiverName: r.receiver_name,
    createdAt: r.created_at,
  }));
}

/** Totals per transaction type and currency, summed by the database as numeric: different currencies never mix. */
export async function sumTransactionRows(db: Db, activityId: string): Promise<{ transactionType: number; currency: string; total: string; count: number }[]> {
  const rows = await db
    .selectFrom("activity_transactions")
    .select(["transaction_type", "currency"])
    .select((eb) => [eb.fn.sum<string>("amount").as("total"), eb.fn.countAll<number>().as("n")])
    .where("activity_id", "=", activityId)
    .groupBy(["transaction_type", "currency"])
    .orderBy("transaction_type")
    .orderBy("currency")
    .execute();
  return rows.map((r) => ({ transactionType: r.transaction_type, currency: r.currency, total: String(r.total), count: Number(r.n) }));
}

export type ResultRow = { id: string; resultType: number; title: string; description: string };

export async function insertResult(db: Db, r: Omit<ResultRow, "id"> & { activityId: string }): Promise<{ id: string }> {
  return db
    .insertInto("activity_results")
    .values({ activity_id: r.activityId, result_type: r.resultType, title: r.title, description: r.description })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listResultRows(db: Db, activityId: string): Promise<ResultRow[]> {
  const rows = await db
    .selectFrom("activity_results")
    .select(["id", "result_type", "title", "description"])
    .where("activity_id", "=", activityId)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, resultType: r.result_type, title: r.title, description: r.description }));
}

/** The activity a result belongs to (for permission checks on indicator writes). */
export async function findResultActivityId(db: Db, resultId: string): Promise<string | undefined> {
  return (await db.selectFrom("activity_results").select("activity_id").where("id", "=", resultId).executeTakeFirst())?.activity_id;
}

export type IndicatorRow = {
  id: string;
  resultId: string;
  title: string;
  measure: number;
  ascending: boolean;
  baselineYear: number | null;
  baselineValue: string | null;
  targetValue: string | null;
  targetDate: string | null;
};

export async function insertIndicator(db: Db, i: Omit<IndicatorRow, "id">): Promise<{ id: string }> {
  return db
    .insertInto("result_indicators")
    .values({
      result_id: i.resultId,
      title: i.title,
      measure: i.measure,
      ascending: i.ascending,
      baseline_year: i.baselineYear,
      baseline_value: i.baselineValue,
      target_value: i.targetValue,
      target_date: i.targetDate,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listIndicatorRows(db: Db, activityId: string): Promise<IndicatorRow[]> {
  const rows = await db
    .selectFrom("result_indicators as i")
    .innerJoin("activity_results as r", "r.id", "i.result_id")
    .selectAll("i")
    .where("r.activity_id", "=", activityId)
    .orderBy("i.created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    resultId: r.result_id,
    title: r.title,
    measure: r.measure,
    ascending: r.ascending,
    baselineYear: r.baseline_year,
    baselineValue: r.baseline_value,
    targetValue: r.target_value,
    targetDate: r.target_date,
  }));
}

/** The activity and measure of an indicator (for permission checks and percentage bounds on value writes). */
export async function findIndicatorOwner(db: Db, indicatorId: string): Promise<{ activityId: string; measure: number } | undefined> {
  const r = await db
    .selectFrom("result_indicators as i")
    .innerJoin("activity_results as r", "r.id", "i.result_id")
    .select(["r.activity_id", "i.measure"])
    .where("i.id", "=", indicatorId)
    .executeTakeFirst();
  return r && { activityId: r.activity_id, measure: r.measure };
}

export type IndicatorValueRow = {
  id: string;
  indicatorId: string;
  periodStart: string;
  periodEnd: string;
  value: string;
  sex: string;
  ageBand: string;
  disability: string;
  location: string;
  createdAt: Date;
};

export async function insertIndicatorValue(db: Db, v: Omit<IndicatorValueRow, "id" | "createdAt">): Promise<{ id: string }> {
  return db
    .insertInto("indicator_values")
    .values({
      indicator_id: v.indicatorId,
      period_start: v.periodStart,
      period_end: v.periodEnd,
      value: v.value,
      sex: v.sex,
      age_band: v.ageBand,
      disability: v.disability,
      location: v.location,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Every recorded value of an activity's indicators, oldest first (a later row for the same cell corrects it). */
export async function listIndicatorValueRows(db: Db, activityId: string): Promise<IndicatorValueRow[]> {
  const rows = await db
    .selectFrom("indicator_values as v")
    .innerJoin("result_indicators as i", "i.id", "v.indicator_id")
    .innerJoin("activity_results as r", "r.id", "i.result_id")
    .selectAll("v")
    .where("r.activity_id", "=", activityId)
    .orderBy("v.period_start")
    .orderBy("v.created_at")
    .orderBy("v.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    indicatorId: r.indicator_id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    value: r.value,
    sex: r.sex,
    ageBand: r.age_band,
    disability: r.disability,
    location: r.location,
    createdAt: r.created_at,
  }));
}

export type DocumentRow = { id: string; title: string; url: string; category: string; language: string; documentDate: string | null };

export async function insertDocument(db: Db, d: Omit<DocumentRow, "id"> & { activityId: string }): Promise<{ id: string }> {
  return db
    .insertInto("activity_documents")
    .values({ activity_id: d.activityId, title: d.title, url: d.url, category: d.category, language: d.language, document_date: d.documentDate })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listDocumentRows(db: Db, activityId: string): Promise<DocumentRow[]> {
  const rows = await db.selectFrom("activity_documents").selectAll().where("activity_id", "=", activityId).orderBy("created_at").execute();
  return rows.map((r) => ({ id: r.id, title: r.title, url: r.url, category: r.category, language: r.language, documentDate: r.document_date }));
}

export type NationalActorRow = { id: string; actorType: string; involvement: string; name: string | null; nameConsented: boolean };

export async function insertActivityNationalActor(db: Db, a: Omit<NationalActorRow, "id"> & { activityId: string }): Promise<{ id: string }> {
  return db
    .insertInto("national_actors")
    .values({ activity_id: a.activityId, actor_type: a.actorType, involvement: a.involvement, name: a.name, name_consented: a.nameConsented })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listActivityNationalActorRows(db: Db, activityId: string): Promise<NationalActorRow[]> {
  const rows = await db
    .selectFrom("national_actors")
    .select(["id", "actor_type", "involvement", "name", "name_consented"])
    .where("activity_id", "=", activityId)
    .orderBy("actor_type")
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, actorType: r.actor_type, involvement: r.involvement, name: r.name, nameConsented: r.name_consented }));
}
