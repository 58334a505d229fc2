"use client";

// An admin page's upload queue (lib/browser/upload-queue.ts) over its server actions. Only
// starting differs between a release build and a customer's file; parts, completion and abort go
// through the same actions for both.
import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import {
  abortUploadAction,
  completeUploadAction,
  presignPartsAction,
  recordPartAction,
} from "@/lib/actions/admin/uploads";
import { uploadKeeper } from "@/lib/browser/kept-files";
import type { FileFields, UploadKind, UploadTransport } from "@/lib/browser/queue-items";
import { UploadQueue } from "@/lib/browser/upload-queue";
import type { StartedUpload } from "@/lib/publishing/contract";

function unwrap<T>(result: ActionState<T>): T {
  if (result.status === "success") return result.data;
  throw new Error(result.status === "error" ? result.message : "no answer");
}

type StartAction<Details> = (file: Details & FileFields) => Promise<ActionState<StartedUpload>>;

function actionTransport<Details>(start: StartAction<Details>): UploadTransport<Details> {
  return {
    start: async (file) => unwrap(await start(file)),
    presign: async (fileId, partNumbers) => unwrap(await presignPartsAction({ fileId, partNumbers })),
    record: async (fileId, part) => void unwrap(await recordPartAction({ fileId, ...part })),
    complete: async (fileId) => unwrap(await completeUploadAction({ fileId })),
    abort: async (fileId) => void unwrap(await abortUploadAction({ fileId })),
  };
}

const NO_ITEMS: never[] = [];

// One queue per page and `scope` (the release or customer the files go to), three files at a
// time. The page's server data refreshes whenever the server's list of files changed, and what
// this browser kept from before a reload resumes.
export function useUploadQueue<Details>(
  scope: string,
  kind: UploadKind<Details>,
  start: StartAction<Details>,
) {
  const router = useRouter();
  const [queue] = useState(
    () =>
      new UploadQueue(scope, kind, actionTransport(start), uploadKeeper<Details>(scope), {
        concurrency: 3,
        onFilesChanged: () => router.refresh(),
      }),
  );
  const items = useSyncExternalStore(queue.subscribe, queue.snapshot, () => NO_ITEMS);
  useEffect(() => void queue.restore(), [queue]);
  return [queue, items] as const;
}
