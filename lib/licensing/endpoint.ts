import "server-only";
import type { z } from "zod";
import { hitRateLimit } from "../dal/rate-limit";
import { apiError, apiJson, describeIssues, InvalidRequest, readJson } from "../publishing/api-handler";
import { contextFromHeaders } from "../request-context";
import type { LicenseReply } from "./service";
import { requestLog } from "../log";

// Licence checks come from apps in the wild, keyed by nothing but the licence key: each client
// address gets a shared budget across all app instances before anything is read.
export const LICENSE_CHECKS_PER_MINUTE = 60;

export function licenseEndpoint<B extends z.ZodType>(body: B, handle: (input: z.output<B>) => Promise<LicenseReply>) {
  return async (request: Request): Promise<Response> => {
    try {
      const client = contextFromHeaders(request.headers).ip ?? "unknown";
      const limit = await hitRateLimit(`licenses:${client}`, LICENSE_CHECKS_PER_MINUTE, 60);
      if (!limit.ok) {
        const response = apiError(429, "rate_limited", `Too many licence checks from this address; try again in ${limit.retryAfterSeconds} s.`);
        response.headers.set("Retry-After", String(limit.retryAfterSeconds));
        return response;
      }
      const parsed = body.safeParse(await readJson(request));
      if (!parsed.success) return apiError(400, "invalid_input", describeIssues(parsed.error, "body"));
      const reply = await handle(parsed.data);
      return apiJson(reply.body, reply.status);
    } catch (error) {
      if (error instanceof InvalidRequest) return apiError(400, "invalid_input", error.message);
      (await requestLog()).error({ err: error, path: new URL(request.url).pathname }, "licence API failed");
      return apiError(500, "internal", "The server could not check the licence. Try again.");
    }
  };
}
