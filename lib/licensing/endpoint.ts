import "server-only";
import type { z } from "zod";
import { recordDenial } from "../dal/audit";
import { hitRateLimit } from "../dal/rate-limit";
import { BodyTooLarge, payloadTooLarge } from "../http/read-body";
import { apiError, apiJson, describeIssues, InvalidRequest, readJson } from "../publishing/api-handler";
import { contextFromHeaders } from "../request-context";
import type { LicenseReply } from "./service";
import { requestLog } from "../log";

// Licence checks come from apps in the wild, keyed by nothing but the licence key: each client
// address gets a shared budget across all app instances before anything is read.
export const LICENSE_CHECKS_PER_MINUTE = 60;

// Answers that refuse the key itself (not the input) are audited, bounded like every denial.
const REFUSED_KEY = new Set(["unknown_key", "not_active"]);

export function licenseEndpoint<B extends z.ZodType>(surface: string, body: B, handle: (input: z.output<B>) => Promise<LicenseReply>) {
  return async (request: Request): Promise<Response> => {
    try {
      const ip = contextFromHeaders(request.headers).ip;
      const client = ip ?? "unknown";
      const limit = await hitRateLimit(`licenses:${client}`, LICENSE_CHECKS_PER_MINUTE, 60);
      if (!limit.ok) {
        const response = apiError(429, "rate_limited", `Too many licence checks from this address; try again in ${limit.retryAfterSeconds} s.`);
        response.headers.set("Retry-After", String(limit.retryAfterSeconds));
        return response;
      }
      const parsed = body.safeParse(await readJson(request));
      if (!parsed.success) return apiError(400, "invalid_input", describeIssues(parsed.error, "body"));
      const reply = await handle(parsed.data);
      if (REFUSED_KEY.has(String(reply.body.error))) await recordDenial("licence.denied", { actor: null, surface, reason: String(reply.body.error), ip });
      return apiJson(reply.body, reply.status);
    } catch (error) {
      if (error instanceof BodyTooLarge) return payloadTooLarge(error);
      if (error instanceof InvalidRequest) return apiError(400, "invalid_input", error.message);
      (await requestLog()).error({ err: error, path: new URL(request.url).pathname }, "licence API failed");
      return apiError(500, "internal", "The server could not check the licence. Try again.");
    }
  };
}
