// The admin's uploaders, caught mid-way on the demo data and put back as they were: builds
// dropped on a release and uploading (one paused), files chosen for a customer with their titles.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { capture, desktop, hideDevBadge, viewports } from "./browser.mjs";

const MiB = 1024 * 1024;
const folder = mkdtempSync(path.join(tmpdir(), "downlink-screenshots-"));
function files(specs) {
  return specs.map(([name, size]) => {
    const file = path.join(folder, name);
    writeFileSync(file, Buffer.alloc(size, name));
    return file;
  });
}
const row = (page, file) =>
  page.locator(`[data-testid="upload-row"][data-filename="${path.basename(file)}"]`);
const percent = async (page, file) =>
  Number((await row(page, file).getByTestId("upload-progress").textContent())?.match(/^(\d+)%/)?.[1] ?? 0);

// Three builds of six 8 MiB parts on a slow line, taken once each has sent its first parts (and
// the line nearly stopped, so both widths show one moment); Cancel then aborts them on the
// server, and the release keeps only its own files.
export async function releaseUpload(page, name) {
  const builds = files([
    ["Tessellate-2.2.0-arm64.dmg", 48 * MiB],
    ["Tessellate Setup 2.2.0 (x64).exe", 48 * MiB],
    ["tessellate-2.2.0-linux-x64.tar.gz", 48 * MiB],
  ]);
  await page.getByLabel("Build files").setInputFiles(builds);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const throttle = (uploadThroughput) =>
    cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput,
    });
  await throttle(8 * MiB);
  await page.getByRole("button", { name: "Upload 3 files" }).click();
  for (const build of builds) while ((await percent(page, build)) === 0) await page.waitForTimeout(250);
  await row(page, builds[1]).getByRole("button", { name: "Pause" }).click();
  await row(page, builds[1])
    .getByText(/paused/)
    .waitFor();
  await throttle(1024);
  for (const [suffix, viewport] of viewports) {
    await page.setViewportSize(viewport);
    await capture(page, name, suffix);
  }
  await page.setViewportSize(desktop);
  for (const build of builds)
    await page.getByRole("button", { name: `Cancel the upload of ${path.basename(build)}` }).click();
  await page.getByTestId("upload-row").first().waitFor({ state: "detached" });
  await throttle(-1);
}

// Two files chosen for one customer at once, one titled by hand; taken off the list afterwards.
export async function customerFiles(page, name) {
  const chosen = files([
    ["Invoice 2026-11.pdf", 84_000],
    ["Tessellate 2.1.1 Northwind SSO.zip", 3_400_000],
  ]);
  await page.getByLabel("Customer files").setInputFiles(chosen);
  const build = row(page, chosen[1]);
  await build.getByLabel(/^Title of /).fill("Custom build with your SSO patch");
  await build.getByLabel(/^Note for /).fill("Replaces 2.1.0 on every seat; keep your licence file.");
  await build.getByLabel(/^Note for /).blur();
  await hideDevBadge(page);
  for (const [suffix, viewport] of viewports) {
    await page.setViewportSize(viewport);
    await capture(page, name, suffix);
  }
  await page.setViewportSize(desktop);
  for (const file of chosen)
    await page.getByRole("button", { name: `Remove ${path.basename(file)} from the list` }).click();
}
