import { stateMembershipsFor } from "../access/acting-for.js";
import type { Db } from "../../store/db.js";
import {
  findStateContactVersion,
  findStateRecommendationIds,
  findVisibleProfileEntry,
  findVisibleStateContact,
  insertProfileEntry,
  insertStateContact,
  listRankedOpenNeeds,
  listVisibleProfileEntries,
  listVisibleStateContacts,
  lockProfileEntry,
  lockStateRanks,
  moveNeedRanks,
  releaseNeedRank,
  type ProfileEntryRow,
  type ProfileEntryValues,
  type StateContactRow,
  stateExists,
  updateProfileEntry,
  updateStateContact,
} from "../../store/profile-store.js";
import type { Tx } from "../../store/audit-store.js";
import { type Membership, scopeOf, type Viewer } from "../access/viewer.js";
import { runAudited, type WriteContext } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { holdsRank, planRankShift, type RankMove } from "./profile-rank.js";
import {
  NewProfileEntrySchema,
  NewStateContactSchema,
  type NewProfileEntry,
  type NewStateContact,
  type ProfileEntry,
  ProfileEntryKindSchema,
  ProfileEntryStatusSchema,
  type ProfileEntryUpdate,
  ProfileEntryUpdateSchema,
  type StateContact,
  ContactKindSchema,
  type StateContactUpdate,
  StateContactUpdateSchema,
  type StateProfile,
} from "./profile-schemas.js";

// A State's living profile (R2; res. 45/32 OP1, OP2, PP12). The State writes it, through its focal point or its
// NMIRF; everyone else reads what the State chose to share. Every write is audited; edits carry the version they
// started from and a stale one is refused, so nobody silently overwrites a colleague's change.

/** The membership through which the viewer speaks for `iso3` (focal point or NMIRF of that State), if any. */
export function stateMembershipFor(viewer: Viewer, iso3: string): Membership | undefined {
  return stateMembershipsFor(viewer, iso3)[0];
}

export function canEditStateProfile(viewer: Viewer, iso3: string): boolean {
  return stateMembershipFor(viewer, iso3) !== undefined;
}

function requireStateMembership(viewer: Viewer, iso3: string): Membership & { userId: string } {
  if (!viewer.userId) throw new AppError("unauthenticated", "Sign in to edit the State profile");
  const membership = stateMembershipFor(viewer, iso3);
  if (!membership) throw new AppError("forbidden", `Only the State focal point or the national mechanism (NMIRF) of ${iso3} can edit its profile`);
  return { ...membership, userId: viewer.userId };
}

async function requireState(db: Db, iso3: string): Promise<void> {
  if (!(await stateExists(db, iso3))) throw notFound("State", iso3);
}

const actorOf = (viewer: Viewer & { userId: string }) => ({ userId: viewer.userId, label: viewer.displayName ?? viewer.userId });

export async function getStateProfile(db: Db, viewer: Viewer, iso3: string): Promise<StateProfile> {
  await requireState(db, iso3);
  const scope = scopeOf(viewer);
  const [entries, contacts] = await Promise.all([listVisibleProfileEntries(db, scope, iso3), listVisibleStateContacts(db, scope, iso3)]);
  const of = (kind: string) => entries.filter((e) => e.kind === kind).map(toProfileEntry);
  return {
    stateIso3: iso3,
    canEdit: canEditStateProfile(viewer, iso3),
    needs: of("need"),
    challenges: of("challenge"),
    achievements: of("achievement"),
    goodPractices: of("good_practice"),
    contacts: contacts.map(toStateContact),
  };
}

export async function getProfileEntry(db: Db, viewer: Viewer, iso3: string, id: string): Promise<ProfileEntry> {
  const row = await findVisibleProfileEntry(db, scopeOf(viewer), iso3, id);
  if (!row) throw notFound("Profile entry", id);
  return toProfileEntry(row);
}

export async function getStateContact(db: Db, viewer: Viewer, iso3: string, id: string): Promise<StateContact> {
  const row = await findVisibleStateContact(db, scopeOf(viewer), iso3, id);
  if (!row) throw notFound("Contact", id);
  return toStateContact(row);
}

export type SavedEntry = { id: string; version: number; moved: RankMove[] };

export async function addProfileEntry(db: Db, viewer: Viewer, iso3: string, input: NewProfileEntry): Promise<SavedEntry> {
  const membership = requireStateMembership(viewer, iso3);
  const e = parseInput(NewProfileEntrySchema, input);
  checkRankKind(e.kind, e.priorityRank);
  await requireState(db, iso3);
  return runAudited(db, actorOf({ ...viewer, userId: membership.userId }), async (w) => {
    await checkRecommendations(w.trx, iso3, e.recommendationIds);
    const moved = await freeRank(w, iso3, null, e.kind, e.status, e.priorityRank);
    const created = await insertProfileEntry(w.trx, {
      ...valuesOf(e),
      stateIso3: iso3,
      kind: e.kind,
      organizationId: membership.organizationId,
      createdBy: membership.userId,
    });
    await w.audit({
      action: "profile.entry.create",
      entityType: "state_profile_entry",
      entityId: created.id,
      details: { stateIso3: iso3, kind: e.kind, priorityRank: e.priorityRank, status: e.status, visibility: e.visibility, moved },
    });
    return { ...created, moved };
  });
}

export async function editProfileEntry(db: Db, viewer: Viewer, iso3: string, id: string, input: ProfileEntryUpdate): Promise<SavedEntry> {
  const membership = requireStateMembership(viewer, iso3);
  const e = parseInput(ProfileEntryUpdateSchema, input);
  return runAudited(db, actorOf({ ...viewer, userId: membership.userId }), async (w) => {
    // The rank lock first, then the row: every writer of this State's ranks takes them in this order.
    await lockStateRanks(w.trx, iso3);
    const current = await lockProfileEntry(w.trx, iso3, id);
    if (!current) throw notFound("Profile entry", id);
    if (current.version !== e.version) throw staleEdit("entry", current.version, e.version);
    checkRankKind(current.kind, e.priorityRank);
    await checkRecommendations(w.trx, iso3, e.recommendationIds);
    const moved = await freeRank(w, iso3, id, current.kind, e.status, e.priorityRank);
    const updated = await updateProfileEntry(w.trx, id, e.version, valuesOf(e));
    if (!updated) throw staleEdit("entry", current.version + 1, e.version);
    await w.audit({
      action: "profile.entry.update",
      entityType: "state_profile_entry",
      entityId: id,
      details: { stateIso3: iso3, kind: current.kind, changed: changedFields(current, e), version: updated.version, moved },
    });
    return { id, version: updated.version, moved };
  });
}

export async function addStateContact(db: Db, viewer: Viewer, iso3: string, input: NewStateContact): Promise<{ id: string; version: number }> {
  const membership = requireStateMembership(viewer, iso3);
  const c = parseInput(NewStateContactSchema, input);
  await requireState(db, iso3);
  return runAudited(db, actorOf({ ...viewer, userId: membership.userId }), async (w) => {
    const created = await insertStateContact(w.trx, { ...c, stateIso3: iso3, organizationId: membership.organizationId });
    // The audit trail records the change, not the person's e-mail or telephone (kept in the record itself).
    await w.audit({
      action: "profile.contact.create",
      entityType: "state_contact",
      entityId: created.id,
      details: { stateIso3: iso3, kind: c.kind, visibility: c.visibility },
    });
    return created;
  });
}

export async function editStateContact(db: Db, viewer: Viewer, iso3: string, id: string, input: StateContactUpdate): Promise<{ id: string; version: number }> {
  const membership = requireStateMembership(viewer, iso3);
  const c = parseInput(StateContactUpdateSchema, input);
  return runAudited(db, actorOf({ ...viewer, userId: membership.userId }), async (w) => {
    const current = await findStateContactVersion(w.trx, iso3, id);
    if (!current) throw notFound("Contact", id);
    const updated = await updateStateContact(w.trx, id, c.version, c);
    if (!updated) throw staleEdit("contact", current.version, c.version);
    await w.audit({
      action: "profile.contact.update",
      entityType: "state_contact",
      entityId: id,
      details: { stateIso3: iso3, kind: c.kind, visibility: c.visibility, version: updated.version },
    });
    return { id, version: updated.version };
  });
}

// ---- rules ----

function checkRankKind(kind: string, rank: number | null): void {
  if (kind !== "need" && rank !== null) {
    throw new AppError("invalid_input", "Only needs have a priority rank", [
      { field: "priorityRank", message: "only needs have a priority rank: leave it empty" },
    ]);
  }
}

/** Frees the rank the entry will hold, moving the other open needs down (profile-rank.ts). */
async function freeRank(w: WriteContext, iso3: string, selfId: string | null, kind: string, status: string, rank: number | null): Promise<RankMove[]> {
  await lockStateRanks(w.trx, iso3);
  if (!holdsRank(kind, status, rank)) return [];
  // An edited need leaves its old place first: moving from 2 to 1 shifts the need at 1 into place 2.
  if (selfId) await releaseNeedRank(w.trx, selfId);
  const moves = planRankShift(await listRankedOpenNeeds(w.trx, iso3, selfId), rank);
  await moveNeedRanks(w.trx, moves);
  return moves;
}

async function checkRecommendations(trx: Tx, iso3: string, ids: string[]): Promise<void> {
  const found = new Set(await findStateRecommendationIds(trx, iso3, ids));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError("invalid_input", "Some recommendations are not recommendations to this State", [
      { field: "recommendationIds", message: `not a recommendation to ${iso3}: ${missing.join(", ")}` },
    ]);
  }
}

function staleEdit(what: "entry" | "contact", current: number, sent: number): AppError {
  return new AppError(
    "conflict",
    `This ${what} was changed by someone else since you opened it (version ${current}, yours ${sent}): reload it, then apply your change again`,
    [{ field: "version", message: "changed by someone else since you opened it" }],
  );
}

const valuesOf = (e: ProfileEntryValues): ProfileEntryValues => ({
  priorityRank: e.priorityRank,
  title: e.title,
  description: e.description,
  status: e.status,
  themes: e.themes,
  sdgTargets: e.sdgTargets,
  recommendationIds: e.recommendationIds,
  textLang: e.textLang,
  visibility: e.visibility,
});

function changedFields(before: ProfileEntryRow, after: ProfileEntryValues): string[] {
  const keys = Object.keys(valuesOf(after)) as (keyof ProfileEntryValues)[];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

// ---- mapping ----

function toProfileEntry(r: ProfileEntryRow): ProfileEntry {
  return {
    id: r.id,
    kind: ProfileEntryKindSchema.parse(r.kind),
    priorityRank: r.priorityRank,
    title: r.title,
    description: r.description,
    status: ProfileEntryStatusSchema.parse(r.status),
    themes: r.themes,
    sdgTargets: r.sdgTargets,
    recommendationIds: r.recommendationIds,
    textLang: r.textLang,
    visibility: r.visibility,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function toStateContact(r: StateContactRow): StateContact {
  return {
    id: r.id,
    kind: ContactKindSchema.parse(r.kind),
    name: r.name,
    functionTitle: r.functionTitle,
    institution: r.institution,
    email: r.email,
    phone: r.phone,
    visibility: r.visibility,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}
