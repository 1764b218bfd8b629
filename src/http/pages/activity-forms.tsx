import type { ComponentChildren } from "preact";
import { describedByOf, FieldFrame } from "../../web/components/form-fields.js";
import type { FieldProblem } from "../../domain/core/app-error.js";
import type { PageContext } from "../../web/page-context.js";

// Small labelled form controls for the activity pages, several forms per page: ids are prefixed with the form's
// name, errors sit next to their field and in a summary that links to them, and what the user typed is kept.

/** The state of the one form that failed on this page (others show their defaults); without `values`, the form
 * shows the record as it is now (after a conflict). */
export type FailedForm = { name: string; values?: Record<string, string | string[]>; problems: FieldProblem[]; message?: string };

export type FormView = {
  name: string;
  value(field: string, fallback?: string | null): string;
  list(field: string, fallback?: readonly string[]): string[];
  error(field: string): string | undefined;
  problems: FieldProblem[];
  message: string | undefined;
};

export function formView(name: string, failed: FailedForm | undefined): FormView {
  const mine = failed?.name === name ? failed : undefined;
  const typed = mine?.values;
  const raw = (field: string) => typed?.[field];
  return {
    name,
    value: (field, fallback) => {
      const v = raw(field);
      if (typed) return typeof v === "string" ? v : Array.isArray(v) ? v.join(", ") : "";
      return fallback ?? "";
    },
    list: (field, fallback = []) => {
      const v = raw(field);
      if (typed) return Array.isArray(v) ? v : typeof v === "string" && v ? [v] : [];
      return [...fallback];
    },
    // "dacSectors.0" is a problem of the dacSectors field.
    error: (field) => mine?.problems.find((p) => p.field.split(".")[0] === field)?.message,
    problems: mine?.problems ?? [],
    message: mine?.message,
  };
}

const idOf = (f: FormView, field: string) => `field-${f.name}-${field}`;

/** A form that works without JavaScript: POST, CSRF token, error summary announced and linked to fields. */
export function PostForm({
  ctx,
  f,
  action,
  labels,
  submit,
  children,
  class: className,
}: {
  ctx: PageContext;
  f: FormView;
  action: string;
  labels: Record<string, string>;
  submit: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form method="post" action={action} class={className ?? "stacked"} novalidate>
      {(f.problems.length > 0 || f.message) && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          {f.message && <p class="error-summary-message">{f.message}</p>}
          {f.problems.length > 0 && (
            <>
              <p>{ctx.t("form.errors", { count: f.problems.length })}</p>
              <ul>
                {f.problems.map((p) => {
                  const field = p.field.split(".")[0] ?? p.field;
                  return (
                    <li key={`${p.field}-${p.message}`}>
                      <a href={`#${idOf(f, field)}`}>
                        {labels[field] ?? field}: {p.message}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </div>
      )}
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
      <div>
        <button type="submit" class="button">
          {submit}
        </button>
      </div>
    </form>
  );
}

type FieldProps = { f: FormView; name: string; label: string; hint?: string | undefined };

function FieldShell({ f, name, label, hint, children, extraClass }: FieldProps & { children: ComponentChildren; extraClass?: string }) {
  return (
    <FieldFrame controlId={idOf(f, name)} messageId={idOf(f, name)} label={label} hint={hint} error={f.error(name)} extraClass={extraClass}>
      {children}
    </FieldFrame>
  );
}

const describedBy = (f: FormView, name: string, hint?: string) => describedByOf(idOf(f, name), !!hint, !!f.error(name));

export function TextInput({
  f,
  name,
  label,
  hint,
  value,
  type = "text",
  inputMode,
}: FieldProps & { value: string; type?: "text" | "date" | "url"; inputMode?: "decimal" | "numeric" }) {
  return (
    <FieldShell f={f} name={name} label={label} hint={hint}>
      <input
        // Preact types each input type separately; the attributes used here suit all three.
        type={type as "text"}
        id={idOf(f, name)}
        name={name}
        value={value}
        inputMode={inputMode}
        aria-describedby={describedBy(f, name, hint)}
        aria-invalid={f.error(name) ? "true" : undefined}
      />
    </FieldShell>
  );
}

export function TextArea({ f, name, label, hint, value, rows = 4 }: FieldProps & { value: string; rows?: number }) {
  return (
    <FieldShell f={f} name={name} label={label} hint={hint}>
      <textarea id={idOf(f, name)} name={name} rows={rows} aria-describedby={describedBy(f, name, hint)} aria-invalid={f.error(name) ? "true" : undefined}>
        {value}
      </textarea>
    </FieldShell>
  );
}

export type Choice = { value: string; label: string };

export function Select({
  f,
  name,
  label,
  hint,
  choices,
  selected,
  empty,
  multiple,
}: FieldProps & { choices: Choice[]; selected: string[]; empty?: string; multiple?: boolean }) {
  return (
    <FieldShell f={f} name={name} label={label} hint={hint}>
      <select
        id={idOf(f, name)}
        name={name}
        multiple={multiple}
        size={multiple ? Math.min(8, Math.max(3, choices.length)) : undefined}
        aria-describedby={describedBy(f, name, hint)}
        aria-invalid={f.error(name) ? "true" : undefined}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value} selected={selected.includes(c.value)}>
            {c.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function Checkbox({ f, name, label, hint, checked }: FieldProps & { checked: boolean }) {
  return (
    <div class={`field checkbox${f.error(name) ? " field-error" : ""}`}>
      <input type="checkbox" id={idOf(f, name)} name={name} value="yes" checked={checked} aria-describedby={describedBy(f, name, hint)} />
      <label for={idOf(f, name)}>{label}</label>
      {hint && (
        <span class="meta" id={`${idOf(f, name)}-hint`}>
          {hint}
        </span>
      )}
      {f.error(name) && (
        <span class="field-message" id={`${idOf(f, name)}-error`}>
          {f.error(name)}
        </span>
      )}
    </div>
  );
}

/** A group of checkboxes sharing one name, in a fieldset with its legend. */
export function CheckboxGroup({ f, name, label, choices, checked }: FieldProps & { choices: Choice[]; checked: string[] }) {
  return (
    <fieldset class={`checkbox-group${f.error(name) ? " field-error" : ""}`} id={idOf(f, name)}>
      <legend>{label}</legend>
      {f.error(name) && <span class="field-message">{f.error(name)}</span>}
      {choices.map((c) => (
        <div class="checkbox" key={c.value}>
          <input type="checkbox" id={`${idOf(f, name)}-${c.value}`} name={name} value={c.value} checked={checked.includes(c.value)} />
          <label for={`${idOf(f, name)}-${c.value}`}>{c.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Every value a form field sent (checkbox groups and multiple selects send several). */
export function fieldList(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" && v !== "" ? [v] : [];
}

/** The string fields of a posted form, as typed (to send back with the errors). */
export function formValues(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries((body as Record<string, unknown>) ?? {})) {
    if (k === "_csrf") continue;
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}
