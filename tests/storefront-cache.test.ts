// What the store pages read for an anonymous visitor: the catalogue, a product page and the store's
// settings cost one round trip to PostgreSQL each while nothing changed (the counter the database
// moves with every catalogue write), and any write — by the app or behind its back — is seen by the
// very next read, on every instance, since the counter lives in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getProductPage, listCatalog } from "../lib/dal/catalog";
import { getStoreSettings } from "../lib/dal/store-settings";
import { createProductWithFile, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";
import { countRoundTrips } from "./support/statements";
import { keepStoreSettings } from "./support/store-settings";

let wire: Awaited<ReturnType<typeof countRoundTrips>>;
let restoreStoreSettings: () => Promise<void>;
beforeAll(async () => {
  wire = await countRoundTrips();
  restoreStoreSettings = await keepStoreSettings();
});
afterAll(async () => {
  await restoreStoreSettings();
  await wire.stop();
  await prisma.$disconnect();
});

describe("the store pages' data", () => {
  it("costs one round trip per read while nothing changes, and every write is seen by the next read", async () => {
    const { product, file } = await createProductWithFile();
    const [tier] = product.tiers;
    const page = () => getProductPage(product.slug);
    const listed = async () => (await listCatalog()).find((item) => item.id === product.id);

    const first = {
      catalogue: await wire.during(listed),
      product: await wire.during(page),
      settings: await wire.during(getStoreSettings),
    };
    const again = {
      catalogue: await wire.during(listed),
      product: await wire.during(page),
      settings: await wire.during(getStoreSettings),
    };
    const rows: (string | number)[][] = [
      ["first read: catalogue / product page / settings", Object.values(first).map(trips).join(" / "), "—"],
      ["read again, nothing changed", Object.values(again).map(trips).join(" / "), "—"],
    ];
    expect(again.product.value).toEqual(first.product.value);
    expect(again.catalogue.value).toEqual(first.catalogue.value);

    // Each write goes straight to the database, as another instance, the publishing API, a script
    // or psql would make it: the app hears of none of them, and the next read shows each.
    const seen = async (change: string, write: () => Promise<unknown>, check: () => Promise<boolean>) => {
      await write();
      const { value, roundTrips } = await wire.during(check);
      rows.push([change, roundTrips, value ? "yes" : "no"]);
      expect(value, change).toBe(true);
    };
    const renamed = unique("Renamed");
    await seen(
      "product renamed",
      () => prisma.product.update({ where: { id: product.id }, data: { name: renamed } }),
      async () => (await page())?.name === renamed && (await listed())?.name === renamed,
    );
    await seen(
      "tier price changed",
      () => prisma.productTier.update({ where: { id: tier.id }, data: { priceCents: 2500 } }),
      async () => (await page())?.tiers[0].priceCents === 2500 && (await listed())?.priceCents === 2500,
    );
    const release = await prisma.release.create({
      data: { productId: product.id, version: "1.1.0", status: "draft" },
    });
    await seen(
      "release published",
      () =>
        prisma.release.update({
          where: { id: release.id },
          data: { status: "published", publishedAt: new Date() },
        }),
      async () => (await page())?.latest?.version === "1.1.0" && (await listed())?.latestVersion === "1.1.0",
    );
    await seen(
      "release yanked",
      () => prisma.release.update({ where: { id: release.id }, data: { status: "yanked" } }),
      async () => (await page())?.latest?.version === "1.0.0",
    );
    await seen(
      "file made ready for another platform",
      () =>
        prisma.releaseFile.create({
          data: {
            releaseId: file.releaseId,
            platform: "windows_x64",
            filename: "setup.exe",
            objectKey: `products/${product.slug}/1.0.0/${unique("k")}/setup.exe`,
            sizeBytes: 1n,
            status: "ready",
          },
        }),
      async () => (await page())?.platforms.includes("Windows x64") ?? false,
    );
    const storeName = unique("Store");
    await seen(
      "store settings saved",
      () =>
        prisma.storeSettings.upsert({
          where: { id: 1 },
          create: { id: 1, name: storeName },
          update: { name: storeName },
        }),
      async () => (await getStoreSettings()).name === storeName,
    );
    await seen(
      "cover image added",
      () =>
        prisma.productImage.create({
          data: {
            productId: product.id,
            role: "cover",
            position: 0,
            objectKey: `media/products/${unique("cover")}.png`,
            alt: "",
            width: 64,
            height: 40,
            sizeBytes: 100,
          },
        }),
      async () => (await page())?.cover?.width === 64 && (await listed())?.cover?.width === 64,
    );
    await seen(
      "product taken off sale",
      () => prisma.product.update({ where: { id: product.id }, data: { active: false } }),
      async () => (await page()) === null && (await listed()) === undefined,
    );

    recordSecurityEvidence({
      section: "access-control",
      title: "What the store pages remember, and when they forget it",
      columns: ["read or change", "PostgreSQL round trips", "change seen by the next read"],
      rows,
      note: "Round trips counted on the wire. Every write went straight to the database, bypassing the app; a trigger moves the storefront counter in the writer's transaction.",
    });
    for (const read of Object.values(again)) expect(read.roundTrips).toBe(1);
    for (const read of Object.values(first)) expect(read.roundTrips).toBeGreaterThan(1);
  });
});

const trips = (read: { roundTrips: number }) => read.roundTrips;
