import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { recordDenial } from "../dal/audit";
import { findFeed, type FeedLicense } from "../dal/feeds";
import { platformLabel } from "../platforms";
import { firstIssue } from "../schemas/parse";
import { platform as platformName } from "../schemas/uploads";
import { env } from "../env";
import { refusalResponse } from "../http/answers";
import { decodeParams } from "../http/route-params";
import { licenseCheckHit, licenseCheckQuota, quotaAnswer } from "../licensing/endpoint";
import { presentedLicenseKey } from "../licensing/keys";
import { contextFromHeaders } from "../request-context";
import { failure, success, type Failure, type Result } from "../result";
import type { Feed } from "./formats";
import { sparkleKey } from "./sparkle-key";

const params = z.object({
  productSlug: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/),
  channel: z.enum(["stable", "beta"]),
  platform: platformName,
});

type LoadedFeed = { feed: Feed; license: FeedLicense };

// One round trip for a good request (the address's budget, the key and the releases in one
// statement, lib/dal/feeds.ts); a refusal adds its audit row.
export async function loadFeed(request: Request, raw: Record<string, string>): Promise<Result<LoadedFeed>> {
  const ip = contextFromHeaders(request.headers).ip;
  const denied = async (refusal: Failure, reason: string) => {
    await recordDenial("license.denied", { actor: null, surface: "GET /api/v1/feeds", reason, ip });
    return refusal;
  };
  // A platform may be spelled with spaces ("macOS arm64"), which some servers leave encoded.
  const parsed = params.safeParse(decodeParams(raw));
  if (!parsed.success) {
    const quota = await licenseCheckQuota(request, "update checks");
    if (quota.status === "error") return quota;
    const wrongPlatform = parsed.error.issues[0].path[0] === "platform";
    return failure(
      "invalid_input",
      wrongPlatform ? firstIssue(parsed.error) : "Use /api/v1/feeds/<product>/<stable|beta>/<platform>.",
    );
  }
  const { productSlug, channel, platform } = parsed.data;

  const { key, inQuery } = presentedLicenseKey(request);
  const hit = licenseCheckHit(request);
  const found = await findFeed(hit, key, parsed.data);
  const quota = quotaAnswer(hit, found.hits, "update checks");
  if (quota.status === "error") return quota;
  const { license } = found;
  if (!license) {
    const refusal = failure("unauthorized", "Send a licence key: Authorization: Bearer DL-… or ?key=DL-….");
    return denied(refusal, key ? "unknown_key" : "no_key");
  }
  if (license.product.slug !== productSlug)
    return denied(failure("wrong_product", `This key is for ${license.product.name}.`), "wrong_product");
  if (license.revokedAt || license.status !== "active") {
    return denied(
      failure(
        "not_active",
        `This licence is ${license.revokedAt ? "revoked" : license.status}; it gets no updates.`,
      ),
      "not_active",
    );
  }

  const { releases } = found;
  if (releases.length === 0) {
    return failure(
      "no_release",
      `No ${channel} release of ${license.product.name} for ${platformLabel(platform)} is available to this licence.`,
    );
  }
  const appUrl = env().APP_URL;
  const suffix = inQuery ? `?key=${encodeURIComponent(license.key)}` : "";
  const feed: Feed = {
    product: { slug: license.product.slug, name: license.product.name },
    channel,
    platform,
    updatesUntil: license.updatesUntil,
    releases,
    downloadUrl: (fileId) => `${appUrl}/download/file/${fileId}${suffix}`,
    versionedUrl: (version, file) =>
      `${appUrl}/download/${license.product.slug}/${[version, file.platform, file.filename].map(encodeURIComponent).join("/")}${suffix}`,
    pageUrl: `${appUrl}/products/${license.product.slug}`,
    sparklePublicKey: sparkleKey()?.publicKeyBase64 ?? null,
  };
  return success({ feed, license });
}

// Updaters may keep a feed and ask again with If-None-Match: the answer is then 304 without a
// body, after the same checks and in the same one round trip. The ETag is a hash of the body and
// of the key's state that decides what it may get (its status and its update window), so it
// changes with every release published, yanked or edited, and whenever the key's status or
// window changes; a key that is no longer good gets its refusal, never a 304.
// `private, no-cache`: a client may keep the feed but must revalidate it; shared caches may not.
const FEED_CACHE_CONTROL = "private, no-cache";

export function feedEtag(body: string, license: FeedLicense) {
  const state = JSON.stringify([license.status, license.revokedAt, license.updatesUntil]);
  return `"${createHash("sha256").update(state).update("\n").update(body).digest("base64url").slice(0, 32)}"`;
}

// If-None-Match is a list of entity tags or `*`; the weak comparison applies (RFC 9110 §13.1.2).
export function matchesIfNoneMatch(header: string | null, etag: string) {
  if (!header) return false;
  const tags = header.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  return tags.includes("*") || tags.includes(etag);
}

// A feed in one updater's format, or the refusal as JSON: a 401 names the licence key it wants.
export async function feedResponse(
  request: Request,
  raw: Record<string, string>,
  render: (feed: Feed) => { body: string; contentType: string },
): Promise<Response> {
  const loaded = await loadFeed(request, raw);
  if (loaded.status === "error") return refusalResponse(loaded, "downlink licences");
  const { body, contentType } = render(loaded.data.feed);
  const etag = feedEtag(body, loaded.data.license);
  const headers = { ETag: etag, "Cache-Control": FEED_CACHE_CONTROL };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag))
    return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": contentType } });
}
