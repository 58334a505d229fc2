import { z } from "zod";
import { apiNoContent } from "@/lib/http/answers";
import { ANY_UPLOAD, publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { recordId } from "@/lib/input-schemas";
import { partNumber, recordPartBody } from "@/lib/schemas/uploads";
import { recordPart } from "@/lib/publishing/uploads";

// Records the ETag the bucket returned for one part; recorded parts are what a resumed
// upload skips and what completing the upload assembles.
export const PUT = publishingEndpoint({
  scopes: ANY_UPLOAD,
  params: z.object({ fileId: recordId, partNumber }),
  body: recordPartBody,
  handle: async ({ actor, params, body }) => {
    await recordPart(params.fileId, { partNumber: params.partNumber, ...body }, actor);
    return apiNoContent();
  },
});
