import { downloadLicenseFile } from "@/lib/licensing/library-file";
import { contextFromHeaders } from "@/lib/request-context";

// The library's "Licence file" link: the signed licence of a key the signed-in customer owns.
export async function GET(request: Request, { params }: { params: Promise<{ licenseId: string }> }) {
  return downloadLicenseFile((await params).licenseId, contextFromHeaders(request.headers));
}
