// An admin gives a product a cover and screenshots, reorders and removes one; the store's card and
// the product page show them (measured, lazy below the fold), and the share tags name the cover.
import path from "node:path";
import { expect, test } from "./fixtures";
import { AdminPages } from "./pages/admin-pages";
import { SignInPage } from "./pages/sign-in-page";

const seedImage = (name: string) => path.resolve(import.meta.dirname, "../prisma/seed/media", `${name}.webp`);
const shots = path.resolve(import.meta.dirname, "../.data/test-results/product-media");

test("an admin adds a cover and screenshots, reorders and removes one, and the store shows them", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const slug = `prism-${Date.now()}`;
  await new SignInPage(page).signIn("admin@example.com", "/admin");
  await new AdminPages(page).createProduct({ name: "Prism", slug, price: "29" });

  const cover = page.getByRole("form", { name: "Cover image" });
  await cover.getByLabel("Cover image").setInputFiles(seedImage("tessellate-cover"));
  await cover.getByRole("button", { name: "Upload cover" }).click();
  await expect(cover.getByRole("status")).toHaveText("Cover saved.");

  const screenshots = page.getByRole("list", { name: "Screenshots" });
  const addShot = page.getByRole("form", { name: "Add a screenshot" });
  const shotAlts = ["The pattern editor", "Exporting a tile", "Dark mode"];
  for (const [index, alt] of shotAlts.entries()) {
    await addShot
      .getByLabel("Screenshot")
      .setInputFiles(seedImage(["tessellate-editor", "tessellate-export", "tessellate-dark"][index]));
    await addShot.getByLabel("Alt text").fill(alt);
    await addShot.getByRole("button", { name: "Add screenshot" }).click();
    await expect(screenshots.getByRole("listitem")).toHaveCount(index + 1);
  }
  // A screenshot without words for people who cannot see it is refused by the form itself.
  await addShot.getByLabel("Screenshot").setInputFiles(seedImage("lumen-query"));
  await addShot.getByRole("button", { name: "Add screenshot" }).click();
  await expect(addShot.getByLabel("Alt text")).toHaveJSProperty("validity.valueMissing", true);

  await page.getByRole("button", { name: "Move “Dark mode” earlier" }).click();
  await expect(screenshots.getByRole("img").nth(1)).toHaveAttribute("alt", "Dark mode");
  await page.getByRole("button", { name: "Remove “Exporting a tile”" }).click();
  await new AdminPages(page).confirm("Remove the screenshot");
  await expect(screenshots.getByRole("listitem")).toHaveCount(2);
  await page.screenshot({ path: `${shots}/admin-desktop.png`, fullPage: true });

  await page.goto("/");
  const card = page.getByRole("link", { name: /Prism/ });
  const cardCover = card.getByTestId("card-cover");
  await expect(cardCover).toHaveAttribute("alt", "Prism");
  await expect(cardCover).toHaveAttribute("width", "1200");
  await expect(cardCover).toHaveAttribute("height", "630");
  await cardCover.scrollIntoViewIfNeeded();
  await expect.poll(() => cardCover.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1200);

  await card.click();
  await expect(page.getByRole("heading", { level: 1, name: "Prism" })).toBeVisible();
  const productCover = page.getByTestId("product-cover");
  const coverUrl = (await productCover.getAttribute("src"))!;
  expect(coverUrl).toMatch(/^\/media\/products\/[0-9a-f]{16}\.webp$/);
  const gallery = page.getByTestId("gallery").getByRole("img");
  await expect(gallery).toHaveCount(2);
  expect(await gallery.evaluateAll((images) => images.map((image) => image.getAttribute("alt")))).toEqual([
    "The pattern editor",
    "Dark mode",
  ]);
  for (const image of await gallery.all()) {
    await expect(image).toHaveAttribute("loading", "lazy");
    await expect(image).toHaveAttribute("width", "1240");
    await expect(image).toHaveAttribute("height", "760");
  }
  const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(new URL(ogImage!).pathname).toBe(coverUrl);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd.image.map((url: string) => new URL(url).pathname)[0]).toBe(coverUrl);
  expect(jsonLd.image).toHaveLength(3);

  await gallery.last().scrollIntoViewIfNeeded();
  await expect
    .poll(() => gallery.last().evaluate((image: HTMLImageElement) => image.naturalWidth))
    .toBe(1240);
  await page.screenshot({ path: `${shots}/product-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${shots}/product-phone.png`, fullPage: true });
  await page.goto("/");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${shots}/store-phone.png`, fullPage: true });
});
