import type { ComponentChildren } from "preact";
import { VISIBILITIES } from "../../domain/access/viewer.js";
import type { FieldProblem } from "../../domain/core/app-error.js";
import { fieldError } from "../../web/components/form-errors.js";
import { describedByOf } from "../../web/components/form-fields.js";
import { LANGUAGE_INFO, LANGUAGES } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";
import { StateFormPage } from "./state-form-page.js";
import type { Problems } from "./profile-form-fields.js";

// Form pieces of the monitoring forms that the profile forms do not have: groups of checkboxes in a fieldset with
// their error, and the page frame (CSRF token, version edited, conflict notice, a way back to the State's registry).

export { Select, TextArea, TextInput } from "./profile-form-fields.js";
export type { Problems } from "./profile-form-fields.js";

/** Every value of a repeated form field (checkboxes): one value comes as a string, several as an array. */
export function fieldList(source: unknown, name: string): string[] {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function Checkboxes({
  id,
  legend,
  hint,
  options,
  checked,
  problems,
}: {
  id: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: string[];
  problems: FieldProblem[];
}) {
  const error = problems.find((p) => p.field === id || p.field.startsWith(`${id}.`))?.message;
  return (
    <fieldset
      class={`field checkbox-group${error ? " field-error" : ""}`}
      id={`field-${id}`}
      tabIndex={-1}
      aria-describedby={describedByOf(id, Boolean(hint), Boolean(error))}
    >
      <legend>{legend}</legend>
      {hint && (
        <span class="meta" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="field-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <div class="checkbox-list">
        {options.map((o) => (
          <label key={o.value} class="checkbox">
            <input type="checkbox" name={id} value={o.value} checked={checked.includes(o.value)} /> {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export const visibilityOptions = (ctx: PageContext) => VISIBILITIES.map((v) => ({ value: v, label: ctx.t(`visibility.${v}`) }));
export const languageOptions = () => LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_INFO[l].nativeName }));

export function MonitoringFormPage(props: {
  ctx: PageContext;
  title: string;
  state: string;
  iso3: string;
  action: string;
  version: number | null;
  problems: Problems;
  cancelHref: string;
  children: ComponentChildren;
  after?: ComponentChildren;
}) {
  const { t } = props.ctx;
  const texts = {
    areaHref: `/countries/${props.iso3}/monitoring`,
    areaLink: t("monitoring.link"),
    conflict: t("monitoring.f.conflict"),
    openCurrent: t("monitoring.f.openCurrent"),
    save: t("monitoring.f.save"),
    cancel: t("monitoring.f.cancel"),
  };
  return <StateFormPage {...props} texts={texts} />;
}

export { fieldError };
