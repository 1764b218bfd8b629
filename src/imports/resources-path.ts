import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { AppError } from "../domain/core/app-error.js";

// The repo's own copies of the public reference data (built by `npm run resources`, see resources/README.md).
// The product never reads the developers' shared data folder at run or test time: a fresh clone has only resources/.
export const DEFAULT_RESOURCES_DIR = fileURLToPath(new URL("../../resources/", import.meta.url));

/** The stored file for a resource path: large files are kept gzipped as `<path>.gz`. */
export function resolveResourceFile(dir: string, rel: string): string {
  const plain = path.join(dir, rel);
  if (fs.existsSync(plain)) return plain;
  if (fs.existsSync(`${plain}.gz`)) return `${plain}.gz`;
  throw new AppError("unavailable", `Reference file ${rel} is missing from ${dir}: run \`npm run resources\` to rebuild resources/`);
}

/** The content of a resource, uncompressed. */
export function readResourceBuffer(dir: string, rel: string): Buffer {
  const file = resolveResourceFile(dir, rel);
  const raw = fs.readFileSync(file);
  return file.endsWith(".gz") ? gunzipSync(raw) : raw;
}

/** The content of a text resource as UTF-8, without a byte-order mark. */
export function readResourceText(dir: string, rel: string): string {
  const text = readResourceBuffer(dir, rel).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
