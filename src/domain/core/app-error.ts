// One error type for the whole domain. HTTP and CLI map the code (never the message) to a status or exit code.
export const ERROR_CODES = ["invalid_input", "unauthenticated", "forbidden", "not_found", "conflict", "rule_violation", "rate_limited", "unavailable"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldProblem = { field: string; message: string; line?: number };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export function notFound(what: string, id: string): AppError {
  return new AppError("not_found", `${what} ${id} was not found`);
}
