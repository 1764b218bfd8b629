import { tagRecommendations } from "../domain/tagging/tag-batch-service.js";
import { AppError } from "../domain/core/app-error.js";
import { defaultTagModel, loadTagModel } from "../imports/tag-model-file.js";
import { type GlobalOptions, openConfigured, type Output } from "./cli-runtime.js";

export type ClassifyTagOptions = { source?: string; state?: string; session?: string; all?: boolean; model?: string };

const SOURCES = ["upr-info", "uhri"] as const;

/**
 * `passerelle classify tag`: stores the model's suggestions for imported recommendations, for a reviewer to accept or
 * reject. Without --all only recommendations that have no issue label and nothing stored yet are tagged; with --all
 * every recommendation matching the filters (a re-run with the same model version changes nothing).
 */
export async function runClassifyTag(options: ClassifyTagOptions, globals: GlobalOptions, out: Output): Promise<void> {
  const filter = parseFilter(options);
  const model = options.model ? loadTagModel(options.model) : defaultTagModel();
  const opened = await openConfigured(globals, "passerelle classify tag");
  try {
    out.info(`Tagging with ${model.name} ${model.version}${describeFilter(filter)}…`);
    let bar: ReturnType<Output["progress"]> | undefined;
    const started = performance.now();
    const report = await tagRecommendations(opened.handle.db, { userId: null, label: "cli:classify tag" }, model, filter, (done, total) => {
      bar ??= out.progress(total, "Tagging");
      bar.update(done);
    });
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    const perSecond = seconds > 0 ? Math.round(report.total / seconds) : report.total;
    const reasons = countReasons(report.skipped);
    out.result(
      [
        `Tagged ${report.subjects} of ${report.total} recommendation(s) in ${seconds.toFixed(1)} s (${perSecond}/s): ${report.suggestions} new suggestion(s), ${report.replaced} replaced from another model version.`,
        report.skipped.length ? `Skipped ${report.skipped.length}: ${reasons.map(([r, n]) => `${n} × ${r}`).join("; ")}` : "",
        report.suggestions > 0 ? "Suggestions wait for a reviewer at /tagging/review; none is official until accepted." : "",
      ]
        .filter(Boolean)
        .join("\n"),
      {
        model: { name: model.name, version: model.version },
        total: report.total,
        tagged: report.subjects,
        suggestions: report.suggestions,
        replaced: report.replaced,
        skipped: report.skipped.length,
        skippedReasons: Object.fromEntries(reasons),
        seconds: Math.round(seconds * 10) / 10,
      },
    );
  } finally {
    await opened.close();
  }
}

function parseFilter(o: ClassifyTagOptions) {
  if (o.source !== undefined && !(SOURCES as readonly string[]).includes(o.source))
    throw new AppError("invalid_input", `--source must be ${SOURCES.join(" or ")}`, [{ field: "source", message: `is "${o.source}"` }]);
  const state = o.state?.trim().toUpperCase();
  if (state !== undefined && !/^[A-Z]{3}$/.test(state))
    throw new AppError("invalid_input", `--state must be an ISO 3166-1 alpha-3 code such as SVN`, [{ field: "state", message: `is "${o.state}"` }]);
  const session = o.session === undefined ? undefined : Number(o.session);
  if (session !== undefined && (!Number.isInteger(session) || session < 1))
    throw new AppError("invalid_input", "--session must be a UPR Working Group session number", [{ field: "session", message: `is "${o.session}"` }]);
  return { source: o.source, state, session, onlyUntagged: !o.all };
}

function describeFilter(f: ReturnType<typeof parseFilter>): string {
  const parts = [f.source && `source ${f.source}`, f.state && `State ${f.state}`, f.session && `session ${f.session}`].filter(Boolean);
  return `${parts.length ? ` (${parts.join(", ")})` : ""}${f.onlyUntagged ? ", untagged recommendations only" : ", all matching recommendations"}`;
}

function countReasons(skipped: { reason: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
