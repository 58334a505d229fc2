// Creating and changing a product, with its audit, for whoever asks (today the admin product form).
import "server-only";
import { recordAudit, type AuditActor } from "../dal/audit";
import { productExists, saveProduct as writeProduct, slugTaken } from "../dal/admin-catalog";
import { failure, success, type Result } from "../result";
import type { ProductForm } from "../schemas/products";

// "file" is reserved: /download/file/<id> would shadow a product of that name.
const RESERVED_SLUGS = new Set(["file", "new"]);

export async function saveProduct(
  { id, ...input }: ProductForm,
  actor: AuditActor,
): Promise<Result<{ id: string }>> {
  if (id && !(await productExists(id))) return failure("not_found", "There is no such product.");
  if (RESERVED_SLUGS.has(input.slug)) return failure("invalid_input", `slug: "${input.slug}" is reserved`);
  if (await slugTaken(input.slug, id))
    return failure("invalid_input", `slug: another product already uses "${input.slug}"`);
  const product = await writeProduct(id, input);
  await recordAudit(actor, id ? "product.update" : "product.create", { type: "Product", id: product.id });
  return success({ id: product.id });
}
