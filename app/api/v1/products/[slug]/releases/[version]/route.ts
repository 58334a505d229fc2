import { z } from "zod";
import { apiJson } from "@/lib/http/answers";
import { publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { getApiRelease } from "@/lib/publishing/api-releases";
import { productSlug, releaseVersion } from "@/lib/schemas/releases";

// One release with its files, whatever its status: how a client finds the draft it is
// uploading to, or checks what was published.
export const GET = publishingEndpoint({
  params: z.object({ slug: productSlug, version: releaseVersion }),
  handle: async ({ params }) => apiJson(await getApiRelease(params.slug, params.version)),
});
