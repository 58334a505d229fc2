import "server-only";
import type { z } from "zod";
import { checkAdmin } from "../../auth/admin";
import type { CurrentUser } from "../../auth/session";
import { PublishingError } from "../../publishing/contract";
import { fail, type ActionErrorCode, type ActionResult } from "../result";

const codeFor: Record<PublishingError["code"], ActionErrorCode> = {
  invalid_input: "invalid_input",
  not_found: "not_found",
  conflict: "invalid_input",
};

// Every admin action: session → admin role → parse input → run. The admin layout's own check
// does not protect an action, which is a public POST endpoint; and a caller who is not an admin
// learns nothing, not even which inputs would be valid.
export function adminAction<Schema extends z.ZodType, T>(
  schema: Schema,
  run: (input: z.infer<Schema>, admin: CurrentUser) => Promise<ActionResult<T>>,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const check = await checkAdmin();
    if (!check.ok) return fail(check.status === 401 ? "unauthorized" : "forbidden", check.message);
    const parsed = schema.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail("invalid_input", `${issue.path.join(".") || "input"}: ${issue.message}`);
    }
    try {
      return await run(parsed.data, check.admin);
    } catch (error) {
      if (error instanceof PublishingError) return fail(codeFor[error.code], error.message);
      throw error;
    }
  };
}

// For <form action> with useActionState: (previousState, formData).
export function adminFormAction<Schema extends z.ZodType, T>(
  schema: Schema,
  run: (input: z.infer<Schema>, admin: CurrentUser) => Promise<ActionResult<T>>,
) {
  const action = adminAction(schema, run);
  return async (_previous: ActionResult<T>, formData: FormData) => action(formData);
}

export const actorOf = (admin: CurrentUser) => ({ kind: "user" as const, id: admin.id, email: admin.email });
