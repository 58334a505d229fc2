import { feedResponse } from "@/lib/feeds/endpoint";
import { electronYaml, sparkleAppcast } from "@/lib/feeds/formats";
import { failureResponse } from "@/lib/http/answers";
import { failure } from "@/lib/result";

type Params = { params: Promise<{ productSlug: string; channel: string; platform: string; file: string }> };

// The same feed for the updaters' own formats: electron-updater asks its base URL for
// latest.yml, latest-mac.yml, latest-linux.yml (or beta*.yml); Sparkle reads appcast.xml.
export async function GET(request: Request, { params }: Params) {
  const { file, ...rest } = await params;
  const format = /^(latest|beta)(-mac|-linux)?\.yml$/.test(file)
    ? "yaml"
    : file === "appcast.xml"
      ? "appcast"
      : null;
  if (!format) {
    // Not a feed at all: answered before any licence is read, with no caching headers.
    const unknown = failure(
      "not_found",
      "Feeds: latest.yml, latest-mac.yml, latest-linux.yml or appcast.xml.",
    );
    return failureResponse(unknown, {});
  }
  return feedResponse(request, rest, (feed) =>
    format === "yaml"
      ? { body: electronYaml(feed), contentType: "text/yaml; charset=utf-8" }
      : { body: sparkleAppcast(feed), contentType: "application/xml; charset=utf-8" },
  );
}
