import { randomBytes } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as latestRoute } from "../app/download/[productSlug]/latest/route";
import { grantManualEntitlement } from "../lib/dal/customers";
import type { Platform } from "../lib/platforms";
import { dispatchApiRequest } from "./support/api-routes";
import { config, createUser, prisma, s3, unique } from "./support/fixtures";

// Apps and scripts name a platform as they like; feeds and the latest link read it as one value
// of the list, and a machine gets its own build, else its system's universal one.
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));
afterAll(() => prisma.$disconnect());

const BUILDS: Platform[] = ["macos_x64", "macos_arm64", "linux_universal", "windows_x64"];
let slug: string;
let key: string;
const fileOf: Partial<Record<Platform, string>> = {};

beforeAll(async () => {
  slug = unique("archy");
  const product = await prisma.product.create({
    data: { slug, name: "Archy", tiers: { create: { name: "Standard", priceCents: 1000 } } },
  });
  const release = await prisma.release.create({
    data: {
      productId: product.id,
      version: "1.0.0",
      status: "published",
      publishedAt: new Date(),
      files: {
        create: BUILDS.map((platform) => ({
          platform,
          filename: `archy-1.0.0-${platform}.zip`,
          objectKey: `products/${slug}/1.0.0/${randomBytes(6).toString("hex")}-${platform}.zip`,
          sizeBytes: BigInt(1000),
          sha256: randomBytes(32).toString("hex"),
          status: "ready" as const,
        })),
      },
    },
    include: { files: true },
  });
  for (const file of release.files) fileOf[file.platform] = file.id;
  const entitlement = await grantManualEntitlement((await createUser()).id, product.id, "test");
  key = (await prisma.license.findUniqueOrThrow({ where: { entitlementId: entitlement!.id } })).key;
});

async function feedFiles(platform: string) {
  const url = `http://localhost/api/v1/feeds/${slug}/stable/${encodeURIComponent(platform)}`;
  const headers = { authorization: `Bearer ${key}`, "x-forwarded-for": "198.51.100.61" };
  const response = await dispatchApiRequest(new Request(url, { headers }));
  const body = await response.json();
  return response.ok
    ? {
        status: response.status,
        platform: body.platform,
        files: body.files.map((f: { platform: string }) => f.platform),
      }
    : { status: response.status, message: body.message as string };
}

describe("platforms in update feeds", () => {
  it("reads every spelling of a platform as one value", async () => {
    for (const spelling of ["Linux", "linux", "LINUX", "linux_universal", "linux-universal"])
      expect(await feedFiles(spelling), spelling).toEqual({
        status: 200,
        platform: "linux_universal",
        files: ["linux_universal"],
      });
    for (const spelling of ["darwin-arm64", "macOS (Apple silicon)", "macos_arm64", "Mac arm64"])
      expect((await feedFiles(spelling)).files, spelling).toEqual(["macos_arm64"]);
  });

  it("serves a machine its own build, else its system's universal one, never another architecture's", async () => {
    expect((await feedFiles("macos-x64")).files).toEqual(["macos_x64"]);
    expect((await feedFiles("linux-arm64")).files).toEqual(["linux_universal"]);
    // "macOS" alone, with no universal build: each architecture's, for the updater to pick by name.
    expect((await feedFiles("macOS")).files).toEqual(["macos_x64", "macos_arm64"]);
    expect((await feedFiles("windows-arm64")).status).toBe(404);
  });

  it("refuses a platform off the list with a 400 that names the list", async () => {
    for (const spelling of ["FreeBSD", "windows 32-bit", "macOS linux", "x64"]) {
      const answer = await feedFiles(spelling);
      expect(answer.status, spelling).toBe(400);
      expect(answer.message, spelling).toContain("windows_x64, windows_arm64, windows_universal");
    }
  });
});

describe("platforms in the latest link", () => {
  const latest = async (platform: string) => {
    const url = `http://localhost/download/${slug}/latest?platform=${encodeURIComponent(platform)}&key=${key}`;
    const response = await latestRoute(
      new Request(url, { headers: { "x-forwarded-for": "198.51.100.62" } }),
      {
        params: Promise.resolve({ productSlug: slug }),
      },
    );
    return {
      status: response.status,
      text: await response.text(),
      location: response.headers.get("location"),
    };
  };

  it("answers with the build that serves the platform, asks to choose when two do, refuses what is off the list", async () => {
    const arm = await prisma.releaseFile.findUniqueOrThrow({ where: { id: fileOf.macos_arm64 } });
    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: arm.objectKey, Body: "arm build" }));
    const found = await latest("darwin-arm64");
    expect(found.status, found.text).toBe(303);
    expect(await (await fetch(found.location!)).text()).toBe("arm build");
    const choose = await latest("macOS");
    expect(choose.status).toBe(400);
    expect(choose.text).toContain("macos_x64, macos_arm64");
    expect((await latest("Windows arm64")).status).toBe(404);
    const refused = await latest("Windows XP");
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("linux_universal");
  });
});
