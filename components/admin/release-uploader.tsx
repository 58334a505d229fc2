"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import {
  completeUploadAction,
  presignPartsAction,
  recordPartAction,
  startUploadAction,
} from "@/lib/actions/admin/uploads";
import { buildKeeper } from "@/lib/browser/kept-files";
import { uploadPercent, uploadProgressText } from "@/lib/browser/progress-text";
import { UploadQueue, type QueueItem } from "@/lib/browser/upload-queue";
import { formatBytes } from "@/lib/format";
import { PLATFORMS, platformChoiceLabel, type Platform } from "@/lib/platforms";
import { Checksum } from "../checksum";
import { buttonClass, inputClass } from "./form-message";

function unwrap<T>(result: ActionState<T>): T {
  if (result.status === "success") return result.data;
  throw new Error(result.status === "error" ? result.message : "no answer");
}

function queueFor(releaseId: string, onDone: () => void) {
  return new UploadQueue(
    `release:${releaseId}`,
    {
      start: async (build) => unwrap(await startUploadAction({ releaseId, ...build })),
      presign: async (fileId, partNumbers) => unwrap(await presignPartsAction({ fileId, partNumbers })),
      record: async (fileId, part) => void unwrap(await recordPartAction({ fileId, ...part })),
      complete: async (fileId) => unwrap(await completeUploadAction({ fileId })),
    },
    buildKeeper(`release:${releaseId}`),
    { concurrency: 3, onDone },
  );
}

const NO_ITEMS: QueueItem[] = [];

// Drop several builds at once, give each its platform, upload them three at a time straight to
// the bucket. Each pauses and resumes on its own; a reload resumes them from this browser's copy.
export function ReleaseUploader({ releaseId }: { releaseId: string }) {
  const router = useRouter();
  const [queue] = useState(() => queueFor(releaseId, () => router.refresh()));
  const items = useSyncExternalStore(queue.subscribe, queue.snapshot, () => NO_ITEMS);
  const [dragging, setDragging] = useState(false);
  useEffect(() => void queue.restore(), [queue]);
  const ready = items.filter((item) => item.phase === "ready").length;

  return (
    <div
      className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
      data-testid="uploader"
    >
      <h3 className="font-semibold">Upload builds</h3>
      <label
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          queue.add([...event.dataTransfer.files]);
        }}
        className={`block cursor-pointer rounded-lg border-2 border-dashed p-5 text-center text-sm ${dragging ? "border-indigo-400 bg-indigo-50" : "border-zinc-300 text-zinc-600"}`}
        data-testid="drop-zone"
      >
        Drop build files here, or <span className="font-medium text-indigo-700 underline">choose files</span>
        <input
          type="file"
          multiple
          aria-label="Build files"
          className="sr-only"
          onChange={(event) => {
            queue.add([...(event.target.files ?? [])]);
            event.target.value = "";
          }}
        />
      </label>
      {items.length > 0 && (
        <ul className="space-y-2" aria-label="Uploads">
          {items.map((item) => (
            <UploadRow key={item.id} item={item} queue={queue} />
          ))}
        </ul>
      )}
      {ready > 0 && (
        <button type="button" onClick={() => queue.startAll()} className={buttonClass}>
          Upload {ready === 1 ? "1 file" : `${ready} files`}
        </button>
      )}
    </div>
  );
}

function UploadRow({ item, queue }: { item: QueueItem; queue: UploadQueue }) {
  const percent = uploadPercent(item.progress);
  const active = item.phase === "uploading" || item.phase === "queued";
  return (
    <li
      className="space-y-2 rounded-lg bg-zinc-50 p-3"
      data-testid="upload-row"
      data-filename={item.filename}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        {/* A whole line on a phone, so the name stays readable; beside its controls from sm up. */}
        <span className="w-full break-all font-mono text-sm text-zinc-800 sm:w-auto sm:min-w-0 sm:flex-1">
          {item.filename}
        </span>
        <span className="text-sm text-zinc-500">{formatBytes(item.sizeBytes)}</span>
        <select
          value={item.platform ?? ""}
          disabled={item.phase !== "ready"}
          onChange={(event) => queue.setPlatform(item.id, (event.target.value || null) as Platform | null)}
          aria-label={`Platform of ${item.filename}`}
          className={inputClass.replace("w-full", "w-auto")}
        >
          <option value="">Platform…</option>
          {PLATFORMS.map((platform) => (
            <option key={platform} value={platform}>
              {platformChoiceLabel(platform)}
            </option>
          ))}
        </select>
        {active && (
          <button type="button" onClick={() => queue.pause(item.id)} className={buttonClass}>
            Pause
          </button>
        )}
        {(item.phase === "paused" || item.phase === "failed") && (
          <button type="button" onClick={() => queue.resume(item.id)} className={buttonClass}>
            {item.phase === "failed" ? "Retry" : "Resume"}
          </button>
        )}
        {!active && item.phase !== "verifying" && (
          <button
            type="button"
            onClick={() => queue.remove(item.id)}
            aria-label={`Remove ${item.filename} from the list`}
            className="rounded px-2 py-1 text-sm text-zinc-500 hover:bg-zinc-200"
          >
            ✕
          </button>
        )}
      </div>
      {item.phase !== "ready" && item.phase !== "missing" && item.phase !== "done" && (
        <div aria-live="polite" className="space-y-1">
          <div
            className="h-2 overflow-hidden rounded-full bg-zinc-200"
            role="progressbar"
            aria-label={`${item.filename} uploaded`}
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div className="h-full bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
          </div>
          <p className="text-xs text-zinc-500" data-testid="upload-progress">
            {uploadProgressText(item.progress, item.phase as Parameters<typeof uploadProgressText>[1])}
          </p>
        </div>
      )}
      {item.phase === "done" && item.sha256 && (
        <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-emerald-700">
          Uploaded · <Checksum value={item.sha256} />
        </p>
      )}
      {item.message && (
        <p role={item.phase === "missing" ? "status" : "alert"} className="break-words text-sm text-red-600">
          {item.message}
        </p>
      )}
    </li>
  );
}
