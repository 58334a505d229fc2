import { randomBytes } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { parseEnv } from "../lib/env-schema";
import { newLicenseKey } from "../lib/licensing/keys";
import { createS3Client } from "../lib/storage/client";
import { expect, test } from "./fixtures";
import { CheckoutPage } from "./pages/checkout-page";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";
import { testDb } from "./support/db";

const day = 86_400_000;
const config = parseEnv(process.env);
const sizes = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

// A Personal buyer (renews for $24.50, upgradable to Team) whose updates ended ten days ago:
// 1.0 (60 days old) is theirs, 2.0 (yesterday) is locked.
async function lapsedBuyer() {
  const db = testDb();
  const tag = randomBytes(4).toString("hex");
  const slug = `meridian-${tag}`;
  const product = await db.product.create({
    data: {
      slug,
      name: `Meridian ${tag}`,
      tiers: {
        create: [
          {
            name: "Personal",
            priceCents: 4900,
            renewalPriceCents: 2450,
            machinesPerSeat: 3,
            updateMonths: 12,
            autoRenew: true,
          },
          {
            name: "Team",
            priceCents: 3900,
            renewalPriceCents: 1950,
            machinesPerSeat: 3,
            updateMonths: 12,
            perSeat: true,
            minSeats: 2,
            maxSeats: 50,
            position: 1,
          },
        ],
      },
    },
    include: { tiers: { orderBy: { position: "asc" } } },
  });
  const bodies: Record<string, string> = {};
  for (const [version, daysAgo] of [
    ["1.0.0", 60],
    ["2.0.0", 1],
  ] as const) {
    const filename = `Meridian-${version}.zip`;
    const objectKey = `products/${slug}/${version}/${tag}/${filename}`;
    bodies[filename] = `meridian ${version} ${tag}`;
    await createS3Client(config).send(
      new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey, Body: bodies[filename] }),
    );
    await db.release.create({
      data: {
        productId: product.id,
        version,
        notes: `Meridian ${version}`,
        status: "published",
        publishedAt: new Date(Date.now() - daysAgo * day),
        files: {
          create: {
            platform: "macos_universal",
            filename,
            objectKey,
            sizeBytes: BigInt(bodies[filename].length),
            status: "ready",
          },
        },
      },
    });
  }
  const email = `meridian-${tag}@example.com`;
  const user = await db.user.create({ data: { email } });
  const key = newLicenseKey();
  const entitlement = await db.entitlement.create({
    data: {
      userId: user.id,
      purchaseEmail: email,
      productId: product.id,
      tierId: product.tiers[0].id,
      source: "manual",
      updatesUntil: new Date(Date.now() - 10 * day),
      license: { create: { key } },
    },
  });
  await db.$disconnect();
  return { email, slug, key, entitlementId: entitlement.id, bodies };
}

test("a buyer whose updates ended renews from the locked release's prompt and downloads it with the same key", async ({
  page,
}, testInfo) => {
  const buyer = await lapsedBuyer();
  await new SignInPage(page).signIn(buyer.email);
  const library = new LibraryPage(page);
  await library.open();
  const card = library.product(buyer.slug);
  const locked = card.locator("li", { hasText: "v2.0.0" }).first();
  await expect(locked.getByText("locked", { exact: true })).toBeVisible();
  await expect(locked.getByRole("button", { name: /^Download/ })).toHaveCount(0);

  await locked.getByRole("link", { name: /Renew/ }).click();
  await expect(page).toHaveURL(`/account/renew/${buyer.entitlementId}`);
  await expect(page.getByTestId("renewal-price")).toHaveText("$24.50");
  await expect(page.getByTestId("renewal-terms")).toContainText(buyer.key);
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: testInfo.outputPath(`renewal-${size.name}.png`), fullPage: true });
  }
  await page.setViewportSize(sizes[0]);

  await page.getByRole("button", { name: "Renew for $24.50" }).click();
  await new CheckoutPage(page).pay({ email: buyer.email });
  await expect(page.getByTestId("checkout-state")).toHaveAttribute("data-state", "confirmed");
  await page.getByRole("link", { name: "Go to your library" }).click();

  const renewed = library.product(buyer.slug).locator("li", { hasText: "v2.0.0" }).first();
  await expect(renewed.getByText("locked", { exact: true })).toHaveCount(0);
  await expect(library.product(buyer.slug).getByTestId("license-key")).toHaveText(buyer.key);
  const download = await library.download("Meridian-2.0.0.zip");
  expect(download.suggestedFilename()).toBe("Meridian-2.0.0.zip");
  const path = await download.path();
  const { readFile } = await import("node:fs/promises");
  expect(await readFile(path, "utf8")).toBe(buyer.bodies["Meridian-2.0.0.zip"]);

  // The same purchase can move up to Team from its upgrade page.
  await page.goto(`/account/upgrade/${buyer.entitlementId}`);
  const team = page.getByRole("form", { name: "Team" });
  await expect(team.getByRole("button", { name: "Upgrade to Team" })).toBeVisible();
  await expect(team.getByTestId("upgrade-price")).toHaveText(/^\$\d+\.\d\d$/);
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: testInfo.outputPath(`upgrade-${size.name}.png`), fullPage: true });
  }
});
