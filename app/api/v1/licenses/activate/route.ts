import { licenseEndpoint } from "@/lib/licensing/endpoint";
import { activateBody, activateLicense } from "@/lib/licensing/service";

// Adds a machine to a key, up to the product's activation limit; repeating it is harmless.
export const POST = licenseEndpoint("POST /api/v1/licenses/activate", activateBody, activateLicense);
