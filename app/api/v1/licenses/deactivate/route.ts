import { licenseEndpoint } from "@/lib/licensing/endpoint";
import { deactivateBody, deactivateLicense } from "@/lib/licensing/service";

// Frees a machine's activation, e.g. when the app is uninstalled or moved.
export const POST = licenseEndpoint("POST /api/v1/licenses/deactivate", deactivateBody, deactivateLicense);
