import "server-only";
import { z } from "zod";
import { recordDenial } from "../dal/audit";
import { findFeedReleases } from "../dal/feeds";
import { findLicenseByKey } from "../dal/licenses";
import { hitRateLimit } from "../dal/rate-limit";
import { env } from "../env";
import { LICENSE_CHECKS_PER_MINUTE } from "../licensing/endpoint";
import { presentedLicenseKey } from "../licensing/keys";
import { apiError } from "../publishing/api-handler";
import { contextFromHeaders } from "../request-context";
import type { Feed } from "./formats";

const params = z.object({
  productSlug: z.string().min(1).max(100).regex(/^[a-z0-9-]+$/),
  channel: z.enum(["stable", "beta"]),
  platform: z.string().min(1).max(50).regex(/^[\w .+-]+$/),
});

export async function loadFeed(request: Request, raw: Record<string, string>): Promise<{ ok: true; feed: Feed } | { ok: false; response: Response }> {
  const refuse = (response: Response) => ({ ok: false as const, response });
  const ip = contextFromHeaders(request.headers).ip;
  const client = ip ?? "unknown";
  const denied = async (response: Response, reason: string) => {
    await recordDenial("licence.denied", { actor: null, surface: "GET /api/v1/feeds", reason, ip });
    return refuse(response);
  };
  const limit = await hitRateLimit(`licenses:${client}`, LICENSE_CHECKS_PER_MINUTE, 60);
  if (!limit.ok) {
    const response = apiError(429, "rate_limited", `Too many update checks from this address; try again in ${limit.retryAfterSeconds} s.`);
    response.headers.set("Retry-After", String(limit.retryAfterSeconds));
    return refuse(response);
  }
  const parsed = params.safeParse(raw);
  if (!parsed.success) return refuse(apiError(400, "invalid_input", "Use /api/v1/feeds/<product>/<stable|beta>/<platform>."));
  const { productSlug, channel, platform } = parsed.data;

  const { key, inQuery } = presentedLicenseKey(request);
  const license = key ? await findLicenseByKey(key) : null;
  if (!license) {
    const response = apiError(401, "unauthorized", "Send a licence key: Authorization: Bearer DL-… or ?key=DL-….");
    response.headers.set("WWW-Authenticate", 'Bearer realm="downlink licences"');
    return denied(response, key ? "unknown_key" : "no_key");
  }
  const { entitlement } = license;
  if (entitlement.product.slug !== productSlug) return denied(apiError(403, "wrong_product", `This key is for ${entitlement.product.name}.`), "wrong_product");
  if (license.revokedAt || entitlement.status !== "active") {
    return denied(apiError(403, "not_active", `This licence is ${license.revokedAt ? "revoked" : entitlement.status}; it gets no updates.`), "not_active");
  }

  const releases = await findFeedReleases(entitlement.product.id, channel, platform, entitlement.updatesUntil);
  if (releases.length === 0) {
    return refuse(apiError(404, "no_release", `No ${channel} release of ${entitlement.product.name} for ${platform} is available to this licence.`));
  }
  const appUrl = env().APP_URL;
  const suffix = inQuery ? `?key=${encodeURIComponent(license.key)}` : "";
  return {
    ok: true,
    feed: {
      product: { slug: entitlement.product.slug, name: entitlement.product.name },
      channel,
      platform,
      updatesUntil: entitlement.updatesUntil,
      releases,
      downloadUrl: (fileId) => `${appUrl}/download/file/${fileId}${suffix}`,
      pageUrl: `${appUrl}/products/${entitlement.product.slug}`,
    },
  };
}

export const feedHeaders = (contentType: string) => ({ "Content-Type": contentType, "Cache-Control": "private, no-store" });
