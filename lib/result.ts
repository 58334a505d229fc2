import { HTTP_STATUS } from "./http/status";

// The one result shape below the UI. The DAL, delivery, licensing, feeds and publishing return it,
// or throw a ResultError where a failure ends the whole request (deep in a publishing call);
// route handlers turn it into HTTP with the one table in lib/http/status.ts, server actions into
// their action state (lib/actions/action-state.ts). A failure's message is for the person or app
// that asked; database and bucket errors are logged, never put into one.
export const FAILURE_CODES = [
  "invalid_input",
  "invalid_link",
  "unauthorized",
  "forbidden",
  "wrong_product",
  "not_active",
  "not_found",
  "unknown_key",
  "not_activated",
  "no_release",
  "conflict",
  "activation_limit",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal",
  "unavailable",
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export type Failure = {
  status: "error";
  code: FailureCode;
  message: string;
  retryAfterSeconds?: number;
  // What an API answer carries beside `error` and `message`, e.g. the licence a refusal is about.
  details?: Record<string, unknown>;
};
// `created`: the call made a new thing rather than finding it there (HTTP answers 201).
export type Success<T> = { status: "success"; data: T; created?: true };
export type Result<T = undefined> = Success<T> | Failure;

export const success = <T>(data: T): Success<T> => ({ status: "success", data });
export const created = <T>(data: T): Success<T> => ({ status: "success", data, created: true });

export function failure(
  code: FailureCode,
  message: string,
  extra: { retryAfterSeconds?: number; details?: Record<string, unknown> } = {},
): Failure {
  const { retryAfterSeconds, details } = extra;
  return {
    status: "error",
    code,
    message,
    ...(retryAfterSeconds && { retryAfterSeconds }),
    ...(details && { details }),
  };
}

// A failure thrown through the layers that call each other (publishing services), caught where
// the request is answered: by the API endpoint (lib/http/endpoint.ts) or the admin action.
export class ResultError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
  }

  get failure(): Failure {
    return failure(this.code, this.message);
  }

  // The HTTP status the code stands for, from the one table.
  get status(): number {
    return HTTP_STATUS[this.code];
  }
}
