import type { FailureCode, Result, Success } from "../result";

// What a server action answers and its form reads with useActionState: "idle" before the first
// answer, then the action's result. Forms know fewer codes than the layers below them.
export type ActionErrorCode =
  "invalid_input" | "unauthorized" | "forbidden" | "not_found" | "rate_limited" | "unavailable";

export type ActionState<T = undefined> =
  | { status: "idle" }
  | Success<T>
  | { status: "error"; code: ActionErrorCode; message: string; retryAfterSeconds?: number };

// A conflict is something the admin can fix in the form (another version, finish the uploads).
const ACTION_CODE: Record<FailureCode, ActionErrorCode> = {
  invalid_input: "invalid_input",
  invalid_link: "invalid_input",
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  wrong_product: "forbidden",
  not_active: "forbidden",
  not_found: "not_found",
  unknown_key: "not_found",
  not_activated: "not_found",
  no_release: "not_found",
  conflict: "invalid_input",
  activation_limit: "invalid_input",
  payload_too_large: "invalid_input",
  unsupported_media_type: "invalid_input",
  rate_limited: "rate_limited",
  internal: "unavailable",
  unavailable: "unavailable",
};

export function toActionState<T>(result: Result<T>): ActionState<T> {
  if (result.status === "success") return { status: "success", data: result.data };
  const { code, message, retryAfterSeconds } = result;
  return {
    status: "error",
    code: ACTION_CODE[code],
    message,
    ...(retryAfterSeconds && { retryAfterSeconds }),
  };
}
