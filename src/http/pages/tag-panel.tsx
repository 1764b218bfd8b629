import type { SubjectTag, TagScheme, TagSubject } from "../../domain/tagging/tag-review-service.js";
import { formatDate, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import type { CodeLabels } from "./page-labels.js";

// "Themes and tags" of a recommendation or an assistance request (issue 7 item 3): the official tags with their
// provenance for everyone; for a reviewer, the model's suggestions with their confidence and a form each to accept or
// reject, and a form to add a tag. Plain HTML forms: they work without JavaScript and come back here with a message.
// Unconfirmed suggestions are never listed among the official tags (the service returns them only to reviewers).

export const TAG_SCHEMES: readonly TagScheme[] = ["uhri", "sdg", "upr-info"];

export type TagPanelTags = { official: SubjectTag[]; pending: SubjectTag[]; rejected: SubjectTag[]; canReview: boolean };

/** What the "add a tag" list offers, per scheme: value is the code, label its name in the page's language. */
export type TagChoices = Record<TagScheme, { code: string; label: string }[]>;

/** The message shown after a decision, read back from the redirect's query (`tagged`, `tag`). */
export type TagFlash = { outcome: "accepted" | "rejected" | "added"; scheme: TagScheme; code: string };

export const TAG_DECISION_ACTION = "/tagging/decisions";
export const TAG_ADD_ACTION = "/tagging/tags";

/** A tag's name as people read it: UHRI themes and SDG goals in the page's language, UPR Info issues as published. */
export function tagName(labels: CodeLabels, scheme: TagScheme, code: string): string {
  if (scheme === "uhri") return labels.theme(code);
  if (scheme === "sdg") return labels.sdg(code);
  return code;
}

export function formatPercent(ctx: PageContext, confidence: number): string {
  return new Intl.NumberFormat(ctx.lang, { style: "percent", maximumFractionDigits: 0 }).format(confidence);
}

/** Reads the flash of a redirect back (`?tagged=accepted&tag=uhri:E5`); anything else is no flash. */
export function tagFlashOf(query: Record<string, string>): TagFlash | null {
  const outcome = query.tagged;
  const tag = query.tag ?? "";
  const sep = tag.indexOf(":");
  const scheme = tag.slice(0, sep) as TagScheme;
  if ((outcome !== "accepted" && outcome !== "rejected" && outcome !== "added") || sep < 1 || !TAG_SCHEMES.includes(scheme)) return null;
  return { outcome, scheme, code: tag.slice(sep + 1) };
}

/** First-strong isolation (U+2068 … U+2069): a Latin model name, a version like "2026-11-29.1" or a person's name
 * keeps its own direction inside an Arabic sentence instead of being reordered with it. */
const isolate = (s: string) => `\u2068${s}\u2069`;

export function provenanceOf(ctx: PageContext, tag: SubjectTag): string {
  const { t, lang } = ctx;
  const name = isolate(tag.decidedBy ?? t("tagging.prov.someone"));
  const date = tag.decidedAt ? formatDate(lang, tag.decidedAt) : "—";
  const model = isolate(tag.modelName ?? "");
  const version = isolate(tag.modelVersion ?? "");
  if (tag.origin === "source") return t("tagging.prov.source");
  if (tag.origin === "human") return t("tagging.prov.human", { name, date });
  if (tag.status === "accepted" || tag.status === "official") return t("tagging.prov.accepted", { model, version, name, date });
  if (tag.status === "rejected") return t("tagging.prov.rejected", { model, version, name, date });
  return t("tagging.prov.suggested", { model, version });
}

/** The confidence as text (the information) and a small outlined bar (a visual aid, hidden from screen readers): the
 * filled length reads without colour; SVG attributes, not inline styles, so the strict CSP holds. */
export function ConfidenceMeter({ ctx, confidence }: { ctx: PageContext; confidence: number }) {
  const filled = Math.round(Math.min(1, Math.max(0, confidence)) * 100);
  return (
    <span class="tag-confidence">
      <svg class="tag-bar" viewBox="0 0 102 10" width="64" height="10" aria-hidden="true" focusable="false">
        <rect x="1" y="1" width="100" height="8" fill="none" stroke="currentColor" stroke-width="1" />
        <rect x="1" y="1" width={filled} height="8" fill="currentColor" />
      </svg>
      <span>{ctx.t("tagging.confidence", { percent: formatPercent(ctx, confidence) })}</span>
    </span>
  );
}

function SchemeBadge({ ctx, scheme }: { ctx: PageContext; scheme: TagScheme }) {
  return <span class="badge badge-muted">{ctx.t(`tagging.scheme.${scheme}` as MessageKey)}</span>;
}

/** The accept / reject form of one suggestion; `back` is the page to come back to. */
export function DecisionForm({ ctx, subject, tag, name, back }: { ctx: PageContext; subject: TagSubject; tag: SubjectTag; name: string; back: string }) {
  const { t } = ctx;
  return (
    <form method="post" action={TAG_DECISION_ACTION} class="tag-decision">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="kind" value={subject.kind} />
      <input type="hidden" name="id" value={subject.id} />
      <input type="hidden" name="scheme" value={tag.scheme} />
      <input type="hidden" name="code" value={tag.code} />
      <input type="hidden" name="back" value={back} />
      <button type="submit" name="decision" value="accept" class="button button-small">
        {t("tagging.accept")}
        <span class="visually-hidden"> {name}</span>
      </button>{" "}
      <button type="submit" name="decision" value="reject" class="button button-small button-secondary">
        {t("tagging.reject")}
        <span class="visually-hidden"> {name}</span>
      </button>
    </form>
  );
}

function TagName({ scheme, name }: { scheme: TagScheme; name: string }) {
  // UPR Info issue names are English data (as UPR Info publishes them), also inside a page in another language.
  return scheme === "upr-info" ? (
    <strong lang="en" dir="ltr">
      {name}
    </strong>
  ) : (
    <strong>{name}</strong>
  );
}

/** The pending suggestions of one subject, most confident first, each with its decision form. */
export function PendingSuggestions({
  ctx,
  subject,
  pending,
  labels,
  back,
}: {
  ctx: PageContext;
  subject: TagSubject;
  pending: SubjectTag[];
  labels: CodeLabels;
  back: string;
}) {
  const { t } = ctx;
  if (pending.length === 0) return <p class="meta">{t("tagging.pending.none")}</p>;
  const sorted = [...pending].sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0));
  // A suggestion under 0.5 did not pass its label's tuned threshold: offered only when asked (a closed <details>).
  const selected = sorted.filter((s) => (s.confidence ?? 1) >= 0.5);
  const others = sorted.filter((s) => (s.confidence ?? 1) < 0.5);
  const item = (s: SubjectTag) => {
    const name = tagName(labels, s.scheme, s.code);
    return (
      <li key={`${s.scheme}:${s.code}`} class="tag-suggestion">
        <div class="tag-main">
          <TagName scheme={s.scheme} name={name} /> <SchemeBadge ctx={ctx} scheme={s.scheme} />
          <span class="meta tag-provenance">{provenanceOf(ctx, s)}</span>
        </div>
        {s.confidence !== null && <ConfidenceMeter ctx={ctx} confidence={s.confidence} />}
        <DecisionForm ctx={ctx} subject={subject} tag={s} name={name} back={back} />
      </li>
    );
  };
  return (
    <>
      {selected.length > 0 && <ul class="tag-suggestions">{selected.map(item)}</ul>}
      {others.length > 0 && (
        <details class="tag-more">
          <summary>{t("tagging.alsoPossible", { count: others.length })}</summary>
          <ul class="tag-suggestions">{others.map(item)}</ul>
        </details>
      )}
    </>
  );
}

function OfficialTags({ ctx, subject, official, labels }: { ctx: PageContext; subject: TagSubject; official: SubjectTag[]; labels: CodeLabels }) {
  const { t } = ctx;
  if (official.length === 0) return <p class="meta">{t("tagging.official.none")}</p>;
  return (
    <>
      {TAG_SCHEMES.map((scheme) => {
        const tags = official.filter((tag) => tag.scheme === scheme);
        if (tags.length === 0) return null;
        return (
          <div key={scheme} class="tag-group">
            <h4>{t(`tagging.scheme.${scheme}` as MessageKey)}</h4>
            <ul class="tag-official">
              {tags.map((tag) => {
                const name = tagName(labels, scheme, tag.code);
                return (
                  <li key={tag.code}>
                    {scheme === "uhri" && subject.kind === "recommendation" ? (
                      <a href={`/recommendations?theme=${encodeURIComponent(tag.code)}`}>{name}</a>
                    ) : (
                      <TagName scheme={scheme} name={name} />
                    )}{" "}
                    <span class="meta">({provenanceOf(ctx, tag)})</span>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </>
  );
}

function AddTagForm({ ctx, subject, choices, back }: { ctx: PageContext; subject: TagSubject; choices: TagChoices; back: string }) {
  const { t } = ctx;
  const id = `add-tag-${subject.kind}`;
  return (
    <form method="post" action={TAG_ADD_ACTION} class="tag-add">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="kind" value={subject.kind} />
      <input type="hidden" name="id" value={subject.id} />
      <input type="hidden" name="back" value={back} />
      <div class="field">
        <label for={id}>{t("tagging.add.tag")}</label>
        <select id={id} name="tag" required>
          <option value="">{t("tagging.add.choose")}</option>
          {TAG_SCHEMES.map((scheme) => (
            <optgroup key={scheme} label={t(`tagging.scheme.${scheme}` as MessageKey)}>
              {choices[scheme].map((c) => (
                <option key={c.code} value={`${scheme}:${c.code}`}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        {t("tagging.add.submit")}
      </button>
    </form>
  );
}

export type TagPanelProps = {
  ctx: PageContext;
  subject: TagSubject;
  tags: TagPanelTags;
  labels: CodeLabels;
  /** Offered to reviewers only. */
  choices: TagChoices | null;
  flash: TagFlash | null;
  /** The page the forms come back to (the subject's own page). */
  back: string;
};

export function TagPanel({ ctx, subject, tags, labels, choices, flash, back }: TagPanelProps) {
  const { t } = ctx;
  return (
    <section class="tag-panel" id="tags" aria-labelledby="tags-title">
      <h2 id="tags-title">{t("tagging.panel.title")}</h2>
      {flash && (
        <p class="notice" role="status">
          {t(`tagging.flash.${flash.outcome}`, { tag: tagName(labels, flash.scheme, flash.code) })}
        </p>
      )}
      <p class="meta">
        {t("tagging.panel.lead")} <a href="/tagging">{t("tagging.panel.how")}</a>
      </p>
      <h3>{t("tagging.official")}</h3>
      <OfficialTags ctx={ctx} subject={subject} official={tags.official} labels={labels} />
      {tags.canReview && (
        <>
          <h3>{t("tagging.pending")}</h3>
          <p class="meta">{t("tagging.pending.lead")}</p>
          <PendingSuggestions ctx={ctx} subject={subject} pending={tags.pending} labels={labels} back={back} />
          {tags.rejected.length > 0 && (
            <details class="tag-more">
              <summary>{t("tagging.rejected", { count: tags.rejected.length })}</summary>
              <ul class="tag-official">
                {tags.rejected.map((tag) => (
                  <li key={`${tag.scheme}:${tag.code}`}>
                    <TagName scheme={tag.scheme} name={tagName(labels, tag.scheme, tag.code)} /> <SchemeBadge ctx={ctx} scheme={tag.scheme} />{" "}
                    <span class="meta">({provenanceOf(ctx, tag)})</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {choices && (
            <>
              <h3>{t("tagging.add.title")}</h3>
              <AddTagForm ctx={ctx} subject={subject} choices={choices} back={back} />
            </>
          )}
        </>
      )}
    </section>
  );
}
