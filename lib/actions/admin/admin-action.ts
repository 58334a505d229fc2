import "server-only";
import type { z } from "zod";
import { checkAdmin } from "../../auth/admin";
import type { CurrentUser } from "../../auth/session";
import { recordDenial } from "../../dal/audit";
import { PublishingError } from "../../publishing/contract";
import { requestContext } from "../../request-context";
import { fail, type ActionErrorCode, type ActionResult } from "../result";

const codeFor: Record<PublishingError["code"], ActionErrorCode> = {
  invalid_input: "invalid_input",
  not_found: "not_found",
  conflict: "invalid_input",
  unavailable: "unavailable",
};

// A refusal is recorded (bounded, see recordDenial) but never becomes an error of its own: the
// caller gets the same answer whether or not the audit write worked.
async function auditRefusal(name: string, user: CurrentUser | null, reason: "signed_out" | "not_admin") {
  try {
    const { ip } = await requestContext();
    const actor = user && { kind: "user" as const, id: user.id, email: user.email };
    await recordDenial("admin.denied", { actor, surface: name, reason, ip });
  } catch (error) {
    console.error(`could not audit the refusal of ${name}:`, (error as Error).message);
  }
}

// Every admin action: session → admin role → parse input → run. The admin layout's own check
// does not protect an action, which is a public POST endpoint; and a caller who is not an admin
// learns nothing, not even which inputs would be valid. `name` is the exported action's name,
// which the audit of a refusal records.
export function adminAction<Schema extends z.ZodType, T>(
  name: string,
  schema: Schema,
  run: (input: z.infer<Schema>, admin: CurrentUser) => Promise<ActionResult<T>>,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const check = await checkAdmin();
    if (!check.ok) {
      await auditRefusal(name, check.user, check.status === 401 ? "signed_out" : "not_admin");
      return fail(check.status === 401 ? "unauthorized" : "forbidden", check.message);
    }
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
  name: string,
  schema: Schema,
  run: (input: z.infer<Schema>, admin: CurrentUser) => Promise<ActionResult<T>>,
) {
  const action = adminAction(name, schema, run);
  return async (_previous: ActionResult<T>, formData: FormData) => action(formData);
}

export const actorOf = (admin: CurrentUser) => ({ kind: "user" as const, id: admin.id, email: admin.email });
