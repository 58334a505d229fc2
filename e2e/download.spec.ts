import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { demoCatalog, demoCustomer, demoFileBytes } from "../prisma/seed/catalog";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test("a customer signs in by email link and downloads a file whose bytes match the seeded build", async ({
  page,
}) => {
  await new SignInPage(page).signIn(demoCustomer.email);
  const library = new LibraryPage(page);
  await library.open();

  const owned = demoCatalog.find((product) => product.slug === demoCustomer.owns)!;
  const latest = owned.releases.at(-1)!;
  const file = latest.files[0];
  await expect(library.product(owned.slug)).toContainText(`v${latest.version}`);
  await expect(library.product(owned.slug)).toContainText("latest");
  await expect(page.getByTestId("library-lumen-cli")).toHaveCount(0);

  const download = await library.download(file.filename);
  expect(download.suggestedFilename()).toBe(file.filename);
  const saved = await readFile((await download.path())!);
  expect(saved.length).toBe(file.sizeBytes);
  expect(sha256(saved)).toBe(sha256(demoFileBytes(file)));
  // The link is a presigned URL on the bucket, not a route through the app.
  expect(new URL(download.url()).searchParams.get("X-Amz-Expires")).toBe("300");
});

test("signed-out visitors are sent to sign-in with a way back", async ({ page }) => {
  await page.goto("/library");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Flibrary|\/signin\?callbackUrl=\/library/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});
