// The demo products' covers and screenshots (drawn by ./media/draw.mjs, committed as WebP). Seeded
// once per product: images an admin has added, removed or reordered since are kept as they are.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { PrismaClient } from "../../lib/prisma";
import { IMAGE_SIZE_READERS } from "../../lib/storage/image-size";
import { mediaKey } from "../../lib/storage/object-keys";

type DemoImage = { file: string; alt: string };
const demoMedia: Record<string, { cover: DemoImage; screenshots: DemoImage[] }> = {
  tessellate: {
    cover: { file: "tessellate-cover", alt: "" },
    screenshots: [
      {
        file: "tessellate-editor",
        alt: "The editor: symmetry groups, a p4m pattern on the canvas, motif settings",
      },
      { file: "tessellate-export", alt: "Exporting a seamless tile as a 6000 × 6000 px PNG" },
      { file: "tessellate-dark", alt: "The editor in dark mode" },
    ],
  },
  "lumen-cli": {
    cover: { file: "lumen-cover", alt: "" },
    screenshots: [
      { file: "lumen-query", alt: "A query for slow errors answered as a table in the terminal" },
      { file: "lumen-stats", alt: "lumen stats: errors per ten minutes, top errors and latency percentiles" },
    ],
  },
};

export async function ensureProductMedia(
  prisma: PrismaClient,
  s3: S3Client,
  bucket: string,
  product: { id: string; slug: string },
) {
  const media = demoMedia[product.slug];
  if (!media || (await prisma.productImage.count({ where: { productId: product.id } })) > 0) return;
  const images = [
    { ...media.cover, role: "cover" as const, position: 0 },
    ...media.screenshots.map((image, index) => ({
      ...image,
      role: "screenshot" as const,
      position: index + 1,
    })),
  ];
  for (const { file, ...image } of images) {
    const body = readFileSync(path.join(import.meta.dirname, "media", `${file}.webp`));
    const size = IMAGE_SIZE_READERS.webp(body);
    if (!size) throw new Error(`prisma/seed/media/${file}.webp is not a WebP image`);
    const objectKey = mediaKey(
      { owner: "products", extension: "webp" },
      createHash("sha256").update(body).digest("hex").slice(0, 16),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body, ContentType: "image/webp" }),
    );
    await prisma.productImage.create({
      data: { ...image, ...size, objectKey, sizeBytes: body.length, productId: product.id },
    });
  }
}
