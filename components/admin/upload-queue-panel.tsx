"use client";

import { useState, type ReactNode } from "react";
import { uploadPercent, uploadProgressText, type UploadPhase } from "@/lib/browser/progress-text";
import type { QueueItem, UploadQueue } from "@/lib/browser/upload-queue";
import { formatBytes } from "@/lib/format";
import { Checksum } from "../checksum";
import { buttonClass } from "./form-message";

type PanelProps<Details> = {
  queue: UploadQueue<Details>;
  items: QueueItem<Details>[];
  heading: string;
  dropText: string; // "Drop build files here"
  inputLabel: string; // the file input's name, e.g. "Build files"
  // What the admin gives each file besides its bytes (a platform, a title), in its row.
  details: (item: QueueItem<Details>) => ReactNode;
};

// Drop several files at once (or choose them), each in its own row with its details, then
// upload them together: each with its progress, pause and resume, retry and cancel.
export function UploadQueuePanel<Details>({
  queue,
  items,
  heading,
  dropText,
  inputLabel,
  details,
}: PanelProps<Details>) {
  const [dragging, setDragging] = useState(false);
  const ready = items.filter((item) => item.phase === "ready").length;
  return (
    <div
      className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
      data-testid="uploader"
    >
      <h3 className="font-semibold">{heading}</h3>
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
        {dropText}, or <span className="font-medium text-indigo-700 underline">choose files</span>
        <input
          type="file"
          multiple
          aria-label={inputLabel}
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
            <UploadRow key={item.id} item={item} queue={queue}>
              {details(item)}
            </UploadRow>
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

const smallButton = "rounded px-2 py-1 text-sm text-zinc-500 hover:bg-zinc-200";

function UploadRow<Details>({
  item,
  queue,
  children,
}: {
  item: QueueItem<Details>;
  queue: UploadQueue<Details>;
  children: ReactNode;
}) {
  const percent = uploadPercent(item.progress);
  const active = item.phase === "uploading" || item.phase === "queued";
  // Before it starts or once done, ✕ only takes it off the list; between, it cancels the upload.
  const removable = item.phase === "ready" || item.phase === "done";
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
        {children}
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
        {removable ? (
          <button
            type="button"
            onClick={() => queue.remove(item.id)}
            aria-label={`Remove ${item.filename} from the list`}
            className={smallButton}
          >
            ✕
          </button>
        ) : (
          item.phase !== "verifying" && (
            <button
              type="button"
              onClick={() => queue.remove(item.id)}
              aria-label={`Cancel the upload of ${item.filename}`}
              className={smallButton}
            >
              Cancel
            </button>
          )
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
            {uploadProgressText(item.progress, item.phase as UploadPhase)}
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
