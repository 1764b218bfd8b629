import type { RequestStatus } from "../../domain/cooperation/request-status.js";
import type { RequestSummary } from "../../domain/requests/request-schemas.js";
import type { FieldProblem } from "../../domain/core/app-error.js";
import { fieldError } from "../../web/components/form-errors.js";
import { formatDate, type Lang, type MessageKey } from "../../web/i18n/i18n.js";
import type { PageContext } from "../../web/page-context.js";

// Small pieces shared by the assistance-request pages.

const STATUS_CLASS: Record<RequestStatus, string> = {
  draft: "badge badge-muted",
  submitted: "badge",
  acknowledged: "badge",
  under_assessment: "badge",
  offer_made: "badge badge-ok",
  agreed: "badge badge-ok",
  converted_to_activity: "badge badge-ok",
  referred: "badge badge-warn",
  declined: "badge badge-warn",
  withdrawn: "badge badge-muted",
};

export const statusLabel = (ctx: PageContext, status: string) => ctx.t(`req.status.${status}` as MessageKey);

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: RequestStatus }) {
  return <span class={STATUS_CLASS[status]}>{statusLabel(ctx, status)}</span>;
}

export function requestTitle(ctx: PageContext, r: Pick<RequestSummary, "title">): string {
  return r.title.trim() || ctx.t("req.untitled");
}

/** Money as the language writes it; the amount stays a decimal string (never a float) up to the formatter. */
export function formatMoney(lang: Lang, amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: "currency", currency }).format(amount as unknown as number);
  } catch {
    return `${amount} ${currency}`;
  }
}

export const formatWhen = (ctx: PageContext, d: Date | string) => formatDate(ctx.lang, d);

export function providerNames(r: Pick<RequestSummary, "providers">): string {
  // Providers that stepped back are left out: the list says who still answers the request.
  return r.providers
    .filter((p) => !p.declined)
    .map((p) => p.acronym ?? p.name)
    .join(", ");
}

/** A labelled text input or textarea with its hint and error wired to aria-describedby. */
export function TextField(props: {
  name: string;
  label: string;
  value: string;
  problems: FieldProblem[];
  hint?: string | undefined;
  type?: "text" | "date";
  multiline?: number;
  required?: boolean;
  inputMode?: "decimal" | "numeric";
  maxLength?: number;
  lang?: string | undefined;
  dir?: "ltr" | "rtl" | "auto" | undefined;
}) {
  const error = fieldError(props.problems, props.name);
  const hintId = `${props.name}-hint`;
  const errorId = `${props.name}-error`;
  const describedBy = [props.hint ? hintId : "", error ? errorId : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id: `field-${props.name}`,
    name: props.name,
    "aria-describedby": describedBy,
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-required": props.required ? ("true" as const) : undefined,
    maxLength: props.maxLength,
    lang: props.lang,
    dir: props.dir,
  };
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={common.id}>{props.label}</label>
      {props.hint && (
        <span class="meta" id={hintId}>
          {props.hint}
        </span>
      )}
      {error && (
        <span class="field-message" id={errorId}>
          {error}
        </span>
      )}
      {props.multiline ? (
        <textarea {...common} rows={props.multiline}>
          {props.value}
        </textarea>
      ) : props.type === "date" ? (
        <input {...common} type="date" value={props.value} />
      ) : (
        <input {...common} type="text" value={props.value} inputMode={props.inputMode} />
      )}
    </div>
  );
}

export type Option = { value: string; label: string; lang?: string | undefined };

/** A group of checkboxes in a fieldset (no JavaScript needed for multiple choice); id field-<name> for the error summary. */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: Option[];
  selected: readonly string[];
  problems: FieldProblem[];
  hint?: string | undefined;
  wide?: boolean;
}) {
  const error = fieldError(props.problems, props.name);
  const describedBy = [props.hint ? `${props.name}-hint` : "", error ? `${props.name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={`field-${props.name}`} class={`field vocabulary-field${error ? " field-error" : ""}`} aria-describedby={describedBy}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <span class="meta" id={`${props.name}-hint`}>
          {props.hint}
        </span>
      )}
      {error && (
        <span class="field-message" id={`${props.name}-error`}>
          {error}
        </span>
      )}
      <div class={props.wide ? "vocabulary-options request-options-wide" : "vocabulary-options"}>
        {props.options.map((o) => {
          const id = `field-${props.name}-${o.value.replace(/[^A-Za-z0-9_-]/g, "_")}`;
          return (
            <div class="field checkbox" key={o.value}>
              <input type="checkbox" id={id} name={props.name} value={o.value} checked={props.selected.includes(o.value)} />
              <label for={id} lang={o.lang}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A select with a "none" first choice. */
export function SelectInput(props: {
  name: string;
  label: string;
  options: Option[];
  selected: string;
  problems: FieldProblem[];
  noneLabel?: string;
  hint?: string | undefined;
}) {
  const error = fieldError(props.problems, props.name);
  const describedBy = [props.hint ? `${props.name}-hint` : "", error ? `${props.name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={`field-${props.name}`}>{props.label}</label>
      {props.hint && (
        <span class="meta" id={`${props.name}-hint`}>
          {props.hint}
        </span>
      )}
      {error && (
        <span class="field-message" id={`${props.name}-error`}>
          {error}
        </span>
      )}
      <select id={`field-${props.name}`} name={props.name} aria-describedby={describedBy} aria-invalid={error ? "true" : undefined}>
        {props.noneLabel !== undefined && <option value="">{props.noneLabel}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
