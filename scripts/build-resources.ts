import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { IATI_CODELISTS } from "../src/imports/reference-files.js";

// Copies the real public data the product, its demo seed and its tests need from the shared data folder
// into resources/, so a fresh clone works without ../shared (data README: "The product must not read
// ../shared at run or test time"). Files over GZIP_ABOVE bytes are stored gzipped, except formats that are
// already compressed (.docx). Hand-authored files (resources/taxonomies/, README.md) are never touched.
//
//   npm run resources [-- <shared data folder>]      default: ../shared/data relative to the repo root

const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));
const RESOURCES = path.join(REPO_ROOT, "resources");
const GZIP_ABOVE = 200 * 1024;
const ALREADY_COMPRESSED = [".docx", ".gz", ".zip", ".xlsx"];

// The IATI codelists the product loads: one list, shared with the loader.

type ManifestEntry = { file: string; source: string; sha256: string; bytes: number; sourceBytes: number; gzipped: boolean };

/** Every source file to copy, relative to the shared data folder (a "dir/*" entry takes the whole folder). */
function listSources(sourceDir: string): string[] {
  const wholeFolder = (dir: string) =>
    fs
      .readdirSync(path.join(sourceDir, dir), { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `${dir}/${e.name}`)
      .sort();
  return [
    ...wholeFolder("countries"),
    "sdg/sdg_goals.csv",
    "sdg/sdg_targets.csv",
    "sdg/sdg_indicators.csv",
    "sdg/sdg_targets_keywords_2023.csv",
    "upr-reference/upr_sessions_year.csv",
    ...wholeFolder("upr-info"),
    ...wholeFolder("uhri-slovenia"),
    ...IATI_CODELISTS.map((name) => `iati/codelists/xml/${name}.xml`),
    "iati/codelists/LICENSE-IATI-Codelists",
    "iati/codelists/LICENSE-IATI-Codelists-NonEmbedded",
    // The official schemas (XSDs include each other by relative path: the folder layout is kept), for validation.
    ...wholeFolder("iati/schemas"),
    ...wholeFolder("iati/schemas/other-versions/2.01"),
    ...wholeFolder("iati/schemas/other-versions/2.02"),
    // Real published activity files and legacy 1.x files: importer fixtures, demo data and refusal tests.
    ...wholeFolder("iati/examples"),
    ...wholeFolder("iati/examples/legacy-1.x"),
    ...wholeFolder("iati/rulesets"),
    ...wholeFolder("iati/fts"),
    // UNESCO (two release formats) and OxCGRT C1 school-closure files: importer fixtures and the demo seed (R25).
    ...wholeFolder("school-closures"),
  ];
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

function copyOne(sourceDir: string, rel: string): ManifestEntry {
  const from = path.join(sourceDir, rel);
  const content = fs.readFileSync(from);
  const gzip = content.length > GZIP_ABOVE && !ALREADY_COMPRESSED.includes(path.extname(rel).toLowerCase());
  const file = gzip ? `${rel}.gz` : rel;
  const to = path.join(RESOURCES, file);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  // A previous build may have stored the other form (plain vs .gz): readers must find exactly one.
  const other = path.join(RESOURCES, gzip ? rel : `${rel}.gz`);
  if (fs.existsSync(other)) fs.rmSync(other);
  // Node writes a zero mtime in the gzip header, so the same input gives the same bytes (stable diffs).
  const stored = gzip ? gzipSync(content, { level: 9 }) : content;
  fs.writeFileSync(to, stored);
  return {
    file,
    source: rel,
    // The hash of the uncompressed content, i.e. of the source file: checkable against ../shared/data.
    sha256: createHash("sha256").update(content).digest("hex"),
    bytes: stored.length,
    sourceBytes: content.length,
    gzipped: gzip,
  };
}

function main(): void {
  const sourceDir = path.resolve(REPO_ROOT, process.argv[2] ?? "../shared/data");
  if (!fs.existsSync(sourceDir)) {
    console.error(`The shared data folder ${sourceDir} does not exist: pass its path as the first argument.`);
    process.exit(1);
  }
  const sources = listSources(sourceDir);
  const missing = sources.filter((rel) => !fs.existsSync(path.join(sourceDir, rel)));
  if (missing.length > 0) {
    console.error(`Missing in ${sourceDir}:\n  ${missing.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`Copying ${sources.length} files from ${sourceDir} into ${RESOURCES}`);
  const entries: ManifestEntry[] = [];
  const width = String(sources.length).length;
  sources.forEach((rel, i) => {
    const entry = copyOne(sourceDir, rel);
    entries.push(entry);
    const how = entry.gzipped ? `gzipped ${formatBytes(entry.sourceBytes)} → ${formatBytes(entry.bytes)}` : `copied ${formatBytes(entry.bytes)}`;
    console.log(`[${String(i + 1).padStart(width)}/${sources.length}] ${entry.file}  ${how}`);
  });
  const manifest = {
    note: "Generated by `npm run resources` (scripts/build-resources.ts); sha256 is of the uncompressed content. See README.md for sources and licences.",
    files: entries,
  };
  fs.writeFileSync(path.join(RESOURCES, "MANIFEST.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const total = entries.reduce((sum, e) => sum + e.bytes, 0);
  console.log(`Wrote resources/MANIFEST.json: ${entries.length} files, ${formatBytes(total)} stored.`);
}

main();
