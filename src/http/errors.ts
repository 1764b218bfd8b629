import type { ErrorCode } from "../domain/core/app-error.js";

// The one table from domain error codes to HTTP status codes.
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
  rate_limited: 429,
  unavailable: 503,
};

export type ApiErrorBody = {
  error: { code: ErrorCode | "internal"; message: string; problems: { field: string; message: string }[]; reference?: string };
};
