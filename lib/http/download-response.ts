import type { DownloadLink } from "../delivery/issue-link";
import type { Failure, Result } from "../result";
import { failureResponse } from "./answers";

// The download routes' own headers: never cached, and the presigned URL they point to is not
// handed on as a Referer.
const DOWNLOAD_HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

// Stable download links answer like a file server: 303 to a fresh presigned URL, or an
// error status. Browsers that are not signed in go to sign-in and come back here after.
export function linkResponse(request: Request, result: Result<DownloadLink>): Response {
  if (result.status === "success") return seeOther(result.data.url);
  const url = new URL(request.url);
  if (result.code === "unauthorized" && request.headers.get("accept")?.includes("text/html")) {
    const signIn = new URL("/signin", url);
    signIn.searchParams.set("callbackUrl", `${url.pathname}${url.search}`);
    return seeOther(`${signIn.pathname}${signIn.search}`);
  }
  return failureResponse(result, DOWNLOAD_HEADERS);
}

const seeOther = (location: string) =>
  new Response(null, { status: 303, headers: { ...DOWNLOAD_HEADERS, Location: location } });

// What the "latest" route refuses before a file is chosen (bad query, unknown product) has
// always been answered without the download headers.
export const lookupFailure = (refusal: Failure) => failureResponse(refusal, {});
