import { z } from "zod";
import { apiJson, publishingEndpoint } from "@/lib/publishing/api-handler";
import { getApiRelease } from "@/lib/publishing/api-releases";
import { productSlug, releaseVersion } from "@/lib/publishing/api-schemas";

// One release with its files, whatever its status: how a client finds the draft it is
// uploading to, or checks what was published.
export const GET = publishingEndpoint({
  params: z.object({ slug: productSlug, version: releaseVersion }),
  handle: async ({ params }) => apiJson(await getApiRelease(params.slug, params.version)),
});
