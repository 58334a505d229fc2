import { z } from "zod";
import { apiJson } from "@/lib/http/answers";
import { publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { recordId } from "@/lib/input-schemas";
import { startFileBody } from "@/lib/schemas/uploads";
import { startUpload } from "@/lib/publishing/uploads";

// Starts a multipart upload of one build, or resumes the pending one with the same
// platform, name and size (its completedParts say what is left to send).
export const POST = publishingEndpoint({
  params: z.object({ releaseId: recordId }),
  body: startFileBody,
  handle: async ({ actor, params, body }) =>
    apiJson(await startUpload({ releaseId: params.releaseId, ...body }, actor)),
});
