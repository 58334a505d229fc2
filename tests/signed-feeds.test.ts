// Signed update feeds, checked with the formats' own tooling: electron-updater's parser and its
// blockmap URL rule, and Sparkle's EdDSA signature verified with Node's Ed25519 over the archive's
// bytes (what Sparkle's SUSignatureVerifier checks). Builds go through the real upload path.
import { createHash, generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";
import { parseUpdateInfo, Provider, resolveFiles } from "electron-updater/out/providers/Provider";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as byName } from "../app/download/[productSlug]/[version]/[platform]/[filename]/route";
import { grantManualEntitlement } from "../lib/dal/customers";
import type { Actor } from "../lib/publishing/contract";
import { publishRelease } from "../lib/publishing/releases";
import { completeUpload, startUpload } from "../lib/publishing/uploads";
import { verifyReleaseFiles } from "../lib/publishing/verify-files";
import { publicKeyObject } from "../lib/signing/ed25519-keys";
import { sparkleSignature } from "../scripts/cli/sparkle-sign";
import { dispatchApiRequest } from "./support/api-routes";
import { config, createUser, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";
import { bufferSource, sendParts, userActor } from "./support/upload-fixtures";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));

// The seller's Sparkle key, as Sparkle 2's generate_keys -x exports it: base64 of the 32-byte seed.
const sparkle = generateKeyPairSync("ed25519");
const seed = Buffer.from(sparkle.privateKey.export({ format: "jwk" }).d!, "base64url").toString("base64");
vi.stubEnv("SPARKLE_ED25519_PRIVATE_KEY", seed);
afterAll(async () => {
  vi.unstubAllEnvs();
  await prisma.$disconnect();
});

let actor: Actor;
let slug: string;
let key: string;
const builds: Record<string, Buffer> = {};

async function upload(releaseId: string, filename: string, bytes: Buffer, edSignature?: string) {
  const started = await startUpload(
    {
      releaseId,
      platform: "macos_universal",
      filename,
      sizeBytes: bytes.length,
      contentType: "application/zip",
    },
    actor,
  );
  await sendParts(started, { source: bufferSource(bytes) }, actor);
  return completeUpload(started.fileId, actor, edSignature === undefined ? {} : { edSignature });
}

// 1.0.0 and 1.1.0 each with a build and its blockmap; 1.1.0's build signed by the "CLI".
beforeAll(async () => {
  actor = await userActor();
  slug = unique("signed");
  const product = await prisma.product.create({
    data: { slug, name: "Signed", tiers: { create: { name: "Standard", priceCents: 1000 } } },
  });
  const dir = await mkdtemp(path.join(tmpdir(), "sparkle-"));
  const keyFile = path.join(dir, "sparkle_private_key");
  await writeFile(keyFile, seed);
  for (const version of ["1.0.0", "1.1.0"]) {
    const release = await prisma.release.create({ data: { productId: product.id, version, notes: "" } });
    const name = `Signed-${version}.zip`;
    builds[version] = randomBytes(70_000);
    builds[`${version}.blockmap`] = randomBytes(900);
    const local = path.join(dir, name);
    await writeFile(local, builds[version]);
    await upload(
      release.id,
      name,
      builds[version],
      version === "1.1.0" ? await sparkleSignature(local, keyFile) : undefined,
    );
    await upload(release.id, `${name}.blockmap`, builds[`${version}.blockmap`]);
    await publishRelease(release.id, actor);
  }
  const entitlement = await grantManualEntitlement((await createUser()).id, product.id, "test");
  key = (await prisma.license.findUniqueOrThrow({ where: { entitlementId: entitlement!.id } })).key;
});

async function feed(file: string, headers: Record<string, string> = {}) {
  const url = `http://localhost/api/v1/feeds/${slug}/stable/macOS/${file}`;
  const response = await dispatchApiRequest(
    new Request(url, {
      headers: {
        authorization: `Bearer ${key}`,
        "x-forwarded-for": `198.51.100.${randomBytes(2).toString("hex")}`,
        ...headers,
      },
    }),
  );
  return { status: response.status, text: await response.text(), etag: response.headers.get("etag") };
}

// A versioned link, followed as the updater follows it: 303 to a short-lived URL, then the bytes.
async function fetchThrough(url: URL, licenseKey = key) {
  const [, , productSlug, version, platform, filename] = url.pathname.split("/");
  const request = new Request(url, { headers: { authorization: `Bearer ${licenseKey}` } });
  const answer = await byName(request, {
    params: Promise.resolve({ productSlug, version, platform, filename }),
  });
  if (answer.status !== 303) return { status: answer.status, bytes: null };
  return {
    status: 303,
    bytes: Buffer.from(await (await fetch(answer.headers.get("location")!)).arrayBuffer()),
  };
}

describe("electron-updater feed", () => {
  it("carries sha512 (base64) and size of the stored bytes, read by electron-updater's own parser", async () => {
    const base = `${config.APP_URL}/api/v1/feeds/${slug}/stable/macOS/`;
    const info = parseUpdateInfo(
      (await feed("latest-mac.yml")).text,
      "latest-mac.yml",
      new URL("latest-mac.yml", base),
    );
    const [resolved] = resolveFiles(info, new URL(base));
    expect(info.version).toBe("1.1.0");
    expect(resolved.info.sha512).toBe(createHash("sha512").update(builds["1.1.0"]).digest("base64"));
    expect(resolved.info.size).toBe(builds["1.1.0"].length);
    expect(
      info.files.map((file) => file.url),
      "a blockmap is no update of its own",
    ).toHaveLength(1);
    const fetched = await fetchThrough(resolved.url);
    expect(createHash("sha512").update(fetched.bytes!).digest("base64")).toBe(resolved.info.sha512);
  });

  it("serves the new and the old blockmap where electron-updater looks, through the same checks", async () => {
    const base = `${config.APP_URL}/api/v1/feeds/${slug}/stable/macOS/`;
    const info = parseUpdateInfo(
      (await feed("latest-mac.yml")).text,
      "latest-mac.yml",
      new URL("latest-mac.yml", base),
    );
    const [resolved] = resolveFiles(info, new URL(base));
    // The updater's own rule: <file>.blockmap, and the old one with the old version in the path.
    const [oldMap, newMap] = (await Provider.prototype.getBlockMapFiles.call(
      null,
      resolved.url,
      "1.0.0",
      "1.1.0",
    )) as URL[];
    expect((await fetchThrough(newMap)).bytes).toEqual(builds["1.1.0.blockmap"]);
    expect((await fetchThrough(oldMap)).bytes).toEqual(builds["1.0.0.blockmap"]);
    await prisma.license.update({ where: { key }, data: { revokedAt: new Date() } });
    try {
      // Refused as the build itself is (a revoked key is nobody's), and nothing minted.
      expect((await fetchThrough(newMap)).status).toBe(401);
      expect((await fetchThrough(resolved.url)).status).toBe(401);
    } finally {
      await prisma.license.update({ where: { key }, data: { revokedAt: null } });
    }
  });
});

describe("Sparkle appcast", () => {
  const enclosures = (xml: string) =>
    [new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml).rss.channel.item]
      .flat()
      .map(
        (item: { "sparkle:version": string; enclosure: Record<string, string> }): Record<string, string> => ({
          ...item.enclosure,
          version: String(item["sparkle:version"]),
        }),
      );

  it("signs every archive with the seller's key: the signature verifies over its bytes, not a byte changed", async () => {
    const items = enclosures((await feed("appcast.xml")).text);
    expect(items.map((item) => item.version)).toEqual(["1.1.0", "1.0.0"]);
    for (const item of items) {
      const bytes = builds[item.version];
      const signature = Buffer.from(item["sparkle:edSignature"], "base64");
      expect(Number(item.length)).toBe(bytes.length);
      expect(verify(null, bytes, sparkle.publicKey, signature), item.version).toBe(true);
      const tampered = Buffer.from(bytes);
      tampered[bytes.length >> 1] ^= 0x01;
      expect(verify(null, tampered, sparkle.publicKey, signature)).toBe(false);
    }
  });

  it("stores an uploaded signature only when the key made it over these bytes", async () => {
    const product = await prisma.product.findUniqueOrThrow({ where: { slug } });
    const release = await prisma.release.create({ data: { productId: product.id, version: "1.2.0" } });
    const bytes = randomBytes(5000);
    const sent = async (filename: string) => {
      const started = await startUpload(
        {
          releaseId: release.id,
          platform: "macos_universal",
          filename,
          sizeBytes: bytes.length,
          contentType: "application/zip",
        },
        actor,
      );
      await sendParts(started, { source: bufferSource(bytes) }, actor);
      return started.fileId;
    };
    // Not a signature at all: refused before anything is read, and the upload stays open.
    const open = await sent("open.zip");
    await expect(completeUpload(open, actor, { edSignature: "not base64!" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect((await prisma.releaseFile.findUniqueOrThrow({ where: { id: open } })).status).toBe("pending");
    const right = sign(null, bytes, sparkle.privateKey).toString("base64");
    await completeUpload(open, actor, { edSignature: right });
    const stored = await prisma.releaseFile.findUniqueOrThrow({ where: { id: open } });
    expect([stored.status, stored.edSignature]).toEqual(["ready", right]);
    const signedBy = publicKeyObject(Buffer.from(stored.edSignedBy!, "base64"));
    expect(verify(null, bytes, signedBy, Buffer.from(right, "base64"))).toBe(true);
    // Another key's signature: the assembled upload fails as a whole and leaves no file behind.
    const wrongly = await sent("wrong.zip");
    const stranger = generateKeyPairSync("ed25519").privateKey;
    await expect(
      completeUpload(wrongly, actor, { edSignature: sign(null, bytes, stranger).toString("base64") }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/edSignature does not verify/),
    });
    expect(await prisma.releaseFile.findUnique({ where: { id: wrongly } })).toBeNull();
  });
});

describe("files recorded before signed feeds", () => {
  it("are re-read once: the feed gains sha512 and a signature, and its ETag changes", async () => {
    const build = await prisma.releaseFile.findFirstOrThrow({
      where: { filename: "Signed-1.1.0.zip", release: { product: { slug } } },
    });
    await prisma.releaseFile.update({
      where: { id: build.id },
      data: { sha512: null, edSignature: null, edSignedBy: null },
    });
    const before = await feed("latest-mac.yml");
    const appcastBefore = await feed("appcast.xml");
    expect(before.text).not.toContain("sha512");
    expect(enclosuresSigned(appcastBefore.text)).toBe(1);
    const report = await verifyReleaseFiles();
    expect(report.mismatched).not.toContain(build.id);
    const after = await feed("latest-mac.yml");
    expect(after.text).toContain(
      `sha512: "${createHash("sha512").update(builds["1.1.0"]).digest("base64")}"`,
    );
    expect(after.etag).not.toBe(before.etag);
    const appcastAfter = await feed("appcast.xml");
    expect(enclosuresSigned(appcastAfter.text)).toBe(2);
    expect(appcastAfter.etag).not.toBe(appcastBefore.etag);
    expect((await feed("latest-mac.yml", { "if-none-match": before.etag! })).status).toBe(200);
    recordSecurityEvidence({
      section: "supply-chain",
      title: "Signed update feeds",
      columns: ["check", "result"],
      rows: [
        ["latest-mac.yml sha512 and size, by electron-updater's parser", "equal to the stored bytes'"],
        ["appcast sparkle:edSignature over the archive's bytes", "verifies; one changed byte fails"],
        ["uploaded signature by another key", "upload removed, no file"],
        ["blockmaps (new, and the old version's) with a revoked key", "refused as the build is (401)"],
        [
          "file recorded before, after files:verify",
          `sha512 added, ETag changed; signed ${appcastAfter.text.match(/sparkle:edSignature="/g)?.length} of 2`,
        ],
      ],
    });
  });
});

const enclosuresSigned = (xml: string) => (xml.match(/sparkle:edSignature="/g) ?? []).length;
