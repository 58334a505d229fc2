import type { z } from "zod";
import { ResultError } from "../result";

// The first problem with an input, named by its field: "reason: at most 300 characters".
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join(".") || "input"}: ${issue.message}`;
}

// For a service that is also called directly (scripts, the tests): its own schema, answered as a 400.
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ResultError("invalid_input", firstIssue(parsed.error));
  return parsed.data;
}
