// Real rows in the real test database (started by `npm test`), with unique names per call.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { parseEnv } from "../../lib/env-schema";
import { createPrismaClient } from "../../lib/prisma";
import { createS3Client } from "../../lib/storage/client";
import { mediaKey } from "../../lib/storage/object-keys";

export const config = parseEnv(process.env);
export const prisma = createPrismaClient(config.DATABASE_URL, config.DATABASE_POOL_MAX);
export const s3 = createS3Client(config);

export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString("hex")}`;

export async function createUser(email = `${unique("user")}@example.com`) {
  const user = await prisma.user.create({ data: { email } });
  return { id: user.id, email, isAdmin: false };
}

// A real next-auth database session for `user`, as the Cookie header a browser would send (the
// stable download links read it in their own lookup, not through next-auth).
export async function sessionCookie(user: { id: string }, expires = new Date(Date.now() + 30 * 86_400_000)) {
  const sessionToken = randomBytes(32).toString("hex");
  await prisma.session.create({ data: { userId: user.id, sessionToken, expires } });
  return `next-auth.session-token=${sessionToken}`;
}

export async function createProductWithFile(
  options: {
    releaseStatus?: "draft" | "published" | "yanked";
    filename?: string;
    downloadLimit?: number | null;
    bucket?: S3Client; // the client that stores the object (a suite's own S3 server); the test stack's by default
  } = {},
) {
  const slug = unique("product");
  const filename = options.filename ?? `${slug}-1.0.0.zip`;
  const body = randomBytes(2048);
  const objectKey = `products/${slug}/1.0.0/${randomBytes(8).toString("hex")}/${filename}`;
  await (options.bucket ?? s3).send(
    new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey, Body: body }),
  );
  const product = await prisma.product.create({
    data: {
      slug,
      name: `Product ${slug}`,
      tiers: { create: { name: "Standard", priceCents: 1500 } },
      downloadLimit: options.downloadLimit ?? null,
      releases: {
        create: {
          version: "1.0.0",
          status: options.releaseStatus ?? "published",
          publishedAt: new Date(),
          files: {
            create: {
              platform: "linux_universal",
              filename,
              objectKey,
              sizeBytes: BigInt(body.length),
              status: "ready",
              contentType: "application/zip",
            },
          },
        },
      },
    },
    include: { releases: { include: { files: true } }, tiers: true },
  });
  return { product, file: product.releases[0].files[0], body };
}

export async function grant(
  userId: string,
  productId: string,
  status: "active" | "revoked" | "suspended" = "active",
  reason: string | null = null,
) {
  return prisma.entitlement.create({ data: { userId, productId, status, source: "manual", reason } });
}

// A ready file an admin made for one customer, with its object in the bucket.
export async function createCustomerFile(
  userId: string,
  options: { removed?: boolean; filename?: string } = {},
) {
  const filename = options.filename ?? `${unique("invoice")}.pdf`;
  const body = randomBytes(1024);
  const objectKey = `customers/${userId}/${randomBytes(8).toString("hex")}/${filename}`;
  await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey, Body: body }));
  const file = await prisma.customerFile.create({
    data: {
      userId,
      title: `Invoice ${filename}`,
      filename,
      objectKey,
      sizeBytes: BigInt(body.length),
      contentType: "application/pdf",
      status: "ready",
      removedAt: options.removed ? new Date() : null,
    },
  });
  return { file, body };
}

// A PNG in the bucket that the store's settings name as its logo (the rest of the settings kept).
export async function logoInUse() {
  const key = mediaKey({ owner: "store", extension: "png" });
  const body = readFileSync(path.resolve(import.meta.dirname, "../../public/icon-192.png"));
  await s3.send(
    new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: key, Body: body, ContentType: "image/png" }),
  );
  await prisma.storeSettings.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Downlink", logoKey: key },
    update: { logoKey: key },
  });
  return key;
}
