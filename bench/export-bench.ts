import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { prepareDatabase } from "../src/domain/setup/setup-service.js";
import { exportIatiActivities } from "../src/domain/transparency/iati-export-service.js";
import { iatiValidator, validateXmlText } from "../src/imports/iati-schema.js";
import { createMemoryPglite, type Db, openDatabase } from "../src/store/db.js";

// IATI export benchmark (issue 5): 10,000 SYNTHETIC activities — each with a budget, three transactions (one in
// EUR), a result with an indicator and values by sex, SDG tags, two sectors, two participants and a document —
// written with bulk SQL into a fresh in-memory PGlite database, then (1) exported to one IATI 2.03 file, streamed,
// with peak RSS and heap sampled while it runs, and (2) that file validated against the official 2.03 schema with
// libxml2 (WebAssembly). Budget: ≤ 5 s each. Progress on stderr, a markdown table on stdout.
// BENCH_ACTIVITIES shrinks a smoke run.

const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 10_000);
const BUDGET_MS = 5_000;
const log = (msg: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Samples RSS and heap every 20 ms while `work` runs, and returns the peaks with its wall-clock duration and the CPU
 * time this process used (on a shared machine the wall clock also counts the time other processes had the cores).
 */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; peakRss: number; peakHeap: number }> {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await work();
    sample();
    const used = process.cpuUsage(cpu);
    return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, peakRss, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

/** Synthetic providers with real IATI organisation identifiers, and n activities with their parts, in bulk SQL. */
async function seedSynthetic(db: Db, n: number): Promise<void> {
  const providers = [
    ["bench-ohchr", "XM-DAC-41313", "Synthetic OHCHR (benchmark)"],
    ["bench-unesco", "XM-DAC-41304", "Synthetic UNESCO (benchmark)"],
    ["bench-undp", "XM-DAC-41114", "Synthetic UNDP (benchmark)"],
    ["bench-unicef", "XM-DAC-41122", "Synthetic UNICEF (benchmark)"],
  ];
  for (const [slug, ref, name] of providers)
    await sql`INSERT INTO organizations (slug, name, org_type, iati_ref) VALUES (${slug}, ${name}, 'un_entity', ${ref})`.execute(db);
  const id = (table: string) => sql.raw(`('00000000-0000-4000-8${table}-' || lpad(to_hex(i), 12, '0'))::uuid`);
  await sql`
    WITH p AS (SELECT id, iati_ref, row_number() OVER (ORDER BY slug) - 1 AS k FROM organizations WHERE slug LIKE 'bench-%'),
         s AS (SELECT ARRAY['SEN','MAR','KEN','COL','NPL','TUN','PER','MNG'] AS states)
    INSERT INTO activities (id, iati_identifier, organization_id, state_iso3, title, description, status, planned_start, planned_end,
      actual_start, default_currency, budget_amount, dac_sectors, sdg_targets, themes, modalities, cooperation_type, gender_marker,
      disability_marker, text_lang, created_at, updated_at)
    SELECT ${id("000")}, p.iati_ref || '-SYN' || lpad(i::text, 6, '0'), p.id, s.states[1 + i % 8],
      'Synthetic activity ' || i || ': human rights education & <teacher> training',
      'Synthetic description ' || i || ' for the export benchmark — formation des enseignants, 人权教育, التربية على حقوق الإنسان.',
      2, date '2023-01-01' + (i % 365), date '2023-01-01' + (i % 365) + 400 + (i % 700), date '2023-01-01' + (i % 365) + 10,
      'USD', 10000 + (i * 37) % 90000 + 0.55, '{15160,11110}', '{4.7,16.10,5.1}', '{E5}', '{training,advisory_services}',
      'multilateral', 1, 0, 'en', timestamptz '2026-11-01 10:00:00Z', timestamptz '2026-11-01 10:00:00Z' + make_interval(secs => i)
    FROM generate_series(1, ${n}) AS i, s, p WHERE p.k = i % 4`.execute(db);
  await sql`
    INSERT INTO activity_participants (activity_id, organization_id, name, iati_ref, org_type, role)
    SELECT a.id, a.organization_id, o.name, o.iati_ref, '40', 4 FROM activities a JOIN organizations o ON o.id = a.organization_id
    UNION ALL
    SELECT a.id, NULL, 'Synthetic donor State', 'XM-DAC-8', '10', 1 FROM activities a`.execute(db);
  await sql`
    INSERT INTO activity_transactions (activity_id, transaction_type, transaction_date, value_date, amount, currency, description, provider_name, receiver_name)
    SELECT a.id, t.type, a.planned_start + t.offset_days, NULL, round(a.budget_amount * t.share, 2), t.currency, t.label, t.provider, t.receiver
    FROM activities a, (VALUES (2, 5, 0.80, 'USD', 'Commitment', NULL, NULL), (3, 60, 0.40, 'USD', 'First disbursement', NULL, 'Ministry of Education'),
                              (4, 90, 0.10, 'EUR', 'Workshop costs & travel', 'Field office', NULL)) AS t(type, offset_days, share, currency, label, provider, receiver)`.execute(
    db,
  );
  await sql`
    INSERT INTO activity_results (id, activity_id, result_type, title, description)
    SELECT ('00000000-0000-4000-8001-' || substr(replace(a.id::text, '-', ''), 21, 12))::uuid, a.id, 1, 'Teachers trained in human rights education', ''
    FROM activities a`.execute(db);
  await sql`
    INSERT INTO result_indicators (id, result_id, title, measure, ascending, baseline_year, baseline_value, target_value, target_date)
    SELECT ('00000000-0000-4000-8002-' || substr(replace(r.id::text, '-', ''), 21, 12))::uuid, r.id, 'Number of teachers trained', 1, true, 2022, 0, 500, a.planned_end
    FROM activity_results r JOIN activities a ON a.id = r.activity_id`.execute(db);
  await sql`
    INSERT INTO indicator_values (indicator_id, period_start, period_end, value, sex)
    SELECT i.id, a.planned_start, a.planned_start + 180, v.value, v.sex
    FROM result_indicators i JOIN activity_results r ON r.id = i.result_id JOIN activities a ON a.id = r.activity_id,
         (VALUES (120, 'total'), (70, 'female'), (50, 'male')) AS v(value, sex)`.execute(db);
  await sql`
    INSERT INTO activity_documents (activity_id, title, url, category, language, document_date)
    SELECT a.id, 'Activity report', 'https://example.org/synthetic/' || a.iati_identifier || '.pdf', 'A07', 'en', a.planned_start + 200 FROM activities a`.execute(
    db,
  );
  await sql`ANALYZE`.execute(db);
}

log(`Preparing a fresh in-memory PGlite database (migrations and reference data; not timed)…`);
const handle = await openDatabase({ pglite: await createMemoryPglite() });
await prepareDatabase(handle.db, { demo: false });
log(`Writing ${ACTIVITIES.toLocaleString("en")} SYNTHETIC activities with bulk SQL…`);
const seeding = await measured(() => seedSynthetic(handle.db, ACTIVITIES));
log(`Seeded in ${sec(seeding.ms)}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-export-bench-"));
const file = path.join(dir, "iati-activities.xml");
log("Exporting to one IATI 2.03 file (streamed)…");
const before = process.memoryUsage();
const exporting = await measured(async () => {
  const stream = fs.createWriteStream(file, { encoding: "utf8" });
  const report = await exportIatiActivities(handle.db, {}, async (chunk) => {
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", resolve));
  });
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return report;
});
const bytes = fs.statSync(file).size;
log(`Exported ${exporting.value.exported} activities, ${mb(bytes)}, in ${sec(exporting.ms)}; left out ${exporting.value.excluded.length}`);
await handle.close();

log("Validating the whole file against iati-activities-schema.xsd (libxml2-wasm)…");
const validating = await measured(async () => {
  const validator = iatiValidator("activities", "2.03");
  return validateXmlText(validator, fs.readFileSync(file, "utf8"));
});
log(`Validated in ${sec(validating.ms)}: ${validating.value.length} issue(s)`);
// The same file through Debian's xmllint when installed (CI installs it): a second, independent validator.
const schemaFile = path.resolve(import.meta.dirname, "../resources/iati/schemas/iati-activities-schema.xsd");
const xmllintStarted = performance.now();
const xmllint = spawnSync("xmllint", ["--nonet", "--noout", "--stream", "--schema", schemaFile, file], { encoding: "utf8" });
const xmllintMs = performance.now() - xmllintStarted;
if (!xmllint.error) log(`xmllint --stream: exit ${xmllint.status} in ${sec(xmllintMs)}`);
fs.rmSync(dir, { recursive: true, force: true });

const verdict = (ms: number) => (ms <= BUDGET_MS ? "within budget" : "OVER BUDGET");
console.log(`\n## IATI export benchmark (${ACTIVITIES.toLocaleString("en")} synthetic activities, PGlite in memory)\n`);
console.log(`Node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ""}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log(
  `Load average when done: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")} (1, 5, 15 min)\n`,
);
console.log("| step | wall time | CPU time | peak RSS | peak heap | result |");
console.log("|---|---|---|---|---|---|");
console.log(
  `| seed (bulk SQL, not budgeted) | ${sec(seeding.ms)} | ${sec(seeding.cpuMs)} | ${mb(seeding.peakRss)} | ${mb(seeding.peakHeap)} | ${ACTIVITIES} activities |`,
);
console.log(
  `| export to file (streamed) | ${sec(exporting.ms)} | ${sec(exporting.cpuMs)} | ${mb(exporting.peakRss)} (${mb(before.rss)} before) | ${mb(exporting.peakHeap)} (${mb(before.heapUsed)} before) | ${exporting.value.exported} exported, ${exporting.value.excluded.length} left out, ${mb(bytes)}; ${verdict(exporting.ms)} |`,
);
console.log(
  `| validate against the 2.03 schema | ${sec(validating.ms)} | ${sec(validating.cpuMs)} | ${mb(validating.peakRss)} | ${mb(validating.peakHeap)} | ${validating.value.length} issue(s); ${verdict(validating.ms)} |`,
);
if (!xmllint.error)
  console.log(
    `| the same file through xmllint --stream (Debian libxml2 2.9, not budgeted) | ${sec(xmllintMs)} | (child process) | | | exit ${xmllint.status} |`,
  );
if (exporting.value.exported !== ACTIVITIES || validating.value.length > 0 || (!xmllint.error && xmllint.status !== 0)) {
  for (const x of exporting.value.excluded.slice(0, 5)) console.error(`left out ${x.identifier}: ${x.reason}`);
  for (const i of validating.value.slice(0, 5)) console.error(`line ${i.line}: ${i.message}`);
  process.exitCode = 1;
}
