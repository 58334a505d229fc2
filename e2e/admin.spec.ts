import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { openSync, writeSync, closeSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { demoCustomer } from "../prisma/seed/catalog";
import { AdminPages } from "./pages/admin-pages";
import { SignInPage } from "./pages/sign-in-page";

const MiB = 1024 * 1024;

// A build written in 1 MiB blocks, never held in memory at once.
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

// Browser uploads of several builds at once: e2e/release-uploads.spec.ts.

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
