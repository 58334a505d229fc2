// Rows and objects the benchmarks need, written straight to the database and the bucket:
// customers with live sessions (the cookie next-auth reads), products without a download cap,
// an API token. Every name carries the run's tag, so runs never collide.
import { createHash, randomBytes } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Env } from "../lib/env-schema";
import type { PrismaClient } from "../lib/prisma";

export const SESSION_COOKIE = "next-auth.session-token"; // the name next-auth uses over http

export type BenchUser = { id: string; email: string; cookie: string };

export async function createCustomers(
  prisma: PrismaClient,
  tag: string,
  count: number,
  productIds: string[],
): Promise<BenchUser[]> {
  const users = await prisma.user.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      email: `bench-${tag}-${i}@example.com`,
      emailVerified: new Date(),
    })),
    select: { id: true, email: true },
  });
  const tokens = users.map(() => randomBytes(32).toString("hex"));
  // A fresh session, as next-auth writes it: 30 days, so no request has to extend it.
  const expires = new Date(Date.now() + 30 * 86_400_000);
  await prisma.session.createMany({
    data: users.map((user, i) => ({ userId: user.id, sessionToken: tokens[i], expires })),
  });
  if (productIds.length > 0) {
    await prisma.entitlement.createMany({
      data: users.flatMap((user) =>
        productIds.map((productId) => ({ userId: user.id, productId, source: "manual" as const })),
      ),
    });
  }
  return users.map((user, i) => ({
    id: user.id,
    email: user.email!,
    cookie: `${SESSION_COOKIE}=${tokens[i]}`,
  }));
}

// `count` products, each with `releases` published releases of one small ready file. The
// objects exist only for the first release of each product (the one the link benchmark asks for).
export async function createCatalog(
  prisma: PrismaClient,
  s3: S3Client,
  config: Env,
  tag: string,
  count: number,
  releases: number,
) {
  const products = await prisma.product.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      slug: `bench-${tag}-${i}`,
      name: `Bench product ${i}`,
      tagline: "A product of the benchmark catalogue",
      tiers: { create: { name: "Standard", priceCents: 1900 } },
      downloadLimit: null,
    })),
    select: { id: true, slug: true },
  });
  const day = 86_400_000;
  const releaseRows = await prisma.release.createManyAndReturn({
    data: products.flatMap((product) =>
      Array.from({ length: releases }, (_, j) => ({
        productId: product.id,
        version: `1.${j}.0`,
        channel: "stable" as const,
        notes: `Release 1.${j}.0 fixes **${j} things**.`,
        status: "published" as const,
        publishedAt: new Date(Date.now() - (releases - j) * day),
      })),
    ),
    select: { id: true, productId: true, version: true },
  });
  const body = randomBytes(1024);
  const files = await prisma.releaseFile.createManyAndReturn({
    data: releaseRows.map((release) => ({
      releaseId: release.id,
      platform: "linux_universal",
      filename: `bench-${release.version}-linux-x64.tar.gz`,
      objectKey: `bench/${tag}/${release.id}/${randomBytes(8).toString("hex")}/bench-${release.version}.tar.gz`,
      sizeBytes: BigInt(body.length),
      sha256: createHash("sha256").update(body).digest("hex"),
      contentType: "application/gzip",
      status: "ready" as const,
    })),
    select: { id: true, objectKey: true, releaseId: true },
  });
  const firstOf = new Map<string, (typeof files)[number]>();
  for (const release of releaseRows.filter((r) => r.version === "1.0.0")) {
    firstOf.set(
      release.productId,
      files.find((file) => file.releaseId === release.id)!,
    );
  }
  for (const file of firstOf.values()) {
    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: file.objectKey, Body: body }));
  }
  return products.map((product) => ({ ...product, file: firstOf.get(product.id)! }));
}

// A publishing API token, stored the way the app stores it (SHA-256 of the secret).
export async function createApiToken(prisma: PrismaClient, tag: string) {
  const secret = `dl_${randomBytes(32).toString("base64url")}`;
  await prisma.apiToken.create({
    data: {
      name: `bench ${tag}`,
      tokenHash: createHash("sha256").update(secret).digest("hex"),
      prefix: secret.slice(0, 10),
    },
  });
  return secret;
}

// Bytes computed from their position: any range on demand, so a 1 GB file never sits in memory.
export function patternBytes(start: number, end: number): Uint8Array {
  const firstWord = Math.floor(start / 4);
  const words = new Uint32Array(Math.ceil(end / 4) - firstWord);
  for (let i = 0; i < words.length; i++) {
    let x = (firstWord + i + 0x9e3779b9) | 0;
    x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
    words[i] = (x ^ (x >>> 15)) >>> 0;
  }
  return new Uint8Array(words.buffer, start - firstWord * 4, end - start);
}

export function* patternChunks(size: number, chunk = 4 * 1024 * 1024) {
  for (let offset = 0; offset < size; offset += chunk)
    yield patternBytes(offset, Math.min(size, offset + chunk));
}
