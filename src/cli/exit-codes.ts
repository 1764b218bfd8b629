import type { ErrorCode } from "../domain/core/app-error.js";

// The CLI's exit codes, mapped from the same domain error codes the HTTP layer maps to statuses.
export const EXIT_CODES: Record<ErrorCode | "internal" | "config", number> = {
  internal: 1,
  invalid_input: 2,
  unauthenticated: 3,
  forbidden: 4,
  not_found: 5,
  conflict: 6,
  rule_violation: 7,
  rate_limited: 8,
  unavailable: 9,
  config: 78, // sysexits EX_CONFIG
};
