import type { VNode } from "preact";
import type { FieldProblem } from "../../domain/core/app-error.js";
import type { SubjectTag, TagSubject } from "../../domain/tagging/tag-review-service.js";
import { FormErrors } from "../../web/components/form-errors.js";
import { SelectField } from "../../web/components/form-fields.js";
import { ScrollTable } from "../../web/components/scroll-table.js";
import type { MessageKey } from "../../web/i18n/i18n.js";
import { Layout } from "../../web/layout.js";
import type { PageContext } from "../../web/page-context.js";
import type { CodeLabels } from "./page-labels.js";
import { PendingSuggestions, type TagFlash, tagName } from "./tag-panel.js";

// The reviewers' pages of issue 7: the queue of suggested tags waiting for a decision (/tagging/review), and the
// upload of an OHCHR thematic list that imports its recommendations and has the model suggest their tags
// (/tagging/import). Both work without JavaScript; every decision is a small form that comes back to the same page.

export const REVIEW_SOURCES = ["uhri", "upr-info"] as const;
export type ReviewFilters = { state: string; session: string; source: string };

export type ReviewItem = { subject: TagSubject; title: string; text: string; stateIso3: string; pending: SubjectTag[] };

/** The outcome of an import, carried to the queue in its query so a reload shows it again and writes nothing. */
export type ImportOutcome = { file: string; imported: number; updated: number; unchanged: number; suggestions: number; skipped: number };

export type ReviewPageProps = {
  ctx: PageContext;
  items: ReviewItem[];
  total: number;
  page: number;
  pages: number;
  filters: ReviewFilters;
  states: { iso3: string; name: string }[];
  labels: CodeLabels;
  flash: TagFlash | null;
  imported: ImportOutcome | null;
  mayImport: boolean;
};

/** The queue URL for these filters and page (the pager, the forms' way back). */
export function reviewHref(filters: ReviewFilters, page = 1): string {
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
  if (page > 1) params.set("page", String(page));
  const qs = params.toString();
  return `/tagging/review${qs ? `?${qs}` : ""}`;
}

function subjectHref(subject: TagSubject): string {
  return subject.kind === "recommendation" ? `/recommendations/${encodeURIComponent(subject.id)}` : `/requests/${encodeURIComponent(subject.id)}`;
}

function ReviewFilterForm({ ctx, filters, states }: { ctx: PageContext; filters: ReviewFilters; states: ReviewPageProps["states"] }) {
  const { t } = ctx;
  const any = t("tagging.review.any");
  return (
    <form method="get" action="/tagging/review" class="filters" role="search">
      <SelectField
        id="filter-state"
        name="state"
        label={t("tagging.review.state")}
        anyLabel={any}
        selected={filters.state}
        choices={states.map((s) => ({ value: s.iso3, label: s.name }))}
      />
      <div class="field">
        <label for="filter-session">{t("tagging.review.session")}</label>
        <input type="number" id="filter-session" name="session" min={1} max={99} inputMode="numeric" value={filters.session} />
      </div>
      <SelectField
        id="filter-source"
        name="source"
        label={t("tagging.review.source")}
        anyLabel={any}
        selected={filters.source}
        choices={REVIEW_SOURCES.map((s) => ({ value: s, label: t(`tagging.review.source.${s}` as MessageKey) }))}
      />
      <button type="submit" class="button">
        {t("tagging.review.filter")}
      </button>
      {(filters.state || filters.session || filters.source) && <a href="/tagging/review">{t("tagging.review.clear")}</a>}
    </form>
  );
}

function ImportedNotice({ ctx, imported }: { ctx: PageContext; imported: ImportOutcome }) {
  const { t } = ctx;
  return (
    <div class="notice tag-imported" role="status">
      <p>
        {t("tagging.review.imported", {
          file: imported.file,
          imported: imported.imported,
          updated: imported.updated,
          unchanged: imported.unchanged,
          suggestions: imported.suggestions,
        })}
      </p>
      {imported.skipped > 0 && <p>{t("tagging.review.skipped", { count: imported.skipped })}</p>}
    </div>
  );
}

export function ReviewQueuePage({ ctx, items, total, page, pages, filters, states, labels, flash, imported, mayImport }: ReviewPageProps) {
  const { t } = ctx;
  const back = reviewHref(filters, page);
  return (
    <Layout ctx={ctx} title={t("tagging.review.title")} active="recommendations">
      <h1>{t("tagging.review.title")}</h1>
      <p class="lead">{t("tagging.review.lead")}</p>
      <p class="meta">
        <a href="/tagging">{t("tagging.panel.how")}</a>
        {mayImport && (
          <>
            {" · "}
            <a href="/tagging/import">{t("tagging.review.import")}</a>
          </>
        )}
      </p>
      {imported && <ImportedNotice ctx={ctx} imported={imported} />}
      {flash && (
        <p class="notice" role="status">
          {t(`tagging.flash.${flash.outcome}`, { tag: tagName(labels, flash.scheme, flash.code) })}
        </p>
      )}
      <ReviewFilterForm ctx={ctx} filters={filters} states={states} />
      <p role="status">{t("tagging.review.count", { count: total })}</p>
      <ol class="review-queue">
        {items.map((item) => (
          <li key={`${item.subject.kind}:${item.subject.id}`} class="review-item">
            <article aria-labelledby={`review-${item.subject.kind}-${item.subject.id}`}>
              <h2 id={`review-${item.subject.kind}-${item.subject.id}`} class="review-title">
                <a href={subjectHref(item.subject)}>
                  {item.subject.kind === "recommendation"
                    ? t("tagging.review.recHeading", { paragraph: item.title, state: labels.country(item.stateIso3) })
                    : item.title}
                </a>
              </h2>
              <p class="meta">
                {t(`tagging.review.kind.${item.subject.kind}` as MessageKey)} · <a href={`/countries/${item.stateIso3}`}>{labels.country(item.stateIso3)}</a>
              </p>
              <p class="evidence review-text">{item.text}</p>
              <PendingSuggestions ctx={ctx} subject={item.subject} pending={item.pending} labels={labels} back={back} />
            </article>
          </li>
        ))}
      </ol>
      {pages > 1 && (
        <nav class="pager" aria-label={t("common.page", { page, pages })}>
          {page > 1 && <a href={reviewHref(filters, page - 1)}>{t("common.previous")}</a>}
          <span>{t("common.page", { page, pages })}</span>
          {page < pages && <a href={reviewHref(filters, page + 1)}>{t("common.next")}</a>}
        </nav>
      )}
    </Layout>
  );
}

export type ImportPageProps = {
  ctx: PageContext;
  /** The file that was refused, its problems (with lines) and the summary message. */
  refused: { file: string; problems: FieldProblem[] } | null;
  message?: string | undefined;
};

export function ImportPage({ ctx, refused, message }: ImportPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("tagging.import.title")} active="recommendations">
      <p class="meta">
        <a href="/tagging/review">{t("tagging.review.title")}</a>
      </p>
      <h1>{t("tagging.import.title")}</h1>
      <p class="lead">{t("tagging.import.lead")}</p>
      {refused ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p class="error-summary-message">{t("tagging.import.problems", { count: refused.problems.length, file: refused.file })}</p>
        </div>
      ) : (
        <FormErrors ctx={ctx} problems={[]} message={message} />
      )}
      {refused && refused.problems.length > 0 && (
        <ScrollTable caption={t("tagging.import.caption")} headers={[t("tagging.import.line"), t("tagging.import.field"), t("tagging.import.problem")]}>
          {refused.problems.map((p, i) => (
            <tr key={`${p.line ?? 0}-${i}`}>
              <td class="num">{p.line ?? "—"}</td>
              <td>
                <code>{p.field}</code>
              </td>
              <td>{p.message}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {/* The CSRF token is a hidden field of the multipart body: the route reads the body (10 MB at most) before it
          checks the token, as for every other form, and writes nothing before. */}
      <form method="post" action="/tagging/import" enctype="multipart/form-data" class="stacked tag-import-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="field-file">{t("tagging.import.file")}</label>
          <input
            type="file"
            id="field-file"
            name="file"
            accept=".docx,.csv,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/csv"
            required
          />
        </div>
        <div>
          <button type="submit" class="button">
            {t("tagging.import.submit")}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** The pages as documents for the routes (tag-routes.ts holds no JSX). */
export const reviewQueueView = (props: ReviewPageProps): VNode => <ReviewQueuePage {...props} />;
export const importView = (props: ImportPageProps): VNode => <ImportPage {...props} />;
