import fs from "node:fs";
import path from "node:path";
import { AppError } from "../domain/core/app-error.js";
import { type IatiImportProgress, importIatiActivities } from "../domain/transparency/iati-import-service.js";
import { type GlobalOptions, openConfigured, type Output } from "./cli-runtime.js";

/**
 * `passerelle import iati FILE[.gz]`: checks the whole file, then writes (docs/iati.md, "Import"). Prints the
 * created / updated / unchanged / skipped counts and every skipped activity with its line and reason. Exits 0
 * when the file was read (even with skipped activities), 2 when the file itself is refused (nothing written).
 */
export async function runIatiImport(file: string, options: { dryRun?: boolean }, globals: GlobalOptions, out: Output): Promise<void> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError("not_found", `No file at ${file}`, [{ field: "file", message: "does not exist" }]);
  const fileName = path.basename(file);
  const opened = await openConfigured(globals, "passerelle import iati");
  const progress = phasedProgress(out, fileName);
  try {
    const actor = { userId: null, label: "cli:import iati" };
    const report = await importIatiActivities(opened.handle.db, actor, { fileName, path: file }, { dryRun: !!options.dryRun, onProgress: progress.update });
    progress.stop();
    const skipped = report.activities.filter((a) => a.outcome === "skipped");
    const notes = report.activities.filter((a) => a.outcome !== "skipped" && a.reason);
    const verb = report.dryRun ? "Dry run — nothing written. Would create" : "Created";
    out.result(
      [
        `${fileName} (IATI ${report.version}): ${verb} ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, skipped ${report.skipped}.`,
        ...(skipped.length ? ["Skipped:", ...skipped.map((a) => `  line ${a.line}${a.identifier ? ` ${a.identifier}` : ""}: ${a.reason}`)] : []),
        ...(notes.length ? ["Imported with parts left out:", ...notes.map((a) => `  line ${a.line} ${a.identifier}: ${a.reason}`)] : []),
      ].join("\n"),
      {
        importId: report.importId,
        file: fileName,
        sha256: report.sha256,
        version: report.version,
        dryRun: report.dryRun,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped,
        activities: report.activities,
      },
    );
  } finally {
    progress.stop();
    await opened.close();
  }
}

/** One progress bar per pass over the file: "Checking" (read and validate), then "Importing" (write). */
function phasedProgress(out: Output, fileName: string) {
  let bar: ReturnType<Output["progress"]> | null = null;
  let phase: IatiImportProgress["phase"] | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    stop,
    update(p: IatiImportProgress) {
      if (p.phase !== phase) {
        stop();
        phase = p.phase;
        bar = out.progress(100, p.phase === "check" ? `Checking ${fileName}` : `Importing ${fileName}`);
      }
      bar?.update(p.total ? Math.round((p.read / p.total) * 100) : 0);
    },
  };
}
