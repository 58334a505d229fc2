// Products with real images in the bucket, for the suites that need some (access, bad input).
import { readFileSync } from "node:fs";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { mediaKey } from "../../lib/storage/object-keys";
import { config, prisma, s3 } from "./fixtures";
import { createBareProduct } from "./publishing";

export const sampleImageBytes = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, "images", name));
export const sampleImage = (name: string, as = name, type = "image/png") =>
  new File([new Uint8Array(sampleImageBytes(name))], as, { type });

// A product with a cover and two screenshots (64 × 40 PNGs), as the admin's uploads leave them.
export async function productWithImages() {
  const product = await createBareProduct();
  const body = sampleImageBytes("64x40.png");
  const images = [];
  for (const [position, role] of (["cover", "screenshot", "screenshot"] as const).entries()) {
    const objectKey = mediaKey({ owner: "products", extension: "png" });
    await s3.send(
      new PutObjectCommand({
        Bucket: config.S3_BUCKET,
        Key: objectKey,
        Body: body,
        ContentType: "image/png",
      }),
    );
    images.push(
      await prisma.productImage.create({
        data: {
          productId: product.id,
          role,
          position,
          objectKey,
          alt: role === "cover" ? "" : `Screenshot ${position}`,
          width: 64,
          height: 40,
          sizeBytes: body.length,
        },
      }),
    );
  }
  return { product, cover: images[0], screenshots: images.slice(1) };
}
