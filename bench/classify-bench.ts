import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { predictLabels } from "../src/domain/tagging/label-scoring.js";
import { isTaggableText, suggestTagsForCheckedText } from "../src/domain/tagging/tag-suggest.js";
import { readLabelledRecommendations } from "../src/imports/labelled-recommendations.js";
import { DEFAULT_RESOURCES_DIR, resolveResourceFile } from "../src/imports/resources-path.js";
import { DEFAULT_TAG_MODEL_FILE, loadTagModel } from "../src/imports/tag-model-file.js";

// Tagging benchmark (issue 7, `npm run bench:classify [-- --train]`). Budgets: the committed model loads in ≤ 1 s,
// tags ≥ 20,000 recommendations per second on one core, `passerelle classify train` takes ≤ 60 s on this machine
// (2 cores). The texts are the 33,082 real UPR Info recommendations of resources/. Progress on stderr, a markdown
// table on stdout.

const log = (msg: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const table: string[] = ["| measure | result | budget |", "|---|---|---|"];

log("loading the model 5 times…");
const loads: number[] = [];
let model = loadTagModel(DEFAULT_TAG_MODEL_FILE);
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  model = loadTagModel(DEFAULT_TAG_MODEL_FILE);
  loads.push(performance.now() - t);
}
const size = fs.statSync(DEFAULT_TAG_MODEL_FILE).size;
table.push(
  `| model file | ${(size / 1e6).toFixed(1)} MB, ${model.features.keys.length.toLocaleString("en")} features × ${model.labels.length} labels | ≤ 15 MB |`,
);
table.push(`| load (median of 5) | ${Math.round(median(loads))} ms | ≤ 1,000 ms |`);

const file = await readLabelledRecommendations(resolveResourceFile(DEFAULT_RESOURCES_DIR, "upr-info/upr_recommendations_sessions01-17.csv"));
const texts = file.rows.map((r) => r.text);
log(`tagging ${texts.length} recommendations, 3 runs…`);
for (const [label, work] of [
  ["labels only", (t: string) => predictLabels(model, t).length],
  [
    "batch tagging: language check, labels, UHRI themes, SDG goals",
    (t: string) => (isTaggableText(t).ok ? suggestTagsForCheckedText(model, t).labels.length : 1),
  ],
] as const) {
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    let n = 0;
    for (const text of texts) n += work(text);
    runs.push(performance.now() - t);
    if (n === 0) throw new Error("nothing tagged");
  }
  const ms = median(runs);
  table.push(
    `| ${label}, one core | ${Math.round(texts.length / (ms / 1000)).toLocaleString("en")} recommendations/s (${(ms / 1000).toFixed(2)} s for ${texts.length.toLocaleString("en")}) | ≥ 20,000/s |`,
  );
}

if (process.argv.includes("--train")) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-train-")), "model.bin.br");
  log("passerelle classify train (about a minute)…");
  const t = performance.now();
  const run = spawnSync(process.execPath, [path.resolve(import.meta.dirname, "../bin/passerelle.js"), "--json", "classify", "train", "--out", out], {
    encoding: "utf8",
  });
  const seconds = (performance.now() - t) / 1000;
  if (run.status !== 0) throw new Error(`classify train failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { evaluation: { microF1: number; macroF1: number } };
  table.push(
    `| classify train (process, ${os.availableParallelism()} cores) | ${seconds.toFixed(1)} s; micro-F1 ${result.evaluation.microF1.toFixed(3)}, macro-F1 ${result.evaluation.macroF1.toFixed(3)} | ≤ 60 s |`,
  );
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
}

console.log(
  `Tagging benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.availableParallelism()}, Node ${process.version}\n`,
);
console.log(table.join("\n"));
