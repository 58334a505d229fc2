import type { z } from "zod";
import { failure, ResultError, success, type Result } from "../result";
import { API_BODY_LIMIT_BYTES } from "./body-limits";
import { readBodyText } from "./read-body";

// application/json and the +json types (RFC 6839), with any parameters such as charset.
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

// A request whose body is declared as JSON; any other Content-Type is refused with 415 (a
// text/plain POST is what a cross-site form or a no-preflight fetch sends).
export function requireJsonBody(request: Request) {
  const type = request.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type))
    throw new ResultError(
      "unsupported_media_type",
      `Send the body as application/json${type ? `, not ${type.split(";")[0].slice(0, 60)}` : ""}.`,
    );
}

// A JSON body up to the API's limit, sent as JSON; an empty or broken one is the caller's mistake (400).
export async function readJson(request: Request): Promise<unknown> {
  requireJsonBody(request);
  const text = await readBodyText(request, API_BODY_LIMIT_BYTES);
  if (!text.trim()) throw new ResultError("invalid_input", "Send a JSON body.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ResultError("invalid_input", "The request body is not valid JSON.");
  }
}

// The first three issues, each with where it is: "Invalid body. version: Too small; …".
export function describeIssues(error: z.ZodError, where: string) {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : where;
    return `${path}: ${issue.message}`;
  });
  return `Invalid ${where}. ${issues.join("; ")}.`;
}

export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): Result<z.output<S>> {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? success(parsed.data)
    : failure("invalid_input", describeIssues(parsed.error, where));
}
