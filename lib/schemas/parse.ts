import type { z } from "zod";

// The first problem with an input, named by its field: "reason: at most 300 characters".
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join(".") || "input"}: ${issue.message}`;
}
