// Every admin page there is, on the demo data (the receipt's purchase is an order), with the
// uploaders caught mid-way (./uploads.mjs).
import { shoot, signedIn, url } from "./browser.mjs";
import { customerFiles, releaseUpload } from "./uploads.mjs";

const hrefOf = (page, selector) => page.locator(selector).first().getAttribute("href");
const open = (page, path) => page.goto(url(path), { waitUntil: "networkidle" });

export async function adminPages(email, customer) {
  const page = await signedIn(email);
  await shoot(page, "admin", "/admin");
  await shoot(page, "admin-new-product", "/admin/products/new");
  await open(page, "/admin");
  await shoot(
    page,
    "admin-product",
    await hrefOf(page, 'a[href^="/admin/products/"]:has-text("Tessellate")'),
  );
  await open(page, await hrefOf(page, 'a[href^="/admin/releases/"]'));
  await releaseUpload(page, "admin-upload");
  await shoot(page, "admin-customers", "/admin/customers");
  await open(page, `/admin/customers?q=${encodeURIComponent(customer)}`);
  await open(page, await hrefOf(page, 'a[href^="/admin/customers/"]'));
  await customerFiles(page, "admin-customer-files");
  await shoot(page, "admin-orders", "/admin/orders");
  await shoot(page, "admin-order", await hrefOf(page, 'a[href^="/admin/orders/"]:not([href*="export"])'));
  for (const section of ["discounts", "analytics", "share", "tokens", "webhooks", "settings"])
    await shoot(page, `admin-${section}`, `/admin/${section}`);
  await page.context().close();
}
