import type { ComponentChildren } from "preact";
import type { FieldProblem } from "../../domain/core/app-error.js";
import { fieldError } from "../../web/components/form-errors.js";
import { describedByOf, FieldFrame as SharedFieldFrame } from "../../web/components/form-fields.js";
import type { PageContext } from "../../web/page-context.js";
import { StateFormPage } from "./state-form-page.js";

// Labelled form controls of the State profile forms: hint and error tied to the control (aria-describedby), the
// error summary on top, the version edited kept in a hidden field, and a way back to the current version after a
// conflict.

/** Problems to show: field errors, the message, and where the current version is after a conflict. */
export type Problems = { problems: FieldProblem[]; message?: string; conflictHref?: string };

const describedBy = (id: string, hint: boolean, error: boolean) => describedByOf(id, hint, error);

function FieldFrame({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ComponentChildren }) {
  return (
    <SharedFieldFrame controlId={`field-${id}`} messageId={id} label={label} hint={hint} error={error}>
      {children}
    </SharedFieldFrame>
  );
}

export type FieldProps = { id: string; label: string; value: string; problems: FieldProblem[]; hint?: string };

export function TextInput({ id, label, value, problems, hint, type = "text" }: FieldProps & { type?: "text" | "email" | "tel" | "number" }) {
  const error = fieldError(problems, id);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        type={type as "text"}
        id={`field-${id}`}
        name={id}
        value={value}
        aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
        aria-invalid={error ? "true" : undefined}
      />
    </FieldFrame>
  );
}

export function TextArea({ id, label, value, problems, hint, rows = 5 }: FieldProps & { rows?: number }) {
  const error = fieldError(problems, id);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={`field-${id}`}
        name={id}
        rows={rows}
        aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
        aria-invalid={error ? "true" : undefined}
      >
        {value}
      </textarea>
    </FieldFrame>
  );
}

export function Select({ id, label, value, problems, hint, options }: FieldProps & { options: { value: string; label: string }[] }) {
  const error = fieldError(problems, id);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select id={`field-${id}`} name={id} aria-describedby={describedBy(id, Boolean(hint), Boolean(error))} aria-invalid={error ? "true" : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function FormPage(props: {
  ctx: PageContext;
  title: string;
  state: string;
  iso3: string;
  action: string;
  version: number | null;
  problems: Problems;
  children: ComponentChildren;
}) {
  const { t } = props.ctx;
  const areaHref = `/countries/${props.iso3}/profile`;
  const texts = {
    areaHref,
    areaLink: t("profile.link"),
    conflict: t("profile.form.conflict"),
    openCurrent: t("profile.form.openCurrent"),
    save: t("profile.form.save"),
    cancel: t("profile.form.cancel"),
  };
  return <StateFormPage {...props} texts={texts} cancelHref={areaHref} />;
}
