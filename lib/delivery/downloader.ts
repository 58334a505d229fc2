import "server-only";
import { getCurrentUser, type CurrentUser } from "../auth/session";
import { findLicenseHolder } from "../dal/licenses";
import { presentedLicenseKey } from "../licensing/keys";

// A caller of the stable links: a signed-in customer, or an app holding a licence key, which
// acts only through that key's own entitlement.
export type Downloader = CurrentUser & { licensedEntitlementId?: string };

// Who asks a stable download link: the signed-in customer, or an app (an update feed's client)
// holding a live licence key, which downloads as the key's owner with the same checks, limits
// and audit, but only through the key's entitlement: its product's releases, under its status,
// update window and download cap; never another product's files, another purchase of the same
// product, nor the files the seller made for the customer. A revoked key is nobody.
export async function downloaderFor(request: Request): Promise<Downloader | null> {
  const user = await getCurrentUser();
  if (user) return user;
  const { key } = presentedLicenseKey(request);
  const holder = key ? await findLicenseHolder(key) : null;
  return (
    holder && {
      id: holder.id,
      email: holder.email,
      isAdmin: false,
      licensedEntitlementId: holder.entitlementId,
    }
  );
}
