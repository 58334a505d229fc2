// The two kinds of file an admin uploads from the browser, for ./upload-queue.ts.
import { guessPlatform, type Platform } from "../platforms";
import { CUSTOMER_FILE_TITLE_MAX } from "../schemas/limits";
import type { UploadKind } from "./queue-items";

// A release build: its platform guessed from its name and changeable until it starts. The
// server resumes a build by release, platform, name and size.
export type BuildDetails = { platform: Platform | null };
export const releaseBuildUpload: UploadKind<BuildDetails> = {
  initialDetails: (file) => ({ platform: guessPlatform(file.name) ?? null }),
  missingDetails: (details) => (details.platform ? null : "Choose the platform this build is for."),
  resumeBy: (details) => [details.platform ?? ""],
};

// A file for one customer: a title they will read (the file's name until the admin writes one)
// and an optional note. The server resumes it by customer, name and size.
export type CustomerFileDetails = { title: string; note: string };
export const customerFileUpload: UploadKind<CustomerFileDetails> = {
  initialDetails: (file) => ({ title: titleFromName(file.name), note: "" }),
  missingDetails: (details) => (details.title.trim() ? null : "Give the file a title the customer will see."),
  resumeBy: () => [],
};

// "Invoice 2026-11.pdf" → "Invoice 2026-11"; "acme-build.tar.gz" → "acme-build".
export function titleFromName(filename: string): string {
  const stem = filename.replace(/(\.tar)?\.[A-Za-z0-9]{1,5}$/, "").trim() || filename;
  return stem.slice(0, CUSTOMER_FILE_TITLE_MAX);
}
