import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import {
  type IatiActivityElement,
  IatiFileError,
  type IatiFileProblem,
  type IatiSource,
  readIatiActivities,
  withRereadableSource,
} from "../../imports/iati-activity-reader.js";
import { parseIatiActivity } from "../../imports/iati-activity-xml.js";
import type { IatiVersion } from "../../imports/iati-schema.js";
import type { Db } from "../../store/db.js";
import {
  findFreeSlug,
  findOrganizationIdsByIatiRef,
  findStoredActivities,
  type ImportedActivity,
  type ImportWrite,
  insertIatiImport,
  insertImportedOrganization,
  insertImportEvents,
  loadIso3ByIso2,
  loadTaxonomyCodes,
  lockStoredActivities,
  writeImportedActivities,
} from "../../store/iati-import-store.js";
import { type Actor, runAudited, type WriteContext } from "../audit/audit-service.js";
import { AppError } from "../core/app-error.js";
import type { IatiActivity } from "./iati-activity.js";
import {
  type CodeSets,
  codeProblems,
  IMPORT_TAXONOMIES,
  organizationTypeOfIati,
  plannedOutcome,
  reasonOf,
  recipientState,
  slugOfIatiRef,
} from "./iati-import-rules.js";

// `passerelle import iati FILE`: IATI 2.01–2.03 activity files from providers become Passerelle activities
// (docs/iati.md, "Import"). Two passes over the streamed file, so that a file refused anywhere — not IATI, not
// well-formed, a DOCTYPE, an activity over the size limit — writes nothing, and memory stays bounded whatever the
// file's size: the first pass checks every activity (schema of the file's version, codes, one recipient State)
// and keeps only a short outcome per activity; the second pass reads the file again and writes the activities to
// create or update, a few per transaction, each with its audit event. Memory: one activity being read (at most
// 16 MiB of XML), one batch of mapped activities, and about 200 bytes per activity of the file for the report.

export type IatiImportOutcome = { identifier: string; line: number; outcome: "created" | "updated" | "unchanged" | "skipped"; reason: string | null };

export type IatiImportReport = {
  /** The iati_imports row of this run; null in a dry run. */
  importId: string | null;
  fileName: string;
  sha256: string;
  version: IatiVersion;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  activities: IatiImportOutcome[];
  dryRun: boolean;
};

export type IatiImportSource = { fileName: string } & ({ path: string } | { stream: Readable });
export type IatiImportProgress = { phase: "check" | "write"; read: number; total: number | null };
export type IatiImportOptions = { dryRun?: boolean; onProgress?: (p: IatiImportProgress) => void };

const BATCH = 25;

type Reference = { codes: CodeSets; iso3OfIso2: ReadonlyMap<string, string> };
type Planned = IatiImportOutcome & { lastUpdated: string };

export async function importIatiActivities(db: Db, actor: Actor, source: IatiImportSource, options: IatiImportOptions = {}): Promise<IatiImportReport> {
  const reference: Reference = { codes: await loadTaxonomyCodes(db, IMPORT_TAXONOMIES), iso3OfIso2: await loadIso3ByIso2(db) };
  const input: IatiSource = "path" in source ? { path: source.path } : { stream: source.stream };
  return withRereadableSource(input, async (first, again) => {
    const checked = await checkFile(first, reference, options);
    const report = await planOutcomes(db, source.fileName, checked, !!options.dryRun);
    if (options.dryRun) return report;
    const importId = await recordRun(db, actor, report);
    await writeActivities(db, actor, again(), { ...checked, importId, reference, report }, options);
    return { ...report, importId };
  });
}

type Checked = { version: IatiVersion; sha256: string; planned: Planned[] };

/** Pass 1: the whole file is read and every activity checked; nothing is written. */
async function checkFile(source: IatiSource, reference: Reference, options: IatiImportOptions): Promise<Checked> {
  const header: { version: IatiVersion | null; generated: string | null } = { version: null, generated: null };
  let sha256 = "";
  const planned: Planned[] = [];
  const lineOf = new Map<string, number>();
  await refusingBadFiles(async () => {
    const events = readIatiActivities(source, { onProgress: (read, total) => options.onProgress?.({ phase: "check", read, total }) });
    for await (const e of events) {
      if (e.kind === "header") Object.assign(header, { version: e.version, generated: e.generatedDatetime });
      else if (e.kind === "other")
        planned.push({ identifier: "", line: e.line, outcome: "skipped", reason: `<${e.name}> is not an iati-activity`, lastUpdated: "" });
      else if (e.kind === "end") sha256 = e.sha256;
      else if (header.version) planned.push(checkActivity(e, header.version, header.generated, reference, lineOf));
    }
  });
  // The reader refuses a file without a supported version before any activity; this cannot happen.
  if (!header.version) throw new Error("The IATI reader gave no version");
  return { version: header.version, sha256, planned };
}

function checkActivity(e: IatiActivityElement, version: IatiVersion, generated: string | null, reference: Reference, lineOf: Map<string, number>): Planned {
  const skip = (reason: string): Planned => ({ identifier: e.identifier, line: e.line, outcome: "skipped", reason: detached(reason), lastUpdated: "" });
  // Schema messages always carry their file line, as a validator prints them.
  if (e.issues.length > 0) return skip(`not valid against the IATI ${version} schema: ${reasonOf(e.issues, 0)}`);
  const mapped = mapActivity(e, generated, reference);
  if ("problems" in mapped) return skip(reasonOf(mapped.problems, e.line));
  const earlier = lineOf.get(e.identifier);
  if (earlier !== undefined) return skip(`the file already has an activity with this identifier, on line ${earlier}`);
  lineOf.set(e.identifier, e.line);
  const notes = mapped.notes.join("; ");
  return { identifier: e.identifier, line: e.line, outcome: "created", reason: notes ? detached(notes) : null, lastUpdated: mapped.activity.lastUpdated };
}

/** A string of its own: parts cut from the file would keep whole chunks of it in memory for the whole import. */
const detached = (s: string) => Buffer.from(s).toString();

type Mapped = { activity: IatiActivity; stateIso3: string; notes: string[] } | { problems: { line: number; message: string }[] };

/** The same mapping in both passes: what pass 1 accepted, pass 2 writes. */
function mapActivity(e: IatiActivityElement, generated: string | null, reference: Reference): Mapped {
  const parsed = parseIatiActivity(e.element, { lastUpdated: generated });
  const state = recipientState(parsed, reference.iso3OfIso2);
  const problems = [...parsed.problems, ...codeProblems(parsed.codes, reference.codes), ...("problem" in state ? [state.problem] : [])];
  if (problems.length > 0 || "problem" in state) return { problems: problems.sort((x, y) => x.line - y.line) };
  return { activity: parsed.activity, stateIso3: state.iso3, notes: parsed.notes };
}

async function refusingBadFiles<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof IatiFileError)) throw e;
    throw new AppError("invalid_input", e.message, [{ field: "file", message: REFUSALS[e.problem], ...(e.line ? { line: e.line } : {}) }]);
  }
}

const REFUSALS: Record<IatiFileProblem, string> = {
  not_utf8: "not UTF-8",
  encoding: "not UTF-8",
  doctype: "document type declarations are not allowed",
  malformed: "not well-formed XML",
  not_iati: "not an IATI activity file",
  legacy_version: "IATI 1.x",
  unsupported_version: "unsupported IATI version",
  too_large: "over the size limit",
  gzip: "not a valid gzip file",
};

/** What each checked activity will do, given what is stored now. */
async function planOutcomes(db: Db, fileName: string, checked: Checked, dryRun: boolean): Promise<IatiImportReport> {
  const toStore = checked.planned.filter((p) => p.outcome !== "skipped");
  const stored = await findStoredActivities(
    db,
    toStore.map((p) => p.identifier),
  );
  for (const p of toStore) {
    const decided = plannedOutcome(p.lastUpdated, stored.get(p.identifier));
    p.outcome = decided.outcome;
    // Notes tell what a write left out; nothing is written for an unchanged or skipped activity.
    if (decided.outcome === "skipped" || decided.outcome === "unchanged") p.reason = decided.reason ?? null;
  }
  const count = (o: IatiImportOutcome["outcome"]) => checked.planned.filter((p) => p.outcome === o).length;
  return {
    importId: null,
    fileName,
    sha256: checked.sha256,
    version: checked.version,
    created: count("created"),
    updated: count("updated"),
    unchanged: count("unchanged"),
    skipped: count("skipped"),
    activities: checked.planned.map((p) => ({ identifier: p.identifier, line: p.line, outcome: p.outcome, reason: p.reason })),
    dryRun,
  };
}

async function recordRun(db: Db, actor: Actor, report: IatiImportReport): Promise<string> {
  const counts = { created: report.created, updated: report.updated, unchanged: report.unchanged, skipped: report.skipped };
  return runAudited(db, actor, async (w) => {
    const id = await insertIatiImport(w.trx, {
      fileName: report.fileName,
      sha256: report.sha256,
      version: report.version,
      counts,
      report: report.activities,
      importedBy: actor.userId,
    });
    await w.audit({
      action: "iati.import",
      entityType: "iati_import",
      entityId: id,
      details: { file: report.fileName, sha256: report.sha256, version: report.version, ...counts },
    });
    return id;
  });
}

type WritePlan = Checked & { importId: string; reference: Reference; report: IatiImportReport };
type Pending = { line: number; outcome: "created" | "updated"; mapped: { activity: IatiActivity; stateIso3: string } };

/** Pass 2: the file again; the activities to create or update are written, BATCH per transaction. */
async function writeActivities(db: Db, actor: Actor, source: IatiSource, plan: WritePlan, options: IatiImportOptions): Promise<void> {
  const toWrite = new Map(plan.report.activities.filter((a) => a.outcome === "created" || a.outcome === "updated").map((a) => [a.line, a]));
  if (toWrite.size === 0) return;
  const orgs = new OrganizationResolver();
  let batch: Pending[] = [];
  let generated: string | null = null;
  const flush = async () => {
    if (batch.length > 0) await writeBatch(db, actor, batch, plan, orgs);
    batch = [];
  };
  const events = readIatiActivities(source, { validate: false, onProgress: (read, total) => options.onProgress?.({ phase: "write", read, total }) });
  for await (const e of events) {
    if (e.kind === "header") generated = e.generatedDatetime;
    if (e.kind !== "activity") continue;
    const planned = toWrite.get(e.line);
    if (!planned) continue;
    const mapped = mapActivity(e, generated, plan.reference);
    if (e.identifier !== planned.identifier || "problems" in mapped) throw changedWhileImporting(plan.report.fileName);
    batch.push({ line: e.line, outcome: planned.outcome as Pending["outcome"], mapped });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
}

function changedWhileImporting(fileName: string): AppError {
  return new AppError(
    "conflict",
    `${fileName} or the activities it updates changed while it was being imported; the activities written so far are complete. Import the file again to finish.`,
  );
}

async function writeBatch(db: Db, actor: Actor, batch: Pending[], plan: WritePlan, orgs: OrganizationResolver): Promise<void> {
  const created = await runAudited(db, actor, async (w) => {
    const session = orgs.session();
    const stored = await lockStoredActivities(
      w.trx,
      batch.map((p) => p.mapped.activity.identifier),
    );
    await session.known(
      w,
      batch.flatMap((p) => [p.mapped.activity.reportingOrg.ref, ...p.mapped.activity.participants.flatMap((x) => (x.ref ? [x.ref] : []))]),
    );
    const writes: ImportWrite[] = [];
    const events: Parameters<typeof insertImportEvents>[1][number][] = [];
    const reason = `IATI import of ${plan.report.fileName}`;
    for (const p of batch) {
      const a = p.mapped.activity;
      const before = stored.get(a.identifier);
      const decided = plannedOutcome(a.lastUpdated, before && { source: before.source, iatiLastUpdated: before.iatiLastUpdated });
      if (decided.outcome !== p.outcome) throw changedWhileImporting(plan.report.fileName);
      const organizationId = await session.reportingOrganization(w, a.reportingOrg);
      const ids = await session.known(
        w,
        a.participants.flatMap((x) => (x.ref ? [x.ref] : [])),
      );
      const activity: ImportedActivity = {
        ...a,
        organizationId,
        stateIso3: p.mapped.stateIso3,
        participants: a.participants.map((x) => ({ ...x, organizationId: (x.ref && ids.get(x.ref)) || null })),
      };
      const id = before?.id ?? randomUUID();
      writes.push({ id, update: !!before, activity, importId: plan.importId, createdBy: w.actor.userId });
      if (!before || before.status !== a.status)
        events.push({ activityId: id, from: before?.status ?? null, to: a.status, reason, actorUserId: w.actor.userId });
    }
    await writeImportedActivities(w.trx, writes);
    await insertImportEvents(w.trx, events);
    for (const [i, x] of writes.entries()) {
      await w.audit({
        action: x.update ? "activity.import_update" : "activity.import_create",
        entityType: "activity",
        entityId: x.id,
        details: { importId: plan.importId, identifier: x.activity.identifier, line: batch[i]?.line, lastUpdated: x.activity.lastUpdated || null },
      });
    }
    return session.created;
  });
  orgs.remember(created);
}

type ResolverSession = {
  created: Map<string, string>;
  reportingOrganization(w: WriteContext, org: IatiActivity["reportingOrg"]): Promise<string>;
  known(w: WriteContext, refs: string[]): Promise<Map<string, string>>;
};

/**
 * Organizations by IATI organisation identifier. A reporting organisation Passerelle does not know is registered
 * (public, named as the file names it, typed from its IATI OrganisationType); participants are only matched.
 * What a transaction creates is remembered once it commits.
 */
class OrganizationResolver {
  private readonly ids = new Map<string, string | null>();

  remember(created: Map<string, string>): void {
    for (const [ref, id] of created) this.ids.set(ref, id);
  }

  session(): ResolverSession {
    const created = new Map<string, string>();
    const known = async (w: WriteContext, refs: string[]) => {
      const missing = [...new Set(refs)].filter((r) => !this.ids.has(r) && !created.has(r));
      if (missing.length > 0) {
        const found = await findOrganizationIdsByIatiRef(w.trx, missing);
        for (const r of missing) this.ids.set(r, found.get(r) ?? null);
      }
      return new Map(
        refs.flatMap((r) => {
          const id = created.get(r) ?? this.ids.get(r);
          return id ? [[r, id] as const] : [];
        }),
      );
    };
    return {
      created,
      known,
      reportingOrganization: async (w, org) => {
        const existing = (await known(w, [org.ref])).get(org.ref);
        if (existing) return existing;
        const type = organizationTypeOfIati(org.type);
        const slug = await findFreeSlug(w.trx, slugOfIatiRef(org.ref));
        const name = org.name.trim().length >= 2 ? org.name.trim() : org.ref;
        const id = await insertImportedOrganization(w.trx, { slug, name, type, iatiRef: org.ref });
        await w.audit({
          action: "organization.create",
          entityType: "organization",
          entityId: id,
          details: { slug, type, visibility: "public", iatiRef: org.ref },
        });
        created.set(org.ref, id);
        return id;
      },
    };
  }
}
