import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { importClosureFile } from "../src/domain/education/closure-import-service.js";
import type { ClosureImportReport } from "../src/domain/education/closure-schemas.js";
import { prepareDatabase } from "../src/domain/setup/setup-service.js";
import { buildServer } from "../src/http/server.js";
import { DEFAULT_RESOURCES_DIR, resolveResourceFile } from "../src/imports/resources-path.js";
import { type Db, type DbHandle, openDatabase } from "../src/store/db.js";

// School-closure benchmark (issue 6, `npm run bench:closures`): the three real files of resources/ (264,535 rows)
// imported into a fresh PGlite database in a data folder on disk, as `passerelle import closures` does, with the
// demo seed's options (--skip-unknown-countries --skip-duplicates). Budget: all three ≤ 20 s. Then the same three
// again (idempotent: hashed, found, nothing written). Progress on stderr, a markdown table on stdout.

const FILES = [
  "school-closures/unesco_school_closures_daily_2020-02-16_2021-02-15.csv",
  "school-closures/unesco_school_closures_scale_schema_2020-02-16_2020-07-15.csv",
  "school-closures/oxcgrt_c1_school_closing_long.csv",
] as const;
const ACTOR = { userId: null, label: "bench:closures" };
const OPTIONS = { skipUnknownCountries: true, skipDuplicates: true };
const log = (msg: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en")}`;

/** Wall time, and CPU time of this process (PGlite runs in it): on a shared machine the CPU time is what an idle
 * machine's wall time would be. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

async function importAll(db: Db, table: string[], label: string): Promise<{ ms: number; cpuMs: number; rowsRead: number }> {
  let ms = 0;
  let cpuMs = 0;
  let rowsRead = 0;
  for (const rel of FILES) {
    const file = resolveResourceFile(DEFAULT_RESOURCES_DIR, rel);
    log(`${label}: ${path.basename(rel)}…`);
    const m = await timed<ClosureImportReport>(() => importClosureFile(db, ACTOR, { path: file }, OPTIONS));
    ms += m.ms;
    cpuMs += m.cpuMs;
    rowsRead += m.value.rowsRead;
    const r = m.value;
    table.push(
      `| ${path.basename(rel)} | ${label} (${r.status}) | ${r.rowsRead.toLocaleString("en")} | ${r.rowsStored.toLocaleString("en")} | ${sec(m.ms)} | ${sec(m.cpuMs)} | ${perSecond(r.rowsRead, m.ms)} |`,
    );
  }
  return { ms, cpuMs, rowsRead };
}

async function timePages(handle: DbHandle): Promise<string[]> {
  const releases = await handle.db.selectFrom("closure_releases").select(["id", "scale"]).execute();
  const oxcgrt = releases.find((r) => r.scale === "oxcgrt_c1")?.id;
  const app = await buildServer({ handle, config: { logLevel: "silent", production: false, publicUrl: undefined }, demo: true });
  const rows: string[] = [];
  try {
    const pages: [string, number][] = [
      ["/education", 300],
      [`/education?release=${oxcgrt}`, 300],
      [`/education?release=${oxcgrt}&region=002&ldc=1`, 300],
      ["/education.csv", 300],
      ["/countries/SEN/education", 100],
      ["/countries/USA/education?lang=ar", 100],
      ["/countries/FRA/education", 100],
      ["/api/v1/countries/USA/education", 100],
    ];
    for (const [url, budget] of pages) {
      const once = async () => {
        const started = performance.now();
        const r = await app.inject({ method: "GET", url });
        if (r.statusCode !== 200) throw new Error(`${url}: HTTP ${r.statusCode}`);
        return performance.now() - started;
      };
      const first = await once();
      const runs: number[] = [];
      for (let i = 0; i < 15; i++) runs.push(await once());
      runs.sort((a, b) => a - b);
      const median = runs[Math.floor(runs.length / 2)] ?? 0;
      log(`${url}: first ${first.toFixed(0)} ms, median ${median.toFixed(0)} ms`);
      rows.push(`| \`${url}\` | ${budget} ms | ${first.toFixed(0)} ms | ${median.toFixed(0)} ms |`);
    }
  } finally {
    await app.close();
  }
  return rows;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-bench-closures-"));
let handle: DbHandle | undefined;
try {
  log(`fresh PGlite database in ${dataDir}…`);
  handle = await openDatabase({ dataDir });
  await prepareDatabase(handle.db, { demo: false });
  const table = ["| file | step | rows read | rows stored | time | CPU | rows/s |", "|---|---|---:|---:|---:|---:|---:|"];
  const first = await importAll(handle.db, table, "first import");
  table.push(
    `| **all three** | **first import** | **${first.rowsRead.toLocaleString("en")}** | | **${sec(first.ms)}** (budget 20 s) | ${sec(first.cpuMs)} | **${perSecond(first.rowsRead, first.ms)}** |`,
  );
  const again = await importAll(handle.db, table, "re-import");
  table.push(`| **all three** | **re-import** | | | **${sec(again.ms)}** | ${sec(again.cpuMs)} | |`);

  // ---- Page timings (issue 6 budgets: global view ≤ 300 ms, country page ≤ 100 ms, server-side) ----
  // The demo seed on top (accounts, recommendations, requests, activities, monitoring; the closures are already
  // there), then each page through Fastify's inject (no network): its first render in this process, and the median
  // of the next runs.
  log("demo seed for the pages (recommendations, cooperation, monitoring)…");
  await prepareDatabase(handle.db, { demo: true });
  const pages = await timePages(handle);
  const load = os.loadavg()[0]?.toFixed(1);
  console.log(
    `School-closure import, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} CPU(s), load ${load}, Node ${process.versions.node}, PGlite on disk\n`,
  );
  console.log(table.join("\n"));
  console.log(["", "| page (server-side) | budget | first render | warm median |", "|---|---:|---:|---:|", ...pages].join("\n"));
} finally {
  await handle?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
