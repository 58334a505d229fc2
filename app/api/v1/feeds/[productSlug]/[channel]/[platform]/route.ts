import { loadFeed, feedHeaders } from "@/lib/feeds/endpoint";
import { feedJson } from "@/lib/feeds/formats";

type Params = { params: Promise<{ productSlug: string; channel: string; platform: string }> };

// The newest release a licence may update to, as JSON: version, notes, size, SHA-256, download URL.
export async function GET(request: Request, { params }: Params) {
  const loaded = await loadFeed(request, await params);
  if (!loaded.ok) return loaded.response;
  return new Response(JSON.stringify(feedJson(loaded.feed)), { headers: feedHeaders("application/json") });
}
