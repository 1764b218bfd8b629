import { z } from "zod";

// Shapes shared by every API route: the error body and paging.
export const ProblemSchema = z.object({ field: z.string(), message: z.string() });
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe("invalid_input | unauthenticated | forbidden | not_found | conflict | rule_violation | rate_limited | unavailable | internal"),
      message: z.string(),
      problems: z.array(ProblemSchema),
      reference: z.string().optional(),
    }),
  })
  .describe("Error");

export const PagingQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(item) });
}

export const errorResponses = { 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema } as const;
