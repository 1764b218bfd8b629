import type { Db } from "../../store/db.js";
import {
  countSeriesOfMechanism,
  countStatesWithMechanisms,
  deleteMechanism,
  findVisibleMechanism,
  insertMechanism,
  listVisibleMechanisms,
  lockMechanism,
  type MechanismColumns,
  type MechanismFilter,
  type MechanismRow,
  updateMechanism,
} from "../../store/monitoring-store.js";
import type { Tx } from "../../store/audit-store.js";
import { stateExists } from "../../store/profile-store.js";
import { actorFor } from "../access/acting-for.js";
import { scopeOf, type Viewer, type ViewerScope } from "../access/viewer.js";
import { runAudited } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { canSeeMonitoringRecord, editingMembershipFor, monitoringWritersFor, type MonitoringWriter } from "./monitoring-access.js";
import {
  AGE_BANDS,
  ChildrenParticipationSchema,
  FrequencySchema,
  type Mechanism,
  MechanismKindSchema,
  type MechanismUpdate,
  MechanismUpdateSchema,
  type MechanismValues,
  MonitoredSubjectSchema,
  type NewMechanism,
  NewMechanismSchema,
  AgeBandSchema,
} from "./monitoring-schemas.js";

// The registry of national monitoring mechanisms (res. 45/32 PP10; R25, R26): who monitors education, what, how
// often, and with what participation of children and adolescents (aggregates only). Every write is audited; edits
// carry the version they started from and a stale one is refused, so nobody silently overwrites a colleague.

export type SavedRecord = { id: string; version: number };

export async function requireState(db: Db, iso3: string): Promise<void> {
  if (!(await stateExists(db, iso3))) throw notFound("State", iso3);
}

/** The membership the viewer records monitoring through for `iso3`, or the refusal that explains who may. */
export function requireWriter(viewer: Viewer, iso3: string): MonitoringWriter {
  actorFor(viewer, "Sign in to record monitoring");
  const writer = monitoringWritersFor(viewer, iso3)[0];
  if (!writer) {
    throw new AppError(
      "forbidden",
      `Only the State focal point or national mechanism (NMIRF) of ${iso3}, or OHCHR and UN agency staff, can record its education monitoring`,
    );
  }
  return writer;
}

/** Refusal of a record the viewer may see but not change (a UN partner's view of the State's own record). */
export function notYours(what: string): AppError {
  return new AppError("forbidden", `This ${what} was recorded by another organization: only the State or that organization can change it`);
}

export function staleEdit(what: string, current: number, sent: number): AppError {
  return new AppError(
    "conflict",
    `This ${what} was changed by someone else since you opened it (version ${current}, yours ${sent}): reload it, then apply your change again`,
    [{ field: "version", message: "changed by someone else since you opened it" }],
  );
}

export async function listStateMechanisms(db: Db, viewer: Viewer, iso3: string): Promise<Mechanism[]> {
  await requireState(db, iso3);
  const { rows } = await listVisibleMechanisms(db, scopeOf(viewer), { stateIso3: iso3 }, { limit: 500, offset: 0 });
  return rows.map(toMechanism);
}

export async function getMechanism(db: Db, viewer: Viewer, iso3: string, id: string): Promise<Mechanism & { canEdit: boolean }> {
  const scope = scopeOf(viewer);
  const row = await findVisibleMechanism(db, scope, iso3, id);
  if (!row) throw notFound("Monitoring mechanism", id);
  return { ...toMechanism(row), canEdit: editingMembershipFor(viewer, scope, row) !== undefined };
}

/** Whether the viewer may change this record (to show or hide edit links). */
export function canEditMonitoringRecord(
  viewer: Viewer,
  scope: ViewerScope,
  r: { stateIso3: string; organizationId: string; visibility: Mechanism["visibility"] },
): boolean {
  return editingMembershipFor(viewer, scope, r) !== undefined;
}

export type RegistryFilter = { state?: string; kind?: string; monitors?: string; participation?: string; page?: number };
export type RegistryPage = { items: Mechanism[]; total: number; statesWithMechanism: number; statesAll: number; page: number; pageSize: number };

export const REGISTRY_PAGE_SIZE = 50;

function registryFilterOf(f: RegistryFilter): MechanismFilter {
  return {
    ...(f.state && /^[A-Z]{3}$/.test(f.state) ? { stateIso3: f.state } : {}),
    ...(MechanismKindSchema.safeParse(f.kind).success ? { kind: f.kind } : {}),
    ...(MonitoredSubjectSchema.safeParse(f.monitors).success ? { monitors: f.monitors } : {}),
    ...(ChildrenParticipationSchema.safeParse(f.participation).success ? { childrenParticipation: f.participation } : {}),
  };
}

/** One slice of the registry with the page's filters: the downloads read it page after page (readAllPages). */
export async function listMechanismRegistryRows(db: Db, viewer: Viewer, f: RegistryFilter, slice: { offset: number; limit: number }): Promise<Mechanism[]> {
  return (await listVisibleMechanisms(db, scopeOf(viewer), registryFilterOf(f), slice)).rows.map(toMechanism);
}

/** The global registry across States, filtered; with how many States have at least one mechanism (R25). */
export async function listMechanismRegistry(db: Db, viewer: Viewer, f: RegistryFilter): Promise<RegistryPage> {
  const scope = scopeOf(viewer);
  const filter = registryFilterOf(f);
  const page = Math.max(1, Math.floor(f.page ?? 1));
  const [list, statesWithMechanism, statesAll] = await Promise.all([
    listVisibleMechanisms(db, scope, filter, { limit: REGISTRY_PAGE_SIZE, offset: (page - 1) * REGISTRY_PAGE_SIZE }),
    countStatesWithMechanisms(db, scope, filter),
    countStatesWithMechanisms(db, scope, {}),
  ]);
  return { items: list.rows.map(toMechanism), total: list.total, statesWithMechanism, statesAll, page, pageSize: REGISTRY_PAGE_SIZE };
}

export async function addMechanism(db: Db, viewer: Viewer, iso3: string, input: NewMechanism): Promise<SavedRecord> {
  const writer = requireWriter(viewer, iso3);
  const m = parseInput(NewMechanismSchema, input);
  await requireState(db, iso3);
  return runAudited(db, actorFor(viewer), async (w) => {
    const created = await insertMechanism(w.trx, { ...columnsOf(m), stateIso3: iso3, organizationId: writer.organizationId, createdBy: viewer.userId });
    await w.audit({
      action: "monitoring.mechanism.create",
      entityType: "monitoring_mechanism",
      entityId: created.id,
      details: { stateIso3: iso3, kind: m.kind, as: writer.as, childrenParticipation: m.childrenParticipation, visibility: m.visibility },
    });
    return created;
  });
}

export async function editMechanism(db: Db, viewer: Viewer, iso3: string, id: string, input: MechanismUpdate): Promise<SavedRecord> {
  requireWriter(viewer, iso3);
  const m = parseInput(MechanismUpdateSchema, input);
  const scope = scopeOf(viewer);
  return runAudited(db, actorFor(viewer), async (w) => {
    const current = await lockEditableMechanism(w.trx, viewer, scope, iso3, id);
    if (current.version !== m.version) throw staleEdit("mechanism", current.version, m.version);
    const values = columnsOf(m);
    const updated = await updateMechanism(w.trx, id, m.version, values);
    if (!updated) throw staleEdit("mechanism", current.version + 1, m.version);
    await w.audit({
      action: "monitoring.mechanism.update",
      entityType: "monitoring_mechanism",
      entityId: id,
      details: { stateIso3: iso3, changed: changedFields(current, values), version: updated.version },
    });
    return { id, version: updated.version };
  });
}

export async function removeMechanism(
  db: Db,
  viewer: Viewer,
  iso3: string,
  id: string,
  input: { version: number | string },
): Promise<{ id: string; unlinkedSeries: number }> {
  requireWriter(viewer, iso3);
  const version = Number(input.version);
  if (!Number.isInteger(version) || version < 1)
    throw new AppError("invalid_input", "The input is not valid", [{ field: "version", message: "must be the version you edited" }]);
  const scope = scopeOf(viewer);
  return runAudited(db, actorFor(viewer), async (w) => {
    const current = await lockEditableMechanism(w.trx, viewer, scope, iso3, id);
    if (current.version !== version) throw staleEdit("mechanism", current.version, version);
    const unlinkedSeries = await countSeriesOfMechanism(w.trx, id);
    if (!(await deleteMechanism(w.trx, id, version))) throw staleEdit("mechanism", current.version + 1, version);
    // The trail keeps what was deleted, in aggregate (R26: there is no personal data to keep out).
    await w.audit({
      action: "monitoring.mechanism.delete",
      entityType: "monitoring_mechanism",
      entityId: id,
      details: { stateIso3: iso3, name: current.name, kind: current.kind, version, unlinkedSeries },
    });
    return { id, unlinkedSeries };
  });
}

/** The mechanism locked for a change: unseen ones do not exist for the viewer; seen but not theirs are refused. */
async function lockEditableMechanism(trx: Tx, viewer: Viewer, scope: ViewerScope, iso3: string, id: string): Promise<MechanismRow> {
  const current = await lockMechanism(trx, iso3, id);
  if (!current || !canSeeMonitoringRecord(scope, current)) throw notFound("Monitoring mechanism", id);
  if (!editingMembershipFor(viewer, scope, current)) throw notYours("mechanism");
  return current;
}

// ---- mapping ----

function columnsOf(m: MechanismValues): MechanismColumns {
  return {
    name: m.name,
    kind: m.kind,
    leadInstitution: m.leadInstitution,
    monitors: [...new Set(m.monitors)],
    frequency: m.frequency,
    description: m.description,
    url: m.url,
    childrenParticipation: m.childrenParticipation,
    consultationsCount: m.consultationsCount,
    childrenConsulted: m.childrenConsulted,
    girlsConsulted: m.girlsConsulted,
    // Kept in the vocabulary's order, whatever order they were ticked in.
    ageBands: AGE_BANDS.filter((b) => m.ageBands.includes(b)),
    safeguards: m.safeguards,
    keyMessages: m.keyMessages,
    sdgTargets: [...new Set(m.sdgTargets)],
    textLang: m.textLang,
    visibility: m.visibility,
  };
}

function changedFields(before: MechanismRow, after: MechanismColumns): string[] {
  const keys = Object.keys(after) as (keyof MechanismColumns)[];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export function toMechanism(r: MechanismRow): Mechanism {
  return {
    id: r.id,
    stateIso3: r.stateIso3,
    name: r.name,
    kind: MechanismKindSchema.parse(r.kind),
    leadInstitution: r.leadInstitution,
    monitors: r.monitors.map((s) => MonitoredSubjectSchema.parse(s)),
    frequency: FrequencySchema.parse(r.frequency),
    description: r.description,
    url: r.url,
    childrenParticipation: ChildrenParticipationSchema.parse(r.childrenParticipation),
    consultationsCount: r.consultationsCount,
    childrenConsulted: r.childrenConsulted,
    girlsConsulted: r.girlsConsulted,
    ageBands: r.ageBands.map((b) => AgeBandSchema.parse(b)),
    safeguards: r.safeguards,
    keyMessages: r.keyMessages,
    sdgTargets: r.sdgTargets,
    textLang: r.textLang,
    visibility: r.visibility,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}
