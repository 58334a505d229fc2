import { apiJson } from "@/lib/http/answers";
import { publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { presignBody } from "@/lib/schemas/releases";
import { createShareLink } from "@/lib/publishing/share-links";

// A presigned GET for one build, for sharing outside the store (testers, mirrors, CI).
export const POST = publishingEndpoint({
  body: presignBody,
  handle: async ({ actor, body: { expiresIn, ...target } }) => {
    const { url, expiresAt } = await createShareLink(target, { expiresIn }, actor);
    return apiJson({ url, expiresAt });
  },
});
