import fs from "node:fs";
import path from "node:path";
import { AppError } from "../domain/core/app-error.js";

// Two processes opening one PGlite folder corrupt it, so whoever opens it first holds this lock file
// and every other process is refused with a message naming the holder.
export type DataLock = { file: string; release(): void };

const LOCK_NAME = "passerelle.lock";

export function acquireDataLock(dataDir: string, purpose: string): DataLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_NAME);
  const content = JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, content, { flag: "wx" });
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          try {
            const holder = readHolder(file);
            if (holder?.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new AppError(
          "unavailable",
          `The data folder ${dataDir} is in use by process ${holder.pid} (${holder.purpose ?? "unknown"}, since ${holder.since ?? "?"}). ` +
            "Stop that process first, or run this command against a PostgreSQL server with DATABASE_URL.",
        );
      }
      // The holder died without cleaning up (power cut, kill -9): the lock is stale, take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError("unavailable", `Could not lock the data folder ${dataDir}`);
}

function readHolder(file: string): { pid: number; purpose?: string; since?: string } | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { pid?: unknown; purpose?: string; since?: string };
    return typeof parsed.pid === "number" ? { pid: parsed.pid, purpose: parsed.purpose, since: parsed.since } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
