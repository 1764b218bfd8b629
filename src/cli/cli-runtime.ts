import { Presets, SingleBar } from "cli-progress";
import { ConfigError, type Config, loadConfig } from "../config.js";
import { AppError, isAppError } from "../domain/core/app-error.js";
import { MigrationError } from "../store/migrate.js";
import { acquireDataLock, type DataLock } from "../store/data-lock.js";
import { type DbHandle, openDatabase } from "../store/db.js";
import { EXIT_CODES } from "./exit-codes.js";

export type GlobalOptions = { data?: string; json?: boolean };

export type Output = {
  json: boolean;
  /** Prints a human line (stderr in --json mode so stdout stays machine-readable). */
  info(line: string): void;
  result(human: string, data: unknown): void;
  progress(total: number, label: string): { update(n: number): void; stop(): void };
};

export function makeOutput(json: boolean): Output {
  return {
    json,
    info(line) {
      (json ? process.stderr : process.stdout).write(`${line}\n`);
    },
    result(human, data) {
      if (json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else process.stdout.write(`${human}\n`);
    },
    progress(total, label) {
      if (json || !process.stderr.isTTY) {
        return { update() {}, stop() {} };
      }
      const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr }, Presets.shades_classic);
      bar.start(total, 0);
      return { update: (n) => bar.update(n), stop: () => bar.stop() };
    },
  };
}

export type Opened = { config: Config; handle: DbHandle; lock: DataLock | undefined; close(): Promise<void> };

/**
 * Opens the configured database. With the embedded engine the data folder is locked first, so a
 * command never opens a folder the server (or another command) has open.
 */
export async function openConfigured(options: GlobalOptions, purpose: string): Promise<Opened> {
  const config = loadConfig(process.env, { dataDir: options.data });
  const lock = config.databaseUrl ? undefined : acquireDataLock(config.dataDir, purpose);
  try {
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    let closed = false;
    return {
      config,
      handle,
      lock,
      async close() {
        if (closed) return;
        closed = true;
        await handle.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

/** Runs a command body, turning domain errors into a clear message and the mapped exit code. */
export async function runCommand(json: boolean, body: (out: Output) => Promise<void>): Promise<never> {
  const out = makeOutput(json);
  try {
    await body(out);
    process.exit(0);
  } catch (e) {
    const { code, message, problems } = describeFailure(e);
    if (json) {
      process.stdout.write(`${JSON.stringify({ error: { code, message, problems } }, null, 2)}\n`);
    } else {
      process.stderr.write(`Error: ${message}\n`);
      for (const p of problems) process.stderr.write(`  - ${p.field}${p.line ? ` (line ${p.line})` : ""}: ${p.message}\n`);
    }
    process.exit(EXIT_CODES[code]);
  }
}

function describeFailure(e: unknown): { code: keyof typeof EXIT_CODES; message: string; problems: AppError["problems"] } {
  if (isAppError(e)) return { code: e.code, message: e.message, problems: e.problems };
  if (e instanceof ConfigError) return { code: "config", message: e.message, problems: [] };
  if (e instanceof MigrationError) return { code: "internal", message: e.message, problems: [] };
  const err = e as Error;
  return { code: "internal", message: `${err?.message ?? String(e)}${process.env.PASSERELLE_DEBUG ? `\n${err?.stack}` : ""}`, problems: [] };
}

export function requireOption(value: string | undefined, name: string): string {
  if (!value) throw new AppError("invalid_input", `--${name} is required`, [{ field: name, message: "is required" }]);
  return value;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}
