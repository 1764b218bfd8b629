import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import type { Tx } from "./audit-store.js";
import type { Db } from "./db.js";
import type { Visibility } from "./schema.js";
import { visibleTo } from "./visibility-scope.js";

// National monitoring mechanisms (migration 0008; R25, R26): every read is filtered in SQL with the standard
// visibility rule. Indicator series and values are in indicator-store.ts.

export type MechanismRow = {
  id: string;
  stateIso3: string;
  name: string;
  kind: string;
  leadInstitution: string;
  monitors: string[];
  frequency: string;
  description: string;
  url: string | null;
  childrenParticipation: string;
  consultationsCount: number | null;
  childrenConsulted: number | null;
  girlsConsulted: number | null;
  ageBands: string[];
  safeguards: string;
  keyMessages: string;
  sdgTargets: string[];
  textLang: string;
  visibility: Visibility;
  organizationId: string;
  organizationName: string;
  version: number;
  updatedAt: Date;
};

export type MechanismColumns = Omit<MechanismRow, "id" | "stateIso3" | "organizationId" | "organizationName" | "version" | "updatedAt">;

export type MechanismFilter = { stateIso3?: string; kind?: string; monitors?: string; childrenParticipation?: string };

const MECHANISM_VISIBILITY = { visibility: "m.visibility", stateIso3: "m.state_iso3", originator: "m.organization_id" };

const MECHANISM_SELECT = [
  "m.id",
  "m.state_iso3",
  "m.name",
  "m.kind",
  "m.lead_institution",
  "m.monitors",
  "m.frequency",
  "m.description",
  "m.url",
  "m.children_participation",
  "m.consultations_count",
  "m.children_consulted",
  "m.girls_consulted",
  "m.age_bands",
  "m.safeguards",
  "m.key_messages",
  "m.sdg_targets",
  "m.text_lang",
  "m.visibility",
  "m.organization_id",
  "o.name as organization_name",
  "m.version",
  "m.updated_at",
] as const;

type MechanismRecord = {
  id: string;
  state_iso3: string;
  name: string;
  kind: string;
  lead_institution: string;
  monitors: string[];
  frequency: string;
  description: string;
  url: string | null;
  children_participation: string;
  consultations_count: number | null;
  children_consulted: number | null;
  girls_consulted: number | null;
  age_bands: string[];
  safeguards: string;
  key_messages: string;
  sdg_targets: string[];
  text_lang: string;
  visibility: Visibility;
  organization_id: string;
  organization_name: string;
  version: number;
  updated_at: Date;
};

function toMechanism(r: MechanismRecord): MechanismRow {
  return {
    id: r.id,
    stateIso3: r.state_iso3,
    name: r.name,
    kind: r.kind,
    leadInstitution: r.lead_institution,
    monitors: r.monitors,
    frequency: r.frequency,
    description: r.description,
    url: r.url,
    childrenParticipation: r.children_participation,
    consultationsCount: r.consultations_count,
    childrenConsulted: r.children_consulted,
    girlsConsulted: r.girls_consulted,
    ageBands: r.age_bands,
    safeguards: r.safeguards,
    keyMessages: r.key_messages,
    sdgTargets: r.sdg_targets,
    textLang: r.text_lang,
    visibility: r.visibility,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

const mechanismColumns = (v: MechanismColumns) => ({
  name: v.name,
  kind: v.kind,
  lead_institution: v.leadInstitution,
  monitors: v.monitors,
  frequency: v.frequency,
  description: v.description,
  url: v.url,
  children_participation: v.childrenParticipation,
  consultations_count: v.consultationsCount,
  children_consulted: v.childrenConsulted,
  girls_consulted: v.girlsConsulted,
  age_bands: v.ageBands,
  safeguards: v.safeguards,
  key_messages: v.keyMessages,
  sdg_targets: v.sdgTargets,
  text_lang: v.textLang,
  visibility: v.visibility,
});

function mechanismFilter<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, scope: ViewerScope, f: MechanismFilter): Expression<SqlBool> {
  const ands: Expression<SqlBool>[] = [visibleTo(eb, scope, MECHANISM_VISIBILITY)];
  if (f.stateIso3) ands.push(sql<boolean>`m.state_iso3 = ${f.stateIso3}`);
  if (f.kind) ands.push(sql<boolean>`m.kind = ${f.kind}`);
  if (f.childrenParticipation) ands.push(sql<boolean>`m.children_participation = ${f.childrenParticipation}`);
  if (f.monitors) ands.push(sql<boolean>`${f.monitors} = ANY(m.monitors)`);
  return eb.and(ands);
}

/** Mechanisms the viewer may see, by State then name, with the number matching the filter. */
export async function listVisibleMechanisms(
  db: Db,
  scope: ViewerScope,
  filter: MechanismFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: MechanismRow[]; total: number }> {
  const base = db
    .selectFrom("monitoring_mechanisms as m")
    .innerJoin("organizations as o", "o.id", "m.organization_id")
    .where((eb) => mechanismFilter(eb, scope, filter));
  const [rows, total] = await Promise.all([
    base.select(MECHANISM_SELECT).orderBy("m.state_iso3").orderBy("m.name").orderBy("m.id").limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toMechanism), total: Number(total.n) };
}

/** How many States have at least one mechanism the viewer may see (under the same filter). */
export async function countStatesWithMechanisms(db: Db, scope: ViewerScope, filter: MechanismFilter): Promise<number> {
  const row = await db
    .selectFrom("monitoring_mechanisms as m")
    .where((eb) => mechanismFilter(eb, scope, filter))
    .select(sql<number>`count(DISTINCT m.state_iso3)`.as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findVisibleMechanism(db: Db, scope: ViewerScope, iso3: string, id: string): Promise<MechanismRow | undefined> {
  const row = await db
    .selectFrom("monitoring_mechanisms as m")
    .innerJoin("organizations as o", "o.id", "m.organization_id")
    .select(MECHANISM_SELECT)
    .where("m.id", "=", id)
    .where("m.state_iso3", "=", iso3)
    .where((eb) => visibleTo(eb, scope, MECHANISM_VISIBILITY))
    .executeTakeFirst();
  return row && toMechanism(row);
}

/** The mechanism as it is now, locked for the rest of the transaction (the edit compares versions against it). */
export async function lockMechanism(trx: Tx, iso3: string, id: string): Promise<MechanismRow | undefined> {
  const row = await trx
    .selectFrom("monitoring_mechanisms as m")
    .innerJoin("organizations as o", "o.id", "m.organization_id")
    .select(MECHANISM_SELECT)
    .where("m.id", "=", id)
    .where("m.state_iso3", "=", iso3)
    .forUpdate("m")
    .executeTakeFirst();
  return row && toMechanism(row);
}

export async function insertMechanism(
  trx: Tx,
  m: MechanismColumns & { stateIso3: string; organizationId: string; createdBy: string | null },
): Promise<{ id: string; version: number }> {
  return trx
    .insertInto("monitoring_mechanisms")
    .values({ ...mechanismColumns(m), state_iso3: m.stateIso3, organization_id: m.organizationId, created_by: m.createdBy })
    .returning(["id", "version"])
    .executeTakeFirstOrThrow();
}

export async function updateMechanism(trx: Tx, id: string, version: number, v: MechanismColumns): Promise<{ version: number } | undefined> {
  return trx
    .updateTable("monitoring_mechanisms")
    .set({ ...mechanismColumns(v), version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
}

/** Deletes the mechanism if it is still at `version`; its series stay, unlinked (ON DELETE SET NULL). */
export async function deleteMechanism(trx: Tx, id: string, version: number): Promise<boolean> {
  const row = await trx.deleteFrom("monitoring_mechanisms").where("id", "=", id).where("version", "=", version).returning("id").executeTakeFirst();
  return row !== undefined;
}

export async function countSeriesOfMechanism(trx: Tx, id: string): Promise<number> {
  const row = await trx
    .selectFrom("education_indicator_series")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("mechanism_id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
