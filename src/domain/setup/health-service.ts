import { performance } from "node:perf_hooks";
import type { Db } from "../../store/db.js";
import { countAppliedMigrations } from "../../store/migrate.js";

export async function checkHealth(db: Db): Promise<{ reachable: boolean; migrations: number; latencyMs: number }> {
  const started = performance.now();
  try {
    const migrations = await countAppliedMigrations(db);
    return { reachable: true, migrations, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { reachable: false, migrations: 0, latencyMs: Math.round(performance.now() - started) };
  }
}
