import { licenseEndpoint } from "@/lib/licensing/endpoint";
import { validateBody, validateLicense } from "@/lib/licensing/service";

// Is this key good, for which product, until when do updates run, is this machine activated.
export const POST = licenseEndpoint("POST /api/v1/licenses/validate", validateBody, validateLicense);
