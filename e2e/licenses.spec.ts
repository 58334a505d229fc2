import { createPublicKey, randomBytes, verify } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { parseEnv } from "../lib/env-schema";
import { newLicenseKey } from "../lib/licensing/keys";
import { createS3Client } from "../lib/storage/client";
import { expect, test } from "./fixtures";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";
import { testDb } from "./support/db";
import { reportScreenshot } from "./support/report-screenshot";

const day = 86_400_000;
const config = parseEnv(process.env);

// A buyer of a two-release product whose update window closed ten days ago: 1.0 (60 days old) is
// theirs, 2.0 (yesterday) is locked.
async function windowedBuyer() {
  const db = testDb();
  const tag = randomBytes(4).toString("hex");
  const slug = `orbit-${tag}`;
  const product = await db.product.create({
    data: {
      slug,
      name: `Orbit ${tag}`,
      tiers: { create: { name: "Standard", priceCents: 2900, machinesPerSeat: 2, updateMonths: 12 } },
    },
    include: { tiers: true },
  });
  for (const [version, daysAgo] of [
    ["1.0.0", 60],
    ["2.0.0", 1],
  ] as const) {
    const filename = `Orbit-${version}.zip`;
    const objectKey = `products/${slug}/${version}/${tag}/${filename}`;
    await createS3Client(config).send(
      new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey, Body: `orbit ${version}` }),
    );
    await db.release.create({
      data: {
        productId: product.id,
        version,
        notes: `Orbit ${version}`,
        status: "published",
        publishedAt: new Date(Date.now() - daysAgo * day),
        files: {
          create: {
            platform: "macos_universal",
            filename,
            objectKey,
            sizeBytes: BigInt(`orbit ${version}`.length),
            status: "ready",
          },
        },
      },
    });
  }
  const email = `orbit-${tag}@example.com`;
  const user = await db.user.create({ data: { email } });
  const updatesUntil = new Date(Date.now() - 10 * day);
  const key = newLicenseKey();
  await db.entitlement.create({
    data: {
      userId: user.id,
      productId: product.id,
      tierId: product.tiers[0].id,
      source: "manual",
      updatesUntil,
      license: { create: { key } },
    },
  });
  await db.$disconnect();
  return { email, slug, key, updatesUntil };
}

test("the library shows the licence key, and releases after the update window locked with a renewal prompt", async ({
  page,
  context,
  request,
}) => {
  const buyer = await windowedBuyer();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await new SignInPage(page).signIn(buyer.email);
  const library = new LibraryPage(page);
  await library.open();
  const card = library.product(buyer.slug);

  await expect(card.getByTestId("license-key")).toHaveText(buyer.key);
  await expect(card.getByTestId("license")).toContainText("0 of 2");
  await expect(card.getByTestId("license")).toContainText("ended");
  await card.getByRole("button", { name: /Copy the licence key/ }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(buyer.key);

  const locked = card.locator("li", { hasText: "v2.0.0" }).first();
  await expect(locked.getByText("locked", { exact: true })).toBeVisible();
  await expect(locked.getByTestId("renewal-prompt")).toContainText("came out after your updates ended");
  // The renewal page of this very purchase (e2e/renewals.spec.ts renews from it).
  await expect(locked.getByRole("link", { name: /Renew/ })).toHaveAttribute(
    "href",
    /^\/account\/renew\/[a-z0-9]+$/,
  );
  await expect(locked.getByRole("button", { name: /^Download/ })).toHaveCount(0);
  const current = card.locator("li", { hasText: "v1.0.0" }).first();
  await expect(current.getByText("latest", { exact: true })).toBeVisible();
  await reportScreenshot(page, "library-licence");

  // The offline licence file: a download named for the key, verifying with the published key.
  const licenseDownload = page.waitForEvent("download");
  await card.getByTestId("license-file").click();
  const licenseFile = await licenseDownload;
  expect(licenseFile.suggestedFilename()).toBe(`${buyer.slug}-${buyer.key}.license`);
  const [header, payload, signature] = (await readFile(await licenseFile.path(), "utf8")).trim().split(".");
  const { keys } = await (await request.get("/api/v1/licenses/keys")).json();
  const { kid } = JSON.parse(Buffer.from(header, "base64url").toString());
  const published = keys.find((key: { id: string }) => key.id === kid);
  const publicKey = createPublicKey({ key: published.pem, format: "pem" });
  expect(
    verify(null, Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, "base64url")),
  ).toBe(true);
  expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toMatchObject({
    key: buyer.key,
    machine: null,
  });

  // The unlocked build downloads; the locked one is refused by its stable link too.
  const download = await library.download("Orbit-1.0.0.zip");
  expect(download.suggestedFilename()).toBe("Orbit-1.0.0.zip");
  const lockedFileId = await locked.locator("[data-file-id]").first().getAttribute("data-file-id");
  const refused = await page.request.get(`/download/file/${lockedFileId}`, { maxRedirects: 0 });
  expect(refused.status()).toBe(403);

  // What an app sees for the same key.
  const answer = await request.post("/api/v1/licenses/validate", {
    data: { key: buyer.key, product: buyer.slug },
  });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({
    valid: true,
    status: "active",
    updatesUntil: buyer.updatesUntil.toISOString(),
  });
});

test("the admin sees downloads per day, product and customer in analytics", async ({ page }) => {
  await new SignInPage(page).signIn("admin@example.com", "/admin/analytics");
  await page.goto("/admin/analytics?days=7");
  await expect(page.getByRole("heading", { name: "Downloads" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Download links issued per day/ })).toBeVisible();
  // The journeys before this one downloaded Tessellate and Lumen CLI builds.
  const topProducts = page.locator("section", { has: page.getByRole("heading", { name: "Top products" }) });
  await expect(topProducts).toContainText(/Tessellate|Lumen CLI/);
  await reportScreenshot(page, "admin-analytics");
});
