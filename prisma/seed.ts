// Idempotent demo data: run it any number of times (`npm run db:seed`); it converges.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { parseEnv, type Env } from "../lib/env-schema";
import { createPrismaClient, type PrismaClient } from "../lib/prisma";
import { entitlementExtras } from "../lib/licensing/windows";
import { createS3Client } from "../lib/storage/client";
import { customerFileKey, mediaKey, releaseFileKey } from "../lib/storage/object-keys";
import {
  demoCatalog,
  demoCollector,
  demoLapsedCustomer,
  demoCustomer,
  demoCustomerFile,
  demoFileBytes,
  demoStore,
  type SeedTier,
} from "./seed/catalog";
import { ensureDemoDiscount } from "./seed/discounts";
import { ensureProductMedia } from "./seed/product-media";

// Random-looking but stable, so re-seeding reuses the same objects.
function demoObjectKey(slug: string, version: string, filename: string) {
  const nonce = createHash("sha256").update(`${slug}/${version}/${filename}`).digest("hex").slice(0, 16);
  return releaseFileKey({ productSlug: slug, version, filename }, nonce);
}

async function ensureObject(s3: S3Client, bucket: string, key: string, body: Buffer, contentType: string) {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch(() => null);
  if (head?.ContentLength === body.length) return;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
}

export async function seed(config: Env, prisma: PrismaClient, s3: S3Client) {
  for (const product of demoCatalog) {
    const { releases, tiers, ...fields } = product;
    const row = await prisma.product.upsert({
      where: { slug: product.slug },
      create: fields,
      update: fields,
    });
    await ensureTiers(prisma, row.id, tiers);
    await ensureProductMedia(prisma, s3, config.S3_BUCKET, row);
    for (const release of releases) {
      const publishedAt = new Date(Date.now() - release.daysAgo * 86_400_000);
      const releaseRow = await prisma.release.upsert({
        where: { productId_version: { productId: row.id, version: release.version } },
        create: {
          productId: row.id,
          version: release.version,
          channel: release.channel,
          notes: release.notes,
          status: "published",
          publishedAt,
        },
        update: { channel: release.channel, notes: release.notes, status: "published" },
      });
      for (const file of release.files) {
        const body = demoFileBytes(file);
        const objectKey = demoObjectKey(product.slug, release.version, file.filename);
        await ensureObject(s3, config.S3_BUCKET, objectKey, body, file.contentType);
        const data = {
          platform: file.platform,
          filename: file.filename,
          contentType: file.contentType,
          sizeBytes: BigInt(body.length),
          sha256: createHash("sha256").update(body).digest("hex"),
          status: "ready" as const,
        };
        await prisma.releaseFile.upsert({
          where: { objectKey },
          create: { ...data, objectKey, releaseId: releaseRow.id },
          update: data,
        });
      }
    }
  }

  for (const email of config.ADMIN_EMAILS) {
    await prisma.user.upsert({ where: { email }, create: { email, name: "Admin" }, update: {} });
  }
  await ensureOwner(prisma, demoCustomer.email, [demoCustomer.owns]);
  const collector = await ensureOwner(
    prisma,
    demoCollector.email,
    demoCatalog.map((product) => product.slug),
  );
  await ensureCustomerFile(config, prisma, s3, collector.id);
  const ended = new Date(Date.now() - demoLapsedCustomer.endedDaysAgo * 86_400_000);
  await ensureOwner(prisma, demoLapsedCustomer.email, [demoLapsedCustomer.owns], ended);
  await ensureDemoDiscount(config, prisma);
  await ensureStoreSettings(config, prisma, s3);
}

// The demo store's name, logo and links; settings an admin has saved since are kept.
async function ensureStoreSettings(config: Env, prisma: PrismaClient, s3: S3Client) {
  const { logoFile, ...fields } = demoStore;
  const logo = readFileSync(path.resolve(import.meta.dirname, "..", logoFile));
  const logoKey = mediaKey(
    { owner: "store", extension: "png" },
    createHash("sha256").update(logo).digest("hex").slice(0, 16),
  );
  await ensureObject(s3, config.S3_BUCKET, logoKey, logo, "image/png");
  await prisma.storeSettings.upsert({ where: { id: 1 }, create: { id: 1, ...fields, logoKey }, update: {} });
}

async function ensureCustomerFile(config: Env, prisma: PrismaClient, s3: S3Client, userId: string) {
  const { body, ...file } = demoCustomerFile;
  const nonce = createHash("sha256").update(`${userId}/${file.filename}`).digest("hex").slice(0, 16);
  const objectKey = customerFileKey({ userId, filename: file.filename }, nonce);
  await ensureObject(s3, config.S3_BUCKET, objectKey, body, file.contentType);
  const data = {
    ...file,
    userId,
    sizeBytes: BigInt(body.length),
    sha256: createHash("sha256").update(body).digest("hex"),
    status: "ready" as const,
  };
  await prisma.customerFile.upsert({
    where: { objectKey },
    create: { ...data, objectKey, notifiedAt: new Date() },
    update: data,
  });
}

// The demo tiers, in order; any other tier of the product (e.g. the "Standard" tier an upgraded
// database made from the old single price) is taken off sale, keeping its purchases.
async function ensureTiers(prisma: PrismaClient, productId: string, tiers: SeedTier[]) {
  for (const [position, tier] of tiers.entries()) {
    const data = { perSeat: false, minSeats: 1, maxSeats: 1, ...tier, position, active: true };
    await prisma.productTier.upsert({
      where: { productId_name: { productId, name: tier.name } },
      create: { ...data, productId },
      update: data,
    });
  }
  await prisma.productTier.updateMany({
    where: { productId, name: { notIn: tiers.map((tier) => tier.name) } },
    data: { active: false },
  });
}

// `updatesUntil`: the end of each window, when not the tier's months from now.
async function ensureOwner(prisma: PrismaClient, email: string, slugs: string[], updatesUntil?: Date) {
  const user = await prisma.user.upsert({ where: { email }, create: { email }, update: {} });
  for (const slug of slugs) {
    const product = await prisma.product.findUniqueOrThrow({
      where: { slug },
      include: { tiers: { where: { active: true }, orderBy: { position: "asc" }, take: 1 } },
    });
    const [tier] = product.tiers;
    const existing = await prisma.entitlement.findFirst({
      where: { userId: user.id, productId: product.id },
    });
    if (!existing) {
      await prisma.entitlement.create({
        data: {
          userId: user.id,
          purchaseEmail: email,
          productId: product.id,
          source: "manual",
          reason: "Demo data",
          tierId: tier.id,
          ...entitlementExtras(tier.updateMonths),
          ...(updatesUntil && { updatesUntil }),
        },
      });
    }
  }
  return user;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const config = parseEnv(process.env);
  const prisma = createPrismaClient(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  try {
    await seed(config, prisma, createS3Client(config));
    console.log(`seeded ${demoCatalog.length} products; demo customer ${demoCustomer.email}`);
  } finally {
    await prisma.$disconnect();
  }
}
