import path from "node:path";
import { z } from "zod";

// The only module that reads environment variables. Every problem is listed at once so an operator
// fixes a broken configuration in one pass instead of one error per restart.
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PASSERELLE_DATA: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  PASSERELLE_PUBLIC_URL: z.url().optional(),
  PASSERELLE_SEED_DEMO: z.enum(["auto", "yes", "no"]).default("auto"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string | undefined;
  seedDemo: "auto" | "yes" | "no";
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  production: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: { dataDir?: string } = {}): Config {
  const parsed = EnvSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(overrides.dataDir ?? e.PASSERELLE_DATA),
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PASSERELLE_PUBLIC_URL,
    seedDemo: e.PASSERELLE_SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === "production",
  };
}

function emptyToUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const keys = Object.keys(EnvSchema.shape);
  return Object.fromEntries(keys.map((k) => [k, env[k] === "" ? undefined : env[k]]));
}
