import { randomBytes } from "node:crypto";
import { parseUpdateInfo, resolveFiles } from "electron-updater/out/providers/Provider";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as downloadFile } from "../app/download/file/[fileId]/route";
import { grantManualEntitlement } from "../lib/dal/customers";
import { dispatchApiRequest } from "./support/api-routes";
import { config, createUser, prisma, s3, unique } from "./support/fixtures";

// No session anywhere here: the apps that read feeds hold a licence key, not a cookie.
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));

afterAll(() => prisma.$disconnect());

const day = 86_400_000;
const notes = 'Fixes <crash> & "quotes" ]]> in one go';
let slug: string;
let windowedKey: string;
let foreverKey: string;
const fileIds: Record<string, string> = {};
const BUILDS = { Linux: "linux_universal", macOS: "macos_universal" } as const;
const LABELS: Record<string, string> = { linux_universal: "Linux", macos_universal: "macOS" };

// 1.0.0 (60 days ago), 1.1.0 (30), 1.3.0-beta.1 (15, beta), 1.2.0 (20), 2.0.0 (yesterday); Linux
// and macOS builds each. The windowed buyer's updates ended 10 days ago: up to 1.3.0-beta.1.
beforeAll(async () => {
  slug = unique("feedable");
  const product = await prisma.product.create({
    data: { slug, name: "Feedable", tiers: { create: { name: "Standard", priceCents: 1000 } } },
  });
  const releases = [
    ["1.0.0", 60, "stable"],
    ["1.1.0", 30, "stable"],
    ["1.2.0", 20, "stable"],
    ["1.3.0-beta.1", 15, "beta"],
    ["2.0.0", 1, "stable"],
  ] as const;
  for (const [version, daysAgo, channel] of releases) {
    const created = await prisma.release.create({
      data: {
        productId: product.id,
        version,
        channel,
        notes,
        status: "published",
        publishedAt: new Date(Date.now() - daysAgo * day),
        files: {
          create: Object.entries(BUILDS).map(([label, platform]) => ({
            platform,
            filename: `Feedable-${version}-${label}.zip`,
            objectKey: `products/${slug}/${version}/${randomBytes(6).toString("hex")}-${label}.zip`,
            sizeBytes: BigInt(1000 + daysAgo),
            sha256: randomBytes(32).toString("hex"),
            status: "ready" as const,
          })),
        },
      },
      include: { files: true },
    });
    for (const file of created.files) fileIds[`${version}/${LABELS[file.platform]}`] = file.id;
  }
  const windowed = await grantManualEntitlement((await createUser()).id, product.id, "test");
  await prisma.entitlement.update({
    where: { id: windowed!.id },
    data: { updatesUntil: new Date(Date.now() - 10 * day) },
  });
  windowedKey = (await prisma.license.findUniqueOrThrow({ where: { entitlementId: windowed!.id } })).key;
  const forever = await grantManualEntitlement((await createUser()).id, product.id, "test");
  foreverKey = (await prisma.license.findUniqueOrThrow({ where: { entitlementId: forever!.id } })).key;
});

async function feed(path: string, options: { key?: string; inQuery?: boolean } = {}) {
  const url = new URL(`http://localhost/api/v1/feeds/${path}`);
  const headers: Record<string, string> = {
    "x-forwarded-for": `198.51.100.${randomBytes(3).toString("hex")}`,
  };
  if (options.key && options.inQuery) url.searchParams.set("key", options.key);
  else if (options.key) headers.authorization = `Bearer ${options.key}`;
  const response = await dispatchApiRequest(new Request(url, { headers }));
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    text: await response.text(),
    headers: response.headers,
  };
}

const download = (version: string, platform: string) =>
  `${config.APP_URL}/download/file/${fileIds[`${version}/${platform}`]}`;

describe("JSON update feed", () => {
  it("offers the newest release inside the buyer's update window, for the channel and platform", async () => {
    const stable = await feed(`${slug}/stable/linux`, { key: windowedKey });
    expect(stable.status).toBe(200);
    expect(stable.headers.get("cache-control")).toBe("private, no-cache");
    const body = JSON.parse(stable.text);
    expect(body).toMatchObject({
      product: slug,
      channel: "stable",
      platform: "linux_universal",
      version: "1.2.0",
      notes,
    });
    expect(body.files).toEqual([
      {
        platform: "linux_universal",
        filename: "Feedable-1.2.0-Linux.zip",
        size: 1020,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        url: download("1.2.0", "Linux"),
      },
    ]);

    expect(JSON.parse((await feed(`${slug}/beta/macOS`, { key: windowedKey })).text).version).toBe(
      "1.3.0-beta.1",
    );
    expect(JSON.parse((await feed(`${slug}/stable/macOS`, { key: foreverKey })).text).version).toBe("2.0.0");
    expect(JSON.parse((await feed(`${slug}/beta/macOS`, { key: foreverKey })).text).version).toBe("2.0.0");
  });

  it("puts the key in download URLs only when the key came in the URL", async () => {
    const body = JSON.parse(
      (await feed(`${slug}/stable/Linux`, { key: windowedKey.toLowerCase(), inQuery: true })).text,
    );
    expect(body.files[0].url).toBe(`${download("1.2.0", "Linux")}?key=${windowedKey}`);
  });

  it("refuses without a good key for this product, and says when nothing is available", async () => {
    expect((await feed(`${slug}/stable/linux`)).status).toBe(401);
    expect((await feed(`${slug}/stable/linux`, { key: "DL-00000-00000-00000-00000" })).status).toBe(401);
    const other = await prisma.product.create({
      data: {
        slug: unique("other"),
        name: "Other",
        tiers: { create: { name: "Standard", priceCents: 100 } },
      },
    });
    expect((await feed(`${other.slug}/stable/linux`, { key: windowedKey })).status).toBe(403);
    expect((await feed(`${slug}/stable/windows`, { key: windowedKey })).status).toBe(404);
    expect((await feed(`${slug}/nightly/linux`, { key: windowedKey })).status).toBe(400);
    expect((await feed(`${slug}/stable/linux/latest.json`, { key: windowedKey })).status).toBe(404);

    const license = await prisma.license.findUniqueOrThrow({ where: { key: foreverKey } });
    await prisma.license.update({ where: { id: license.id }, data: { revokedAt: new Date() } });
    const revoked = await feed(`${slug}/stable/linux`, { key: foreverKey });
    await prisma.license.update({ where: { id: license.id }, data: { revokedAt: null } });
    expect(revoked.status).toBe(403);
    expect(JSON.parse(revoked.text)).toMatchObject({ error: "not_active" });
  });
});

describe("electron-updater feed", () => {
  it("parses with electron-updater's own parser and resolves to the build's versioned stable link", async () => {
    for (const [file, platform, key, version] of [
      ["latest-linux.yml", "Linux", windowedKey, "1.2.0"],
      ["latest-mac.yml", "macOS", foreverKey, "2.0.0"],
    ] as const) {
      const base = `${config.APP_URL}/api/v1/feeds/${slug}/stable/${platform}/`;
      const response = await feed(`${slug}/stable/${platform}/${file}`, { key });
      expect(response.status, file).toBe(200);
      expect(response.type).toContain("yaml");
      const info = parseUpdateInfo(response.text, file, new URL(file, base));
      expect(info.version).toBe(version);
      expect(info.releaseNotes).toBe(notes);
      const [resolved] = resolveFiles(info, new URL(base));
      const build = BUILDS[platform];
      expect(resolved.url.href).toBe(
        `${config.APP_URL}/download/${slug}/${version}/${build}/Feedable-${version}-${platform}.zip`,
      );
      // Recorded without a SHA-512 (as before it was): electron-updater checks the SHA-256.
      expect((resolved.info as { sha2?: string }).sha2).toMatch(/^[0-9a-f]{64}$/);
      expect(resolved.info.sha512).toBeUndefined();
      expect(resolved.info.size).toBeGreaterThan(1000);
    }
  });
});

describe("Sparkle appcast", () => {
  it("is well-formed RSS with one item per release in the window, beta items marked", async () => {
    const response = await feed(`${slug}/beta/macOS/appcast.xml`, { key: windowedKey, inQuery: true });
    expect(response.status).toBe(200);
    expect(XMLValidator.validate(response.text)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(response.text);
    expect(parsed.rss["xmlns:sparkle"]).toBe("http://www.andymatuschak.org/xml-namespaces/sparkle");
    const items = parsed.rss.channel.item as Record<string, unknown>[];
    expect(items.map((item) => item["sparkle:version"])).toEqual(["1.3.0-beta.1", "1.2.0", "1.1.0", "1.0.0"]);
    expect(items.map((item) => item["sparkle:channel"] ?? "stable")).toEqual([
      "beta",
      "stable",
      "stable",
      "stable",
    ]);
    expect(items[0].description).toBe(notes);
    expect(items[1].enclosure).toMatchObject({
      url: `${download("1.2.0", "macOS")}?key=${windowedKey}`,
      length: "1020",
    });
    expect(new Date(items[1].pubDate as string).getTime()).toBeGreaterThan(Date.now() - 21 * day);

    const stable = new XMLParser().parse(
      (await feed(`${slug}/stable/macOS/appcast.xml`, { key: windowedKey })).text,
    );
    expect(
      [stable.rss.channel.item].flat().map((item: Record<string, unknown>) => item["sparkle:version"]),
    ).toEqual(["1.2.0", "1.1.0", "1.0.0"]);
  });
});

describe("download URLs in a feed", () => {
  // What an updater does next: follow the feed's URL with the key, as it sent it for the feed.
  async function follow(url: string, key?: string) {
    const request = new Request(url, {
      headers: { ...(key && { authorization: `Bearer ${key}` }), "x-forwarded-for": "198.51.100.77" },
    });
    const fileId = new URL(url).pathname.split("/").at(-1)!;
    return downloadFile(request, { params: Promise.resolve({ fileId }) });
  }

  it("download with the licence key, in a header or the URL, as its owner and inside the window only", async () => {
    const file = await prisma.releaseFile.findUniqueOrThrow({ where: { id: fileIds["1.2.0/Linux"] } });
    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: file.objectKey, Body: "build" }));

    const viaHeader = await follow(download("1.2.0", "Linux"), windowedKey);
    expect(viaHeader.status).toBe(303);
    expect(viaHeader.headers.get("location")).toContain("X-Amz-Signature=");
    const viaQuery = await follow(`${download("1.2.0", "Linux")}?key=${windowedKey}`);
    expect(viaQuery.status).toBe(303);
    expect(await (await fetch(viaQuery.headers.get("location")!)).text()).toBe("build");

    // 2.0.0 came out after this key's updates ended.
    expect((await follow(download("2.0.0", "Linux"), windowedKey)).status).toBe(403);
    // No key, a made-up key, a revoked key: nobody.
    expect((await follow(download("1.2.0", "Linux"))).status).toBe(401);
    expect((await follow(download("1.2.0", "Linux"), "DL-00000-00000-00000-00000")).status).toBe(401);
    const license = await prisma.license.findUniqueOrThrow({ where: { key: windowedKey } });
    await prisma.license.update({ where: { id: license.id }, data: { revokedAt: new Date() } });
    const revoked = await follow(download("1.2.0", "Linux"), windowedKey);
    await prisma.license.update({ where: { id: license.id }, data: { revokedAt: null } });
    expect(revoked.status).toBe(401);
  });
});
