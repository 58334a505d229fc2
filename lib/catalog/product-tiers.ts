// Adding and changing a product's price tiers, with their audit, for the admin's tier form.
import "server-only";
import { recordAudit, type AuditActor } from "../dal/audit";
import { findTierForAdmin, productExists, tierNameTaken, writeTier } from "../dal/admin-catalog";
import { failure, success, type Result } from "../result";
import type { TierForm } from "../schemas/tiers";

export async function saveTier(
  { id, productId, ...input }: TierForm,
  actor: AuditActor,
): Promise<Result<{ id: string }>> {
  if (!(await productExists(productId))) return failure("not_found", "There is no such product.");
  // A tier id from another product's page is no tier of this product.
  if (id && (await findTierForAdmin(id))?.productId !== productId)
    return failure("not_found", "This product has no such tier.");
  if (await tierNameTaken(productId, input.name, id))
    return failure("invalid_input", `name: this product already has a tier named "${input.name}"`);
  const tier = await writeTier(id, productId, input);
  await recordAudit(actor, id ? "tier.update" : "tier.create", { type: "ProductTier", id: tier.id });
  return success({ id: tier.id });
}
