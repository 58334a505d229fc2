import { z } from "zod";
import { apiJson } from "@/lib/http/answers";
import { publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { toApiRelease } from "@/lib/publishing/api-releases";
import { recordId } from "@/lib/input-schemas";
import { publishRelease } from "@/lib/publishing/releases";

// Makes a draft release downloadable for everyone who owns the product; publishing twice is harmless.
export const POST = publishingEndpoint({
  params: z.object({ releaseId: recordId }),
  handle: async ({ actor, params }) =>
    apiJson(toApiRelease(await publishRelease(params.releaseId, actor), true)),
});
