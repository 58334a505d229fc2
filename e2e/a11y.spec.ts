import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { demoCatalog, demoCustomer } from "../prisma/seed/catalog";
import { recordSecurityEvidence } from "../tests/support/security-evidence";
import { expect, test } from "./fixtures";
import { latestMagicLink } from "./mailbox";
import { SignInPage } from "./pages/sign-in-page";
import { tabTo } from "./support/keyboard";
import { adminPages, customerPages, visitorPages } from "./support/store-pages";

const impacts = ["critical", "serious", "moderate", "minor"] as const;
const scanRows: (string | number)[][] = [];
const keyboardRows: (string | number)[][] = [];

test.afterAll(() => {
  recordSecurityEvidence({
    section: "accessibility",
    title: "axe-core scan per page (WCAG 2.1 A and AA)",
    columns: ["page", "visitor", ...impacts, "rules"],
    rows: scanRows,
    counts: {
      "pages scanned": scanRows.length,
      "serious or critical violations": scanRows.reduce(
        (sum, row) => sum + Number(row[2]) + Number(row[3]),
        0,
      ),
    },
  });
  recordSecurityEvidence({
    section: "accessibility",
    title: "Journeys by keyboard alone",
    columns: ["journey", "step", "Tab presses", "focus visible"],
    rows: keyboardRows,
  });
});

async function scan(page: Page, path: string, visitor: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const count = (impact: string) =>
    violations.filter((violation) => violation.impact === impact).reduce((sum, v) => sum + v.nodes.length, 0);
  scanRows.push([
    path,
    visitor,
    ...impacts.map(count),
    violations.map((violation) => violation.id).join(", ") || "—",
  ]);
  const blocking = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join("; ")})`,
    );
  expect(blocking, `${path} as ${visitor}`).toEqual([]);
}

test("store, product, sign-in and check-email pages have no serious or critical violations", async ({
  page,
}) => {
  for (const path of visitorPages) await scan(page, path, "visitor");
});

test("library, account and checkout success of a signed-in customer", async ({ page }) => {
  await new SignInPage(page).signIn(demoCustomer.email);
  for (const path of customerPages) await scan(page, path, "customer");
});

test("every admin page", async ({ page }) => {
  await new SignInPage(page).signIn("admin@example.com", "/admin");
  for (const path of await adminPages()) await scan(page, path, "admin");
});

async function signInByKeyboard(page: Page, email: string, journey: string) {
  const step = async (name: string, target: ReturnType<Page["getByRole"]>) => {
    keyboardRows.push([journey, name, await tabTo(page, target), "yes"]);
    await page.keyboard.press("Enter");
  };
  await page.goto("/");
  await step("Sign in link", page.getByRole("link", { name: "Sign in" }));
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const requested = new Date(Date.now() - 1000);
  keyboardRows.push([journey, "email field", await tabTo(page, page.getByLabel("Email address")), "yes"]);
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  // The link arrives by email; opening it is the mail client's part.
  await page.goto(await latestMagicLink(email, requested));
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  return step;
}

test("by keyboard alone: a customer signs in, opens the library and downloads", async ({ page }) => {
  const step = await signInByKeyboard(page, demoCustomer.email, "customer downloads");
  await step("Library link", page.getByRole("link", { name: "Library", exact: true }));
  await expect(page.getByRole("heading", { name: "Your library" })).toBeVisible();
  const tessellate = demoCatalog.find((product) => product.slug === demoCustomer.owns)!;
  const file = tessellate.releases.at(-1)!.files[0];
  const button = page.getByRole("button", { name: `Download ${file.filename}` });
  keyboardRows.push([
    "customer downloads",
    `Download ${file.filename}`,
    await tabTo(page, button, 80),
    "yes",
  ]);
  const download = page.waitForEvent("download");
  await page.keyboard.press("Enter");
  expect((await download).suggestedFilename()).toBe(file.filename);
});

test("by keyboard alone: an admin creates a product", async ({ page }) => {
  const step = await signInByKeyboard(page, "admin@example.com", "admin creates a product");
  await step("Admin link", page.getByRole("link", { name: "Admin", exact: true }));
  await expect(page.getByRole("heading", { name: "Products" })).toBeVisible();
  await step("New product link", page.getByRole("link", { name: "New product" }));
  await expect(page.getByRole("heading", { name: "New product" })).toBeVisible();
  const name = `Keys ${Date.now()}`;
  for (const [label, value] of [
    ["Name", name],
    ["Slug", `keys-${Date.now()}`],
    ["Price", "12"],
  ]) {
    keyboardRows.push([
      "admin creates a product",
      `${label} field`,
      await tabTo(page, page.getByLabel(label)),
      "yes",
    ]);
    await page.keyboard.type(value);
  }
  // Kept off the store, so the journeys after this one see the catalogue they expect.
  const onSale = page.getByLabel("On sale");
  keyboardRows.push(["admin creates a product", "On sale checkbox", await tabTo(page, onSale), "yes"]);
  await page.keyboard.press("Space");
  await expect(onSale).not.toBeChecked();
  await step("Create product button", page.getByRole("button", { name: "Create product" }));
  await expect(page.getByRole("heading", { name })).toBeVisible();
});
