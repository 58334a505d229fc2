// Fault injection for the checkout stand-in (dev/test only): its next N /v1 API answers fail,
// as Stripe's do during an incident, so tests can show that a failed fulfilment is retried
// (webhook redelivery, reconcile) with nothing lost and nothing granted twice.
//
//   POST /__admin/faults {"failNext": 2, "status": 503}   next two API calls answer 503
//   POST /__admin/faults {"failNext": 1, "drop": true}    next API call loses its connection
//   POST /__admin/faults {"failNext": 0}                  clear
//   GET  /__admin/faults                                  what is armed, and how many failed since
import { ApiError, intAtLeast, type Form } from "./checkout-form";

export type Fault = { status: number; drop: boolean };

export function createFaults() {
  let armed = 0;
  let fault: Fault = { status: 500, drop: false };
  let injected = 0;
  const state = () => ({ failNext: armed, ...fault, injected });

  return {
    state,
    configure(method: string, form: Form) {
      if (method === "GET") return state();
      if (method !== "POST") throw new ApiError(405, "Use GET or POST.");
      const failNext = intAtLeast(form.failNext ?? "0", "failNext", 0, 1000);
      const status = form.status === undefined ? 500 : intAtLeast(form.status, "status", 400, 599);
      [armed, fault, injected] = [failNext, { status, drop: form.drop === "true" }, 0];
      return state();
    },
    // The fault for this API request, if one is armed; each request uses up one.
    take(): Fault | null {
      if (armed === 0) return null;
      armed -= 1;
      injected += 1;
      return fault;
    },
  };
}

// Stripe-shaped, so the SDK raises the error class a real outage gives (StripeAPIError for
// 5xx, StripeRateLimitError for 429).
export const injectedError = ({ status }: Fault) =>
  status >= 500
    ? new ApiError(status, "Injected fault: the API is failing.", undefined, undefined, "api_error")
    : new ApiError(
        status,
        "Injected fault: request refused.",
        undefined,
        status === 429 ? "rate_limit" : undefined,
      );
