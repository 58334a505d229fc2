import { z } from "zod";
import { apiJson } from "@/lib/http/answers";
import { ANY_UPLOAD, publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { recordId } from "@/lib/input-schemas";
import { presignPartsBody } from "@/lib/schemas/uploads";
import { presignParts } from "@/lib/publishing/uploads";

// Presigned PUT URLs for up to 100 parts; the client sends the bytes straight to the bucket.
export const POST = publishingEndpoint({
  scopes: ANY_UPLOAD,
  params: z.object({ fileId: recordId }),
  body: presignPartsBody,
  handle: async ({ actor, params, body }) =>
    apiJson({ parts: await presignParts(params.fileId, body.partNumbers, actor) }),
});
