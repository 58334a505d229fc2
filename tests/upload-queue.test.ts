import { createHash, randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  customerFileUpload,
  releaseBuildUpload,
  titleFromName,
  type BuildDetails,
  type CustomerFileDetails,
} from "../lib/browser/upload-kinds";
import { UploadQueue } from "../lib/browser/upload-queue";
import { prisma } from "./support/fixtures";
import {
  customerQueueSetUp,
  finished,
  memoryKeeper,
  releaseQueueSetUp,
  settled,
} from "./support/upload-queue-fixtures";

// The admin pages' queue, wired to the publishing services as their server actions are,
// uploading to the real bucket; only IndexedDB is an in-memory map here.
afterAll(() => prisma.$disconnect());

const MIB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("the admin's upload queue", () => {
  it("uploads several builds, at most three at a time, each with its platform and the bucket's checksum", async () => {
    const { release, transport } = await releaseQueueSetUp();
    const { kept, keeper } = memoryKeeper<BuildDetails>();
    const queue = new UploadQueue(`release:${release.id}`, releaseBuildUpload, transport, keeper, {
      concurrency: 3,
    });
    const names = ["a-win-x64.zip", "b-macos-arm64.zip", "c-linux.tar.gz", "d.dmg", "e-win-arm64.msi"];
    const bytes = names.map(() => randomBytes(MIB + 1000));
    queue.add(names.map((name, index) => new File([bytes[index]], name)));
    expect(queue.snapshot().map((item) => item.details.platform)).toEqual([
      "windows_x64",
      "macos_arm64",
      "linux_universal",
      "macos_universal",
      "windows_arm64",
    ]);
    queue.startAll();
    const items = await settled(queue, finished);
    expect(items.map((item) => [item.filename, item.phase, item.sha256])).toEqual(
      names.map((name, index) => [name, "done", sha256(bytes[index])]),
    );
    expect(transport.open.most, "uploads open at once").toBe(3);
    expect(kept.size, "finished builds are no longer kept").toBe(0);
    const files = await prisma.releaseFile.findMany({ where: { releaseId: release.id, status: "ready" } });
    expect(files.map((file) => file.platform).sort()).toEqual([
      "linux_universal",
      "macos_arm64",
      "macos_universal",
      "windows_arm64",
      "windows_x64",
    ]);
  });

  it("pauses one upload without stopping the others, and a new page resumes it from the kept file", async () => {
    const { release, transport } = await releaseQueueSetUp();
    const { kept, keeper } = memoryKeeper<BuildDetails>();
    const first = new UploadQueue(`release:${release.id}`, releaseBuildUpload, transport, keeper);
    const [big, small] = [randomBytes(64 * MIB), randomBytes(2 * MIB)];
    first.add([new File([big], "big-linux-x64.tar.gz"), new File([small], "small-linux-arm64.tar.gz")]);
    first.startAll();
    const [bigItem] = first.snapshot();
    await settled(first, (all) => all[0].progress.uploadedBytes > 0);
    first.pause(bigItem.id);
    const paused = await settled(first, (all) => all[0].phase === "paused" && all[1].phase === "done");
    expect(paused[0].progress.uploadedBytes).toBeLessThan(big.length);
    expect([...kept.values()].map((build) => [build.filename, build.details, build.paused])).toEqual([
      ["big-linux-x64.tar.gz", { platform: "linux_x64" }, true],
    ]);

    // A reloaded page: a new queue over the same kept files, the paused one waiting for Resume.
    const recordedBefore = transport.recorded();
    const second = new UploadQueue(`release:${release.id}`, releaseBuildUpload, transport, keeper);
    await second.restore();
    expect(second.snapshot().map((item) => [item.filename, item.phase])).toEqual([
      ["big-linux-x64.tar.gz", "paused"],
    ]);
    second.resume(second.snapshot()[0].id);
    const [done] = await settled(second, finished);
    expect(done).toMatchObject({ phase: "done", sha256: sha256(big) });
    const recordedAfterReload = transport.recorded() - recordedBefore;
    expect(recordedAfterReload, "parts sent after the reload, of 8").toBeLessThan(8);
    expect(recordedAfterReload).toBeGreaterThan(0);
  });

  it("uploads several files for one customer in one go, each under its own title and note", async () => {
    const { customer, transport } = await customerQueueSetUp();
    const { kept, keeper } = memoryKeeper<CustomerFileDetails>();
    const queue = new UploadQueue(`customer:${customer.id}`, customerFileUpload, transport, keeper);
    const names = ["Invoice 2026-11.pdf", "acme-sso-build.tar.gz", "licence.key"];
    const bytes = names.map(() => randomBytes(MIB / 2));
    queue.add(names.map((name, index) => new File([bytes[index]], name)));
    expect(queue.snapshot().map((item) => item.details.title)).toEqual([
      "Invoice 2026-11",
      "acme-sso-build",
      "licence",
    ]);
    const [, build, licence] = queue.snapshot();
    queue.setDetails(build.id, { title: "Custom build with your SSO patch", note: "Replaces 3.0." });
    queue.setDetails(licence.id, { title: "  " });

    // A file without a title waits, saying so; the others go.
    queue.startAll();
    expect(queue.snapshot()[2]).toMatchObject({ phase: "ready", message: expect.stringMatching(/title/) });
    queue.setDetails(licence.id, { title: "Your licence file" });
    queue.startAll();
    const items = await settled(queue, finished);
    expect(items.map((item) => [item.phase, item.sha256])).toEqual(
      bytes.map((file) => ["done", sha256(file)]),
    );
    expect(kept.size).toBe(0);
    const files = await prisma.customerFile.findMany({
      where: { userId: customer.id },
      orderBy: { filename: "asc" },
    });
    expect(files.map((file) => [file.filename, file.title, file.note, file.status, file.sha256])).toEqual([
      ["Invoice 2026-11.pdf", "Invoice 2026-11", "", "ready", sha256(bytes[0])],
      [
        "acme-sso-build.tar.gz",
        "Custom build with your SSO patch",
        "Replaces 3.0.",
        "ready",
        sha256(bytes[1]),
      ],
      ["licence.key", "Your licence file", "", "ready", sha256(bytes[2])],
    ]);
  });

  it("cancels one upload mid-way: aborted on the server, forgotten here, the others finish", async () => {
    const { customer, transport } = await customerQueueSetUp();
    const { kept, keeper } = memoryKeeper<CustomerFileDetails>();
    const queue = new UploadQueue(`customer:${customer.id}`, customerFileUpload, transport, keeper);
    const [big, small] = [randomBytes(64 * MIB), randomBytes(MIB)];
    queue.add([new File([big], "big-build.zip"), new File([small], "notes.txt")]);
    queue.startAll();
    const [bigItem] = queue.snapshot();
    await settled(queue, (all) => all[0].progress.uploadedBytes > 0);
    queue.remove(bigItem.id);
    expect(queue.snapshot().map((item) => item.filename)).toEqual(["notes.txt"]);
    await settled(queue, finished);
    // The cancelled upload's abort runs after it stopped; wait for its row to go.
    await expect
      .poll(() => prisma.customerFile.count({ where: { userId: customer.id, filename: "big-build.zip" } }))
      .toBe(0);
    const left = await prisma.customerFile.findMany({ where: { userId: customer.id } });
    expect(left.map((file) => [file.filename, file.status])).toEqual([["notes.txt", "ready"]]);
    expect(await prisma.upload.count({ where: { customerFile: { userId: customer.id } } })).toBe(1);
    expect([...kept.keys()]).toEqual([]);
  });

  it("titles a customer's file after its name, without the extension, within the title's limit", () => {
    expect(titleFromName("Studio 3.0.1 Acme.zip")).toBe("Studio 3.0.1 Acme");
    expect(titleFromName("release.tar.gz")).toBe("release");
    expect(titleFromName(".env")).toBe(".env");
    expect(titleFromName(`${"x".repeat(200)}.pdf`)).toHaveLength(120);
  });
});
