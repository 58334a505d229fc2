// `downlink attach <file> --customer <email> --title <title>`: uploads a file for one customer
// (with a customer-files token), resuming an interrupted upload, and checks its SHA-256.
import path from "node:path";
import type { StartedUpload } from "../../lib/publishing/api-types";
import type { ApiClient } from "./api-client";
import { printCompleted, sendFile } from "./upload-command";

export type AttachOptions = { file: string; customer: string; title: string; note?: string };

export async function attachCommand(api: ApiClient, options: AttachOptions) {
  const { completed, sent } = await sendFile(api, options.file, (source) =>
    api.post<StartedUpload>("/customers/files", {
      email: options.customer,
      title: options.title,
      ...(options.note && { note: options.note }),
      filename: path.basename(options.file),
      sizeBytes: source.size,
    }),
  );
  process.stderr.write(
    `uploaded ${sent} for ${options.customer}; they can download it from their library now\n`,
  );
  printCompleted(completed);
}
