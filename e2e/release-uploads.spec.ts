import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { demoCustomer } from "../prisma/seed/catalog";
import { AdminPages } from "./pages/admin-pages";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";
import { reportScreenshot } from "./support/report-screenshot";

const MiB = 1024 * 1024;
// Three builds of 40 MiB (five 8 MiB parts each), their bytes made the same way here and in the page.
const BUILDS = [
  { name: "Studio-3.0.0-arm64.dmg", platform: "macos_arm64", seed: 1 },
  { name: "Studio Setup 3.0.0 (x64).exe", platform: "windows_x64", seed: 2 },
  { name: "studio-3.0.0-linux-x64.tar.gz", platform: "linux_x64", seed: 3 },
];
const SIZE = 40 * MiB;
const bytesOf = (seed: number) => {
  const bytes = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i++) bytes[i] = (i * seed + (i >>> 13)) & 0xff;
  return bytes;
};
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

// Drops the files on the drop zone as a desktop would: one drop event carrying all of them.
async function dropBuilds(page: Page) {
  const dataTransfer = await page.evaluateHandle(
    ({ builds, size }) => {
      const transfer = new DataTransfer();
      for (const build of builds) {
        const bytes = new Uint8Array(size);
        for (let i = 0; i < size; i++) bytes[i] = (i * build.seed + (i >>> 13)) & 0xff;
        transfer.items.add(new File([bytes], build.name, { type: "application/octet-stream" }));
      }
      return transfer;
    },
    { builds: BUILDS, size: SIZE },
  );
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer });
}

const row = (page: Page, name: string) => page.locator(`[data-testid="upload-row"][data-filename="${name}"]`);
const percentOf = async (page: Page, name: string) =>
  Number((await row(page, name).getByTestId("upload-progress").textContent())?.match(/^(\d+)%/)?.[1] ?? 0);

test("an admin drops three builds at once, pauses and resumes one, reloads mid-upload, and all three download with the server's checksum", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const slug = `studio-${Date.now()}`;
  await new SignInPage(page).signIn("admin@example.com", "/admin");
  const admin = new AdminPages(page);
  await admin.createProduct({ name: "Studio", slug, price: "29" });
  await admin.createRelease("3.0.0", "First release");

  await dropBuilds(page);
  for (const build of BUILDS)
    await expect(row(page, build.name).getByLabel(`Platform of ${build.name}`)).toHaveValue(build.platform);
  await expect(row(page, BUILDS[0].name)).toContainText("41.9 MB");

  // A slow line (6 MiB/s up for all three), so there is time to pause and to reload mid-way.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const throttle = (bytesPerSecond: number) =>
    cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: bytesPerSecond,
    });
  await throttle(6 * MiB);
  await page.getByRole("button", { name: "Upload 3 files" }).click();
  for (const build of BUILDS) await expect(row(page, build.name).getByRole("progressbar")).toBeVisible();

  const windows = row(page, BUILDS[1].name);
  await windows.getByRole("button", { name: "Pause" }).click();
  await expect(windows.getByTestId("upload-progress")).toContainText("paused");
  await expect(windows.getByTestId("upload-progress")).not.toContainText(/\/s|left/);
  await expect.poll(() => percentOf(page, BUILDS[0].name), { timeout: 60_000 }).toBeGreaterThan(0);
  await reportScreenshot(page, "admin-upload");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("uploads-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await windows.getByRole("button", { name: "Resume" }).click();
  await expect(windows.getByTestId("upload-progress")).not.toContainText("paused");

  // Reload mid-upload: the page finds the files in this browser and continues, sending only the
  // parts the server has not recorded.
  await expect.poll(() => percentOf(page, BUILDS[2].name), { timeout: 60_000 }).toBeGreaterThan(0);
  expect(await percentOf(page, BUILDS[2].name)).toBeLessThan(100);
  await page.reload();
  const sentAfterReload: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "PUT" && new URL(request.url()).searchParams.has("partNumber"))
      sentAfterReload.push(request.url());
  });
  await throttle(-1);
  for (const build of BUILDS) await expect(row(page, build.name)).toBeVisible();
  for (const build of BUILDS)
    await expect(row(page, build.name).getByRole("status")).toContainText("Uploaded", { timeout: 120_000 });
  const totalParts = BUILDS.length * (SIZE / (8 * MiB));
  expect(sentAfterReload.length).toBeGreaterThan(0);
  expect(sentAfterReload.length, "parts sent again after the reload").toBeLessThan(totalParts);
  console.log(`parts sent after the reload: ${sentAfterReload.length} of ${totalParts}`);

  // The checksum the server computed from the bucket is the one of the bytes dropped.
  const checksums = new Map<string, string>();
  for (const build of BUILDS) {
    const shown = await row(page, build.name).getByTestId("sha256").textContent();
    expect(shown, build.name).toBe(sha256(bytesOf(build.seed)));
    checksums.set(build.name, shown!);
  }
  await page.reload();
  await expect(page.getByTestId("release-files")).not.toContainText("uploading");
  await page.getByRole("button", { name: "Publish release" }).click();
  await admin.confirm("Publish and email 0 buyers");
  await expect(page.getByText(/stable · published/)).toBeVisible();

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
  for (const build of BUILDS) {
    const download = await library.download(build.name);
    expect(sha256(readFileSync((await download.path())!)), build.name).toBe(checksums.get(build.name));
  }
  await customer.close();
});

// A build kept by the page before the queue took customers' files too (IndexedDB version 1: the
// platform beside the name) is still found after the upgrade, and the page asks for its file.
test("a build kept by the previous version of the page is still resumed", async ({ page, browser }) => {
  await new SignInPage(page).signIn("admin@example.com", "/admin");
  const admin = new AdminPages(page);
  await admin.createProduct({ name: "Kept", slug: `kept-${Date.now()}`, price: "9" });
  await admin.createRelease("1.0.0", "First release");
  const releasePath = new URL(page.url()).pathname;
  const releaseId = releasePath.split("/").pop()!;

  // A browser that never opened this version of the page: its IndexedDB is still version 1.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await new SignInPage(fresh).signIn("admin@example.com", "/admin");
  await fresh.evaluate(
    (scope) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open("downlink-uploads", 1);
        request.onupgradeneeded = () =>
          request.result.createObjectStore("builds", { keyPath: "key" }).createIndex("scope", "scope");
        request.onsuccess = () => {
          const transaction = request.result.transaction("builds", "readwrite");
          transaction.objectStore("builds").put({
            key: `${scope}/linux_x64/1234/kept-1.0.0-linux-x64.tar.gz`,
            scope,
            platform: "linux_x64",
            filename: "kept-1.0.0-linux-x64.tar.gz",
            sizeBytes: 1234,
            paused: true,
          });
          transaction.oncomplete = () => (request.result.close(), resolve());
          transaction.onerror = () => reject(transaction.error);
        };
        request.onerror = () => reject(request.error);
      }),
    `release:${releaseId}`,
  );
  await fresh.goto(releasePath);
  const kept = row(fresh, "kept-1.0.0-linux-x64.tar.gz");
  await expect(kept).toContainText("Choose kept-1.0.0-linux-x64.tar.gz again to resume it.");
  await expect(kept.getByLabel("Platform of kept-1.0.0-linux-x64.tar.gz")).toHaveValue("linux_x64");
  await context.close();
});
