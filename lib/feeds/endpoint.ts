import "server-only";
import { z } from "zod";
import { recordDenial } from "../dal/audit";
import { findFeedReleases } from "../dal/feeds";
import { findLicenseByKey } from "../dal/licenses";
import { platformLabel } from "../platforms";
import { firstIssue } from "../schemas/parse";
import { platform as platformName } from "../schemas/uploads";
import { env } from "../env";
import { refusalResponse } from "../http/answers";
import { decodeParams } from "../http/route-params";
import { licenseCheckQuota } from "../licensing/endpoint";
import { presentedLicenseKey } from "../licensing/keys";
import { contextFromHeaders } from "../request-context";
import { failure, success, type Failure, type Result } from "../result";
import type { Feed } from "./formats";

const params = z.object({
  productSlug: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/),
  channel: z.enum(["stable", "beta"]),
  platform: platformName,
});

export async function loadFeed(request: Request, raw: Record<string, string>): Promise<Result<Feed>> {
  const ip = contextFromHeaders(request.headers).ip;
  const denied = async (refusal: Failure, reason: string) => {
    await recordDenial("license.denied", { actor: null, surface: "GET /api/v1/feeds", reason, ip });
    return refusal;
  };
  const quota = await licenseCheckQuota(request, "update checks");
  if (quota.status === "error") return quota;
  // A platform may be spelled with spaces ("macOS arm64"), which some servers leave encoded.
  const parsed = params.safeParse(decodeParams(raw));
  if (!parsed.success) {
    const wrongPlatform = parsed.error.issues[0].path[0] === "platform";
    return failure(
      "invalid_input",
      wrongPlatform ? firstIssue(parsed.error) : "Use /api/v1/feeds/<product>/<stable|beta>/<platform>.",
    );
  }
  const { productSlug, channel, platform } = parsed.data;

  const { key, inQuery } = presentedLicenseKey(request);
  const license = key ? await findLicenseByKey(key) : null;
  if (!license) {
    const refusal = failure("unauthorized", "Send a licence key: Authorization: Bearer DL-… or ?key=DL-….");
    return denied(refusal, key ? "unknown_key" : "no_key");
  }
  const { entitlement } = license;
  if (entitlement.product.slug !== productSlug)
    return denied(failure("wrong_product", `This key is for ${entitlement.product.name}.`), "wrong_product");
  if (license.revokedAt || entitlement.status !== "active") {
    return denied(
      failure(
        "not_active",
        `This licence is ${license.revokedAt ? "revoked" : entitlement.status}; it gets no updates.`,
      ),
      "not_active",
    );
  }

  const releases = await findFeedReleases(
    entitlement.product.id,
    channel,
    platform,
    entitlement.updatesUntil,
  );
  if (releases.length === 0) {
    return failure(
      "no_release",
      `No ${channel} release of ${entitlement.product.name} for ${platformLabel(platform)} is available to this licence.`,
    );
  }
  const appUrl = env().APP_URL;
  const suffix = inQuery ? `?key=${encodeURIComponent(license.key)}` : "";
  return success({
    product: { slug: entitlement.product.slug, name: entitlement.product.name },
    channel,
    platform,
    updatesUntil: entitlement.updatesUntil,
    releases,
    downloadUrl: (fileId) => `${appUrl}/download/file/${fileId}${suffix}`,
    pageUrl: `${appUrl}/products/${entitlement.product.slug}`,
  });
}

// A feed in one updater's format, or the refusal as JSON: a 401 names the licence key it wants.
export async function feedResponse(
  request: Request,
  raw: Record<string, string>,
  render: (feed: Feed) => { body: string; contentType: string },
): Promise<Response> {
  const loaded = await loadFeed(request, raw);
  if (loaded.status === "error") return refusalResponse(loaded, "downlink licences");
  const { body, contentType } = render(loaded.data);
  return new Response(body, {
    headers: { "Content-Type": contentType, "Cache-Control": "private, no-store" },
  });
}
