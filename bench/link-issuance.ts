// Link issuance cost: the whole checked path (entitlement, rate limit, audit row, presign)
// against a bare presign of the same object, measured in the same run, interleaved.
// Run with `npm run bench` (embedded stack) or with DATABASE_URL / S3 settings for real ones.
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { performance } from "node:perf_hooks";
import { issueLinkFor } from "../lib/delivery/issue-link";
import { createS3Client } from "../lib/storage/client";
import type { Env } from "../lib/env-schema";
import type { PrismaClient } from "../lib/prisma";

export type Sample = { p50: number; p95: number; mean: number; n: number };

export function summarise(ms: number[]): Sample {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), mean: ms.reduce((a, b) => a + b, 0) / ms.length, n: ms.length };
}

export async function benchLinkIssuance(config: Env, prisma: PrismaClient, rounds: number) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email: "collector@example.com" } });
  const file = await prisma.releaseFile.findFirstOrThrow({
    where: { status: "ready", release: { status: "published" } },
  });
  const s3 = createS3Client(config);
  const current = { id: user.id, email: user.email!, isAdmin: false };
  const context = { ip: "127.0.0.1", userAgent: "bench" };
  const bare = () =>
    getSignedUrl(s3, new GetObjectCommand({ Bucket: config.S3_BUCKET, Key: file.objectKey }), {
      expiresIn: 300,
    });
  const full = async () => {
    const result = await issueLinkFor(current, file.id, context);
    if (result.status !== "success") throw new Error(`link issuance failed: ${JSON.stringify(result)}`);
  };

  for (let i = 0; i < 30; i++) await Promise.all([bare(), full()]); // warm-up: JIT, pools, caches
  const times = { bare: [] as number[], full: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of [
      ["bare", bare],
      ["full", full],
    ] as const) {
      const start = performance.now();
      await run();
      times[name].push(performance.now() - start);
    }
  }
  await prisma.downloadEvent.deleteMany({ where: { userId: user.id, userAgent: "bench" } });
  const result = { bare: summarise(times.bare), full: summarise(times.full) };
  return { ...result, ratioP50: result.full.p50 / result.bare.p50 };
}
