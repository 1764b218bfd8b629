import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import type { Actor } from "../src/domain/audit/audit-service.js";
import { importRecommendations, type ImportReport } from "../src/domain/recommendations/recommendation-import-service.js";
import { getRecommendation, warmRecommendationSearch } from "../src/domain/recommendations/recommendation-search.js";
import type { RecommendationImportRow } from "../src/domain/recommendations/recommendation-schemas.js";
import { prepareDatabase } from "../src/domain/setup/setup-service.js";
import { buildServer } from "../src/http/server.js";
import { parseUprInfoRecommendations } from "../src/imports/upr-info-csv.js";
import { type DbHandle, openDatabase } from "../src/store/db.js";
import { seededRandom } from "../src/domain/core/seeded-random.js";

// Recommendation search benchmark, per engine (embedded PGlite in a fresh on-disk data folder; a PostgreSQL
// server when BENCH_DATABASE_URL is set): (1) parse + import of the real UPR Info file (33,082 rows), (2) a
// 250,000-row load corpus — the real rows replicated across synthetic sessions, synthetic, for load only — built
// through importRecommendations, (3) 200 mixed searches over HTTP on loopback against the real server. Each engine
// runs in its own child process so RSS and JIT state are its own. Progress goes to stderr, markdown tables to stdout;
// BENCH_JSON=<file> also writes every measured query. BENCH_CORPUS / BENCH_QUERIES shrink a smoke run.

const FILE = path.resolve(import.meta.dirname, "../resources/upr-info/upr_recommendations_sessions01-17.csv.gz");
const CORPUS = Number(process.env.BENCH_CORPUS ?? 250_000); // smaller for a quick smoke run
const SESSION_STEP = 17; // copy k (k = 1…7) of session s is session s + 17k: sessions 18–136, valid (1–200)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const WARMUP = 20;
const SEED = 20261129;
const ACTOR: Actor = { userId: null, label: "search-bench" };
// Candidate topics; only those found in at least 50 real recommendations make the query vocabulary.
const TOPICS = (
  "education|women|torture|children|discrimination|death penalty|trafficking|disabilities|migrants|freedom of expression|" +
  "journalists|minorities|police|prisons|health|domestic violence|girls|gender|poverty|detention|refugees|" +
  "human rights defenders|indigenous|Roma|sexual orientation|impunity|judiciary|corruption|child labour|juvenile justice|" +
  "birth registration|enforced disappearance|national human rights institution|female genital mutilation|" +
  "corporal punishment|early marriage|water|housing|employment|media|asylum|racial discrimination|Rome Statute|rule of law|" +
  "food|elections|human rights education|freedom of religion|civil society|sexual exploitation|extrajudicial executions|" +
  "hate speech|Paris Principles|violence against women|moratorium|labour"
).split("|");

type Engine = "pglite" | "postgres";
type Query = { params: string; ms: number; total: number };
type Timings = {
  parseMs: number;
  importMs: number;
  realRows: number;
  corpusMs: number;
  corpusRows: number;
  copies: number;
  rssMb: number;
  indexMs: number;
  indexedRssMb: number;
};
type Result = Timings & { engine: Engine; version: string; vocabulary: [string, number][]; groups: string[]; sdgValues: number; queries: Query[] };

const log = (msg: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const msf = (ms: number) => `${ms.toFixed(1)} ms`;

/** Case-insensitive word prefixes: "prisons" also finds "prison", "rights defenders" "right defender", as stemming does. */
function matcher(term: string): RegExp {
  const words = term.split(" ").map((w) => `${w.replace(/s$/, "")}\\w*`);
  return new RegExp(`\\b${words.join("\\W+")}`, "i");
}

function expectImported(r: ImportReport, n: number, what: string): void {
  if (r.errors.length > 0 || r.imported !== n) throw new Error(`${what}: imported ${r.imported} of ${n}: ${JSON.stringify(r.errors.slice(0, 3))}`);
}

async function openEngine(engine: Engine): Promise<{ handle: DbHandle; dispose(): Promise<void> }> {
  if (engine === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-search-bench-"));
    const handle = await openDatabase({ dataDir: dir });
    return { handle, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const url = process.env.BENCH_DATABASE_URL as string;
  const name = `passerelle_bench_${randomBytes(5).toString("hex")}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  log(`created database ${name}`);
  return { handle: await openDatabase({ databaseUrl: u.toString() }), dispose: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function runEngine(engine: Engine): Promise<Result> {
  const { handle, dispose } = await openEngine(engine);
  const { db } = handle;
  let app: Awaited<ReturnType<typeof buildServer>> | undefined;
  try {
    log(`${engine}: preparing a fresh database (migrations, reference data)`);
    await prepareDatabase(db, { demo: false });
    const version = (await sql<{ version: string }>`select version()`.execute(db)).rows[0]?.version ?? "?";

    const t0 = performance.now();
    const parsed = await parseUprInfoRecommendations(FILE);
    const t1 = performance.now();
    expectImported(await importRecommendations(db, ACTOR, parsed, { dryRun: false, fileName: path.basename(FILE) }), parsed.rows.length, "real file");
    const t2 = performance.now();
    log(`${engine}: real file: parse ${sec(t1 - t0)}, import ${sec(t2 - t1)} (${parsed.rows.length} rows)`);

    let corpusRows = parsed.rows.length;
    let copies = 0;
    for (let k = 1; corpusRows < CORPUS; k++) {
      const take = Math.min(parsed.rows.length, CORPUS - corpusRows);
      const rows: RecommendationImportRow[] = parsed.rows
        .slice(0, take)
        .map((r) => ({ ...r, sourceKey: `${r.sourceKey}-S${k}`, session: r.session === null ? null : r.session + SESSION_STEP * k }));
      const tc = performance.now();
      expectImported(await importRecommendations(db, ACTOR, { rows, problems: [] }, { dryRun: false, fileName: `synthetic-copy-${k}` }), take, `copy ${k}`);
      corpusRows += take;
      copies = k;
      log(`${engine}: synthetic copy ${k}: ${take} rows in ${sec(performance.now() - tc)} (corpus ${corpusRows})`);
    }
    const corpusMs = performance.now() - t2;
    const rssMb = process.memoryUsage().rss / 1048576;

    app = await buildServer({ handle, config: { logLevel: "silent", production: false, publicUrl: undefined }, demo: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (!address || typeof address === "string") throw new Error("no TCP address");
    const base = `http://127.0.0.1:${address.port}/api/v1/recommendations`;
    // The in-process search index, as `passerelle serve` builds it once listening (and again after each import).
    const ti = performance.now();
    const indexed = await warmRecommendationSearch(db);
    const indexMs = performance.now() - ti;
    const indexedRssMb = process.memoryUsage().rss / 1048576;
    log(`${engine}: search index of ${indexed} rows built in ${sec(indexMs)}`);

    // Real facet values of the whole corpus (precomputed counts): the recommending groups and SDG goals present.
    const all = (await (await fetch(`${base}?limit=1`)).json()) as { facets: Record<string, { value: string; count: number }[]> };
    const groups = (all.facets.group ?? []).map((f) => f.value);
    const sdgValues = (all.facets.sdg ?? []).length;

    const vocabulary = TOPICS.map((t): [string, number] => [t, parsed.rows.filter((r) => matcher(t).test(r.text)).length])
      .filter(([, n]) => n >= 50)
      .sort((a, b) => b[1] - a[1]);
    const patterns = vocabulary.map(([t]) => ({ t, re: matcher(t) }));
    const rand = seededRandom(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const shuffle = <T>(xs: T[]): T[] =>
      xs
        .map((x) => ({ x, r: rand() }))
        .sort((a, b) => a.r - b.r)
        .map((e) => e.x);
    const fullCopies = Math.floor(CORPUS / parsed.rows.length) - 1;

    // Each query starts from a real recommendation (in a random copy): 1–3 vocabulary terms found in its text and,
    // for filtered queries, its own facet values (group: a real value of the corpus), so most queries find something.
    const queries: URLSearchParams[] = [];
    while (queries.length < WARMUP + QUERIES) {
      const i = queries.length - WARMUP;
      const row = pick(parsed.rows);
      const terms = patterns.filter((p) => p.re.test(row.text)).map((p) => p.t);
      if (terms.length === 0) continue;
      const k = Math.floor(rand() * (fullCopies + 1));
      const rec = await getRecommendation(db, `upr-info:${row.sourceKey}${k ? `-S${k}` : ""}`);
      const words = shuffle(terms).slice(0, 1 + Math.floor(rand() * 3));
      const p = new URLSearchParams({ q: words.map((w) => (w.includes(" ") ? `"${w}"` : w)).join(" "), limit: "20" });
      if (rand() < 0.2) p.set("order", "date");
      const filters: Record<string, string | undefined> = {
        state: rec.stateIso3,
        cycle: rec.cycle?.toString(),
        position: rec.position,
        theme: rec.themes.length ? pick(rec.themes) : undefined,
        group: groups.length ? pick(groups) : undefined,
        sdg: rec.sdgGoals.length ? String(pick(rec.sdgGoals)) : undefined,
      };
      const nFilters = i < 0 ? i & 1 : ([0, 0, 1, 2][i % 4] ?? 0);
      const kinds = shuffle(Object.keys(filters).filter((f) => filters[f] !== undefined));
      for (const f of kinds.slice(0, nFilters)) p.set(f, filters[f] as string);
      queries.push(p);
    }

    const measured: Query[] = [];
    for (const [n, p] of queries.entries()) {
      const t = performance.now();
      const res = await fetch(`${base}?${p}`);
      const text = await res.text();
      const ms = performance.now() - t;
      if (!res.ok) throw new Error(`${res.status} for ?${p}: ${text.slice(0, 300)}`);
      if (n >= WARMUP)
        measured.push({ params: decodeURIComponent(p.toString()).replace(/\+/g, " "), ms, total: (JSON.parse(text) as { total: number }).total });
    }
    log(`${engine}: ${measured.length} queries done`);
    return {
      engine,
      version,
      parseMs: t1 - t0,
      importMs: t2 - t1,
      realRows: parsed.rows.length,
      corpusMs,
      corpusRows,
      copies,
      rssMb,
      indexMs,
      indexedRssMb,
      vocabulary,
      groups,
      sdgValues,
      queries: measured,
    };
  } finally {
    await app?.close();
    await handle.close();
    await dispose();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function runChild(engine: Engine): Promise<Result> {
  const out = path.join(os.tmpdir(), `passerelle-search-bench-${engine}-${process.pid}.json`);
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), engine], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, BENCH_RESULT_FILE: out },
  });
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`${engine} benchmark exited with ${code}`));
      const result = JSON.parse(fs.readFileSync(out, "utf8")) as Result;
      fs.rmSync(out, { force: true });
      resolve(result);
    }),
  );
}

function report(results: Result[], serverSkipped: boolean): void {
  const first = results[0] as Result;
  const statsOf = (qs: Query[]) => {
    const ms = qs.map((q) => q.ms).sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), max: ms[ms.length - 1] as number };
  };
  const stats = (r: Result) => ({ ...statsOf(r.queries), zero: r.queries.filter((q) => q.total === 0).length });
  const pgliteVersion = (
    JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string }
  ).version;
  const name = (r: Result) => (r.engine === "pglite" ? `PGlite ${pgliteVersion} (embedded, on disk)` : "PostgreSQL server");
  const synthetic = first.corpusRows - first.realRows;
  console.log(`\n## Recommendation search (\`npm run bench:search\`, ${new Date().toISOString().slice(0, 10)})\n`);
  const load = `1-min load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]?.toFixed(2)} after (other processes share the cores)`;
  console.log(`Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}; ${load}.`);
  for (const r of results) console.log(`${name(r)}: \`${r.version}\`.`);
  if (serverSkipped) console.log("PostgreSQL server column skipped: BENCH_DATABASE_URL is not set.");
  console.log(
    `\nCorpus of ${first.corpusRows.toLocaleString("en")}: the ${first.realRows.toLocaleString("en")} real rows replicated across synthetic sessions ` +
      `(copy k of session s is session s + ${SESSION_STEP}k, id \`<id>-S<k>\`; copies: ${first.copies}, the last one partial; ` +
      `${synthetic.toLocaleString("en")} synthetic rows): synthetic, for load only. Each copy is one importRecommendations call.\n`,
  );
  const cols = results.map(name);
  if (serverSkipped) cols.push("PostgreSQL server");
  const row = (label: string, f: (r: Result) => string) =>
    console.log(`| ${label} | ${[...results.map(f), ...(serverSkipped ? ["skipped"] : [])].join(" | ")} |`);
  console.log(`| | ${cols.join(" | ")} |\n|---|${cols.map(() => "---|").join("")}`);
  row(`import ${first.realRows.toLocaleString("en")} real rows: parse`, (r) => sec(r.parseMs));
  row(`import ${first.realRows.toLocaleString("en")} real rows: import (incl. indexing)`, (r) => sec(r.importMs));
  row(`import ${first.realRows.toLocaleString("en")} real rows: **total**`, (r) => `**${sec(r.parseMs + r.importMs)}**`);
  row(`build ${first.corpusRows.toLocaleString("en")} corpus (+${synthetic.toLocaleString("en")} rows)`, (r) => sec(r.corpusMs));
  row("RSS after loading", (r) => `${r.rssMb.toFixed(0)} MB`);
  row(`build the in-process search index (${first.corpusRows.toLocaleString("en")} rows)`, (r) => sec(r.indexMs));
  row("RSS with the search index", (r) => `${r.indexedRssMb.toFixed(0)} MB`);
  for (const p of ["p50", "p95", "p99", "max"] as const)
    row(`query ${p} (${QUERIES} over HTTP)`, (r) => (p === "p95" ? `**${msf(stats(r)[p])}**` : msf(stats(r)[p])));
  row("queries with 0 results", (r) => String(stats(r).zero));
  const pl = results.find((r) => r.engine === "pglite");
  if (pl) {
    const imp = pl.parseMs + pl.importMs;
    const p95 = stats(pl).p95;
    console.log(
      `\nBudgets on PGlite: import ≤ 15 s: ${sec(imp)} — ${imp <= 15_000 ? "met" : "MISSED"}; p95 ≤ 30 ms at ${pl.corpusRows.toLocaleString("en")} rows: ${msf(p95)} — ${p95 <= 30 ? "met" : "MISSED"}.`,
    );
  }
  for (const r of results) {
    const s = stats(r);
    console.log(`\n### ${name(r)}: ${r.queries.length} queries (after ${WARMUP} warm-up)\n`);
    console.log(`| matched rows (total) | queries | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|`);
    const buckets: [string, number, number][] = [
      ["all", -1, Infinity],
      ["0–1,000", -1, 1000],
      ["1,001–5,000", 1000, 5000],
      ["5,001–15,000", 5000, 15000],
      ["> 15,000", 15000, Infinity],
    ];
    for (const [label, lo, hi] of buckets) {
      const qs = r.queries.filter((q) => q.total > lo && q.total <= hi);
      const b = qs.length ? statsOf(qs) : undefined;
      console.log(`| ${label} | ${qs.length} | ${b ? [b.p50, b.p95, b.p99, b.max].map(msf).join(" | ") : "– | – | – | –"} |`);
    }
    console.log(`\n${s.zero} queries returned 0 results; ${r.queries.filter((q) => q.ms <= 30).length} of ${r.queries.length} took ≤ 30 ms.`);
    console.log(`\nSlowest 5:\n\n| ms | total | query string |\n|---|---|---|`);
    for (const q of [...r.queries].sort((a, b) => b.ms - a.ms).slice(0, 5))
      console.log(`| ${q.ms.toFixed(1)} | ${q.total.toLocaleString("en")} | \`${q.params}\` |`);
  }
  console.log(
    `\nQuery mix (seed ${SEED}): each query starts from a random real recommendation in a random copy; 1–3 vocabulary terms found in its ` +
      `text (phrases quoted), limit 20, ~20 % ordered by date, the rest by relevance; half with no filter, a quarter with one, a quarter with two ` +
      `(state, cycle, position, theme from that recommendation; group among the real values ${first.groups.join(", ")}; sdg only when the ` +
      `recommendation has goals — the corpus has ${first.sdgValues} SDG facet values). Wall-clock per request at the client (fetch, keep-alive, loopback).`,
  );
  console.log(`\nVocabulary (topics found in ≥ 50 real rows, with their count): ${first.vocabulary.map(([t, n]) => `${t} (${n})`).join(", ")}.`);
}

const mode = process.argv[2];
let loadBefore = 0;
if (mode === "pglite" || mode === "postgres") {
  const result = await runEngine(mode);
  fs.writeFileSync(process.env.BENCH_RESULT_FILE as string, JSON.stringify(result));
} else {
  loadBefore = os.loadavg()[0] ?? 0;
  const results = [await runChild("pglite")];
  const serverSkipped = !process.env.BENCH_DATABASE_URL;
  if (serverSkipped) log("BENCH_DATABASE_URL is not set: the PostgreSQL server column is skipped");
  else results.push(await runChild("postgres"));
  report(results, serverSkipped);
  if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 1)); // every query, for follow-up
}
