import type { Counterpart } from "../../domain/coordination/coordination-types.js";
import type { OverlapWarning } from "../../domain/coordination/overlaps.js";
import { vocabularyLabel } from "../../web/components/vocabulary-fields.js";
import { formatDate } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import type { CodeLabels } from "./page-labels.js";

// Pieces the coordination page and the digest share (R16): dates, counterparts and the overlap warnings.

export function datesText(ctx: PageContext, start: string | null, end: string | null): string {
  const { t, lang } = ctx;
  if (!start && !end) return "—";
  if (!start) return t("coord.until", { end: formatDate(lang, end as string) });
  return end ? t("coord.dates", { start: formatDate(lang, start), end: formatDate(lang, end) }) : t("coord.datesOpen", { start: formatDate(lang, start) });
}

export function counterpartText(ctx: PageContext, c: Counterpart): string {
  const name = c.name ?? ctx.t("coord.nameWithheld");
  // "label : value" in French, "label：value" in Chinese: the catalogs hold each language's punctuation.
  return c.kind === "national_actor" && c.actorType ? ctx.t("common.labelled", { label: vocabularyLabel(ctx.t, "actorType", c.actorType), value: name }) : name;
}

export function OverlapList({ ctx, overlaps, labels, linkBase = "" }: { ctx: PageContext; overlaps: OverlapWarning[]; labels: CodeLabels; linkBase?: string }) {
  const { t } = ctx;
  return (
    <ul class="overlap-list">
      {overlaps.map((w) => (
        <li key={`${w.first.id}-${w.second.id}`} class="overlap">
          <p>
            <strong>
              <a href={`${linkBase}/activities/${w.first.id}`}>{w.first.title}</a> ({w.first.providerName})
            </strong>{" "}
            {t("coord.overlap.and")}{" "}
            <strong>
              <a href={`${linkBase}/activities/${w.second.id}`}>{w.second.title}</a> ({w.second.providerName})
            </strong>
          </p>
          <dl class="facts">
            <dt>{t("coord.overlap.counterparts")}</dt>
            <dd>{w.counterparts.map((c) => counterpartText(ctx, c)).join(" · ")}</dd>
            {w.themes.length > 0 && (
              <>
                <dt>{t("coord.overlap.themes")}</dt>
                <dd>{w.themes.map((c) => labels.theme(c)).join(" · ")}</dd>
              </>
            )}
            {w.sdgTargets.length > 0 && (
              <>
                <dt>{t("coord.overlap.sdg")}</dt>
                <dd>{w.sdgTargets.join(", ")}</dd>
              </>
            )}
            <dt>{t("coord.overlap.dates")}</dt>
            <dd>{datesText(ctx, w.overlap.start, w.overlap.end)}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
