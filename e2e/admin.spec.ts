import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { openSync, writeSync, closeSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { demoCustomer } from "../prisma/seed/catalog";
import { AdminPages } from "./pages/admin-pages";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";

const MiB = 1024 * 1024;

// A 64 MiB build written in 1 MiB blocks, never held in memory at once.
function writeBuild(sizeMiB: number) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "downlink-build-")), "Studio Setup 3.0.0.exe");
  const hash = createHash("sha256");
  const fd = openSync(file, "w");
  for (let i = 0; i < sizeMiB; i++) {
    const block = Buffer.alloc(MiB, i % 251);
    block.write(`block ${i}`);
    hash.update(block);
    writeSync(fd, block);
  }
  closeSync(fd);
  return { file, sha256: hash.digest("hex"), size: sizeMiB * MiB };
}

test("an admin uploads a 64 MiB build straight to the bucket, resumes after a reload, publishes, and a granted customer downloads it", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const build = writeBuild(64);
  const slug = `studio-${Date.now()}`;
  await new SignInPage(page).signIn("admin@example.com", "/admin");
  const admin = new AdminPages(page);
  await admin.createProduct({ name: "Studio", slug, price: "29" });
  await admin.createRelease("3.0.0", "First release");

  // Start on a throttled line (8 MiB/s up), watch progress, then reload mid-upload.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const throttle = (bytesPerSecond: number) =>
    cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: bytesPerSecond,
    });
  await throttle(8 * MiB);
  await admin.chooseFile("Windows", build.file);
  await admin.uploader().getByRole("button", { name: "Upload" }).click();
  await expect(page.getByTestId("upload-progress")).toContainText(/\d+% · .* of 64 MB/);
  await expect
    .poll(async () =>
      Number((await page.getByTestId("upload-progress").textContent())?.match(/^(\d+)%/)?.[1] ?? 0),
    )
    .toBeGreaterThan(10);
  await page.screenshot({ path: "docs/screenshots/admin-upload.png", fullPage: true });
  await page.reload();
  await throttle(-1);
  await expect(page.getByText(/was interrupted/)).toBeVisible();
  await expect(page.getByTestId("release-files")).toContainText(/uploading \(\d+\/8 parts\)/);

  await admin.chooseFile("Windows", build.file);
  await admin.uploader().getByRole("button", { name: "Upload" }).click();
  await expect(admin.uploader().getByRole("status")).toContainText(`sha256 ${build.sha256}`, {
    timeout: 120_000,
  });
  await expect(page.getByTestId("release-files")).toContainText("ready");
  await expect(page.getByTestId("release-files")).toContainText("64 MB");

  await page.getByRole("button", { name: "Publish release" }).click();
  await admin.confirm("Publish and email 0 buyers");
  await expect(page.getByText(/stable · published/)).toBeVisible();

  // Comp the product to the demo customer, who then downloads it.
  await page.goto(`/admin/customers?q=${encodeURIComponent(demoCustomer.email)}`);
  await page.getByRole("link", { name: demoCustomer.email }).click();
  await page.getByLabel("Product").selectOption({ label: "Studio" });
  await page.getByLabel("Grant reason").fill("press copy");
  await page.getByRole("button", { name: "Grant (comp)" }).click();
  await expect(page.getByTestId("entitlements")).toContainText("Studio");

  const customer = await browser.newPage();
  await new SignInPage(customer).signIn(demoCustomer.email);
  const library = new LibraryPage(customer);
  await library.open();
  const download = await library.download("Studio Setup 3.0.0.exe");
  expect(
    createHash("sha256")
      .update(readFileSync((await download.path())!))
      .digest("hex"),
  ).toBe(build.sha256);
  await customer.close();
});

test("the admin area turns away customers and visitors", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin/);
  await new SignInPage(page).signIn(demoCustomer.email, "/admin");
  await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
});

test("a CI job publishes with an API token and the CLI against the running store", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const slug = `cli-${Date.now()}`;
  await new SignInPage(page).signIn("admin@example.com", "/admin");
  await new AdminPages(page).createProduct({ name: "CLI Tool", slug, price: "9" });
  await page.goto("/admin/tokens");
  await page.getByLabel("Token name").fill("release pipeline");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").locator("code").textContent())!;
  expect(token).toMatch(/^dl_/);

  const build = writeBuild(12);
  const cli = (...args: string[]) =>
    execFileSync("npx", ["tsx", "scripts/downlink-cli.ts", ...args], {
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DOWNLINK_URL: baseURL,
        DOWNLINK_TOKEN: token,
      },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  expect(
    cli("upload", build.file, "--product", slug, "--version", "1.0.0", "--platform", "Windows"),
  ).toContain(build.sha256);
  cli("publish", slug, "1.0.0");
  const url = cli("presign", `${slug}/1.0.0/Studio Setup 3.0.0.exe`, "--expires-in", "3").trim();
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(
    createHash("sha256")
      .update(Buffer.from(await response.arrayBuffer()))
      .digest("hex"),
  ).toBe(build.sha256);
  await new Promise((resolve) => setTimeout(resolve, 4500));
  expect((await fetch(url)).status).toBe(403);

  await page.goto("/admin/tokens");
  await expect(page.locator("li", { hasText: "release pipeline" })).toContainText("last used");
});
