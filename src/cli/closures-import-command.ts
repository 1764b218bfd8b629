import fs from "node:fs";
import path from "node:path";
import { AppError } from "../domain/core/app-error.js";
import { importClosureFile } from "../domain/education/closure-import-service.js";
import type { ClosureImportReport, ClosureWarning } from "../domain/education/closure-schemas.js";
import { type GlobalOptions, openConfigured, type Output } from "./cli-runtime.js";

export type ClosuresImportOptions = { dryRun?: boolean; publisher?: string; label?: string; skipUnknownCountries?: boolean; skipDuplicates?: boolean };

const FORMAT_NAMES: Record<ClosureImportReport["format"], string> = {
  unesco_status: "UNESCO daily status (Fully open / Partially open / Closed due to COVID-19 / Academic break)",
  unesco_scale: "UNESCO closure scale (National / Localized / Open)",
  oxcgrt_c1: "OxCGRT C1 school closing (0–3, targeted/general flag)",
  national: "national template",
};

/** Warnings shown per kind (field), at most this many lines each; --json has them all. */
const SHOWN_PER_FIELD = 8;

/**
 * `passerelle import closures FILE[.gz]` (docs/closures.md): checks the whole file, then writes one release in one
 * transaction. Exits 2 when the file has an error (nothing written), 0 otherwise — also when the same bytes were
 * imported before (nothing written, the earlier release reported).
 */
export async function runClosuresImport(file: string, options: ClosuresImportOptions, globals: GlobalOptions, out: Output): Promise<void> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError("not_found", `No file at ${file}`, [{ field: "file", message: "does not exist" }]);
  const fileName = path.basename(file);
  const opened = await openConfigured(globals, "passerelle import closures");
  const bar = out.progress(100, `Importing ${fileName}`);
  try {
    const actor = { userId: null, label: "cli:import closures" };
    const report = await importClosureFile(opened.handle.db, actor, { path: file, name: fileName }, { ...options, onProgress: (done) => bar.update(done) });
    bar.stop();
    out.result(describeReport(fileName, report), { file: fileName, ...report });
  } finally {
    bar.stop();
    await opened.close();
  }
}

export function describeReport(fileName: string, r: ClosureImportReport): string {
  const head =
    r.status === "already_imported"
      ? `${fileName}: already imported as release ${r.releaseId}; nothing written.`
      : r.status === "dry_run"
        ? `${fileName}: dry run — nothing written. Would store ${r.rowsStored} row(s).`
        : `${fileName}: imported as release ${r.releaseId}.`;
  return [
    head,
    `  Format:   ${FORMAT_NAMES[r.format]}`,
    `  Rows:     ${r.rowsRead} read, ${r.rowsStored} stored, ${r.rowsSkipped} skipped`,
    `  Coverage: ${r.coverageFrom} to ${r.coverageTo}`,
    ...describeWarnings(r.warnings),
  ].join("\n");
}

function describeWarnings(warnings: readonly ClosureWarning[]): string[] {
  if (warnings.length === 0) return ["  Warnings: none"];
  const byField = new Map<string, ClosureWarning[]>();
  for (const w of warnings) byField.set(w.field ?? "file", [...(byField.get(w.field ?? "file") ?? []), w]);
  const lines = [`  Warnings: ${warnings.length}`];
  for (const [field, list] of byField) {
    lines.push(`    ${field} (${list.length}):`);
    for (const w of list.slice(0, SHOWN_PER_FIELD)) lines.push(`      ${w.line ? `line ${w.line}: ` : ""}${w.message}`);
    if (list.length > SHOWN_PER_FIELD) lines.push(`      … and ${list.length - SHOWN_PER_FIELD} more (--json lists them all)`);
  }
  return lines;
}
