import { apiJson } from "@/lib/http/answers";
import { publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { createReleaseForSlug } from "@/lib/publishing/api-releases";
import { createReleaseBody } from "@/lib/schemas/releases";

// Creates a draft release. An existing version answers 409; clients that want to keep
// uploading to it read it with GET /api/v1/products/{slug}/releases/{version}.
export const POST = publishingEndpoint({
  body: createReleaseBody,
  handle: async ({ actor, body }) => apiJson(await createReleaseForSlug(body, actor), 201),
});
