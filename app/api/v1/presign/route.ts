import { apiJson } from "@/lib/http/answers";
import { publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { presignBody } from "@/lib/publishing/api-schemas";
import { presignShareLink } from "@/lib/publishing/share-links";

// A presigned GET for one build, for sharing outside the store (testers, mirrors, CI).
export const POST = publishingEndpoint({
  body: presignBody,
  handle: async ({ actor, body }) => apiJson(await presignShareLink(body, actor)),
});
