import { z } from "zod";
import { ANY_UPLOAD, apiJson, publishingEndpoint } from "@/lib/publishing/api-handler";
import { recordId } from "@/lib/publishing/api-schemas";
import { completeUpload } from "@/lib/publishing/uploads";

// Assembles the recorded parts into the object and marks the file ready (size and SHA-256).
export const POST = publishingEndpoint({
  scopes: ANY_UPLOAD,
  params: z.object({ fileId: recordId }),
  handle: async ({ actor, params }) => apiJson(await completeUpload(params.fileId, actor)),
});
