import type { FieldProblem } from "../../domain/core/app-error.js";
import type { PageContext } from "../page-context.js";

// GOV.UK-style error summary: announced on load (role=alert), each problem links to its field.
export function FormErrors({ ctx, problems, message }: { ctx: PageContext; problems: FieldProblem[]; message?: string }) {
  if (problems.length === 0 && !message) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      {message && <p class="error-summary-message">{message}</p>}
      {problems.length > 0 && (
        <>
          <p>{ctx.t("form.errors", { count: problems.length })}</p>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>
                <a href={`#field-${p.field}`}>
                  {p.field}: {p.message}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function fieldError(problems: FieldProblem[], field: string): string | undefined {
  return problems.find((p) => p.field === field)?.message;
}
