import { z } from "zod";
import { apiJson } from "@/lib/http/answers";
import { API_BODY_LIMIT_BYTES } from "@/lib/http/body-limits";
import { ANY_UPLOAD, publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { readBodyText } from "@/lib/http/read-body";
import { parseInput, requireJsonBody } from "@/lib/http/read-json";
import { recordId } from "@/lib/input-schemas";
import { completeUpload } from "@/lib/publishing/uploads";
import { ResultError } from "@/lib/result";

// The body is optional: clients from before signed feeds send none.
const completeBody = z.strictObject({ edSignature: z.string().max(200).optional() });

// An empty body (with or without a JSON content type) is no fields; anything else is JSON or 4xx.
async function optionalBody(request: Request) {
  const text = await readBodyText(request, API_BODY_LIMIT_BYTES);
  if (!text.trim()) return {};
  requireJsonBody(request);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ResultError("invalid_input", "The request body is not valid JSON.");
  }
  const parsed = parseInput(completeBody, value, "body");
  if (parsed.status === "error") throw new ResultError(parsed.code, parsed.message);
  return parsed.data;
}

// Assembles the recorded parts into the object and marks the file ready (size and SHA-256; for a
// release file also SHA-512 and Sparkle's signature: `edSignature`, checked here, or the store's).
export const POST = publishingEndpoint({
  scopes: ANY_UPLOAD,
  params: z.object({ fileId: recordId }),
  handle: async ({ actor, params, request }) =>
    apiJson(await completeUpload(params.fileId, actor, await optionalBody(request))),
});
