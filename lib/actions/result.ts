// The one shape every server action returns; forms read it with useActionState.
export type ActionErrorCode = "invalid_input" | "unauthorized" | "forbidden" | "not_found" | "unavailable";

export type ActionResult<T = undefined> =
  | { status: "idle" }
  | { status: "success"; data: T }
  | { status: "error"; code: ActionErrorCode; message: string };

export const fail = (code: ActionErrorCode, message: string) =>
  ({ status: "error", code, message }) as const;

export const ok = <T>(data: T) => ({ status: "success", data }) as const;
