import fs from "node:fs";
import path from "node:path";
import { hashClosureFile, streamClosureFile } from "../../imports/closure-files.js";
import { findClosureReleaseBySha256 } from "../../store/closure-release-store.js";
import {
  insertClosureDailyCounts,
  insertClosureObservations,
  insertClosurePeriods,
  insertClosureRelease,
  listCountryGroupsForClosures,
  listCountryNamesForClosures,
  upsertClosureNotes,
} from "../../store/closure-write-store.js";
import type { Db } from "../../store/db.js";
import { type Actor, runAudited } from "../audit/audit-service.js";
import { AppError, type FieldProblem } from "../core/app-error.js";
import { todayIso } from "../core/dates.js";
import { deriveClosureDailyCounts } from "./closure-counts.js";
import { deriveClosurePeriods } from "./closure-periods.js";
import {
  CLOSURE_FORMAT_SPECS,
  type ClosureFormat,
  defaultReleaseLabel,
  type ClosureImportOptions,
  type ClosureImportReport,
  type ClosureWarning,
} from "./closure-schemas.js";
import { type CountryReference, createClosureValidator } from "./closure-validation.js";

export type { ClosureImportOptions, ClosureImportReport } from "./closure-schemas.js";

// `passerelle import closures FILE` and the demo seed (res. 45/32 PP9–PP11; R25): one school-closure file becomes
// one release — UNESCO revised past statuses between releases, so releases are kept side by side, never merged.
// The whole file is checked first; a file with any error writes nothing. The same bytes imported again are the
// same release (SHA-256): nothing is written and the earlier release is reported. A release is written in one
// audited transaction: the release, its notes, its observations, and the two forms derived from them (periods
// for timelines, daily counts for the global view).

/** Share of the progress bar the reading takes; writing takes the rest. */
const READ_SHARE = 40;

export async function importClosureFile(
  db: Db,
  actor: Actor,
  file: { path: string; name?: string },
  options: ClosureImportOptions = {},
): Promise<ClosureImportReport> {
  const fileName = file.name ?? path.basename(file.path);
  if (!fs.existsSync(file.path) || !fs.statSync(file.path).isFile())
    throw new AppError("not_found", `No file at ${file.path}`, [{ field: "file", message: "does not exist" }]);
  const progress = (done: number) => options.onProgress?.(Math.min(100, Math.round(done)), 100);

  const { sha256 } = await hashClosureFile(file.path);
  const existing = await findClosureReleaseBySha256(db, sha256);
  if (existing) {
    progress(100);
    return {
      status: "already_imported",
      releaseId: existing.id,
      format: existing.source === "national" ? "national" : existing.scale,
      rowsRead: existing.rowsRead,
      rowsStored: existing.rowsStored,
      rowsSkipped: existing.rowsSkipped,
      coverageFrom: existing.coverageFrom,
      coverageTo: existing.coverageTo,
      warnings: existing.report,
    };
  }

  const reference = await loadCountryReference(db);
  let validator: ReturnType<typeof createClosureValidator> | null = null;
  const read = await streamClosureFile(file.path, {
    onFormat: (format) => {
      validator = createClosureValidator(format, {
        ...reference,
        today: todayIso(),
        skipUnknownCountries: !!options.skipUnknownCountries,
        skipDuplicates: !!options.skipDuplicates,
      });
    },
    onRow: (fields, line) => validator?.add(fields, line),
    onProgress: (bytes, total) => progress((bytes / Math.max(total, 1)) * READ_SHARE),
  });
  const format = read.format;
  if (format === null || validator === null) throw refusal(fileName, read.problems, read.problems.length);
  const spec = CLOSURE_FORMAT_SPECS[format];
  const publisher = options.publisher?.trim() || spec.publisher;
  if (!publisher) {
    throw new AppError("invalid_input", `${fileName}: a national file needs its publisher (--publisher "Ministry of Education of …")`, [
      { field: "publisher", message: "is required for the national template" },
    ]);
  }
  const checked = (validator as ReturnType<typeof createClosureValidator>).finish();
  if (read.problems.length + checked.errorCount > 0) {
    throw refusal(fileName, [...read.problems, ...checked.errors], read.problems.length + checked.errorCount);
  }
  const report = {
    format,
    rowsRead: checked.rowsRead,
    rowsStored: checked.rows.line.length,
    rowsSkipped: checked.rowsSkipped,
    coverageFrom: checked.coverageFrom,
    coverageTo: checked.coverageTo,
    warnings: checked.warnings,
  };
  if (options.dryRun) {
    progress(100);
    return { status: "dry_run", releaseId: null, ...report };
  }

  const periods = deriveClosurePeriods(checked.rows);
  const counts = deriveClosureDailyCounts(checked.rows, await listCountryGroupsForClosures(db));
  const releaseId = await runAudited(db, actor, async (w) => {
    const id = await insertClosureRelease(w.trx, {
      source: spec.source,
      scale: spec.scale,
      publisher,
      label: options.label?.trim() || defaultReleaseLabel(spec.format, report.coverageFrom, report.coverageTo),
      fileName,
      sha256,
      licence: spec.licence,
      coverageFrom: report.coverageFrom,
      coverageTo: report.coverageTo,
      rowsRead: report.rowsRead,
      rowsStored: report.rowsStored,
      rowsSkipped: report.rowsSkipped,
      report: report.warnings,
      importedBy: actor.userId,
    });
    const notes = await upsertClosureNotes(
      w.trx,
      [...checked.rows.note, ...periods.note].filter((n): n is string => n !== null),
    );
    await insertClosureObservations(w.trx, id, checked.rows, notes, (written) =>
      progress(READ_SHARE + (written / Math.max(report.rowsStored, 1)) * (95 - READ_SHARE)),
    );
    await insertClosurePeriods(w.trx, id, periods, notes);
    await insertClosureDailyCounts(w.trx, id, counts);
    await w.audit({
      action: "closures.import",
      entityType: "closure_release",
      entityId: String(id),
      details: {
        fileName,
        sha256,
        format,
        publisher,
        rowsRead: report.rowsRead,
        rowsStored: report.rowsStored,
        rowsSkipped: report.rowsSkipped,
        periods: periods.iso3.length,
        dailyCounts: counts.day.length,
        coverageFrom: report.coverageFrom,
        coverageTo: report.coverageTo,
        warnings: report.warnings.length,
      },
    });
    return id;
  });
  progress(100);
  return { status: "imported", releaseId, ...report };
}

/** The release already imported from this file's bytes, or null. */
export async function findImportedClosureRelease(db: Db, filePath: string): Promise<number | null> {
  const { sha256 } = await hashClosureFile(filePath);
  return (await findClosureReleaseBySha256(db, sha256))?.id ?? null;
}

/** Countries by ISO code with their known names, and which country each name belongs to (for the name check). */
async function loadCountryReference(db: Db): Promise<{ countries: Map<string, CountryReference>; nameOwners: Map<string, string> }> {
  const countries = new Map<string, CountryReference & { names: Set<string> }>();
  const owners = new Map<string, string | null>();
  for (const r of await listCountryNamesForClosures(db)) {
    let c = countries.get(r.iso3);
    if (!c) {
      c = { nameEn: r.nameEn, names: new Set() };
      countries.set(r.iso3, c);
    }
    if (r.normalized === null) continue;
    c.names.add(r.normalized);
    // A name two countries share (none today, but aliases grow) belongs to neither.
    const owner = owners.get(r.normalized);
    owners.set(r.normalized, owner === undefined || owner === r.iso3 ? r.iso3 : null);
  }
  // Without the M49 reference every code would look unknown: say what to do instead of listing 210 codes.
  if (countries.size === 0)
    throw new AppError("unavailable", "The countries reference data is not loaded in this database: run `passerelle seed` first, then import again");
  const nameOwners = new Map([...owners].filter((e): e is [string, string] => e[1] !== null));
  return { countries, nameOwners };
}

function refusal(fileName: string, problems: readonly FieldProblem[], count: number): AppError {
  const first = problems[0];
  const where = first?.line ? `, the first on line ${first.line}` : "";
  const shown = problems.length < count ? ` (the first ${problems.length} are listed)` : "";
  return new AppError(
    "invalid_input",
    `${fileName}: ${count} problem(s)${where}: ${first ? `${first.field} ${first.message}` : ""}${shown}; nothing was written`,
    [...problems],
  );
}

export type { ClosureFormat, ClosureWarning };
