import { parentPort } from "node:worker_threads";
import { trainBinarySvm } from "../domain/tagging/linear-trainer.js";
import type { SparseRows } from "../domain/tagging/text-features.js";
import type { FitMessage, LabelMessage, WorkerReply } from "./parallel-label-trainer.js";

// One training worker: receives a fit's rows (shared memory, read only), then trains the labels it is sent.
let rows: SparseRows | undefined;
let fit: FitMessage | undefined;

parentPort?.on("message", (message: FitMessage | LabelMessage) => {
  if (message.kind === "fit") {
    fit = message;
    rows = { indptr: new Int32Array(message.indptr), indices: new Int32Array(message.indices), values: new Float32Array(message.values) };
    return;
  }
  if (!fit || !rows) throw new Error("label before fit");
  const c = trainBinarySvm(rows, message.positive, fit.dimension, fit.options);
  const reply: WorkerReply = { label: message.label, weights: c.weights, bias: c.bias, epochs: c.epochs };
  parentPort?.postMessage(reply, [c.weights.buffer as ArrayBuffer]);
});
