import { licenseEndpoint } from "@/lib/licensing/endpoint";
import { withLicenseFile } from "@/lib/licensing/license-file";
import { activateBody, activateLicense } from "@/lib/licensing/service";

// Adds a machine to a key, up to the product's activation limit; repeating it is harmless. A
// success carries the licence file for that machine (`licenseFile`, lib/licensing/license-file.ts).
export const POST = licenseEndpoint(
  "POST /api/v1/licenses/activate",
  activateBody,
  withLicenseFile(activateLicense),
);
