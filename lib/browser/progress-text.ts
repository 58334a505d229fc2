// What the admin uploader says about one file's progress. A paused upload moves no bytes, so it
// shows how far it got and no speed or time left (the last ones measured would be stale).
import { formatBytes, formatSpeed } from "../format";
import type { UploadProgress } from "./multipart-client";

export type UploadPhase = "queued" | "uploading" | "paused" | "verifying" | "done" | "failed";

export function uploadPercent(progress: Pick<UploadProgress, "uploadedBytes" | "totalBytes">) {
  return progress.totalBytes ? Math.floor((progress.uploadedBytes / progress.totalBytes) * 100) : 0;
}

export function uploadProgressText(progress: UploadProgress, phase: UploadPhase): string {
  const sent = `${uploadPercent(progress)}% · ${formatBytes(progress.uploadedBytes)} of ${formatBytes(progress.totalBytes)}`;
  if (phase === "paused") return `${sent} · paused`;
  if (phase === "queued") return `${sent} · waiting for a free slot`;
  if (phase === "verifying") return "Verifying: computing the SHA-256 in the bucket…";
  if (phase !== "uploading") return sent;
  const measured = progress.bytesPerSecond > 0 && Number.isFinite(progress.secondsLeft);
  return measured
    ? `${sent} · ${formatSpeed(progress.bytesPerSecond)} · ${Math.ceil(progress.secondsLeft)} s left`
    : `${sent} · measuring speed…`;
}
