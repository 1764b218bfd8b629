import type { ComponentChildren } from "preact";
import { describedByOf, FieldFrame } from "../../web/components/form-fields.js";
import { VISIBILITIES } from "../../domain/access/viewer.js";
import type { FieldProblem } from "../../domain/core/app-error.js";
import { COOPERATION_TYPES } from "../../domain/cooperation/vocabularies.js";
import { WORLD_REGION } from "../../domain/matching/match-score.js";
import type { M49Region } from "../../domain/offers/offer-references.js";
import { fieldError } from "../../web/components/form-errors.js";
import { VocabularyCheckboxes, vocabularyLabel } from "../../web/components/vocabulary-fields.js";
import { LANGUAGE_INFO, LANGUAGES, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import type { OfferLabels } from "./offer-bits.js";

// Form controls of the offer and capability-profile forms: labelled, errors next to their field and linked from the
// error summary (id field-<name>), what the user typed kept. No JavaScript needed.

export type Errors = (name: string) => string | undefined;
export const errorsOf =
  (problems: FieldProblem[]): Errors =>
  (name) =>
    fieldError(problems, name) ?? problems.find((p) => p.field.startsWith(`${name}.`))?.message;

export function TextField(props: { name: string; label: string; value: string; err: Errors; hint?: string; type?: "text" | "date"; required?: boolean }) {
  const { name, label, value, err, hint, type = "text", required } = props;
  const error = err(name);
  return (
    <FieldFrame controlId={`field-${name}`} messageId={name} label={label} hint={hint} error={error}>
      {type === "date" ? (
        <input
          type="date"
          id={`field-${name}`}
          name={name}
          value={value}
          aria-describedby={describedByOf(name, !!hint, !!error)}
          aria-invalid={error ? "true" : undefined}
        />
      ) : (
        <input
          type="text"
          id={`field-${name}`}
          name={name}
          value={value}
          required={required}
          aria-describedby={describedByOf(name, !!hint, !!error)}
          aria-invalid={error ? "true" : undefined}
        />
      )}
    </FieldFrame>
  );
}

export function TextArea({
  name,
  label,
  value,
  err,
  hint,
  rows = 4,
}: {
  name: string;
  label: string;
  value: string;
  err: Errors;
  hint?: string;
  rows?: number;
}) {
  const error = err(name);
  return (
    <FieldFrame controlId={`field-${name}`} messageId={name} label={label} hint={hint} error={error}>
      <textarea id={`field-${name}`} name={name} rows={rows} aria-describedby={describedByOf(name, !!hint, !!error)} aria-invalid={error ? "true" : undefined}>
        {value}
      </textarea>
    </FieldFrame>
  );
}

export function SelectBox({
  name,
  label,
  value,
  err,
  choices,
}: {
  name: string;
  label: string;
  value: string;
  err: Errors;
  choices: { value: string; label: string }[];
}) {
  const error = err(name);
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={`field-${name}`}>{label}</label>
      {error && (
        <span class="field-message" id={`${name}-error`}>
          {error}
        </span>
      )}
      <select id={`field-${name}`} name={name} aria-describedby={error ? `${name}-error` : undefined} aria-invalid={error ? "true" : undefined}>
        {choices.map((c) => (
          <option key={c.value} value={c.value} selected={c.value === value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A fieldset of checkboxes over any list of codes (themes, languages, regions). */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string; indent?: number }[];
  selected: readonly string[];
  err: Errors;
  children?: ComponentChildren;
}) {
  const { name, legend, hint, options, selected, err, children } = props;
  const error = err(name);
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={`field-${name}`} class={`field vocabulary-field${error ? " field-error" : ""}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <span class="meta" id={`${name}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="field-message" id={`${name}-error`}>
          {error}
        </span>
      )}
      <div class="vocabulary-options">
        {options.map((o) => (
          <div class={`field checkbox${o.indent ? ` indent-${o.indent}` : ""}`} key={o.value}>
            <input type="checkbox" id={`field-${name}-${o.value}`} name={name} value={o.value} checked={selected.includes(o.value)} />
            <label for={`field-${name}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      {children}
    </fieldset>
  );
}

/** The world, then each M49 region followed by its sub-regions and intermediate regions. */
export function regionOptions(labels: OfferLabels): { value: string; label: string; indent?: number }[] {
  const byParent = new Map<string | null, M49Region[]>();
  for (const r of labels.regions)
    byParent.set(r.level === "region" ? null : r.parentCode, [...(byParent.get(r.level === "region" ? null : r.parentCode) ?? []), r]);
  const out: { value: string; label: string; indent?: number }[] = [{ value: WORLD_REGION, label: labels.region(WORLD_REGION) }];
  const walk = (parent: string | null, depth: number) => {
    for (const r of byParent.get(parent) ?? []) {
      out.push({ value: r.code, label: labels.region(r.code), ...(depth ? { indent: depth } : {}) });
      walk(r.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The capability fields offers and profiles share: themes, SDG targets, forms, continuity, languages, regions. */
export function CapabilityFields(props: {
  ctx: PageContext;
  labels: OfferLabels;
  err: Errors;
  v: { themes: string[]; sdgTargets: string; modalities: string[]; continuityNeeds: string[]; languages: string[]; otherLanguages: string; regions: string[] };
}) {
  const { ctx, labels, err, v } = props;
  const { t } = ctx;
  return (
    <>
      <CheckboxGroup
        name="themes"
        legend={t("offerForm.themes")}
        hint={t("offerForm.themesHint")}
        options={labels.themes.map((x) => ({ value: x.code, label: x.label }))}
        selected={v.themes}
        err={err}
      />
      <TextField name="sdgTargets" label={t("offerForm.sdgTargets")} hint={t("offerForm.sdgTargetsHint")} value={v.sdgTargets} err={err} />
      <VocabularyCheckboxes ctx={ctx} name="modalities" list="modality" selected={v.modalities} error={err("modalities")} />
      <VocabularyCheckboxes ctx={ctx} name="continuityNeeds" list="continuityNeed" selected={v.continuityNeeds} error={err("continuityNeeds")} />
      <CheckboxGroup
        name="languages"
        legend={t("offerForm.languages")}
        hint={t("offerForm.languagesHint")}
        options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_INFO[l].nativeName }))}
        selected={v.languages}
        err={err}
      >
        <TextField name="otherLanguages" label={t("offerForm.otherLanguages")} hint={t("offerForm.otherLanguagesHint")} value={v.otherLanguages} err={err} />
      </CheckboxGroup>
      <CheckboxGroup
        name="regions"
        legend={t("offerForm.regions")}
        hint={t("offerForm.regionsHint")}
        options={regionOptions(labels)}
        selected={v.regions}
        err={err}
      />
    </>
  );
}

export const cooperationChoices = (ctx: PageContext) => COOPERATION_TYPES.map((c) => ({ value: c, label: vocabularyLabel(ctx.t, "cooperationType", c) }));
export const visibilityChoices = (ctx: PageContext) => VISIBILITIES.map((v) => ({ value: v, label: ctx.t(`visibility.${v}` as MessageKey) }));
