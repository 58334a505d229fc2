import { failure, type Failure, type Result } from "../result";
import { HTTP_STATUS } from "./status";

// JSON answers of the route handlers: data, or a failure as `{ error, message }` (openapi.yaml's
// Error) with its status from the one table, `Retry-After` when the failure names a wait, and
// no caching anywhere unless a route says otherwise.
export const NO_STORE = { "Cache-Control": "no-store" };

export const apiJson = (data: unknown, status = 200) => Response.json(data, { status, headers: NO_STORE });
export const apiNoContent = () => new Response(null, { status: 204, headers: NO_STORE });

// `headers` replaces the default no-store, e.g. for the download links' own set.
export function failureResponse(refusal: Failure, headers: Record<string, string> = NO_STORE): Response {
  const answer = Response.json(
    { ...refusal.details, error: refusal.code, message: refusal.message },
    { status: HTTP_STATUS[refusal.code], headers },
  );
  if (refusal.retryAfterSeconds) answer.headers.set("Retry-After", String(refusal.retryAfterSeconds));
  return answer;
}

export const resultResponse = <T>(result: Result<T>): Response =>
  result.status === "success" ? apiJson(result.data, result.created ? 201 : 200) : failureResponse(result);

// A 401 names the credential to send (RFC 9110 §11.6.1): an API token, or a licence key.
export const refusalResponse = (refusal: Failure, realm: string) =>
  failureResponse(
    refusal,
    refusal.code === "unauthorized"
      ? { ...NO_STORE, "WWW-Authenticate": `Bearer realm="${realm}"` }
      : NO_STORE,
  );

// The answer to a client over its budget: 429, and Retry-After from the failure.
export const rateLimited = (retryAfterSeconds: number, what: string) =>
  failure("rate_limited", `Too many ${what} from this address; try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
