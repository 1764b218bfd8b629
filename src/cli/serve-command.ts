import { performance } from "node:perf_hooks";
import { warmRecommendationSearch } from "../domain/recommendations/recommendation-search.js";
import { countOrganizationsForStartup } from "../domain/setup/startup-service.js";
import { prepareDatabase } from "../domain/setup/setup-service.js";
import { buildServer } from "../http/server.js";
import { type GlobalOptions, openConfigured, type Output } from "./cli-runtime.js";

/** `passerelle serve`: migrate, load reference data, seed the demo on a first start, then listen. */
export async function serve(options: GlobalOptions & { port?: string; host?: string }, out: Output): Promise<void> {
  const started = performance.now();
  const opened = await openConfigured(options, "passerelle serve");
  const { config, handle } = opened;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    out.info(`Received ${signal}: closing connections and the database…`);
    try {
      await app?.close();
    } finally {
      await opened.close();
      process.exit(0);
    }
  };
  let app: Awaited<ReturnType<typeof buildServer>> | undefined;
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  try {
    const fresh = (await countOrganizationsForStartup(handle.db)) === 0;
    const demo = config.seedDemo === "yes" || (config.seedDemo === "auto" && fresh);
    const report = await prepareDatabase(handle.db, { demo, onProgress: (step) => out.info(`· ${step}`) });
    if (report.migrations.length) out.info(`Applied migrations: ${report.migrations.join(", ")}`);
    const isDemo = demo || (await countOrganizationsForStartup(handle.db, { demoOnly: true })) > 0;
    app = await buildServer({ handle, config, demo: isDemo });
    const port = options.port ? Number(options.port) : config.port;
    const address = await app.listen({ port, host: options.host ?? config.host });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out.info(`Passerelle is ready on ${address.replace("127.0.0.1", "localhost")} (${handle.engine}: ${handle.location}; started in ${seconds} s)`);
    if (report.demo?.status === "seeded") out.info("Demo data seeded: accounts are listed in README.md (password: passerelle-demo).");
    // The search index is built in the background so the first search does not wait for it.
    const warming = performance.now();
    warmRecommendationSearch(handle.db).then(
      (rows) => out.info(`Search index ready: ${rows} recommendations in ${((performance.now() - warming) / 1000).toFixed(1)} s`),
      (e: unknown) => out.info(`Search index not built yet (${e instanceof Error ? e.message : String(e)}); the first search builds it.`),
    );
  } catch (e) {
    await opened.close();
    throw e;
  }
  // Keep running until a signal arrives.
  await new Promise<never>(() => {});
}
