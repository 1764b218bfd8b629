import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gunzipSync } from "node:zlib";
import { prepareDatabase } from "../src/domain/setup/setup-service.js";
import { type IatiImportReport, importIatiActivities } from "../src/domain/transparency/iati-import-service.js";
import { createMemoryPglite, type Db, openDatabase } from "../src/store/db.js";

// IATI import benchmark (issue 5 item 3): the two real files shipped in resources/iati/examples, then a SYNTHETIC
// file of BENCH_ACTIVITIES activities (default 10,000) made by repeating the real UNDP activities with new
// identifiers, each imported into a fresh in-memory PGlite database: the check pass alone (a dry run), the first
// import (check, then write), and a re-import (everything unchanged). Peak RSS is sampled while each step runs; the
// database itself holds a few hundred MB of that. Progress on stderr, a markdown table on stdout.

const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 10_000);
const EXAMPLES = path.resolve(import.meta.dirname, "../resources/iati/examples");
const ACTOR = { userId: null, label: "bench:import" };
const log = (msg: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await work();
    const used = process.cpuUsage(cpu);
    return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

/** `n` activities: the real UNDP ones over and over, each with its own identifier. */
function writeSynthetic(file: string, n: number): void {
  const text = gunzipSync(fs.readFileSync(path.join(EXAMPLES, "undp_covid19_activities_100.xml.gz"))).toString("utf8");
  const activities = text.match(/<iati-activity [\s\S]*?<\/iati-activity>/g) ?? [];
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2021-05-24T22:36:46">\n');
  for (let i = 0; i < n; i++) {
    const a = activities[i % activities.length] as string;
    fs.writeSync(fd, `${a.replace(/<iati-identifier>([^<]*)<\/iati-identifier>/, (_m, id: string) => `<iati-identifier>${id}-SYN${i}</iati-identifier>`)}\n`);
  }
  fs.writeSync(fd, "</iati-activities>\n");
  fs.closeSync(fd);
}

async function freshDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  const handle = await openDatabase({ pglite: await createMemoryPglite() });
  await prepareDatabase(handle.db, { demo: false });
  return { db: handle.db, close: () => handle.close() };
}

const rows: string[] = [];
const counts = (r: IatiImportReport) => `${r.created} / ${r.updated} / ${r.unchanged} / ${r.skipped}`;

async function bench(label: string, file: string): Promise<void> {
  const size = fs.statSync(file).size;
  const { db, close } = await freshDb();
  try {
    for (const [step, dryRun] of [
      ["check only (dry run)", true],
      ["first import", false],
      ["re-import", false],
    ] as const) {
      log(`${label}: ${step}…`);
      const m = await measured(() => importIatiActivities(db, ACTOR, { fileName: path.basename(file), path: file }, { dryRun }));
      rows.push(
        `| ${label} (${size < 1_048_576 ? `${Math.round(size / 1024)} kB` : mb(size)}) | ${step} | ${counts(m.value)} | ${sec(m.ms)} | ${sec(m.cpuMs)} | ${mb(m.peakRss)} |`,
      );
    }
  } finally {
    await close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-import-bench-"));
try {
  await bench("UNDP, 100 activities (gzip)", path.join(EXAMPLES, "undp_covid19_activities_100.xml.gz"));
  await bench("d-portal, 401 activities (gzip)", path.join(EXAMPLES, "dportal_covid19_activities_401_mixed_publishers.xml.gz"));
  const synthetic = path.join(dir, "synthetic.xml");
  writeSynthetic(synthetic, ACTIVITIES);
  await bench(`synthetic, ${ACTIVITIES.toLocaleString("en")} activities`, synthetic);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log("| file | step | created / updated / unchanged / skipped | wall clock | CPU | peak RSS |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
