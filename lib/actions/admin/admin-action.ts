import "server-only";
import type { z } from "zod";
import { requireAdmin } from "../../auth/admin";
import type { CurrentUser } from "../../auth/session";
import { requestContext } from "../../request-context";
import { firstIssue } from "../../schemas/parse";
import { failure, ResultError, type Result } from "../../result";
import { toActionState, type ActionState } from "../action-state";

// Every admin action: session → admin role → parse input → run. The admin layout's own check
// does not protect an action, which is a public POST endpoint; and a caller who is not an admin
// learns nothing, not even which inputs would be valid. `name` is the exported action's name,
// which the audit of a refusal records.
export function adminAction<Schema extends z.ZodType, T>(
  name: string,
  schema: Schema,
  run: (input: z.infer<Schema>, admin: CurrentUser) => Promise<Result<T>>,
) {
  return async (input: unknown): Promise<ActionState<T>> =>
    toActionState(await guarded(name, schema, run, input));
}

async function guarded<Schema extends z.ZodType, T>(
  name: string,
  schema: Schema,
  run: (input: z.infer<Schema>, admin: CurrentUser) => Promise<Result<T>>,
  input: unknown,
): Promise<Result<T>> {
  const check = await requireAdmin(name, async () => (await requestContext()).ip);
  if (check.status === "error") return check;
  const parsed = schema.safeParse(input instanceof FormData ? formFields(input) : input);
  if (!parsed.success) return failure("invalid_input", firstIssue(parsed.error));
  try {
    return await run(parsed.data, check.data);
  } catch (error) {
    if (error instanceof ResultError) return error.failure;
    throw error;
  }
}

// A field sent once is a string; one sent several times (a group of checkboxes) is a list.
function formFields(form: FormData) {
  const fields: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    fields[key] = values.length === 1 ? values[0] : values;
  }
  return fields;
}

// For <form action> with useActionState: (previousState, formData).
export function adminFormAction<Schema extends z.ZodType, T>(
  name: string,
  schema: Schema,
  run: (input: z.infer<Schema>, admin: CurrentUser) => Promise<Result<T>>,
) {
  const action = adminAction(name, schema, run);
  return async (_previous: ActionState<T>, formData: FormData) => action(formData);
}

export const actorOf = (admin: CurrentUser) => ({ kind: "user" as const, id: admin.id, email: admin.email });
