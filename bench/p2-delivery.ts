// P2: what the app spends on a large download. The stable link answers 303 and the client
// fetches the object from the bucket; the comparison is a streaming proxy (bucket → Node →
// client) serving the same object beside it. CPU-seconds and RSS come from /proc for each
// server's process tree; the client reads every byte and counts them.
import { spawn } from "node:child_process";
import path from "node:path";
import { Readable } from "node:stream";
import { PutObjectCommand, DeleteObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Env } from "../lib/env-schema";
import type { PrismaClient } from "../lib/prisma";
import { treeUsage, watch, type AppProcess } from "./app";
import { createCustomers, patternChunks } from "./fixtures";

async function drain(response: Response) {
  if (!response.ok || !response.body) throw new Error(`download answered HTTP ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += (chunk as Uint8Array).byteLength;
  return bytes;
}

async function startProxy(port: number, env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "proxy-server.ts"), String(port)],
    {
      env: { ...env, NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, pid: child.pid!, stop: () => child.kill("SIGTERM") };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error("the streaming proxy did not start");
}

export async function benchDelivery(
  app: AppProcess,
  prisma: PrismaClient,
  s3: S3Client,
  config: Env,
  options: { tag: string; size: number; proxyPort: number; env: NodeJS.ProcessEnv },
) {
  const key = `bench/${options.tag}/delivery/big.bin`;
  await s3.send(
    new PutObjectCommand({
      Bucket: config.S3_BUCKET,
      Key: key,
      Body: Readable.from(patternChunks(options.size)),
      ContentLength: options.size,
    }),
  );
  const product = await prisma.product.create({
    data: {
      slug: `bench-${options.tag}-delivery`,
      name: "Bench delivery",
      tiers: { create: { name: "Standard", priceCents: 1900 } },
      releases: {
        create: {
          version: "1.0.0",
          status: "published",
          publishedAt: new Date(),
          files: {
            create: {
              platform: "linux_universal",
              filename: "big.bin",
              objectKey: key,
              sizeBytes: BigInt(options.size),
              status: "ready",
            },
          },
        },
      },
    },
    include: { releases: { include: { files: true } } },
  });
  const [user] = await createCustomers(prisma, `${options.tag}-delivery`, 1, [product.id]);
  const fileId = product.releases[0].files[0].id;
  const proxy = await startProxy(options.proxyPort, options.env);
  try {
    // Both servers answer one small request first, so neither pays for lazy loading below.
    await fetch(`${app.url}/download/file/${fileId}`, {
      headers: { cookie: user.cookie },
      redirect: "manual",
    }).then((r) => r.arrayBuffer());
    await fetch(`${proxy.url}/${encodeURIComponent("bench/none")}`).then((r) => r.arrayBuffer());

    const viaLink = await watch(app.pid, async () => {
      const redirect = await fetch(`${app.url}/download/file/${fileId}`, {
        headers: { cookie: user.cookie },
        redirect: "manual",
      });
      const location = redirect.headers.get("location");
      if (redirect.status !== 303 || !location)
        throw new Error(`the stable link answered HTTP ${redirect.status}`);
      return drain(await fetch(location));
    });
    const viaProxy = await watch(proxy.pid, async () =>
      drain(await fetch(`${proxy.url}/${encodeURIComponent(key)}`)),
    );
    for (const run of [viaLink, viaProxy]) {
      if (run.result !== options.size) throw new Error(`P2 read ${run.result} of ${options.size} bytes`);
    }
    const proxyRssAtEnd = treeUsage(proxy.pid).rssBytes;
    const summary = (run: typeof viaLink) => ({
      seconds: run.seconds,
      megabytesPerSecond: options.size / 1e6 / run.seconds,
      cpuSeconds: run.cpuSeconds,
      rssBefore: run.rss.before,
      rssPeak: run.rss.peak,
      rssGrew: run.rss.grew,
    });
    return {
      bytes: options.size,
      link: summary(viaLink),
      proxy: { ...summary(viaProxy), rssAtEnd: proxyRssAtEnd },
      cpuRatio: viaLink.cpuSeconds / viaProxy.cpuSeconds,
    };
  } finally {
    proxy.stop();
    await s3.send(new DeleteObjectCommand({ Bucket: config.S3_BUCKET, Key: key })).catch(() => {});
  }
}
