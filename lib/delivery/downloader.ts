import "server-only";
import { getCurrentUser, type CurrentUser } from "../auth/session";
import { findLicenseHolder } from "../dal/licenses";
import { presentedLicenseKey } from "../licensing/keys";

// Who asks a stable download link: the signed-in customer, or an app (an update feed's client)
// holding a live licence key, which downloads as the key's owner with the same checks, limits
// and audit. A revoked key is nobody.
export async function downloaderFor(request: Request): Promise<CurrentUser | null> {
  const user = await getCurrentUser();
  if (user) return user;
  const { key } = presentedLicenseKey(request);
  const holder = key ? await findLicenseHolder(key) : null;
  return holder && { ...holder, isAdmin: false };
}
