import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { SignInPage } from "./pages/sign-in-page";
import { testDb } from "./support/db";

// A customer takes a copy of their data; an admin exports and then erases them, which signs them out.
test("a customer downloads their data and an admin erases them", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const db = testDb();
  const email = `erase-${randomBytes(4).toString("hex")}@example.com`;
  const customerPage = await (await browser.newContext()).newPage();
  await new SignInPage(customerPage).signIn(email, "/library");
  const own = await customerPage.request.get("/account/data");
  expect(own.status()).toBe(200);
  expect((await own.json()).account.email).toBe(email);
  const user = await db.user.findUniqueOrThrow({ where: { email } });

  const adminPage = await (await browser.newContext()).newPage();
  await new SignInPage(adminPage).signIn("admin@example.com", `/admin/customers/${user.id}`);
  await adminPage.goto(`/admin/customers/${user.id}`);
  const data = adminPage.getByRole("region", { name: "Data" });
  await data.scrollIntoViewIfNeeded();
  await adminPage.screenshot({ path: testInfo.outputPath("customer-data-desktop.png"), fullPage: true });
  const [download] = await Promise.all([
    adminPage.waitForEvent("download"),
    data.getByRole("link", { name: /Download this customer’s data/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^customer-${user.id}-\\d{4}-\\d{2}-\\d{2}\\.json$`),
  );
  expect(JSON.parse(readFileSync((await download.path())!, "utf8")).account.id).toBe(user.id);

  await data.getByLabel("Erasure reason").fill("erasure request by email");
  await data.getByRole("button", { name: "Erase customer" }).click();
  await adminPage.getByRole("button", { name: "Erase for good" }).click();
  await expect(data.getByRole("status")).toContainText("Erased: 1 session and 0 machines deleted");
  await adminPage.setViewportSize({ width: 390, height: 844 });
  await adminPage.screenshot({ path: testInfo.outputPath("customer-data-390.png"), fullPage: true });
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText(`erased-${user.id}@invalid`);

  // The customer's session went with the erasure.
  expect((await customerPage.request.get("/account/data")).status()).toBe(401);
  await db.$disconnect();
});
