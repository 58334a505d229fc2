import { linkCredentials } from "@/lib/delivery/downloader";
import { issueLinkFor } from "@/lib/delivery/issue-link";
import { linkResponse } from "@/lib/http/download-response";
import { contextFromHeaders } from "@/lib/request-context";

// A link that never expires for its owner (signed in, or an app with their licence key): each
// request checks access and re-signs. The session or key is resolved in the file's own lookup.
export async function GET(request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const { fileId } = await params;
  const result = await issueLinkFor(linkCredentials(request), fileId, contextFromHeaders(request.headers));
  return linkResponse(request, result);
}
