// Calls one surface as one caller and observes what came back and what it left behind: the
// outcome, whether a presigned URL was minted, and how the database changed.
import { vi } from "vitest";
import { getCurrentUser } from "../../lib/auth/session";
import { matchPattern } from "./api-routes";
import { sign } from "./stripe";
import type { Callable, RouteSurface } from "./surfaces";
import type { Caller, SessionCaller, TokenCaller, WebhookCaller, World } from "./access-world";

export type Outcome = "allowed" | "denied" | "refused";
export type Observation = { outcome: Outcome; detail: string; text: string };

const SIGNATURE = /X-Amz-Signature/i;
export const minted = (observation: Observation) => SIGNATURE.test(observation.text);

// The session reader needs a Next.js request; here it answers as the caller under test.
export function actAs(world: World, caller: Caller) {
  const user = (world.users as Record<string, World["users"][SessionCaller] | undefined>)[caller] ?? null;
  vi.mocked(getCurrentUser).mockResolvedValue(user);
}

type ActionResultLike = { status?: string; code?: string; message?: string };

// `denyCodes`: the error codes with which this action refuses a caller (as opposed to input).
export async function callAction(
  action: Callable,
  input: unknown,
  form: boolean,
  denyCodes: string[],
): Promise<Observation> {
  let result: unknown;
  try {
    result = form ? await action({ status: "idle" }, input) : await action(input);
  } catch (error) {
    // redirect() from next/navigation throws; its digest carries the target.
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) {
      return { outcome: "allowed", detail: "redirect", text: digest };
    }
    throw error;
  }
  const text = JSON.stringify(result) ?? "";
  const shaped = (result ?? {}) as ActionResultLike;
  if (shaped.status === "success") return { outcome: "allowed", detail: "success", text };
  if (shaped.status !== "error" || typeof shaped.message !== "string" || !shaped.message) {
    throw new Error(`not an action result: ${text.slice(0, 200)}`);
  }
  return { outcome: denyCodes.includes(shaped.code!) ? "denied" : "refused", detail: shaped.code!, text };
}

export type RouteCall = { path: string; method?: string; headers?: Record<string, string>; body?: string };

// `deny(status, body)` says which answers are a refused caller rather than refused input.
export async function callRoute(
  surface: RouteSurface,
  call: RouteCall,
  deny: (status: number, body: string) => boolean,
): Promise<Observation> {
  const params = matchPattern(surface.pattern, new URL(call.path, "http://localhost").pathname);
  if (!params) throw new Error(`${call.path} does not match ${surface.pattern}`);
  const request = new Request(new URL(call.path, "http://localhost"), {
    method: surface.method,
    headers: { "x-forwarded-for": "198.51.100.7", ...call.headers },
    body: call.body,
  });
  const response = await surface.handler(request, { params: Promise.resolve(params) });
  const body = await response.text();
  const text = `${response.headers.get("location") ?? ""}\n${body}`;
  const detail = String(response.status);
  if (response.status >= 500)
    throw new Error(`${surface.name} answered ${response.status}: ${body.slice(0, 200)}`);
  if (response.status < 400) return { outcome: "allowed", detail, text };
  if (!response.headers.get("content-type")?.includes("application/json"))
    throw new Error(`${surface.name}: ${response.status} without JSON`);
  return { outcome: deny(response.status, body) ? "denied" : "refused", detail, text };
}

export function tokenHeaders(world: World, caller: TokenCaller): Record<string, string> {
  const token = world.tokens[caller];
  return { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) };
}

export function webhookHeaders(caller: WebhookCaller, payload: string): Record<string, string> {
  if (caller === "no signature") return {};
  const signature = sign(
    payload,
    caller === "forged signature" ? { secret: "whsec_not_the_real_secret" } : {},
  );
  return { "stripe-signature": signature };
}
