import { VOCABULARIES, type VocabularyName } from "../../domain/cooperation/vocabularies.js";
import { en } from "../i18n/en.js";
import type { Lang, MessageKey, Translate } from "../i18n/i18n.js";
import type { PageContext } from "../page-context.js";

// Shared rendering of the controlled vocabularies (R24), so request forms, offer forms, matching and activity pages
// show the same words. Labels come from vocabulary-messages.ts (`vocab.<list>.<code>`).

/** The label of one code in the viewer's language; an unknown code (old data) is shown as it is stored. */
export function vocabularyLabel(t: Translate, list: VocabularyName, code: string): string {
  const known = (VOCABULARIES[list] as readonly string[]).includes(code);
  return known ? t(`vocab.${list}.${code}` as MessageKey) : code;
}

// Arabic and Chinese have their own list commas; labels may contain "and", so no conjunction is added.
const LIST_SEPARATORS: Partial<Record<Lang, string>> = { ar: "، ", zh: "、" };

/** Labels of several codes as a comma list in the language's own comma ("a, b, c", "a、b、c", "a، b"). */
export function vocabularyLabelList(ctx: Pick<PageContext, "lang" | "t">, list: VocabularyName, codes: readonly string[]): string {
  return codes.map((code) => vocabularyLabel(ctx.t, list, code)).join(LIST_SEPARATORS[ctx.lang] ?? ", ");
}

/** Read-only labels of a vocabulary field; "none" when empty. */
export function VocabularyLabels({ ctx, list, codes }: { ctx: PageContext; list: VocabularyName; codes: readonly string[] }) {
  if (codes.length === 0) return <span class="meta">{ctx.t("common.none")}</span>;
  return <span>{vocabularyLabelList(ctx, list, codes)}</span>;
}

/**
 * A checkbox group for one vocabulary: a fieldset whose legend is the list's heading, its help text and the field's
 * error announced through aria-describedby. The fieldset carries id `field-<name>` so the error summary links to it.
 */
export function VocabularyCheckboxes({
  ctx,
  name,
  list,
  selected,
  error,
  legend,
}: {
  ctx: PageContext;
  name: string;
  list: VocabularyName;
  selected: readonly string[];
  error?: string | undefined;
  /** Overrides the list's default heading (e.g. "Requested forms of assistance"). */
  legend?: string;
}) {
  const { t } = ctx;
  const helpKey = `vocab.${list}.help` as MessageKey;
  const help = helpKey in en ? t(helpKey) : undefined;
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  const describedBy = [help ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={`field-${name}`} class={`field vocabulary-field${error ? " field-error" : ""}`} aria-describedby={describedBy}>
      <legend>{legend ?? t(`vocab.${list}.label` as MessageKey)}</legend>
      {help && (
        <span class="meta" id={hintId}>
          {help}
        </span>
      )}
      {error && (
        <span class="field-message" id={errorId}>
          {error}
        </span>
      )}
      <div class="vocabulary-options">
        {VOCABULARIES[list].map((code) => {
          const id = `field-${name}-${code}`;
          return (
            <div class="field checkbox" key={code}>
              <input type="checkbox" id={id} name={name} value={code} checked={selected.includes(code)} aria-invalid={error ? "true" : undefined} />
              <label for={id}>{vocabularyLabel(t, list, code)}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
