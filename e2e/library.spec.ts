import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { reportScreenshot } from "./support/report-screenshot";
import { demoCatalog, demoCollector, demoCustomer, demoFileBytes } from "../prisma/seed/catalog";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";
import { cookieHeader, fetchLink } from "./stable-links";
import { testDb } from "./support/db";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const lumen = demoCatalog.find((product) => product.slug === "lumen-cli")!;
const lumenFile = (version: string, platform: string) =>
  lumen.releases
    .find((release) => release.version === version)!
    .files.find((file) => file.platform === platform)!;

test.describe("the library of a customer who owns several products", () => {
  test.beforeEach(async ({ page }) => {
    await new SignInPage(page).signIn(demoCollector.email);
  });

  test("shows every product newest first with the latest stable badge and a channel filter", async ({
    page,
  }) => {
    const library = new LibraryPage(page);
    await library.open();
    const lumenCard = library.product("lumen-cli");
    await expect(library.product("tessellate")).toBeVisible();
    await expect(lumenCard.locator("li span.font-mono.font-semibold")).toHaveText([
      "v1.5.0-beta.1",
      "v1.4.0",
      "v1.3.0",
    ]);
    await expect(lumenCard.getByText("latest", { exact: true })).toHaveCount(1);
    await expect(lumenCard.locator("li", { hasText: "v1.4.0" }).first()).toContainText("latest");
    await reportScreenshot(page, "library");

    await page.getByRole("link", { name: "Beta" }).click();
    await expect(lumenCard.locator("li span.font-mono.font-semibold")).toHaveText(["v1.5.0-beta.1"]);
    await expect(library.product("tessellate")).toContainText("No releases in this channel.");
  });

  test("names a downloaded file exactly as stored, spaces and non-ASCII included", async ({ page }) => {
    const library = new LibraryPage(page);
    await library.open();
    for (const filename of ["Lumen Beta 1.5.0 für macOS.pkg", "Tessellate Setup 2.1.0 (x64).exe"]) {
      const download = await library.download(filename);
      expect(download.suggestedFilename()).toBe(filename);
    }
    await page.goto("/account");
    await expect(page.getByTestId("download-history")).toContainText("Tessellate Setup 2.1.0 (x64).exe");
    await expect(page.getByTestId("download-history")).toContainText("link issued");
    await reportScreenshot(page, "account");
  });

  test("the stable latest link re-signs on every request and downloads the newest build with curl -L", async ({
    context,
    baseURL,
  }) => {
    const cookie = await cookieHeader(context);
    const first = await fetchLink(baseURL!, "/download/lumen-cli/latest?platform=linux", { cookie });
    const second = await fetchLink(baseURL!, "/download/lumen-cli/latest?platform=linux", { cookie });
    expect(first.status).toBe(303);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const [a, b] = [new URL(first.headers.get("location")!), new URL(second.headers.get("location")!)];
    expect(a.pathname).toContain("lumen-1.4.0-linux-x64.tar.gz");
    expect(a.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(b.pathname).toBe(a.pathname);

    const dir = mkdtempSync(path.join(tmpdir(), "downlink-"));
    const saved = path.join(dir, "latest.tar.gz");
    execFileSync("curl", [
      "-sfL",
      "-H",
      `Cookie: ${cookie}`,
      "-o",
      saved,
      new URL("/download/lumen-cli/latest?platform=Linux", baseURL).href,
    ]);
    expect(sha256(readFileSync(saved))).toBe(sha256(demoFileBytes(lumenFile("1.4.0", "linux_x64"))));

    const beta = await fetchLink(baseURL!, "/download/lumen-cli/latest?platform=macOS&channel=beta", {
      cookie,
    });
    expect(new URL(beta.headers.get("location")!).pathname).toContain("1.5.0");
    const ambiguous = await fetchLink(baseURL!, "/download/lumen-cli/latest", { cookie });
    expect(ambiguous.status).toBe(400);
    expect((await ambiguous.json()).message).toContain("macos_arm64, linux_x64");
  });
});

test.describe("stable links refuse", () => {
  test("visitors without a session: browsers go to sign-in and come back, scripts get 401", async ({
    page,
    baseURL,
  }) => {
    const html = await fetchLink(baseURL!, "/download/lumen-cli/latest?platform=Linux", {
      accept: "text/html",
    });
    expect(html.status).toBe(303);
    expect(html.headers.get("location")).toBe(
      `/signin?callbackUrl=${encodeURIComponent("/download/lumen-cli/latest?platform=Linux")}`,
    );
    const script = await fetchLink(baseURL!, "/download/lumen-cli/latest?platform=Linux", { accept: "*/*" });
    expect(script.status).toBe(401);
    expect(await script.json()).toMatchObject({ error: "unauthorized" });

    await page.goto("/download/lumen-cli/latest?platform=Linux");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("customers who do not own the product, and anything unknown", async ({ page, context, baseURL }) => {
    await new SignInPage(page).signIn(demoCollector.email);
    await page.goto("/library");
    const lumenFileId = await page
      .getByTestId("library-lumen-cli")
      .locator("li[data-file-id]", { hasText: "lumen-1.4.0-linux-x64.tar.gz" })
      .getAttribute("data-file-id");
    await context.clearCookies();

    await new SignInPage(page).signIn(demoCustomer.email);
    const cookie = await cookieHeader(context);
    const notOwned = await fetchLink(baseURL!, "/download/lumen-cli/latest?platform=Linux", { cookie });
    expect(notOwned.status).toBe(403);
    expect((await notOwned.json()).message).toContain("You don't own Lumen CLI");
    expect((await fetchLink(baseURL!, `/download/file/${lumenFileId}`, { cookie })).status).toBe(404);
    expect((await fetchLink(baseURL!, "/download/file/nosuchfile123", { cookie })).status).toBe(404);
    expect((await fetchLink(baseURL!, "/download/no-such-product/latest", { cookie })).status).toBe(404);
    expect((await fetchLink(baseURL!, "/download/file/..%2F..%2Fetc", { cookie })).status).toBe(400);
  });
});

test.describe("a library of many products", () => {
  const PRODUCTS = 25;
  const RELEASES = 10;
  const email = `many-${Date.now().toString(36)}@example.com`;

  // Off sale, so the store's own journeys never see them; the library shows what was bought anyway.
  test.beforeAll(async () => {
    const db = testDb();
    try {
      const tag = Date.now().toString(36);
      const user = await db.user.create({ data: { email, emailVerified: new Date() } });
      const products = await db.product.createManyAndReturn({
        data: Array.from({ length: PRODUCTS }, (_, i) => ({
          slug: `shelf-${tag}-${i}`,
          name: `Shelf item ${String(i).padStart(2, "0")}`,
          active: false,
        })),
      });
      const releases = await db.release.createManyAndReturn({
        data: products.flatMap((product) =>
          Array.from({ length: RELEASES }, (_, j) => ({
            productId: product.id,
            version: `2.${j}.0`,
            notes: `Release 2.${j}.0 brings **${j} improvements**.`,
            status: "published" as const,
            publishedAt: new Date(Date.now() - (RELEASES - j) * 86_400_000),
          })),
        ),
      });
      await db.releaseFile.createMany({
        data: releases.map((release) => ({
          releaseId: release.id,
          platform: "linux_x64" as const,
          filename: `shelf-${release.version}-linux-x64.tar.gz`,
          objectKey: `products/shelf-${tag}/${release.id}/shelf.tar.gz`,
          sizeBytes: 1234n,
          sha256: "0".repeat(64),
          status: "ready" as const,
        })),
      });
      for (const product of products)
        await db.entitlement.create({ data: { userId: user.id, productId: product.id, source: "manual" } });
    } finally {
      await db.$disconnect();
    }
  });

  test("shows a page of products with their newest releases, searches, and keeps every version one click away", async ({
    page,
  }) => {
    await new SignInPage(page).signIn(email);
    const library = await page.goto("/library");
    expect((await library!.body()).byteLength).toBeLessThan(150_000);
    const sections = page.locator("section[data-testid^='library-shelf-']");
    await expect(sections).toHaveCount(8);
    const first = sections.first();
    await expect(first.locator("li span.font-mono.font-semibold")).toHaveText(["v2.9.0", "v2.8.0", "v2.7.0"]);
    await expect(page.getByTestId("pager").first()).toContainText("Page 1 of 4");
    await page.screenshot({ path: ".data/test-results/library-many.png", fullPage: true });

    await page.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/library\?page=2$/);
    await expect(sections.first().getByRole("heading")).toHaveText("Shelf item 08");

    await page.getByLabel("Search your library").fill("item 07");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(sections).toHaveCount(1);
    await expect(page.getByTestId("library-search-result")).toContainText("1 product matching");

    await page.getByRole("link", { name: "All 10 versions of Shelf item 07" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Shelf item 07");
    await expect(sections.first().locator("li span.font-mono.font-semibold")).toHaveCount(RELEASES);
    await expect(sections.first().locator("li span.font-mono.font-semibold").last()).toHaveText("v2.0.0");
    await page.screenshot({ path: ".data/test-results/library-product.png", fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: ".data/test-results/library-product-phone.png", fullPage: true });
    await page.goto("/library");
    await page.screenshot({ path: ".data/test-results/library-many-phone.png", fullPage: true });
    const tooWide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(tooWide).toBe(false);

    // Another customer's product is not found, exactly like one that does not exist.
    const lumen = await page.goto("/library/lumen-cli");
    expect(lumen!.status()).toBe(404);

    // Signing out is a plain form post to next-auth (no next-auth browser client on any page).
    await page.goto("/library");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/");
    await page.goto("/library");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });
});
