import type { FailureCode } from "../result";

// The one table from a failure's code to its HTTP status, for every route handler's answer.
export const HTTP_STATUS: Record<FailureCode, number> = {
  invalid_input: 400,
  invalid_link: 400,
  unauthorized: 401,
  forbidden: 403,
  wrong_product: 403,
  not_active: 403,
  not_found: 404,
  unknown_key: 404,
  not_activated: 404,
  no_release: 404,
  conflict: 409,
  activation_limit: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};
