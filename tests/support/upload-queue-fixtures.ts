// The admin pages' upload queue (lib/browser/upload-queue.ts), wired to the publishing services
// as their server actions wire it, uploading to the real bucket; only IndexedDB is a map here.
import type { KeptUpload, UploadKeeper } from "../../lib/browser/kept-files";
import type { BuildDetails, CustomerFileDetails } from "../../lib/browser/upload-kinds";
import type { QueueItem, UploadQueue, UploadTransport } from "../../lib/browser/upload-queue";
import type { Actor } from "../../lib/publishing/contract";
import { abortUpload, completeUpload, presignParts, recordPart } from "../../lib/publishing/uploads";
import { createRelease, startCustomerFileUpload, startUpload, userActor } from "./upload-fixtures";
import { createUser } from "./fixtures";

export function memoryKeeper<Details>() {
  const kept = new Map<string, KeptUpload<Details>>();
  const keeper: UploadKeeper<Details> = {
    list: async () => [...kept.values()],
    keep: async (upload) => void kept.set(upload.key, { ...upload, scope: "test" }),
    setPaused: async (key, paused) => void (kept.has(key) && kept.set(key, { ...kept.get(key)!, paused })),
    forget: async (key) => void kept.delete(key),
  };
  return { kept, keeper };
}

// Counts the uploads open at once, and the parts recorded.
function transportFor<Details>(
  actor: Actor,
  start: UploadTransport<Details>["start"],
): UploadTransport<Details> & { open: { now: number; most: number }; recorded: () => number } {
  const open = { now: 0, most: 0 };
  let recorded = 0;
  return {
    open,
    recorded: () => recorded,
    start: async (file) => {
      open.most = Math.max(open.most, ++open.now);
      return start(file);
    },
    presign: (fileId, partNumbers) => presignParts(fileId, partNumbers, actor),
    record: (fileId, part) => (recorded++, recordPart(fileId, part, actor)),
    complete: async (fileId) => {
      open.now -= 1;
      return completeUpload(fileId, actor);
    },
    abort: async (fileId) => {
      open.now -= 1;
      await abortUpload(fileId, actor);
    },
  };
}

export async function releaseQueueSetUp() {
  const { release } = await createRelease();
  const actor = await userActor();
  const transport = transportFor<BuildDetails>(actor, ({ platform, ...file }) =>
    startUpload({ releaseId: release.id, platform: platform!, ...file }, actor),
  );
  return { release, transport };
}

export async function customerQueueSetUp() {
  const customer = await createUser();
  const actor = await userActor();
  const transport = transportFor<CustomerFileDetails>(actor, (file) =>
    startCustomerFileUpload({ userId: customer.id, ...file }, actor),
  );
  return { customer, transport };
}

// The queue's snapshot once `done` holds for it.
export const settled = <Details>(
  queue: UploadQueue<Details>,
  done: (items: QueueItem<Details>[]) => boolean,
) =>
  new Promise<QueueItem<Details>[]>((resolve) => {
    let unsubscribe = () => {};
    const check = () => {
      if (!done(queue.snapshot())) return;
      unsubscribe();
      resolve(queue.snapshot());
    };
    unsubscribe = queue.subscribe(check);
    check();
  });

export const finished = <Details>(items: QueueItem<Details>[]) =>
  items.every((item) => item.phase === "done" || item.phase === "failed");
