"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useSyncExternalStore } from "react";
import { startCustomerFileUploadAction } from "@/lib/actions/admin/customer-files";
import { completeUploadAction, presignPartsAction, recordPartAction } from "@/lib/actions/admin/uploads";
import type { ActionState } from "@/lib/actions/action-state";
import { formatBytes } from "@/lib/format";
import { uploadParts } from "@/lib/browser/multipart-client";
import { uploadProgressText } from "@/lib/browser/progress-text";
import { buttonClass, inputClass } from "./form-message";

type Progress = { uploadedBytes: number; totalBytes: number; bytesPerSecond: number; secondsLeft: number };
type Pending = { filename: string; sizeBytes: number; label: string };

// A file for one customer, with a title. Release builds, several at once, have their own
// uploader (./release-uploader.tsx).
export type UploadTarget = { kind: "customer"; userId: string };

const TEXT = {
  customer: {
    heading: "Attach a file for this customer",
    label: "Title",
    placeholder: "Title, e.g. Invoice 2026-11",
    file: "Customer file",
    missing: "Give the file a title and choose it.",
  },
};

function startFor(target: UploadTarget, label: string, note: string, file: File) {
  const fields = { filename: file.name, sizeBytes: file.size, contentType: file.type || undefined };
  return startCustomerFileUploadAction({
    userId: target.userId,
    title: label,
    note: note.trim() || undefined,
    ...fields,
  });
}

function unwrap<T>(result: ActionState<T>): T {
  if (result.status === "success") return result.data;
  throw new Error(result.status === "error" ? result.message : "no answer");
}

// Bytes go from the browser straight to the bucket in parts; the server only signs part URLs
// and records each part's ETag, which is what lets a reloaded page resume.
export function FileUploader({ target }: { target: UploadTarget }) {
  const router = useRouter();
  const text = TEXT[target.kind];
  const storageKey = `downlink-upload:customer:${target.userId}`;
  const [label, setLabel] = useState("");
  const [note, setNote] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [state, setState] = useState<"idle" | "uploading" | "paused" | "hashing" | "done">("idle");
  const [message, setMessage] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  // An interrupted upload is remembered in this browser; the server keeps its parts.
  const saved = useSyncExternalStore(
    (notify) => {
      window.addEventListener("storage", notify);
      return () => window.removeEventListener("storage", notify);
    },
    () => window.localStorage.getItem(storageKey),
    () => null,
  );
  const pending = saved ? (JSON.parse(saved) as Pending) : null;

  async function run() {
    if (!file || !label.trim()) return setMessage(text.missing);
    setMessage(null);
    setState("uploading");
    controller.current = new AbortController();
    try {
      const started = unwrap(await startFor(target, label.trim(), note, file));
      window.localStorage.setItem(
        storageKey,
        JSON.stringify({ filename: file.name, sizeBytes: file.size, label: label.trim() }),
      );
      await uploadParts({
        source: { size: file.size, slice: (start, end) => file.slice(start, end) },
        partSize: started.partSize,
        partCount: started.partCount,
        completedParts: started.completedParts.map((part) => part.partNumber),
        getPartUrls: async (partNumbers) =>
          unwrap(await presignPartsAction({ fileId: started.fileId, partNumbers })),
        onPartDone: async (part) => void unwrap(await recordPartAction({ fileId: started.fileId, ...part })),
        onProgress: setProgress,
        signal: controller.current.signal,
      });
      setState("hashing");
      const done = unwrap(await completeUploadAction({ fileId: started.fileId }));
      window.localStorage.removeItem(storageKey);
      setState("done");
      const uploadedName = file.name;
      // Ready for the next file: uploading the same one again would add a second copy.
      setLabel("");
      setNote("");
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
      setMessage(`Uploaded ${uploadedName} (${formatBytes(done.sizeBytes)}) · sha256 ${done.sha256}`);
      router.refresh();
    } catch (error) {
      if (controller.current?.signal.aborted) return setState("paused");
      setState("idle");
      setMessage((error as Error).message);
    }
  }

  const percent = progress ? Math.floor((progress.uploadedBytes / progress.totalBytes) * 100) : 0;
  return (
    <div
      className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
      data-testid="uploader"
    >
      <h3 className="font-semibold">{text.heading}</h3>
      {pending && state === "idle" && (
        <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-800">
          An upload of {pending.filename} ({pending.label}) was interrupted. Choose the same file again to
          resume where it stopped.
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-[280px_1fr_auto]">
        <input
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          placeholder={text.placeholder}
          aria-label={text.label}
          className={inputClass}
        />
        <input
          ref={fileInput}
          type="file"
          aria-label={text.file}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          className="text-sm"
        />
        {state === "uploading" ? (
          <button type="button" onClick={() => controller.current?.abort()} className={buttonClass}>
            Pause
          </button>
        ) : (
          <button type="button" onClick={run} disabled={state === "hashing"} className={buttonClass}>
            {state === "paused" ? "Resume" : "Upload"}
          </button>
        )}
      </div>
      <input
        value={note}
        onChange={(event) => setNote(event.target.value)}
        placeholder="Note for the customer (optional)"
        aria-label="Note"
        className={inputClass}
      />
      {progress && state !== "done" && (
        <div className="space-y-1" aria-live="polite">
          <div
            className="h-2 overflow-hidden rounded-full bg-zinc-100"
            role="progressbar"
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div className="h-full bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
          </div>
          <p className="text-xs text-zinc-500" data-testid="upload-progress">
            {uploadProgressText(
              progress,
              state === "hashing" ? "verifying" : state === "paused" ? "paused" : "uploading",
            )}
          </p>
        </div>
      )}
      {message && (
        <p
          role={state === "done" ? "status" : "alert"}
          className={`break-all text-sm ${state === "done" ? "text-emerald-700" : "text-red-600"}`}
        >
          {message}
        </p>
      )}
    </div>
  );
}
