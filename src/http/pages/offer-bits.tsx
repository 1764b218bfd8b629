import { ADDRESSED_PROVIDER, WORLD_REGION } from "../../domain/matching/match-score.js";
import type { ExplanationItemView } from "../../domain/matching/matching-schemas.js";
import { listRegions, type M49Region } from "../../domain/offers/offer-references.js";
import type { Offer } from "../../domain/offers/offer-schemas.js";
import type { OfferStatus } from "../../domain/offers/offer-status.js";
import { listTaxonomyTerms } from "../../domain/reference/reference-service.js";
import type { Db } from "../../store/db.js";
import { vocabularyLabel } from "../../web/components/vocabulary-fields.js";
import { formatDate, type Lang, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import { type CodeLabels, codeLabels } from "./page-labels.js";

// Shared pieces of the offer, provider, matching and pairing pages: labels for codes, form-value helpers, the match
// explanation and status badges.

export type OfferLabels = CodeLabels & {
  region(code: string): string;
  language(code: string): string;
  sdgTarget(code: string): string;
  regions: M49Region[];
  themes: { code: string; label: string }[];
};

const TTL_MS = 5 * 60 * 1000;
const cache = new Map<string, { at: number; value: Promise<{ regions: M49Region[]; themes: { code: string; labels: Record<string, string> }[] }> }>();

function referenceLists(db: Db) {
  const hit = cache.get("lists");
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = (async () => {
    const [regions, terms] = await Promise.all([listRegions(db), listTaxonomyTerms(db, "uhri-theme")]);
    return { regions, themes: terms.filter((t) => t.parentCode !== null).map((t) => ({ code: t.code, labels: t.labels })) };
  })();
  cache.set("lists", { at: Date.now(), value });
  value.catch(() => cache.delete("lists"));
  return value;
}

/**
 * Labels in the page's language. Region names: the M49 name of the reference data in English, CLDR's translation
 * (Intl.DisplayNames) in the other languages; language names from CLDR.
 */
export async function offerLabels(db: Db, ctx: Pick<PageContext, "lang" | "t">): Promise<OfferLabels> {
  const { lang } = ctx;
  const [base, lists] = await Promise.all([codeLabels(db, lang), referenceLists(db)]);
  const regionNames = new Map(lists.regions.map((r) => [r.code, r.name]));
  const cldrRegions = new Intl.DisplayNames([lang], { type: "region", fallback: "none" });
  const cldrLanguages = new Intl.DisplayNames([lang], { type: "language", fallback: "none" });
  const region = (code: string) => {
    if (code === WORLD_REGION) return ctx.t("offer.region.world");
    const local = lang === "en" ? undefined : safely(() => cldrRegions.of(code));
    return local ?? regionNames.get(code) ?? code;
  };
  return {
    ...base,
    region,
    language: (code) => safely(() => cldrLanguages.of(code)) ?? code,
    sdgTarget: (code) => ctx.t("offer.sdgTarget", { code }),
    regions: lists.regions,
    themes: lists.themes.map((t) => ({ code: t.code, label: `${t.code} ${t.labels[lang] ?? t.labels.en ?? ""}`.trim() })),
  };
}

function safely(f: () => string | undefined): string | undefined {
  try {
    return f() || undefined;
  } catch {
    return undefined;
  }
}

// ---- form values ----

/** Every value of a repeated form field (checkboxes), trimmed, empty ones dropped. */
export function fieldList(source: unknown, name: string): string[] {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Codes typed in one text field, separated by commas, semicolons or spaces ("4.1, 4.c"). */
export function splitCodes(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

// ---- display ----

export function OfferStatusBadge({ ctx, status }: { ctx: PageContext; status: OfferStatus }) {
  const tone = status === "published" || status === "accepted" ? "badge badge-ok" : status === "draft" ? "badge badge-warn" : "badge badge-muted";
  return <span class={tone}>{ctx.t(`offer.status.${status}` as MessageKey)}</span>;
}

export function ScoreBadge({ ctx, score }: { ctx: PageContext; score: number }) {
  return (
    <span class="badge match-score" title={ctx.t("match.scoreOf", { score: formatScore(ctx.lang, score) })}>
      {formatScore(ctx.lang, score)}
    </span>
  );
}

export const formatScore = (lang: Lang, score: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(score);

/** An ISO 8601 interval as months ("March 2027 – December 2027"); ".." is an open end. */
export function formatInterval(ctx: PageContext, interval: string): string {
  const [from, to] = interval.split("/");
  const month = (d: string | undefined) =>
    d && d !== ".." ? new Intl.DateTimeFormat(ctx.lang, { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`)) : "…";
  return `${month(from)} – ${month(to)}`;
}

export function formatMoney(lang: Lang, amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: "currency", currency }).format(amount as `${number}`);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** The label of one matched code of an explanation line, in the factor's own vocabulary. */
function matchedLabel(ctx: PageContext, labels: OfferLabels, factor: ExplanationItemView["factor"], code: string): string {
  switch (factor) {
    case "themes":
      return labels.theme(code);
    case "sdgTargets":
      return code;
    case "modalities":
      return vocabularyLabel(ctx.t, "modality", code);
    case "languages":
      return labels.language(code);
    case "region":
      return labels.region(code);
    case "timing":
      return ctx.t("match.overlaps", { period: formatInterval(ctx, code) });
    case "continuityNeeds":
      return vocabularyLabel(ctx.t, "continuityNeed", code);
    case "cooperation":
      return code === ADDRESSED_PROVIDER ? ctx.t("match.addressed") : vocabularyLabel(ctx.t, "cooperationType", code);
    case "isced":
      return vocabularyLabel(ctx.t, "isced", code);
    case "textThemes":
      return labels.theme(code);
  }
}

/** Why a score is what it is: one line per factor, what matched (fully or in part), and the points earned. */
export function MatchExplanation({ ctx, labels, explanation }: { ctx: PageContext; labels: OfferLabels; explanation: ExplanationItemView[] }) {
  const { t } = ctx;
  if (explanation.length === 0) return <p class="meta">{t("match.nothingAsked")}</p>;
  return (
    <ul class="match-reasons">
      {explanation.map((e) => {
        const matched = e.matched.map((c) => matchedLabel(ctx, labels, e.factor, c));
        const partial = e.partial.map((c) => t("match.partial", { value: matchedLabel(ctx, labels, e.factor, c) }));
        const all = [...matched, ...partial];
        return (
          <li key={e.factor} class={e.points > 0 ? "match-hit" : "match-miss"}>
            <strong>{t("match.factorLabel", { factor: t(`match.factor.${e.factor}` as MessageKey) })}</strong>{" "}
            {all.length ? all.join("; ") : <span class="meta">{t("match.noMatch")}</span>}{" "}
            <span class="meta">{t("match.points", { points: formatScore(ctx.lang, e.points), weight: formatScore(ctx.lang, e.weight) })}</span>
            {e.suggestedBy && <span class="meta">{t("match.suggestedBy", { model: e.suggestedBy })}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** "1 March 2027 – 31 December 2027", or one end, or nothing. */
export function formatPeriod(ctx: PageContext, from: string | null, to: string | null): string | null {
  if (!from && !to) return null;
  if (from && to) return `${formatDate(ctx.lang, from)} – ${formatDate(ctx.lang, to)}`;
  return from ? ctx.t("offer.periodFrom", { date: formatDate(ctx.lang, from) }) : ctx.t("offer.periodUntil", { date: formatDate(ctx.lang, to as string) });
}

/** Offers as a list of cards: title, provider, cooperation type, themes, languages, availability. */
export function OfferList({ ctx, labels, offers, showStatus }: { ctx: PageContext; labels: OfferLabels; offers: Offer[]; showStatus?: boolean }) {
  const { t } = ctx;
  return (
    <ul class="offer-list">
      {offers.map((o) => {
        const period = formatPeriod(ctx, o.availableFrom, o.availableTo);
        return (
          <li key={o.id} class="offer-item">
            <h3>
              <a href={`/offers/${o.id}`} lang={o.textLang}>
                {o.title}
              </a>
            </h3>
            <p class="meta">
              <a href={`/providers/${o.provider.slug}`}>{o.provider.name}</a> ·{" "}
              <span class="badge">{vocabularyLabel(t, "cooperationType", o.cooperationType)}</span>
              {showStatus && (
                <>
                  {" "}
                  <OfferStatusBadge ctx={ctx} status={o.status} />
                </>
              )}
              {o.stateIso3 && <> · {t("offer.madeTo", { state: labels.country(o.stateIso3) })}</>}
            </p>
            {o.themes.length > 0 && <p class="offer-themes">{o.themes.map(labels.theme).join(" · ")}</p>}
            <p class="meta">
              {o.languages.length > 0 && <>{t("offer.languagesShort", { languages: o.languages.map(labels.language).join(", ") })}</>}
              {o.languages.length > 0 && period && " · "}
              {period}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
