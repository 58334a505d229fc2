// One file in the admin's upload queue (./upload-queue.ts), and the server calls it needs.
import { guessPlatform, type Platform } from "../platforms";
import type { CompletedFile, PartUrl, StartedUpload, UploadedPart } from "../publishing/contract";
import type { KeptBuild } from "./kept-files";
import type { UploadProgress } from "./multipart-client";
import type { UploadPhase } from "./progress-text";

export type QueuePhase = UploadPhase | "ready" | "missing";
export type QueueItem = {
  id: string;
  file: File | null; // null: kept without its bytes; the page asks for it again
  filename: string;
  sizeBytes: number;
  platform: Platform | null;
  phase: QueuePhase;
  progress: UploadProgress;
  message: string | null;
  sha256: string | null;
};

// The server side of one upload, as the page's server actions provide it.
export type UploadTransport = {
  start(build: {
    platform: Platform;
    filename: string;
    sizeBytes: number;
    contentType?: string;
  }): Promise<StartedUpload>;
  presign(fileId: string, partNumbers: number[]): Promise<PartUrl[]>;
  record(fileId: string, part: UploadedPart): Promise<void>;
  complete(fileId: string): Promise<CompletedFile>;
};

const idle = (sizeBytes: number): UploadProgress => ({
  uploadedBytes: 0,
  totalBytes: sizeBytes,
  bytesPerSecond: 0,
  secondsLeft: Infinity,
});

// A file just dropped or chosen: its platform guessed from its name, waiting for "Upload".
export const chosenItem = (id: string, file: File): QueueItem => ({
  id,
  file,
  filename: file.name,
  sizeBytes: file.size,
  platform: guessPlatform(file.name) ?? null,
  phase: "ready",
  progress: idle(file.size),
  message: null,
  sha256: null,
});

// A file this browser kept from before a reload: running uploads continue, paused ones wait, and
// one kept without its bytes waits for the admin to choose it again.
export const keptItem = (id: string, build: KeptBuild): QueueItem => ({
  id,
  file: build.file ?? null,
  filename: build.filename,
  sizeBytes: build.sizeBytes,
  platform: build.platform,
  phase: !build.file ? "missing" : build.paused ? "paused" : "queued",
  progress: idle(build.sizeBytes),
  message: build.file ? null : `Choose ${build.filename} again to resume it.`,
  sha256: null,
});
