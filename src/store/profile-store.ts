import { sql } from "kysely";
import type { ViewerScope } from "../domain/access/viewer.js";
import type { Tx } from "./audit-store.js";
import { profileEntryVisibleTo } from "./cooperation-visibility.js";
import type { Db } from "./db.js";
import type { Visibility } from "./schema.js";

// State profiles (R2): state_profile_entries and state_contacts. Every read is filtered in SQL with
// profileEntryVisibleTo (the State sees all of its own; others what the State chose to share).

export type ProfileEntryRow = {
  id: string;
  stateIso3: string;
  kind: string;
  priorityRank: number | null;
  title: string;
  description: string;
  status: string;
  themes: string[];
  sdgTargets: string[];
  recommendationIds: string[];
  textLang: string;
  visibility: Visibility;
  organizationId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type ProfileEntryValues = {
  priorityRank: number | null;
  title: string;
  description: string;
  status: string;
  themes: string[];
  sdgTargets: string[];
  recommendationIds: string[];
  textLang: string;
  visibility: Visibility;
};

export type StateContactRow = {
  id: string;
  stateIso3: string;
  kind: string;
  name: string;
  functionTitle: string;
  institution: string;
  email: string | null;
  phone: string | null;
  visibility: Visibility;
  organizationId: string;
  version: number;
  updatedAt: Date;
};

export type StateContactValues = Pick<StateContactRow, "kind" | "name" | "functionTitle" | "institution" | "email" | "phone" | "visibility">;

const ENTRY_COLUMNS = [
  "e.id",
  "e.state_iso3",
  "e.kind",
  "e.priority_rank",
  "e.title",
  "e.description",
  "e.status",
  "e.themes",
  "e.sdg_targets",
  "e.recommendation_ids",
  "e.text_lang",
  "e.visibility",
  "e.organization_id",
  "e.version",
  "e.created_at",
  "e.updated_at",
] as const;

type EntryRecord = {
  id: string;
  state_iso3: string;
  kind: string;
  priority_rank: number | null;
  title: string;
  description: string;
  status: string;
  themes: string[];
  sdg_targets: string[];
  recommendation_ids: string[];
  text_lang: string;
  visibility: Visibility;
  organization_id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
};

function toEntry(r: EntryRecord): ProfileEntryRow {
  return {
    id: r.id,
    stateIso3: r.state_iso3,
    kind: r.kind,
    priorityRank: r.priority_rank,
    title: r.title,
    description: r.description,
    status: r.status,
    themes: r.themes,
    sdgTargets: r.sdg_targets,
    recommendationIds: r.recommendation_ids,
    textLang: r.text_lang,
    visibility: r.visibility,
    organizationId: r.organization_id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const entryColumns = (v: ProfileEntryValues) => ({
  priority_rank: v.priorityRank,
  title: v.title,
  description: v.description,
  status: v.status,
  themes: v.themes,
  sdg_targets: v.sdgTargets,
  recommendation_ids: v.recommendationIds,
  text_lang: v.textLang,
  visibility: v.visibility,
});

export async function stateExists(db: Db | Tx, iso3: string): Promise<boolean> {
  const row = await db.selectFrom("countries").select("iso3").where("iso3", "=", iso3).executeTakeFirst();
  return row !== undefined;
}

/**
 * Entries of one State the viewer may see: needs in the State's order (ranked open needs first, then unranked,
 * met needs last), the other kinds newest first.
 */
export async function listVisibleProfileEntries(db: Db, scope: ViewerScope, iso3: string): Promise<ProfileEntryRow[]> {
  const rows = await db
    .selectFrom("state_profile_entries as e")
    .select(ENTRY_COLUMNS)
    .where("e.state_iso3", "=", iso3)
    .where(profileEntryVisibleTo(scope, "e"))
    .orderBy("e.kind")
    .orderBy(sql`(e.kind = 'need' AND e.status = 'met')`)
    .orderBy(sql`CASE WHEN e.kind = 'need' THEN e.priority_rank END`, (ob) => ob.asc().nullsLast())
    .orderBy("e.updated_at", "desc")
    .orderBy("e.id")
    .execute();
  return rows.map(toEntry);
}

export async function findVisibleProfileEntry(db: Db, scope: ViewerScope, iso3: string, id: string): Promise<ProfileEntryRow | undefined> {
  const row = await db
    .selectFrom("state_profile_entries as e")
    .select(ENTRY_COLUMNS)
    .where("e.id", "=", id)
    .where("e.state_iso3", "=", iso3)
    .where(profileEntryVisibleTo(scope, "e"))
    .executeTakeFirst();
  return row && toEntry(row);
}

/** Serialises rank changes of one State's needs, across transactions and server processes. */
export async function lockStateRanks(trx: Tx, iso3: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`state_profile_rank:${iso3}`}))`.execute(trx);
}

/** Needs of the State that hold a rank (not met), the one being edited excluded. */
export async function listRankedOpenNeeds(trx: Tx, iso3: string, excludeId: string | null): Promise<{ id: string; rank: number }[]> {
  let q = trx
    .selectFrom("state_profile_entries")
    .select(["id", "priority_rank"])
    .where("state_iso3", "=", iso3)
    .where("kind", "=", "need")
    .where("status", "<>", "met")
    .where("priority_rank", "is not", null);
  if (excludeId) q = q.where("id", "<>", excludeId);
  const rows = await q.orderBy("priority_rank").execute();
  return rows.map((r) => ({ id: r.id, rank: r.priority_rank as number }));
}

/** Moves needs to new ranks one at a time, in the order given; each move is a change to that need (version + 1). */
export async function moveNeedRanks(trx: Tx, moves: { id: string; to: number }[]): Promise<void> {
  for (const m of moves) {
    await trx
      .updateTable("state_profile_entries")
      .set({ priority_rank: m.to, version: sql`version + 1`, updated_at: sql`now()` })
      .where("id", "=", m.id)
      .execute();
  }
}

/** Takes an edited need off its rank for the rest of the transaction, so the needs it passes can move into it. */
export async function releaseNeedRank(trx: Tx, id: string): Promise<void> {
  await trx.updateTable("state_profile_entries").set({ priority_rank: null }).where("id", "=", id).execute();
}

/** Which of `ids` are recommendations addressed to the State (a profile links only its own recommendations). */
export async function findStateRecommendationIds(trx: Tx, iso3: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom("recommendations").select("id").where("state_iso3", "=", iso3).where("id", "in", ids).execute();
  return rows.map((r) => r.id);
}

export async function insertProfileEntry(
  trx: Tx,
  e: ProfileEntryValues & { stateIso3: string; kind: string; organizationId: string; createdBy: string },
): Promise<{ id: string; version: number }> {
  return trx
    .insertInto("state_profile_entries")
    .values({ ...entryColumns(e), state_iso3: e.stateIso3, kind: e.kind, organization_id: e.organizationId, created_by: e.createdBy })
    .returning(["id", "version"])
    .executeTakeFirstOrThrow();
}

/** The entry as it is now, locked for the rest of the transaction (the edit compares versions against it). */
export async function lockProfileEntry(trx: Tx, iso3: string, id: string): Promise<ProfileEntryRow | undefined> {
  const row = await trx
    .selectFrom("state_profile_entries as e")
    .select(ENTRY_COLUMNS)
    .where("e.id", "=", id)
    .where("e.state_iso3", "=", iso3)
    .forUpdate()
    .executeTakeFirst();
  return row && toEntry(row);
}

export async function updateProfileEntry(trx: Tx, id: string, version: number, v: ProfileEntryValues): Promise<{ version: number } | undefined> {
  return trx
    .updateTable("state_profile_entries")
    .set({ ...entryColumns(v), version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
}

// ---- contacts ----

const CONTACT_COLUMNS = [
  "c.id",
  "c.state_iso3",
  "c.kind",
  "c.name",
  "c.function_title",
  "c.institution",
  "c.email",
  "c.phone",
  "c.visibility",
  "c.organization_id",
  "c.version",
  "c.updated_at",
] as const;

type ContactRecord = {
  id: string;
  state_iso3: string;
  kind: string;
  name: string;
  function_title: string;
  institution: string;
  email: string | null;
  phone: string | null;
  visibility: Visibility;
  organization_id: string;
  version: number;
  updated_at: Date;
};

function toContact(r: ContactRecord): StateContactRow {
  return {
    id: r.id,
    stateIso3: r.state_iso3,
    kind: r.kind,
    name: r.name,
    functionTitle: r.function_title,
    institution: r.institution,
    email: r.email,
    phone: r.phone,
    visibility: r.visibility,
    organizationId: r.organization_id,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

const contactColumns = (v: StateContactValues) => ({
  kind: v.kind,
  name: v.name,
  function_title: v.functionTitle,
  institution: v.institution,
  email: v.email,
  phone: v.phone,
  visibility: v.visibility,
});

/** Contacts the viewer may see: focal point first, then the NMIRF, then counterparts, by name. */
export async function listVisibleStateContacts(db: Db, scope: ViewerScope, iso3: string): Promise<StateContactRow[]> {
  const rows = await db
    .selectFrom("state_contacts as c")
    .select(CONTACT_COLUMNS)
    .where("c.state_iso3", "=", iso3)
    .where(profileEntryVisibleTo(scope, "c"))
    .orderBy(sql`CASE c.kind WHEN 'focal_point' THEN 1 WHEN 'nmirf' THEN 2 ELSE 3 END`)
    .orderBy("c.name")
    .orderBy("c.id")
    .execute();
  return rows.map(toContact);
}

export async function findVisibleStateContact(db: Db, scope: ViewerScope, iso3: string, id: string): Promise<StateContactRow | undefined> {
  const row = await db
    .selectFrom("state_contacts as c")
    .select(CONTACT_COLUMNS)
    .where("c.id", "=", id)
    .where("c.state_iso3", "=", iso3)
    .where(profileEntryVisibleTo(scope, "c"))
    .executeTakeFirst();
  return row && toContact(row);
}

export async function insertStateContact(
  trx: Tx,
  c: StateContactValues & { stateIso3: string; organizationId: string },
): Promise<{ id: string; version: number }> {
  return trx
    .insertInto("state_contacts")
    .values({ ...contactColumns(c), state_iso3: c.stateIso3, organization_id: c.organizationId })
    .returning(["id", "version"])
    .executeTakeFirstOrThrow();
}

export async function findStateContactVersion(trx: Tx, iso3: string, id: string): Promise<{ version: number } | undefined> {
  return trx.selectFrom("state_contacts").select("version").where("id", "=", id).where("state_iso3", "=", iso3).executeTakeFirst();
}

export async function updateStateContact(trx: Tx, id: string, version: number, v: StateContactValues): Promise<{ version: number } | undefined> {
  return trx
    .updateTable("state_contacts")
    .set({ ...contactColumns(v), version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
}
