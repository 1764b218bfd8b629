import type { ComponentChildren } from "preact";

// Labelled controls: one place decides markup, ids, the hint and error tied to the control, and the "any" choice of
// the GET filter forms.

/** The aria-describedby of a control whose hint and error carry the ids `<messageId>-hint` / `<messageId>-error`. */
export function describedByOf(messageId: string, hint: boolean, error: boolean): string | undefined {
  return [hint ? `${messageId}-hint` : "", error ? `${messageId}-error` : ""].filter(Boolean).join(" ") || undefined;
}

/** Label, hint and error message around one form control (the control itself is the child). */
export function FieldFrame({
  controlId,
  messageId,
  label,
  hint,
  error,
  extraClass,
  children,
}: {
  controlId: string;
  messageId: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  extraClass?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${extraClass ? ` ${extraClass}` : ""}${error ? " field-error" : ""}`}>
      <label for={controlId}>{label}</label>
      {hint && (
        <span class="meta" id={`${messageId}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="field-message" id={`${messageId}-error`}>
          {error}
        </span>
      )}
      {children}
    </div>
  );
}

export type Choice = { value: string; label: string };

export function SelectField({
  id,
  name,
  label,
  choices,
  selected,
  anyLabel,
}: {
  id: string;
  name: string;
  label: string;
  choices: Choice[];
  selected: string | undefined;
  anyLabel: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        <option value="">{anyLabel}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value} selected={c.value === selected}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SearchField({ id, name, label, value }: { id: string; name: string; label: string; value: string | undefined }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input type="search" id={id} name={name} value={value ?? ""} />
    </div>
  );
}
