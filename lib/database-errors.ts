// "PostgreSQL cannot be reached" as opposed to a query that PostgreSQL answered with an error:
// refused or dropped connections, timeouts while connecting, and a server that is shutting down,
// restarting or full. The pool reports these (lib/prisma.ts), and lib/http/outage.ts answers the
// request with 503 and Retry-After instead of a 500, a 401 or a redirect to sign-in.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);
// SQLSTATE class 08 (connection exception); admin, crash and start-up shutdown; too many clients.
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
const POOL_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection (?:was )?closed|the database system is (?:starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === "string" && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  if (typeof message === "string" && POOL_MESSAGES.test(message)) return true;
  // Node reports a refused dual-stack connect as an AggregateError of one error per address.
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
