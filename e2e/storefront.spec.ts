// The store as a buyer and a seller meet it, at desktop and phone widths: the seller's own name on
// every page and email, what link previews and search engines read, pages that fit a phone, and
// the rough edges of the first visit (owners, made-up success links, forms that keep what was typed).
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { demoCatalog, demoCollector, demoCustomer, demoStore } from "../prisma/seed/catalog";
import { recordSecurityEvidence } from "../tests/support/security-evidence";
import { expect, test } from "./fixtures";
import { waitForMessage } from "./mailbox";
import { AdminPages } from "./pages/admin-pages";
import { CheckoutPage } from "./pages/checkout-page";
import { SignInPage } from "./pages/sign-in-page";
import { requestSignInEmail } from "./support/auth-http";
import { testDb } from "./support/db";
import { adminPages, customerPages, visitorPages } from "./support/store-pages";

const id = () => randomBytes(4).toString("hex");
const widthRows: (string | number)[][] = [];
test.afterAll(() => {
  recordSecurityEvidence({
    section: "accessibility",
    title: "Pages wider than the screen (390 px phone, 1280 px desktop)",
    columns: ["page", "visitor", "viewport", "page width", "fits"],
    rows: widthRows,
    counts: {
      "pages measured": widthRows.length,
      "wider than the screen": widthRows.filter((row) => row[4] !== "yes").length,
    },
  });
});

const lumen = demoCatalog.find((product) => product.slug === "lumen-cli")!;

test("the store's name from Admin → Settings is on every page and names the sender of its emails", async ({
  page,
  baseURL,
}) => {
  const db = testDb();
  const before = await db.storeSettings.findUnique({ where: { id: 1 } });
  const name = `Atelier ${id()}`;
  try {
    await new SignInPage(page).signIn("admin@example.com", "/admin/settings");
    await page.getByLabel("Store name").fill(name);
    await page.getByLabel("Support email").fill("help@atelier.example");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");
    for (const path of ["/", "/products/lumen-cli", "/library"]) {
      await page.goto(path);
      await expect(page.getByTestId("store-name"), path).toHaveText(name);
      await expect(page.getByTestId("site-footer"), path).toContainText("help@atelier.example");
      expect(await page.title(), path).toContain(name);
    }
    const reader = `reader-${id()}@example.com`;
    const asked = new Date(Date.now() - 1000);
    expect((await requestSignInEmail(baseURL!, reader)).error).toBeNull();
    const mail = await waitForMessage(reader, (message) => /Sign in/.test(message.subject), asked);
    expect(mail.subject).toBe(`Sign in to ${name}`);
    expect(mail.from).toEqual([{ address: expect.any(String), name }]);
  } finally {
    if (before) await db.storeSettings.update({ where: { id: 1 }, data: before });
    await db.$disconnect();
  }
});

test("a product page tells link previews and search engines its name, picture and price", async ({
  page,
  baseURL,
}) => {
  await page.goto("/products/lumen-cli");
  const meta = (key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).first();
  await expect(meta("og:title")).toHaveAttribute("content", "Lumen CLI");
  await expect(meta("og:description")).toHaveAttribute("content", lumen.tagline);
  // The demo seed gives Lumen CLI a wide cover, which earns the large card.
  await expect(meta("twitter:card")).toHaveAttribute("content", "summary_large_image");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    "href",
    `${baseURL}/products/lumen-cli`,
  );
  const image = await meta("og:image").getAttribute("content");
  expect(image).toMatch(new RegExp(`^${baseURL}/media/products/[0-9a-f]{16}\\.webp$`));
  const picture = await page.request.get(image!);
  expect(picture.status()).toBe(200);
  expect(picture.headers()["content-type"]).toMatch(/^image\//);

  const markup = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(markup).toMatchObject({
    "@context": "https://schema.org",
    "@type": "Product",
    name: "Lumen CLI",
    url: `${baseURL}/products/lumen-cli`,
    offers: lumen.tiers.map((tier) => ({
      "@type": "Offer",
      name: tier.name,
      price: (tier.priceCents / 100).toFixed(2),
      priceCurrency: "USD",
      availability: "https://schema.org/InStock",
    })),
  });

  const sitemap = await (await page.request.get("/sitemap.xml")).text();
  for (const product of demoCatalog) expect(sitemap).toContain(`${baseURL}/products/${product.slug}`);
  const robots = await (await page.request.get("/robots.txt")).text();
  expect(robots).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  expect(robots).toMatch(/Disallow: \/admin/);
  for (const icon of ["/favicon.ico", "/icon.svg", "/apple-touch-icon.png", "/icon-512.png"])
    expect((await page.request.get(icon)).status(), icon).toBe(200);
  const manifest = await (await page.request.get("/manifest.webmanifest")).json();
  expect(manifest.name).toBe(await page.getByTestId("store-name").textContent());
});

async function measureWidths(page: Page, visitor: string, paths: string[]) {
  const tooWide: string[] = [];
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(viewport);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(500);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      const fits = width <= viewport.width;
      widthRows.push([path, visitor, `${viewport.width} px`, `${width} px`, fits ? "yes" : "no"]);
      if (!fits) tooWide.push(`${path} as ${visitor}: ${width} px in ${viewport.width} px`);
    }
  }
  return tooWide;
}

// Walked at both widths, one visitor per test: every page each of them can reach.
test.describe("no page is wider than a phone's screen or a desktop window", () => {
  test("for a visitor", async ({ page }) => {
    const tooWide = await measureWidths(page, "visitor", visitorPages);
    expect(tooWide).toEqual([]);
  });

  test("for a customer who owns everything", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await new SignInPage(page).signIn(demoCollector.email);
    const tooWide = await measureWidths(page, "customer", customerPages);
    expect(tooWide).toEqual([]);
  });

  test("for an admin", async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await new SignInPage(page).signIn("admin@example.com", "/admin");
    expect(await measureWidths(page, "admin", await adminPages())).toEqual([]);
  });
});

test("a product save refused for one field keeps every field as typed", async ({ page }) => {
  await new SignInPage(page).signIn("admin@example.com", "/admin/products/new");
  const typed = {
    Name: `Kept ${id()}`,
    Slug: `kept-${id()}`,
    Tagline: "Everything stays",
    "Description (Markdown)": "## Still here\n\nAfter a refusal.",
    Price: "1.5", // yen have no fraction: refused
    "Download limit per purchase": "3",
    "Machines per licence key": "2",
    "Updates included (months)": "12",
  };
  for (const [label, value] of Object.entries(typed)) await page.getByLabel(label).fill(value);
  await page.getByLabel("Currency").selectOption("jpy");
  await page.getByLabel("On sale").uncheck();
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "price: " })).toBeVisible();
  for (const [label, value] of Object.entries(typed))
    await expect(page.getByLabel(label), label).toHaveValue(value);
  await expect(page.getByLabel("Currency")).toHaveValue("jpy");
  await expect(page.getByLabel("On sale")).not.toBeChecked();

  await page.getByLabel(/^Price/).fill("1500");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByRole("heading", { name: typed.Name })).toBeVisible();
  await page.getByLabel("Version").fill("not-a-version");
  await page.getByLabel("Release notes").fill("Notes worth keeping");
  await page.getByRole("button", { name: "New release" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "version" })).toBeVisible();
  await expect(page.getByLabel("Version")).toHaveValue("not-a-version");
  await expect(page.getByLabel("Release notes")).toHaveValue("Notes worth keeping");
});

test("an owner sees that they own a product, with the way to their library, instead of Buy", async ({
  page,
}) => {
  await new SignInPage(page).signIn(demoCustomer.email);
  await page.goto(`/products/${demoCustomer.owns}`);
  await expect(page.getByTestId("owned")).toContainText("You own this");
  await expect(page.getByRole("button", { name: /^Buy / })).toHaveCount(0);
  await page.getByRole("link", { name: "Open your library" }).click();
  await expect(page.getByRole("heading", { name: "Your library" })).toBeVisible();
  await page.goto("/products/lumen-cli"); // not theirs
  await expect(page.getByRole("button", { name: "Buy Lumen CLI" })).toBeVisible();
  await expect(page.getByTestId("owned")).toHaveCount(0);
});

test("a made-up or missing success link says nothing was bought; a guest buyer is told where to sign in", async ({
  page,
  browser,
}) => {
  for (const path of ["/checkout/success?session_id=cs_test_madeUp0000000000", "/checkout/success"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "No purchase found" }), path).toBeVisible();
    await expect(page.getByText(/Thank you/), path).toHaveCount(0);
  }
  const buyer = `guest-${id()}@example.com`;
  await page.goto("/products/lumen-cli");
  await page.getByRole("button", { name: "Buy Lumen CLI" }).click();
  // The checkout page carries the store's name (Stripe's branding_settings; here the local stand-in).
  await expect(page.getByText(`${demoStore.name} (local checkout)`)).toBeVisible();
  await new CheckoutPage(page).pay({ email: buyer });
  await expect(page.getByRole("heading", { name: "Thank you for your purchase" })).toBeVisible();
  await expect(page.getByTestId("sign-in-hint")).toContainText(buyer);
  const successUrl = page.url();
  await page.getByRole("link", { name: "Sign in to download" }).click();
  await expect(page.getByLabel("Email address")).toHaveValue(buyer);
  expect(page.url()).not.toContain(encodeURIComponent(buyer));
  // Another browser with the same link learns that it was paid, not who paid.
  const other = await browser.newPage();
  await other.goto(successUrl);
  await expect(other.getByRole("heading", { name: "Thank you for your purchase" })).toBeVisible();
  await expect(other.getByText(buyer)).toHaveCount(0);
  await other.goto("/signin");
  await expect(other.getByLabel("Email address")).toHaveValue("");
  await other.close();
});

test("the share-link form keeps the chosen file, and the new link is listed at once", async ({ page }) => {
  await new SignInPage(page).signIn("admin@example.com", "/admin/share");
  const file = page.getByLabel("File");
  const second = await file.locator("option").nth(1).getAttribute("value");
  const label = (await file.locator("option").nth(1).textContent())!;
  await file.selectOption(second!);
  const note = `reviewer ${id()}`;
  await page.getByLabel("Who is it for? (optional)").fill(note);
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByTestId("share-link")).toBeVisible();
  await expect(file).toHaveValue(second!);
  const recent = page.locator("section", { has: page.getByRole("heading", { name: "Recent links" }) });
  // Found by its note: links other suites made (some dated by a frozen clock) share the list.
  const created = recent.locator("li", { hasText: note });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText(label.split(" · ").at(-1)!);
});

test("publishing and yanking say what they will do before they do it", async ({ page }) => {
  const db = testDb();
  try {
    const slug = `confirm-${id()}`;
    const product = await db.product.create({
      data: { slug, name: `Confirm ${slug}`, tiers: { create: { name: "Standard", priceCents: 500 } } },
    });
    const release = await db.release.create({
      data: {
        productId: product.id,
        version: "1.0.0",
        files: {
          create: {
            platform: "linux_universal",
            filename: "confirm.tar.gz",
            objectKey: `products/${slug}/1.0.0/${id()}/confirm.tar.gz`,
            sizeBytes: 10n,
            status: "ready",
          },
        },
      },
    });
    for (const email of [`a-${id()}@example.com`, `b-${id()}@example.com`]) {
      const user = await db.user.create({ data: { email } });
      await db.entitlement.create({ data: { userId: user.id, productId: product.id, source: "manual" } });
    }
    const admin = new AdminPages(page);
    await new SignInPage(page).signIn("admin@example.com", `/admin/releases/${release.id}`);
    await page.getByRole("button", { name: "Publish release" }).click();
    await expect(page.getByRole("dialog")).toContainText("emails 2 buyers");
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText(/stable · draft/)).toBeVisible();
    expect((await db.release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("draft");
    await page.getByRole("button", { name: "Publish release" }).click();
    await admin.confirm("Publish and email 2 buyers");
    await expect(page.getByText(/stable · published/)).toBeVisible();

    await page.getByLabel("Yank reason").fill("broken build");
    await page.getByRole("button", { name: "Yank" }).click();
    await expect(page.getByRole("dialog")).toContainText("cannot be published again");
    await admin.confirm("Yank v1.0.0");
    await expect(page.getByText(/yanked: broken build/)).toBeVisible();
  } finally {
    await db.$disconnect();
  }
});
