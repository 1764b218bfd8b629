import fs from "node:fs";
import path from "node:path";
import { AppError } from "../domain/core/app-error.js";
import { importExchangeRates } from "../domain/transparency/exchange-rate-service.js";
import { parseRateFile } from "../imports/exchange-rate-files.js";
import { type GlobalOptions, openConfigured, type Output } from "./cli-runtime.js";

/**
 * `passerelle import rates FILE.csv`: official exchange rates (header currency,year,units_per_usd,source), e.g. the UN
 * operational rates of exchange. Every row is checked first; problems are listed with their line and nothing is
 * written; otherwise the named currency-years are replaced in one audited transaction.
 */
export async function runRatesImport(file: string, options: { dryRun?: boolean }, globals: GlobalOptions, out: Output): Promise<void> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError("not_found", `No file at ${file}`, [{ field: "file", message: "does not exist" }]);
  const fileName = path.basename(file);
  const rows = parseRateFile(fs.readFileSync(file, "utf8"), fileName);
  out.info(`Read ${rows.length} rate(s) from ${fileName}; validating…`);
  const opened = await openConfigured(globals, "passerelle import rates");
  try {
    const report = await importExchangeRates(opened.handle.db, { userId: null, label: "cli:import rates" }, rows, { fileName, dryRun: !!options.dryRun });
    out.result(
      report.dryRun
        ? `Dry run — nothing written. ${report.rates} rate(s) for ${report.currencies.join(", ")} are valid.`
        : `Imported ${report.rates} rate(s) for ${report.currencies.join(", ")}; ${report.replaced} replaced an earlier rate.`,
      report,
    );
  } finally {
    await opened.close();
  }
}
