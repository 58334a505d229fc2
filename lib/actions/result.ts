// The one shape every server action returns; forms read it with useActionState.
export type ActionErrorCode =
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "unavailable";

export type ActionResult<T = undefined> =
  | { status: "idle" }
  | { status: "success"; data: T }
  | { status: "error"; code: ActionErrorCode; message: string; retryAfterSeconds?: number };

export const fail = (code: ActionErrorCode, message: string, retryAfterSeconds?: number) =>
  ({ status: "error", code, message, ...(retryAfterSeconds && { retryAfterSeconds }) }) as const;

export const ok = <T>(data: T) => ({ status: "success", data }) as const;
