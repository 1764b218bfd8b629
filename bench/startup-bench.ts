import { spawn } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

// Cold start (fresh data folder: initdb, migrations, reference data, demo seed) and warm start (same folder
// again), measured from process spawn to the first 200 on GET /, as a user running `npm start` sees it.
const BIN = path.resolve(import.meta.dirname, "../bin/passerelle.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = 3990;

const WEIGHED_PAGES = [
  "/",
  "/countries",
  "/countries/SEN",
  "/organizations",
  "/login",
  "/data",
  "/recommendations",
  "/requests",
  "/offers",
  "/activities",
  "/countries/SEN/profile",
  "/countries/SEN/coordination",
  "/providers/response-times",
  "/transparency",
  "/transparency/countries/SEN",
  "/transparency/providers/undp",
  "/open-data",
  "/education",
  "/education?release=3",
  "/countries/SEN/education",
  "/countries/SEN/monitoring",
  "/education/monitoring",
  "/assets/site.css",
];

/** Bytes on the wire (gzip, as browsers ask) and uncompressed, for the low-bandwidth budget (R33). */
function weigh(url: string): Promise<{ wire: number; raw: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
        let wire = 0;
        res.on("data", (c: Buffer) => {
          wire += c.length;
        });
        res.on("end", async () => resolve({ wire, raw: (await (await fetch(url)).arrayBuffer()).byteLength }));
      })
      .on("error", reject);
  });
}

async function timeToFirstPage(dataDir: string, weights?: Map<string, { wire: number; raw: number }>): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: { ...process.env, PASSERELLE_DATA: dataDir, PORT: String(PORT), LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: "ignore",
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${PORT}/`, { headers: { "accept-encoding": "gzip" } });
        if (res.status === 200) {
          const bytes = (await res.arrayBuffer()).byteLength;
          const ms = performance.now() - started;
          if (weights) for (const p of WEIGHED_PAGES) weights.set(p, await weigh(`http://127.0.0.1:${PORT}${p}`));
          return { ms, bytes };
        }
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 120_000) throw new Error("server did not start within 120 s");
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

const rows: { run: number; cold: number; warm: number; bytes: number }[] = [];
const weights = new Map<string, { wire: number; raw: number }>();
for (let run = 1; run <= RUNS; run++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-bench-"));
  const cold = await timeToFirstPage(dir);
  const warm = await timeToFirstPage(dir, run === 1 ? weights : undefined);
  rows.push({ run, cold: cold.ms, warm: warm.ms, bytes: warm.bytes });
  fs.rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
console.log(`\nStartup to first page (${os.cpus().length} cores, Node ${process.version}, embedded PGlite)\n`);
console.log("| run | cold start (fresh data folder) | warm start (existing folder) | home page bytes (uncompressed) |");
console.log("|---|---|---|---|");
for (const r of rows) console.log(`| ${r.run} | ${(r.cold / 1000).toFixed(2)} s | ${(r.warm / 1000).toFixed(2)} s | ${r.bytes} |`);
console.log(`| median | ${(median(rows.map((r) => r.cold)) / 1000).toFixed(2)} s | ${(median(rows.map((r) => r.warm)) / 1000).toFixed(2)} s | |`);
console.log("\nPage weight (anonymous visitor, demo data)\n");
console.log("| page | on the wire (gzip) | uncompressed |");
console.log("|---|---|---|");
for (const [p, w] of weights) console.log(`| ${p} | ${(w.wire / 1024).toFixed(1)} KB | ${(w.raw / 1024).toFixed(1)} KB |`);
