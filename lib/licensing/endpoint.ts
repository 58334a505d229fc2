import "server-only";
import type { z } from "zod";
import { recordDenial } from "../dal/audit";
import { hitRateLimit } from "../dal/rate-limit";
import { rateLimited, resultResponse } from "../http/answers";
import { limitSubject } from "../http/client-address";
import { apiEndpoint } from "../http/endpoint";
import { contextFromHeaders } from "../request-context";
import { success, type Result } from "../result";
import type { LicenseAnswer } from "./service";

// Licence checks come from apps in the wild, keyed by nothing but the licence key: each client
// address gets a shared budget across all app instances (licence calls and update feeds alike)
// before anything is read.
export const LICENSE_CHECKS_PER_MINUTE = 60;

export async function licenseCheckQuota(request: Request, what: string): Promise<Result<undefined>> {
  const client = limitSubject(contextFromHeaders(request.headers).ip);
  const limit = await hitRateLimit(`licenses:${client}`, LICENSE_CHECKS_PER_MINUTE, 60);
  return limit.ok ? success(undefined) : rateLimited(limit.retryAfterSeconds, what);
}

// Answers that refuse the key itself (not the input) are audited, bounded like every denial.
const REFUSED_KEY = new Set(["unknown_key", "not_active", "wrong_product"]);

export function licenseEndpoint<B extends z.ZodType>(
  surface: string,
  body: B,
  answer: (input: z.output<B>) => Promise<Result<LicenseAnswer>>,
) {
  return apiEndpoint<undefined, z.ZodObject, B>({
    guard: (request) => licenseCheckQuota(request, "licence checks"),
    body,
    handle: async ({ body: input, request }) => {
      const result = await answer(input);
      if (result.status === "error" && REFUSED_KEY.has(result.code)) {
        const ip = contextFromHeaders(request.headers).ip;
        await recordDenial("license.denied", { actor: null, surface, reason: result.code, ip });
      }
      return resultResponse(result);
    },
    crash: { log: "licence API failed", message: "The server could not check the licence. Try again." },
  });
}
