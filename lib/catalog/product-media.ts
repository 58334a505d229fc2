// A product's cover and screenshots, with their audit, for whoever asks (today the admin product
// page). Images travel through the app, the logo's way (a server action), not straight to the
// bucket like builds: they are small (under the action's 1 MiB body), the server has to read
// every byte anyway to check the format and measure the image, and nothing reaches the bucket
// before it passed. Builds never take this path; their bytes never pass through the app.
import "server-only";
import { recordAudit, type AuditActor } from "../dal/audit";
import { productExists } from "../dal/admin-catalog";
import {
  deleteProductImage,
  findProductImage,
  insertProductImage,
  moveScreenshot,
  updateProductImageAlt,
} from "../dal/product-images";
import { log } from "../log";
import { failure, success, type Result } from "../result";
import type { AddProductImageForm } from "../schemas/product-media";
import { PRODUCT_SCREENSHOTS_MAX } from "../schemas/limits";
import { deleteImage, PRODUCT_IMAGE_FORMATS, storeImage } from "../storage/media";

const NO_PRODUCT = () => failure("not_found", "There is no such product.");
const NO_IMAGE = () => failure("not_found", "There is no such image.");

// A key the rows no longer name is garbage: the media route answers 404 for it already, and a
// failed delete is left to the sweep in `npm run uploads:cleanup`.
const discard = (keys: string[]) =>
  Promise.all(
    keys.map((key) =>
      deleteImage(key).catch((error) => log.warn({ err: error }, "product image not deleted")),
    ),
  );

export async function addProductImage(
  { productId, role, alt, image }: AddProductImageForm,
  actor: AuditActor,
): Promise<Result<{ id: string }>> {
  // Asked first so an unknown product touches no bucket; asked again under the row lock below.
  if (!(await productExists(productId))) return NO_PRODUCT();
  const stored = await storeImage(
    "products",
    new Uint8Array(await image.arrayBuffer()),
    PRODUCT_IMAGE_FORMATS,
  ).catch((error) => {
    log.error({ err: error }, "product image could not be stored");
    return undefined;
  });
  if (stored === null) return failure("invalid_input", "image: a PNG, JPEG, WebP or AVIF image");
  if (stored === undefined) return failure("unavailable", "The image could not be stored; try again.");
  const { key, ...size } = stored;
  const added = await insertProductImage(
    productId,
    { role, objectKey: key, alt, ...size },
    PRODUCT_SCREENSHOTS_MAX,
  ).catch(async (error) => {
    await discard([key]);
    throw error;
  });
  if (added.status !== "added") {
    await discard([key]);
    return added.status === "no_product"
      ? NO_PRODUCT()
      : failure("invalid_input", `image: a product shows at most ${PRODUCT_SCREENSHOTS_MAX} screenshots`);
  }
  await discard(added.replaced);
  await recordAudit(actor, `product.${role}.add`, { type: "Product", id: productId }, { image: added.id });
  return success({ id: added.id });
}

export async function changeProductImageAlt(
  imageId: string,
  alt: string,
  actor: AuditActor,
): Promise<Result<null>> {
  const image = await findProductImage(imageId);
  if (!image) return NO_IMAGE();
  if (image.role === "screenshot" && alt === "")
    return failure("invalid_input", "alt: describe the screenshot for people who cannot see it");
  await updateProductImageAlt(imageId, alt);
  await recordAudit(actor, "product.image.alt", { type: "Product", id: image.productId }, { image: imageId });
  return success(null);
}

export async function moveProductImage(
  imageId: string,
  direction: "earlier" | "later",
  actor: AuditActor,
): Promise<Result<null>> {
  const image = await findProductImage(imageId);
  if (!image || image.role !== "screenshot") return NO_IMAGE();
  if (!(await moveScreenshot(imageId, direction)))
    return failure(
      "invalid_input",
      `The screenshot is already the ${direction === "earlier" ? "first" : "last"}.`,
    );
  await recordAudit(
    actor,
    "product.image.move",
    { type: "Product", id: image.productId },
    { image: imageId, direction },
  );
  return success(null);
}

export async function removeProductImage(imageId: string, actor: AuditActor): Promise<Result<null>> {
  const image = await findProductImage(imageId);
  if (!image) return NO_IMAGE();
  await deleteProductImage(imageId);
  await discard([image.objectKey]);
  await recordAudit(
    actor,
    "product.image.remove",
    { type: "Product", id: image.productId },
    { image: imageId },
  );
  return success(null);
}
