// One file in an admin upload queue (./upload-queue.ts), what kind of file it is, and the server
// calls it needs. A release build and a customer's file differ only in their details.
import type { CompletedFile, PartUrl, StartedUpload, UploadedPart } from "../publishing/contract";
import type { KeptUpload } from "./kept-files";
import type { UploadProgress } from "./multipart-client";
import type { UploadPhase } from "./progress-text";

export type QueuePhase = UploadPhase | "ready" | "missing";
export type QueueItem<Details> = {
  id: string;
  file: File | null; // null: kept without its bytes; the page asks for it again
  filename: string;
  sizeBytes: number;
  details: Details;
  phase: QueuePhase;
  progress: UploadProgress;
  message: string | null;
  sha256: string | null;
  fileId: string | null; // the server's upload, once started
};

// What sets one kind of upload apart: the details a dropped file starts with, what must be
// filled in before it may start, and what else besides name and size the server resumes it by.
export type UploadKind<Details> = {
  initialDetails(file: File): Details;
  missingDetails(details: Details): string | null;
  resumeBy(details: Details): string[];
};

export type FileFields = { filename: string; sizeBytes: number; contentType?: string };

// The server side of one upload, as the page's server actions provide it.
export type UploadTransport<Details> = {
  start(file: Details & FileFields): Promise<StartedUpload>;
  presign(fileId: string, partNumbers: number[]): Promise<PartUrl[]>;
  record(fileId: string, part: UploadedPart): Promise<void>;
  complete(fileId: string): Promise<CompletedFile>;
  abort(fileId: string): Promise<void>;
};

const idle = (sizeBytes: number): UploadProgress => ({
  uploadedBytes: 0,
  totalBytes: sizeBytes,
  bytesPerSecond: 0,
  secondsLeft: Infinity,
});

// A file just dropped or chosen, waiting for "Upload".
export const chosenItem = <Details>(id: string, file: File, details: Details): QueueItem<Details> => ({
  id,
  file,
  filename: file.name,
  sizeBytes: file.size,
  details,
  phase: "ready",
  progress: idle(file.size),
  message: null,
  sha256: null,
  fileId: null,
});

// A file this browser kept from before a reload: running uploads continue, paused ones wait, and
// one kept without its bytes waits for the admin to choose it again.
export const keptItem = <Details>(id: string, kept: KeptUpload<Details>): QueueItem<Details> => ({
  id,
  file: kept.file ?? null,
  filename: kept.filename,
  sizeBytes: kept.sizeBytes,
  details: kept.details,
  phase: !kept.file ? "missing" : kept.paused ? "paused" : "queued",
  progress: idle(kept.sizeBytes),
  message: kept.file ? null : `Choose ${kept.filename} again to resume it.`,
  sha256: null,
  fileId: kept.fileId ?? null,
});
