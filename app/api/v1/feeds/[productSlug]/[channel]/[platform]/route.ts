import { feedResponse } from "@/lib/feeds/endpoint";
import { feedJson } from "@/lib/feeds/formats";

type Params = { params: Promise<{ productSlug: string; channel: string; platform: string }> };

// The newest release a licence may update to, as JSON: version, notes, size, SHA-256, download URL.
export async function GET(request: Request, { params }: Params) {
  return feedResponse(request, await params, (feed) => ({
    body: JSON.stringify(feedJson(feed)),
    contentType: "application/json",
  }));
}
