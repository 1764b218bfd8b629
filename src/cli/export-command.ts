import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { AppError } from "../domain/core/app-error.js";
import { exportIatiActivities, exportIatiOrganisation, type IatiExclusion, type IatiWrite } from "../domain/transparency/iati-export-service.js";
import { type GlobalOptions, openConfigured, type Output } from "./cli-runtime.js";

// `passerelle export iati` and `passerelle export iati-org` (docs/iati.md): the file is written beside its target
// under a temporary name and renamed when complete, so a failed or interrupted export never leaves half a file.

/** Above this many activities the export shows a progress bar (on stderr, in a terminal). */
const PROGRESS_FROM = 1_000;
const LISTED_EXCLUSIONS = 50;

export type IatiExportCommandOptions = { out: string; provider?: string; country?: string };

export async function runIatiExport(opts: IatiExportCommandOptions, globals: GlobalOptions, out: Output): Promise<void> {
  const target = checkedTarget(opts.out);
  const opened = await openConfigured(globals, "passerelle export iati");
  const started = performance.now();
  let bar: ReturnType<Output["progress"]> | undefined;
  try {
    const { report, bytes } = await writeAtomically(
      target,
      (write) => exportIatiActivities(opened.handle.db, { providerSlug: opts.provider, countryIso3: opts.country, onProgress: progress }, write),
      (r) =>
        // An activity file needs at least one activity (iati-activities-schema.xsd): none is an answer, not a file.
        r.exported > 0
          ? null
          : new AppError(
              "not_found",
              `No activity matching the options can be published in an IATI file (${r.excluded.length} left out): no file was written`,
              r.excluded.slice(0, LISTED_EXCLUSIONS).map((x) => ({ field: x.identifier ?? x.id, message: x.reason })),
            ),
    );
    bar?.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out.result(
      [
        `Exported ${report.exported} activit${report.exported === 1 ? "y" : "ies"} to ${target} (${megabytes(bytes)}, ${seconds} s).`,
        ...describe(report.excluded),
      ].join("\n"),
      { file: target, bytes, exported: report.exported, excluded: report.excluded },
    );
  } finally {
    bar?.stop();
    await opened.close();
  }

  function progress(done: number, total: number): void {
    if (total < PROGRESS_FROM) return;
    bar ??= out.progress(total, "Exporting IATI activities");
    bar.update(done);
  }
}

export async function runIatiOrgExport(opts: { out: string; provider: string }, globals: GlobalOptions, out: Output): Promise<void> {
  const target = checkedTarget(opts.out);
  const opened = await openConfigured(globals, "passerelle export iati-org");
  try {
    const { report, bytes } = await writeAtomically(
      target,
      (write) => exportIatiOrganisation(opened.handle.db, opts.provider, write),
      () => null,
    );
    out.result(
      [
        `Wrote the IATI organisation file of ${report.identifier} to ${target} (${megabytes(bytes)}): total expenditure for ${
          report.expenditureYears.length ? report.expenditureYears.join(", ") : "no year"
        }.`,
        report.yearsInSeveralCurrencies.length
          ? `Left out (spent in several currencies; no exchange rate is applied): ${report.yearsInSeveralCurrencies.join(", ")}.`
          : "",
      ]
        .filter(Boolean)
        .join("\n"),
      { file: target, bytes, ...report },
    );
  } finally {
    await opened.close();
  }
}

function checkedTarget(file: string): string {
  const target = path.resolve(file);
  const folder = path.dirname(target);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory())
    throw new AppError("invalid_input", `--out: the folder ${folder} does not exist`, [{ field: "out", message: "folder does not exist" }]);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory())
    throw new AppError("invalid_input", `--out: ${target} is a folder; give a file name`, [{ field: "out", message: "is a folder" }]);
  return target;
}

/**
 * Streams into `<target>.<pid>.partial`, with back-pressure, and renames it only when everything was written and
 * `refuse` finds nothing wrong with the report.
 */
async function writeAtomically<R>(
  target: string,
  produce: (write: IatiWrite) => Promise<R>,
  refuse: (report: R) => AppError | null,
): Promise<{ report: R; bytes: number }> {
  const partial = `${target}.${process.pid}.partial`;
  const stream = fs.createWriteStream(partial, { encoding: "utf8" });
  let failure: Error | undefined;
  stream.on("error", (e) => {
    failure = e;
  });
  const write: IatiWrite = async (chunk) => {
    if (failure) throw failure;
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", resolve));
  };
  try {
    const report = await produce(write);
    await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (failure) throw failure;
    const refusal = refuse(report);
    if (refusal) throw refusal;
    fs.renameSync(partial, target);
    return { report, bytes: fs.statSync(target).size };
  } catch (e) {
    stream.destroy();
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

function describe(excluded: IatiExclusion[]): string[] {
  if (excluded.length === 0) return [];
  const lines = excluded.slice(0, LISTED_EXCLUSIONS).map((x) => `  - ${x.identifier ?? "(no identifier)"} (${x.id}): ${x.reason}`);
  if (excluded.length > LISTED_EXCLUSIONS) lines.push(`  … and ${excluded.length - LISTED_EXCLUSIONS} more (--json lists them all)`);
  return [`Left out ${excluded.length}:`, ...lines];
}

const megabytes = (bytes: number) => (bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${(bytes / 1000).toFixed(1)} kB`);
