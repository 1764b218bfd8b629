import type { ModelEvaluation, TagSuggestions } from "../../domain/tagging/tag-model.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import { formatDate, formatNumber, type Lang } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import type { CodeLabels } from "./page-labels.js";

// Parts of /tagging, "How tagging works" (issue 7 item 3): the headline figures, the try-it form and its answer,
// the model, the protocol, the per-label table (the chart's text alternative), SDG-goal accuracy on an official
// OHCHR list, human confirmation and the limitations. Every figure sits in a table with a caption and header cells;
// nothing depends on colour or JavaScript. UPR Info's labels are data in English and are marked lang="en".

/** Below this F1 a label is marked weak: the floor for "Technical assistance and cooperation" (issue 7 item 1). */
export const WEAK_F1 = 0.7;
/** Fewer test examples than this and a label's score is too uncertain to read much into. */
export const FEW_EXAMPLES = 20;
/** The try-it form and the suggest API take at most this many characters (a long recommendation is ~1,500). */
export const MAX_TRY_CHARS = 5000;

export type PerLabelRow = { label: string; support: number; precision: number; recall: number; f1: number; weak: boolean; few: boolean };

export type ModelFacts = {
  name: string;
  version: string;
  trainedAt: string;
  trainingRows: number;
  trainingSessions: string;
  labelCount: number;
  featureCount: number;
  /** Which kinds of features the vocabulary holds ("w" words, "b" word pairs, "c" character grams), in that order. */
  featureKinds: ("w" | "b" | "c")[];
  mappingVersion: string;
};

export type Trial = { text: string; more: boolean; error: string | null; result: TagSuggestions | null };

/** Scores as the page and its tests show them: fixed decimals in the page's language. */
export function formatScore(lang: Lang, value: number, digits = 2): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatConfidence(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(value);
}

/** Every evaluated label, most test examples first (ties by name), weak and rare ones flagged. */
export function perLabelRows(evaluation: ModelEvaluation): PerLabelRow[] {
  return Object.entries(evaluation.perLabel)
    .map(([label, e]) => ({ label, ...e, weak: e.f1 < WEAK_F1, few: e.support < FEW_EXAMPLES }))
    .sort((a, b) => b.support - a.support || a.label.localeCompare(b.label, "en"));
}

const English = ({ children }: { children: string }) => (
  <span lang="en" dir="ltr">
    {children}
  </span>
);

export function Headline({ ctx, facts, evaluation }: { ctx: PageContext; facts: ModelFacts; evaluation: ModelEvaluation | null }) {
  const { t, lang } = ctx;
  if (!evaluation) return <p class="notice">{t("taggingabout.notEvaluated")}</p>;
  const items = [
    { id: "micro-f1", n: formatScore(lang, evaluation.microF1, 3), label: t("taggingabout.headline.microF1") },
    { id: "macro-f1", n: formatScore(lang, evaluation.macroF1, 3), label: t("taggingabout.headline.macroF1") },
    { id: "test-n", n: formatNumber(lang, evaluation.n), label: t("taggingabout.headline.n") },
    { id: "labels", n: formatNumber(lang, facts.labelCount), label: t("taggingabout.headline.labels") },
  ];
  return (
    <ul class="stats tagging-headline" aria-label={t("taggingabout.headline.label")}>
      {items.map((i) => (
        <li key={i.id} id={`headline-${i.id}`}>
          <span class="stat-number">{i.n}</span> <span class="stat-label">{i.label}</span>
        </li>
      ))}
    </ul>
  );
}

export function TryForm({ ctx, trial }: { ctx: PageContext; trial: Trial | null }) {
  const { t } = ctx;
  const error = trial?.error ?? null;
  return (
    <form method="get" action="/tagging#try" class="tagging-try-form" role="search" aria-label={t("taggingabout.try.heading")}>
      <div class={`field${error ? " field-error" : ""}`}>
        <label for="field-text">{t("taggingabout.try.field")}</label>
        <span class="meta" id="text-hint">
          {t("taggingabout.try.hint", { max: formatNumber(ctx.lang, MAX_TRY_CHARS) })}
        </span>
        {error && (
          <span class="field-message" id="text-error">
            {error}
          </span>
        )}
        <textarea
          id="field-text"
          name="text"
          rows={5}
          maxLength={MAX_TRY_CHARS}
          lang="en"
          dir="ltr"
          aria-describedby={error ? "text-hint text-error" : "text-hint"}
          aria-invalid={error ? "true" : undefined}
        >
          {trial?.text ?? ""}
        </textarea>
      </div>
      <div class="field checkbox">
        <input type="checkbox" id="field-more" name="more" value="1" checked={trial?.more === true} />
        <label for="field-more">{t("taggingabout.try.more")}</label>
      </div>
      <button type="submit" class="button">
        {t("taggingabout.try.submit")}
      </button>
    </form>
  );
}

/** UHRI themes or SDG goals reached through the suggested labels, or a line saying there are none. */
function MappedTable({
  ctx,
  rows,
  caption,
  column,
  none,
}: {
  ctx: PageContext;
  rows: { key: string; name: string; confidence: number; fromLabels: string[] }[];
  caption: string;
  column: string;
  none: string | null;
}) {
  const { t, lang } = ctx;
  if (rows.length === 0) return none ? <p>{none}</p> : null;
  return (
    <ScrollTable caption={caption} headers={[column, t("taggingabout.col.confidence"), t("taggingabout.col.fromLabels")]}>
      {rows.map((r) => (
        <tr key={r.key}>
          <th scope="row">{r.name}</th>
          <td class="num">{formatConfidence(lang, r.confidence)}</td>
          <td>
            <English>{r.fromLabels.join("; ")}</English>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

export function TryResult({ ctx, trial, labels }: { ctx: PageContext; trial: Trial; labels: CodeLabels }) {
  const { t, lang } = ctx;
  if (trial.error) {
    return (
      <div class="error-summary" role="alert" tabIndex={-1}>
        <p class="error-summary-message">
          <a href="#field-text">{trial.error}</a>
        </p>
      </div>
    );
  }
  const result = trial.result;
  if (!result) return null;
  const shown = trial.more ? result.labels : result.labels.filter((l) => l.selected);
  const chosen = result.labels.filter((l) => l.selected);
  const selected = chosen.length;
  // With no label over its threshold the engine still names the closest one (every UPR recommendation has an issue).
  const fallback = selected > 0 && chosen.every((l) => l.confidence < 0.5);
  return (
    <div class="tagging-result tagging-scores" role="status">
      <p class="meta">{t("taggingabout.try.result", { model: result.model.name, version: result.model.version })}</p>
      {selected === 0 && <p>{t("taggingabout.try.none")}</p>}
      {fallback && <p class="notice">{t("taggingabout.try.fallback")}</p>}
      {shown.length > 0 && (
        <ScrollTable
          caption={t("taggingabout.try.labels")}
          headers={[t("taggingabout.col.label"), t("taggingabout.col.confidence"), ...(trial.more ? [t("taggingabout.col.status")] : [])]}
        >
          {shown.map((l) => (
            <tr key={l.label}>
              <th scope="row">
                <English>{l.label}</English>
              </th>
              <td class="num">{formatConfidence(lang, l.confidence)}</td>
              {trial.more && (
                <td>
                  <span class={l.selected ? "badge" : "badge badge-muted"}>
                    {l.selected ? t("taggingabout.try.selected") : t("taggingabout.try.alsoPossible")}
                  </span>
                </td>
              )}
            </tr>
          ))}
        </ScrollTable>
      )}
      <MappedTable
        rows={result.themes.map((s) => ({ key: s.code, name: labels.theme(s.code), confidence: s.confidence, fromLabels: s.fromLabels }))}
        caption={t("taggingabout.try.themes")}
        column={t("taggingabout.col.theme")}
        none={selected > 0 ? t("taggingabout.try.noThemes") : null}
        ctx={ctx}
      />
      <MappedTable
        rows={result.sdgGoals.map((s) => ({ key: String(s.goal), name: labels.sdg(s.goal), confidence: s.confidence, fromLabels: s.fromLabels }))}
        caption={t("taggingabout.try.sdgs")}
        column={t("taggingabout.col.goal")}
        none={selected > 0 ? t("taggingabout.try.noSdgs") : null}
        ctx={ctx}
      />
    </div>
  );
}

export function ModelSection({ ctx, facts }: { ctx: PageContext; facts: ModelFacts }) {
  const { t, lang } = ctx;
  const kinds = new Intl.ListFormat(lang, { type: "conjunction" }).format(facts.featureKinds.map((k) => t(`taggingabout.feature.${k}`)));
  return (
    <section aria-labelledby="tagging-model">
      <h2 id="tagging-model">{t("taggingabout.model.heading")}</h2>
      <dl class="facts">
        <dt>{t("taggingabout.model.name")}</dt>
        <dd>
          <code>{facts.name}</code>
        </dd>
        <dt>{t("taggingabout.model.version")}</dt>
        <dd>
          <code>{facts.version}</code>
        </dd>
        <dt>{t("taggingabout.model.trainedAt")}</dt>
        <dd>{formatDate(lang, facts.trainedAt)}</dd>
        <dt>{t("taggingabout.model.data")}</dt>
        <dd>{t("taggingabout.model.dataValue", { rows: facts.trainingRows, sessions: facts.trainingSessions })}</dd>
        <dt>{t("taggingabout.model.labels")}</dt>
        <dd>{t("taggingabout.model.labelsValue", { count: facts.labelCount })}</dd>
        <dt>{t("taggingabout.model.mapping")}</dt>
        <dd>
          <code>{facts.mappingVersion}</code>
        </dd>
      </dl>
      <p>{t("taggingabout.model.features", { kinds, count: facts.featureCount })}</p>
      <p>{t("taggingabout.model.classifiers")}</p>
      <p>{t("taggingabout.model.mappingText")}</p>
    </section>
  );
}

export function ProtocolSection({ ctx, facts, evaluation }: { ctx: PageContext; facts: ModelFacts; evaluation: ModelEvaluation }) {
  const { t, lang } = ctx;
  const averages = [
    { id: "micro", name: t("taggingabout.micro"), p: evaluation.microPrecision, r: evaluation.microRecall, f: evaluation.microF1 },
    { id: "macro", name: t("taggingabout.macro"), p: evaluation.macroPrecision, r: evaluation.macroRecall, f: evaluation.macroF1 },
  ];
  return (
    <section aria-labelledby="tagging-protocol" class="tagging-scores">
      <h2 id="tagging-protocol">{t("taggingabout.protocol.heading")}</h2>
      <p>
        {t("taggingabout.protocol.sessions", {
          train: evaluation.trainSessions,
          tune: evaluation.tuneSessions,
          test: evaluation.testSessions,
          all: facts.trainingSessions,
        })}
      </p>
      <p>{t("taggingabout.protocol.recorded")}</p>
      <blockquote class="tagging-protocol" lang="en" dir="ltr">
        {evaluation.protocol}
      </blockquote>
      <p>{t("taggingabout.protocol.terms")}</p>
      <ScrollTable
        caption={t("taggingabout.overall.caption", { n: evaluation.n })}
        headers={[t("taggingabout.col.average"), t("taggingabout.col.precision"), t("taggingabout.col.recall"), t("taggingabout.col.f1")]}
      >
        {averages.map((a) => (
          <tr key={a.id} id={`overall-${a.id}`}>
            <th scope="row">{a.name}</th>
            <td class="num">{formatScore(lang, a.p, 3)}</td>
            <td class="num">{formatScore(lang, a.r, 3)}</td>
            <td class="num">{formatScore(lang, a.f, 3)}</td>
          </tr>
        ))}
      </ScrollTable>
    </section>
  );
}

export function PerLabelSection({ ctx, rows, chartSvg }: { ctx: PageContext; rows: PerLabelRow[]; chartSvg: string | null }) {
  const { t, lang } = ctx;
  const weak = rows.filter((r) => r.weak).length;
  return (
    <section aria-labelledby="tagging-per-label" class="tagging-scores">
      <h2 id="tagging-per-label">{t("taggingabout.perLabel.heading")}</h2>
      <p>{t("taggingabout.perLabel.intro", { threshold: formatScore(lang, WEAK_F1), few: formatNumber(lang, FEW_EXAMPLES) })}</p>
      {chartSvg && <figure class="chart tagging-chart" dangerouslySetInnerHTML={{ __html: chartSvg }} />}
      <ScrollTable
        caption={t("taggingabout.perLabel.caption", { count: rows.length, weak })}
        headers={[
          t("taggingabout.col.label"),
          t("taggingabout.col.support"),
          t("taggingabout.col.precision"),
          t("taggingabout.col.recall"),
          t("taggingabout.col.f1"),
        ]}
      >
        {rows.map((r) => (
          <tr key={r.label} class={r.weak ? "tagging-weak" : undefined}>
            <th scope="row">
              <English>{r.label}</English>
              {r.weak && <span class="badge badge-warn">{t("taggingabout.weak")}</span>}
              {r.few && <span class="badge badge-muted">{t("taggingabout.few")}</span>}
            </th>
            <td class="num">{formatNumber(lang, r.support)}</td>
            <td class="num">{formatScore(lang, r.precision)}</td>
            <td class="num">{formatScore(lang, r.recall)}</td>
            <td class="num">{formatScore(lang, r.f1)}</td>
          </tr>
        ))}
      </ScrollTable>
    </section>
  );
}

export function SdgSection({ ctx, evaluation }: { ctx: PageContext; evaluation: ModelEvaluation }) {
  const { t, lang } = ctx;
  const sdg = evaluation.sdg;
  return (
    <section aria-labelledby="tagging-sdg" class="tagging-scores">
      <h2 id="tagging-sdg">{t("taggingabout.sdg.heading")}</h2>
      {sdg ? (
        <>
          <p>{t("taggingabout.sdg.text", { n: sdg.n })}</p>
          <ScrollTable
            caption={t("taggingabout.sdg.caption")}
            headers={[t("taggingabout.col.list"), t("taggingabout.col.precision"), t("taggingabout.col.recall"), t("taggingabout.col.f1")]}
          >
            <tr id="sdg-accuracy">
              <th scope="row">
                <English>{sdg.source}</English>
              </th>
              <td class="num">{formatScore(lang, sdg.precision, 3)}</td>
              <td class="num">{formatScore(lang, sdg.recall, 3)}</td>
              <td class="num">{formatScore(lang, sdg.f1, 3)}</td>
            </tr>
          </ScrollTable>
        </>
      ) : (
        <p>{t("taggingabout.sdg.none")}</p>
      )}
    </section>
  );
}

export function HumanSection({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="tagging-human">
      <h2 id="tagging-human">{t("taggingabout.human.heading")}</h2>
      <p>{t("taggingabout.human.suggested")}</p>
      <p>{t("taggingabout.human.decide")}</p>
      <p>{t("taggingabout.human.provenance")}</p>
      <p>{t("taggingabout.human.public")}</p>
    </section>
  );
}

export function LimitsSection({ ctx, labelCount }: { ctx: PageContext; labelCount: number }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="tagging-limits">
      <h2 id="tagging-limits">{t("taggingabout.limits.heading")}</h2>
      <ul>
        <li>{t("taggingabout.limits.english")}</li>
        <li>{t("taggingabout.limits.labels", { count: labelCount })}</li>
        <li>{t("taggingabout.limits.rare")}</li>
        <li>{t("taggingabout.limits.drift")}</li>
        <li>{t("taggingabout.limits.confidence")}</li>
      </ul>
    </section>
  );
}

export function DataSection({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="tagging-data">
      <h2 id="tagging-data">{t("taggingabout.data.heading")}</h2>
      <p>{t("taggingabout.data.json")}</p>
      <ul>
        <li>
          <a href="/api/v1/tagging/model">{t("taggingabout.data.modelLink")}</a> (<code>/api/v1/tagging/model</code>)
        </li>
        <li>
          <a href="/api/v1/tagging/suggest?text=Ratify+the+Optional+Protocol+to+the+Convention+against+Torture">{t("taggingabout.data.suggestLink")}</a> (
          <code>/api/v1/tagging/suggest?text=…</code>)
        </li>
      </ul>
      <p>{t("taggingabout.data.docs")}</p>
    </section>
  );
}
