import "server-only";
import { z } from "zod";
import { recordDenial } from "../dal/audit";
import { countHit, rateLimitVerdict, rateLimitWindow, type RateLimitHit } from "../dal/rate-limit";
import { rateLimited, resultResponse } from "../http/answers";
import { limitSubject } from "../http/client-address";
import { apiEndpoint } from "../http/endpoint";
import { parseInput, readJson } from "../http/read-json";
import { contextFromHeaders } from "../request-context";
import { success, type Result } from "../result";
import type { LicenseAnswer } from "./service";
import { signedAnswers } from "./signed-answer";

// Licence checks come from apps in the wild, keyed by nothing but the licence key: each client
// address gets a shared budget across all app instances (licence calls and update feeds alike),
// counted on every call, whatever it asks, before an answer is given.
export const LICENSE_CHECKS_PER_MINUTE = 60;

// This call's hit on its address's budget, not yet counted: the hot paths (validate, feeds)
// count it in the same statement that reads the licence.
export function licenseCheckHit(request: Request): RateLimitHit {
  const client = limitSubject(contextFromHeaders(request.headers).ip);
  return rateLimitWindow(`licenses:${client}`, LICENSE_CHECKS_PER_MINUTE, 60);
}

// The answer to a counted hit: nothing, or 429 with Retry-After.
export function quotaAnswer(hit: RateLimitHit, count: number, what: string): Result<undefined> {
  const limit = rateLimitVerdict(hit, count);
  return limit.ok ? success(undefined) : rateLimited(limit.retryAfterSeconds, what);
}

// Counts the hit on its own (one round trip), for calls that read nothing else first.
export async function licenseCheckQuota(request: Request, what: string): Promise<Result<undefined>> {
  const hit = licenseCheckHit(request);
  return quotaAnswer(hit, await countHit(hit.key, hit.windowStart), what);
}

// Answers that refuse the key itself (not the input) are audited, bounded like every denial.
const REFUSED_KEY = new Set(["unknown_key", "not_active", "wrong_product"]);
const WHAT = "licence checks";

// `answer` gets the parsed body and this call's uncounted hit, and must count it (in the query
// that reads the licence, or with `countLicenseCheck` first). A body that does not parse is
// counted too, and answered 429 rather than 400 once the address is over its budget.
export function licenseEndpoint<B extends z.ZodType>(
  surface: string,
  body: B,
  answer: (input: z.output<B>, hit: RateLimitHit) => Promise<Result<LicenseAnswer>>,
) {
  const endpoint = apiEndpoint<undefined, z.ZodObject, z.ZodUndefined>({
    guard: async () => success(undefined),
    handle: async ({ request }) => {
      const hit = licenseCheckHit(request);
      let input: Result<z.output<B>>;
      try {
        input = parseInput(body, await readJson(request), "body");
      } catch (error) {
        const over = await overBudget(hit);
        if (over) return resultResponse(over);
        throw error; // answered by apiEndpoint: 400 or 413
      }
      if (input.status === "error") return resultResponse((await overBudget(hit)) ?? input);
      const result = await answer(input.data, hit);
      if (result.status === "error" && REFUSED_KEY.has(result.code)) {
        const ip = contextFromHeaders(request.headers).ip;
        await recordDenial("license.denied", { actor: null, surface, reason: result.code, ip });
      }
      return resultResponse(result);
    },
    crash: { log: "licence API failed", message: "The server could not check the licence. Try again." },
  });
  return signedAnswers(endpoint);
}

// Counts a call refused before its answer ran: over the budget, the 429 wins. When the budget
// cannot be counted (PostgreSQL unreachable), the refusal of the input stands: the caller learns
// what to fix, nothing is served, and a malformed request never becomes a 5xx.
async function overBudget(hit: RateLimitHit) {
  const quota = await countLicenseCheck(hit).catch(() => null);
  return quota?.status === "error" ? quota : null;
}

// For activate and deactivate, which count the hit on its own before they read anything.
export async function countLicenseCheck(hit: RateLimitHit): Promise<Result<undefined>> {
  return quotaAnswer(hit, await countHit(hit.key, hit.windowStart), WHAT);
}
