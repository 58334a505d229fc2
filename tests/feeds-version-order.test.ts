// The store and the apps must agree on which release is the newest. electron-updater offers the
// version in the feed when `semver.gt(feed, installed)`; every place the store names a "latest"
// (product page, catalogue, the `latest` link, the library, the admin, the feeds) must pick that
// same release, for the orderings that hand-written comparisons get wrong.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { parseUpdateInfo } from "electron-updater/out/providers/Provider";
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getProductForAdmin } from "../lib/dal/admin-catalog";
import { getProductPage, listCatalog } from "../lib/dal/catalog";
import { grantManualEntitlement } from "../lib/dal/customers";
import { getLibraryProduct } from "../lib/dal/library";
import { findLatestFile } from "../lib/dal/releases";
import { dispatchApiRequest } from "./support/api-routes";
import { config, createUser, prisma, unique } from "./support/fixtures";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));
afterAll(() => prisma.$disconnect());

// The copy of `semver` electron-updater itself loads.
const require = createRequire(import.meta.url);
const updaterSemver = createRequire(require.resolve("electron-updater"))("semver") as typeof import("semver");
const day = 86_400_000;

// Oldest publication first: the newest version is never the one published last, so ordering by
// date would fail too.
const CASES = [
  {
    why: "pre-release identifiers compare in ASCII order",
    published: ["0.9.0", "1.0.0-alpha", "1.0.0-Beta"],
  },
  {
    why: "numeric identifiers come before alphanumeric ones",
    published: ["0.9.0", "1.0.0-rc.1e2", "1.0.0-rc.101"],
  },
  { why: "numbers compare as numbers", published: ["1.9.0-rc.1", "1.10.0", "1.9.0"] },
];

async function productWith(versions: string[]) {
  const slug = unique("ordered");
  const product = await prisma.product.create({
    data: { slug, name: `Ordered ${slug}`, tiers: { create: { name: "Standard", priceCents: 500 } } },
  });
  const fileOf: Record<string, string> = {};
  for (const [index, version] of versions.entries()) {
    const release = await prisma.release.create({
      data: {
        productId: product.id,
        version,
        status: "published",
        publishedAt: new Date(Date.now() - (versions.length - index) * day),
        files: {
          create: {
            platform: "linux_universal",
            filename: `Ordered-${version}.zip`,
            objectKey: `products/${slug}/${version}/${randomBytes(6).toString("hex")}.zip`,
            sizeBytes: BigInt(1000),
            sha256: randomBytes(32).toString("hex"),
            status: "ready",
          },
        },
      },
      include: { files: true },
    });
    fileOf[version] = release.files[0].id;
  }
  const user = await createUser();
  const entitlement = await grantManualEntitlement(user.id, product.id, "test");
  const { key } = await prisma.license.findUniqueOrThrow({ where: { entitlementId: entitlement!.id } });
  return { product, fileOf, userId: user.id, key };
}

async function feed(path: string, key: string) {
  const url = new URL(`http://localhost/api/v1/feeds/${path}`);
  const headers = {
    authorization: `Bearer ${key}`,
    "x-forwarded-for": `198.51.100.${randomBytes(3).toString("hex")}`,
  };
  const response = await dispatchApiRequest(new Request(url, { headers }));
  expect(response.status, path).toBe(200);
  return response.text();
}

describe("the newest release, as the store and electron-updater see it", () => {
  for (const { why, published } of CASES) {
    it(`agree when ${why}: ${published.join(", ")}`, async () => {
      const { product, fileOf, userId, key } = await productWith(published);
      const newestFirst = [...published].sort(updaterSemver.rcompare);
      const [newest] = newestFirst;

      const yaml = await feed(`${product.slug}/stable/Linux/latest-linux.yml`, key);
      const info = parseUpdateInfo(yaml, "latest-linux.yml", new URL(config.APP_URL));
      expect(info.version).toBe(newest);
      // An app on any other published version is offered the feed's version.
      for (const installed of published.filter((version) => version !== newest)) {
        expect(updaterSemver.gt(info.version, installed), `${info.version} > ${installed}`).toBe(true);
      }

      const appcast = new XMLParser().parse(await feed(`${product.slug}/stable/Linux/appcast.xml`, key));
      expect(
        appcast.rss.channel.item.map((item: Record<string, unknown>) => String(item["sparkle:version"])),
      ).toEqual(newestFirst);
      expect((await getProductPage(product.slug))?.latest?.version).toBe(newest);
      expect((await getProductPage(product.slug))?.releases.map((release) => release.version)).toEqual(
        newestFirst,
      );
      expect((await listCatalog()).find((item) => item.id === product.id)?.latestVersion).toBe(newest);
      expect(await findLatestFile(product.slug, "stable", "linux_universal")).toEqual({
        status: "success",
        data: fileOf[newest],
      });
      const { item: library } = (await getLibraryProduct(userId, product.slug))!;
      expect(
        library.releases.filter((release) => release.isLatest).map((release) => release.version),
      ).toEqual([newest]);
      expect(library.releases.map((release) => release.version)).toEqual(newestFirst);
      expect((await getProductForAdmin(product.id))?.releases.map((release) => release.version)).toEqual(
        newestFirst,
      );
    });
  }
});
