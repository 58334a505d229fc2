import { z } from "zod";
import { findLatestAccess } from "@/lib/dal/downloads";
import { downloaderFor } from "@/lib/delivery/downloader";
import { findLatestFile } from "@/lib/dal/releases";
import { issueLinkFor } from "@/lib/delivery/issue-link";
import { linkResponse, requestContextOf } from "@/lib/delivery/link-response";

const query = z.object({
  productSlug: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/),
  platform: z.string().trim().min(1).max(50).optional(),
  channel: z.enum(["stable", "beta"]).default("stable"),
});

const noSuchProduct = () =>
  Response.json({ error: "not_found", message: "No such product." }, { status: 404 });

// `/download/<product>/latest?platform=Linux&channel=stable`: the newest published build,
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
    return Response.json(
      { error: "invalid_input", message: "Use ?platform=<name>&channel=stable|beta." },
      { status: 400 },
    );
  }
  const user = await downloaderFor(request);
  const access = await findLatestAccess(
    parsed.data.productSlug,
    user?.id ?? null,
    user?.licensedEntitlementId ?? null,
  );
  if (!access) return noSuchProduct();
  const latest = await findLatestFile(
    parsed.data.productSlug,
    parsed.data.channel,
    parsed.data.platform,
    access.updatesUntil,
  );
  if (!latest.ok) {
    const error = latest.status === 404 ? "not_found" : "invalid_input";
    return Response.json({ error, message: latest.message }, { status: latest.status });
  }

  const result = await issueLinkFor(user, latest.fileId, requestContextOf(request), {
    revealOwnership: true,
  });
  return linkResponse(request, result);
}
