import "server-only";
import { getCurrentUser, type CurrentUser } from "../auth/session";
import { findLicenseHolder } from "../dal/licenses";
import { presentedLicenseKey } from "../licensing/keys";

// A caller of the stable links: a signed-in customer, or an app holding a licence key, which
// reaches only that key's product.
export type Downloader = CurrentUser & { licensedProductId?: string };

// Who asks a stable download link: the signed-in customer, or an app (an update feed's client)
// holding a live licence key, which downloads as the key's owner with the same checks, limits
// and audit, but only its own product's releases: never another product's files, nor the files
// the seller made for the customer. A revoked key is nobody.
export async function downloaderFor(request: Request): Promise<Downloader | null> {
  const user = await getCurrentUser();
  if (user) return user;
  const { key } = presentedLicenseKey(request);
  const holder = key ? await findLicenseHolder(key) : null;
  return holder && { id: holder.id, email: holder.email, isAdmin: false, licensedProductId: holder.productId };
}
