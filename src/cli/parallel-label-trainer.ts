import os from "node:os";
import { Worker } from "node:worker_threads";
import type { LinearClassifier, TrainOptions } from "../domain/tagging/linear-trainer.js";
import type { LabelTrainer } from "../domain/tagging/model-training.js";

// Trains the labels of a fit on every CPU core: the rows go once into shared memory, labels are handed out one
// at a time to whichever worker is free (labels differ a lot in cost). Same results as training inline: each
// label's solver is seeded and independent of the others.

export type FitMessage = {
  kind: "fit";
  indptr: SharedArrayBuffer;
  indices: SharedArrayBuffer;
  values: SharedArrayBuffer;
  dimension: number;
  options: TrainOptions;
};
export type LabelMessage = { kind: "label"; label: number; positive: Uint8Array };
export type WorkerReply = { label: number; weights: Float32Array; bias: number; epochs: number };

function share(array: Int32Array | Float32Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(array.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return buffer;
}

export interface ParallelLabelTrainer {
  train: LabelTrainer;
  threads: number;
  close(): Promise<void>;
}

export function startParallelLabelTrainer(threads = Math.max(1, Math.min(os.availableParallelism(), 8))): ParallelLabelTrainer {
  const workers = Array.from({ length: threads }, () => new Worker(new URL("./label-trainer-worker.mjs", import.meta.url)));
  const train: LabelTrainer = (rows, positives, dimension, options, onLabel) =>
    new Promise((resolve, reject) => {
      // Copied once into shared memory: every worker reads the same rows.
      const shared = { indptr: share(rows.indptr), indices: share(rows.indices), values: share(rows.values) };
      const results: LinearClassifier[] = new Array(positives.length);
      let next = 0;
      let finished = 0;
      const cleanups: (() => void)[] = [];
      const done = (error?: Error) => {
        for (const c of cleanups) c();
        if (error) reject(error);
        else resolve(results);
      };
      const give = (w: Worker) => {
        if (next >= positives.length) return;
        const label = next++;
        const msg: LabelMessage = { kind: "label", label, positive: positives[label] as Uint8Array };
        w.postMessage(msg);
      };
      if (positives.length === 0) return done();
      for (const w of workers) {
        const onMessage = (r: WorkerReply) => {
          results[r.label] = { weights: r.weights, bias: r.bias, epochs: r.epochs };
          onLabel();
          if (++finished === positives.length) done();
          else give(w);
        };
        const onError = (e: Error) => done(e);
        w.on("message", onMessage);
        w.on("error", onError);
        cleanups.push(() => {
          w.off("message", onMessage);
          w.off("error", onError);
        });
        const fit: FitMessage = { kind: "fit", ...shared, dimension, options };
        w.postMessage(fit);
        give(w);
      }
    });
  return {
    train,
    threads,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
