// Stripe's idempotent requests on the checkout stand-in: a POST that carries an `Idempotency-Key`
// is run once; a retry with the same key and the same parameters gets the saved answer (with
// `Idempotent-Replayed: true`), one with other parameters a 400 idempotency_error, and one that
// arrives while the first is still running a 409. As on Stripe, a 4xx is not saved (the request
// may be corrected and sent again), a success or a 5xx is. Dev/test only: memory, newest 10,000.
import { ApiError } from "./checkout-form";

type Answer = { status: number; body: unknown };
type Entry = { request: string; answer?: Answer };

const KEPT = 10_000;

export function createIdempotency() {
  const entries = new Map<string, Entry>();

  return async function once(
    key: string,
    request: string, // method, path and body: what "the same parameters" means
    run: () => Promise<Answer>,
  ): Promise<Answer & { replayed: boolean }> {
    const entry = entries.get(key);
    if (entry && entry.request !== request)
      throw new ApiError(
        400,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        undefined,
        undefined,
        "idempotency_error",
      );
    if (entry?.answer) return { ...entry.answer, replayed: true };
    if (entry)
      throw new ApiError(
        409,
        "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.",
        undefined,
        "idempotency_key_in_use",
      );
    entries.set(key, { request });
    if (entries.size > KEPT) entries.delete(entries.keys().next().value!);
    try {
      const answer = await run();
      entries.set(key, { request, answer });
      return { ...answer, replayed: false };
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 500;
      if (status < 500) entries.delete(key);
      else entries.set(key, { request, answer: { status, body: errorBody(error) } });
      throw error;
    }
  };
}

const errorBody = (error: unknown) => ({
  error: { type: "api_error", message: error instanceof Error ? error.message : "Internal error." },
});
