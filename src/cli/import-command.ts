import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { importPledges, importRecommendations, type ImportReport } from "../domain/recommendations/recommendation-import-service.js";
import type { ImportProblem } from "../domain/recommendations/recommendation-schemas.js";
import { AppError } from "../domain/core/app-error.js";
import type { TextEncoding } from "../imports/csv-stream.js";
import { parseUhriFile } from "../imports/uhri-thematic-list.js";
import { parseUprInfoPledges, parseUprInfoRecommendations } from "../imports/upr-info-csv.js";
import { type GlobalOptions, openConfigured, type Output } from "./cli-runtime.js";

export type ImportKind = "upr-info" | "uhri" | "pledges";
export type ImportCommandOptions = { dryRun?: boolean; encoding?: TextEncoding };

/**
 * `passerelle import <kind> FILE`: parse with a progress bar, validate everything, then write all or nothing.
 * Prints {"imported","updated","unchanged","errors"} with --json; exits 2 when the file has any problem.
 */
export async function runImport(kind: ImportKind, file: string, options: ImportCommandOptions, globals: GlobalOptions, out: Output): Promise<void> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError("not_found", `No file at ${file}`, [{ field: "file", message: "does not exist" }]);
  const fileName = path.basename(file);
  const sha256 = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  const bar = out.progress(100, `Reading ${fileName}`);
  const onProgress = (read: number, total: number) => bar.update(Math.round((read / Math.max(total, 1)) * 100));
  const parsed =
    kind === "upr-info"
      ? await parseUprInfoRecommendations(file, { encoding: options.encoding, onProgress })
      : kind === "pledges"
        ? await parseUprInfoPledges(file, { encoding: options.encoding, onProgress })
        : parseUhriFile(file);
  bar.update(100);
  bar.stop();
  out.info(`Read ${parsed.rows.length} row(s) from ${fileName}${"encoding" in parsed ? ` (${parsed.encoding})` : ""}; validating…`);

  const opened = await openConfigured(globals, `passerelle import ${kind}`);
  let report: ImportReport;
  try {
    const actor = { userId: null, label: `cli:import ${kind}` };
    const importOptions = { dryRun: !!options.dryRun, fileName, fileSha256: sha256 };
    report =
      kind === "pledges"
        ? await importPledges(opened.handle.db, actor, parsed as Awaited<ReturnType<typeof parseUprInfoPledges>>, importOptions)
        : await importRecommendations(opened.handle.db, actor, parsed as Awaited<ReturnType<typeof parseUprInfoRecommendations>>, importOptions);
  } finally {
    await opened.close();
  }
  const summary = { imported: report.imported, updated: report.updated, unchanged: report.unchanged, errors: report.errors };
  if (report.errors.length > 0) {
    throw new AppError("invalid_input", `${fileName}: ${report.errors.length} problem(s); nothing was written`, report.errors.map(toFieldProblem));
  }
  out.result(
    [
      `${options.dryRun ? "Dry run — nothing written. Would import" : "Imported"} ${report.imported}, ${options.dryRun ? "update" : "updated"} ${report.updated}, unchanged ${report.unchanged}.`,
      report.unmappedThemes.length ? `Themes with no UHRI mapping (kept as given): ${report.unmappedThemes.join("; ")}` : "",
    ]
      .filter(Boolean)
      .join("\n"),
    summary,
  );
}

function toFieldProblem(p: ImportProblem) {
  return { field: p.field, message: p.message, line: p.line };
}
