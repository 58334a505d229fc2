import { createHash, randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { BuildKeeper, KeptBuild } from "../lib/browser/kept-files";
import { UploadQueue, type QueueItem, type UploadTransport } from "../lib/browser/upload-queue";
import { completeUpload, presignParts, recordPart } from "../lib/publishing/uploads";
import { prisma } from "./support/fixtures";
import { createRelease, startUpload, userActor } from "./support/upload-fixtures";

// The admin page's queue, wired to the publishing services as its server actions are, uploading
// to the real bucket; only IndexedDB is an in-memory map here.
afterAll(() => prisma.$disconnect());

const MIB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function memoryKeeper() {
  const kept = new Map<string, KeptBuild>();
  const keeper: BuildKeeper = {
    list: async () => [...kept.values()],
    keep: async (build) => void kept.set(build.key, { ...build, scope: "test" }),
    setPaused: async (key, paused) => void (kept.has(key) && kept.set(key, { ...kept.get(key)!, paused })),
    forget: async (key) => void kept.delete(key),
  };
  return { kept, keeper };
}

async function setUp() {
  const { release } = await createRelease();
  const actor = await userActor();
  const open = { now: 0, most: 0 };
  const transport: UploadTransport = {
    start: async (build) => {
      open.most = Math.max(open.most, ++open.now);
      return startUpload({ releaseId: release.id, ...build }, actor);
    },
    presign: (fileId, partNumbers) => presignParts(fileId, partNumbers, actor),
    record: (fileId, part) => recordPart(fileId, part, actor),
    complete: async (fileId) => {
      open.now -= 1;
      return completeUpload(fileId, actor);
    },
  };
  return { release, transport, open };
}

const settled = (queue: UploadQueue, done: (items: QueueItem[]) => boolean) =>
  new Promise<QueueItem[]>((resolve) => {
    let unsubscribe = () => {};
    const check = () => {
      if (!done(queue.snapshot())) return;
      unsubscribe();
      resolve(queue.snapshot());
    };
    unsubscribe = queue.subscribe(check);
    check();
  });

describe("the admin's upload queue", () => {
  it("uploads several builds, at most three at a time, each with its platform and the bucket's checksum", async () => {
    const { release, transport, open } = await setUp();
    const { kept, keeper } = memoryKeeper();
    const queue = new UploadQueue(`release:${release.id}`, transport, keeper, { concurrency: 3 });
    const names = ["a-win-x64.zip", "b-macos-arm64.zip", "c-linux.tar.gz", "d.dmg", "e-win-arm64.msi"];
    const bytes = names.map(() => randomBytes(MIB + 1000));
    queue.add(names.map((name, index) => new File([bytes[index]], name)));
    expect(queue.snapshot().map((item) => item.platform)).toEqual([
      "windows_x64",
      "macos_arm64",
      "linux_universal",
      "macos_universal",
      "windows_arm64",
    ]);
    queue.startAll();
    const items = await settled(queue, (all) =>
      all.every((item) => item.phase === "done" || item.phase === "failed"),
    );
    expect(items.map((item) => [item.filename, item.phase, item.sha256])).toEqual(
      names.map((name, index) => [name, "done", sha256(bytes[index])]),
    );
    expect(open.most, "uploads open at once").toBe(3);
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
    const { release, transport } = await setUp();
    const { kept, keeper } = memoryKeeper();
    const first = new UploadQueue(`release:${release.id}`, transport, keeper);
    const [big, small] = [randomBytes(64 * MIB), randomBytes(2 * MIB)];
    first.add([new File([big], "big-linux-x64.tar.gz"), new File([small], "small-linux-arm64.tar.gz")]);
    first.startAll();
    const [bigItem] = first.snapshot();
    await settled(first, (all) => all[0].progress.uploadedBytes > 0);
    first.pause(bigItem.id);
    const paused = await settled(first, (all) => all[0].phase === "paused" && all[1].phase === "done");
    expect(paused[0].progress.uploadedBytes).toBeLessThan(big.length);
    expect([...kept.values()].map((build) => [build.filename, build.paused])).toEqual([
      ["big-linux-x64.tar.gz", true],
    ]);

    // A reloaded page: a new queue over the same kept files, the paused one waiting for Resume.
    let recordedAfterReload = 0;
    const counting = {
      ...transport,
      record: (...args: Parameters<UploadTransport["record"]>) => (
        recordedAfterReload++,
        transport.record(...args)
      ),
    };
    const second = new UploadQueue(`release:${release.id}`, counting, keeper);
    await second.restore();
    expect(second.snapshot().map((item) => [item.filename, item.phase])).toEqual([
      ["big-linux-x64.tar.gz", "paused"],
    ]);
    second.resume(second.snapshot()[0].id);
    const [done] = await settled(second, (all) => all[0].phase === "done" || all[0].phase === "failed");
    expect(done).toMatchObject({ phase: "done", sha256: sha256(big) });
    expect(recordedAfterReload, "parts sent after the reload, of 8").toBeLessThan(8);
    expect(recordedAfterReload).toBeGreaterThan(0);
  });
});
