import type { z } from "zod";
import { AppError, type FieldProblem } from "./app-error.js";

// Parses input with a domain schema and turns Zod issues into field-level problems callers can show.
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("invalid_input", "The input is not valid", toProblems(result.error));
}

export function toProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ field: i.path.join(".") || "(root)", message: i.message }));
}
