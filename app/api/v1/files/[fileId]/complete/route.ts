import { z } from "zod";
import { apiJson } from "@/lib/http/answers";
import { ANY_UPLOAD, publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { recordId } from "@/lib/input-schemas";
import { completeUpload } from "@/lib/publishing/uploads";

// Assembles the recorded parts into the object and marks the file ready (size and SHA-256).
export const POST = publishingEndpoint({
  scopes: ANY_UPLOAD,
  params: z.object({ fileId: recordId }),
  handle: async ({ actor, params }) => apiJson(await completeUpload(params.fileId, actor)),
});
