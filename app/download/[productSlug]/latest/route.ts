import { z } from "zod";
import { findLatestAccess } from "@/lib/dal/downloads";
import { downloaderFor } from "@/lib/delivery/downloader";
import { findLatestFile } from "@/lib/dal/releases";
import { issueLinkFor } from "@/lib/delivery/issue-link";
import { linkResponse, lookupFailure } from "@/lib/http/download-response";
import { contextFromHeaders } from "@/lib/request-context";
import { failure } from "@/lib/result";
import { firstIssue } from "@/lib/schemas/parse";
import { platform as platformName } from "@/lib/schemas/uploads";

const query = z.object({
  productSlug: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/),
  platform: platformName.optional(),
  channel: z.enum(["stable", "beta"]).default("stable"),
});

// `/download/<product>/latest?platform=linux_x64&channel=stable` (any spelling of a platform:
// `Linux`, `darwin-arm64`): the newest published build,
// for scripts and bookmarks. Same checks, limits and audit as every other download. A product
// taken off sale is unknown to all but its owners, as on the storefront; "latest" is the newest
// inside the caller's update window (a licence key's own, for an app that sends one).
export async function GET(request: Request, { params }: { params: Promise<{ productSlug: string }> }) {
  const search = new URL(request.url).searchParams;
  const parsed = query.safeParse({
    productSlug: (await params).productSlug,
    platform: search.get("platform") ?? undefined,
    channel: search.get("channel") ?? undefined,
  });
  if (!parsed.success) {
    const wrongPlatform = parsed.error.issues[0].path[0] === "platform";
    const usage = "Use ?platform=<platform>&channel=stable|beta.";
    return lookupFailure(failure("invalid_input", wrongPlatform ? firstIssue(parsed.error) : usage));
  }
  const user = await downloaderFor(request);
  const access = await findLatestAccess(
    parsed.data.productSlug,
    user?.id ?? null,
    user?.licensedEntitlementId ?? null,
  );
  if (!access) return lookupFailure(failure("not_found", "No such product."));
  const latest = await findLatestFile(
    parsed.data.productSlug,
    parsed.data.channel,
    parsed.data.platform,
    access.updatesUntil,
  );
  if (latest.status === "error") return lookupFailure(latest);

  const result = await issueLinkFor(user, latest.data, contextFromHeaders(request.headers), {
    revealOwnership: true,
  });
  return linkResponse(request, result);
}
