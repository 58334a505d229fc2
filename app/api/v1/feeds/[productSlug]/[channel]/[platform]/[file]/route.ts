import { loadFeed, feedHeaders } from "@/lib/feeds/endpoint";
import { electronYaml, sparkleAppcast } from "@/lib/feeds/formats";

type Params = { params: Promise<{ productSlug: string; channel: string; platform: string; file: string }> };

// The same feed for the updaters' own formats: electron-updater asks its base URL for
// latest.yml, latest-mac.yml, latest-linux.yml (or beta*.yml); Sparkle reads appcast.xml.
export async function GET(request: Request, { params }: Params) {
  const { file, ...rest } = await params;
  const format = /^(latest|beta)(-mac|-linux)?\.yml$/.test(file) ? "yaml" : file === "appcast.xml" ? "appcast" : null;
  if (!format) {
    return Response.json({ error: "not_found", message: "Feeds: latest.yml, latest-mac.yml, latest-linux.yml or appcast.xml." }, { status: 404 });
  }
  const loaded = await loadFeed(request, rest);
  if (!loaded.ok) return loaded.response;
  return format === "yaml"
    ? new Response(electronYaml(loaded.feed), { headers: feedHeaders("text/yaml; charset=utf-8") })
    : new Response(sparkleAppcast(loaded.feed), { headers: feedHeaders("application/xml; charset=utf-8") });
}
