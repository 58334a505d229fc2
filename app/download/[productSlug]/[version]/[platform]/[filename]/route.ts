import { linkCredentials } from "@/lib/delivery/downloader";
import { fileByName, issueLinkFor } from "@/lib/delivery/issue-link";
import { linkResponse } from "@/lib/http/download-response";
import { decodeParams } from "@/lib/http/route-params";
import { contextFromHeaders } from "@/lib/request-context";
import { failure } from "@/lib/result";

type Params = {
  params: Promise<{ productSlug: string; version: string; platform: string; filename: string }>;
};

// A release file by where it sits, the link electron-updater's feeds give: the updater finds a
// build's blockmap by appending `.blockmap` to it and the previous version's by putting the old
// version into the path, so differential updates fetch both through the same checks, limits and
// audit as the build (session or licence key, entitlement, update window, download cap).
export async function GET(request: Request, { params }: Params) {
  const parsed = fileByName.safeParse(decodeParams(await params));
  if (!parsed.success)
    return linkResponse(
      request,
      failure("invalid_input", "Use /download/<product>/<version>/<platform>/<file name>."),
    );
  return linkResponse(
    request,
    await issueLinkFor(linkCredentials(request), parsed.data, contextFromHeaders(request.headers)),
  );
}
