import "server-only";
import type { z } from "zod";
import { getCurrentUser, type CurrentUser } from "../../auth/session";
import { recordDenial } from "../../dal/audit";
import { requestContext } from "../../request-context";
import { failure, type Result } from "../../result";
import { toActionState, type ActionState } from "../action-state";

export type CustomerCaller = { surface: string; ip: string | null };

// Every action of the customer portal: session → parse input → run. The page's own sign-in check
// does not protect an action, which is a public POST endpoint; ownership of the record is the
// service's to check (run), inside the statement that reads or changes it.
export function customerFormAction<Schema extends z.ZodType, T>(
  name: string,
  schema: Schema,
  run: (input: z.infer<Schema>, user: CurrentUser, caller: CustomerCaller) => Promise<Result<T>>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const caller = { surface: name, ip: (await requestContext()).ip };
    const user = await getCurrentUser();
    if (!user) {
      await recordDenial("account.denied", { actor: null, reason: "signed_out", ...caller });
      return toActionState(failure("unauthorized", "Sign in to change your account."));
    }
    const fields = formData instanceof FormData ? Object.fromEntries(formData) : formData;
    const parsed = schema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return toActionState(failure("invalid_input", `${issue.path.join(".") || "input"}: ${issue.message}`));
    }
    return toActionState(await run(parsed.data, user, caller));
  };
}
