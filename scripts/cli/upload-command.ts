// `downlink upload <file> --product <slug> --version <v>`: creates the release (or reuses its
// draft), starts or resumes the file's multipart upload, sends the parts that are missing
// straight to the bucket, completes it and checks the stored SHA-256 against the local file.
import path from "node:path";
import { uploadParts } from "../../lib/browser/multipart-client";
import type {
  ApiRelease,
  CompletedFile,
  PartUrl,
  StartedUpload,
  UploadedPart,
} from "../../lib/publishing/api-types";
import { ApiError, type ApiClient } from "./api-client";
import { openFileSource, sha256OfFile } from "./file-source";
import { averageSpeed, progressLine } from "./progress";
import { sparkleSignature } from "./sparkle-sign";

export type UploadOptions = {
  file: string;
  product: string;
  version: string;
  platform: string;
  channel: "stable" | "beta";
  notes?: string;
  sparkleKeyFile?: string;
  edSignature?: string;
};

async function draftRelease(api: ApiClient, options: UploadOptions): Promise<ApiRelease> {
  try {
    const body = {
      product: options.product,
      version: options.version,
      channel: options.channel,
      notes: options.notes,
    };
    return await api.post<ApiRelease>("/releases", body);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
  }
  const existing = await api.get<ApiRelease>(
    `/products/${encodeURIComponent(options.product)}/releases/${encodeURIComponent(options.version)}`,
  );
  if (existing.status !== "draft") {
    throw new ApiError(
      409,
      "conflict",
      `${options.product} ${options.version} is already ${existing.status}; upload to a new version.`,
    );
  }
  if (existing.channel !== options.channel) {
    process.stderr.write(
      `note: the draft ${existing.version} is on the ${existing.channel} channel; --channel only applies to new releases\n`,
    );
  }
  return existing;
}

// Sends whatever parts of a started upload the bucket lacks, completes it, and checks the stored
// SHA-256 against the local file. Shared by `upload` (builds) and `attach` (customer files).
export async function sendFile(
  api: ApiClient,
  file: string,
  start: (source: { size: number }) => Promise<StartedUpload>,
  completion?: () => Promise<{ edSignature: string } | undefined>,
) {
  const source = await openFileSource(file);
  try {
    const localSha256 = sha256OfFile(file);
    localSha256.catch(() => {}); // awaited below; only an unhandled rejection would crash early
    const upload = await start(source);
    const completedParts = upload.completedParts.map((part) => part.partNumber);
    const alreadySent = upload.completedParts.reduce((sum, part) => sum + part.size, 0);
    if (completedParts.length)
      process.stderr.write(
        `resuming: ${completedParts.length} of ${upload.partCount} parts already stored\n`,
      );

    const progress = progressLine();
    const startedAt = performance.now();
    const controller = new AbortController();
    const interrupt = () => controller.abort();
    process.once("SIGINT", interrupt);
    try {
      await uploadParts({
        source,
        partSize: upload.partSize,
        partCount: upload.partCount,
        completedParts,
        signal: controller.signal,
        // The client asks for at most 100 parts at a time, the API's limit.
        getPartUrls: async (partNumbers: number[]) =>
          (await api.post<{ parts: PartUrl[] }>(`/files/${upload.fileId}/parts`, { partNumbers })).parts,
        onPartDone: async (part: UploadedPart) => {
          await api.put(`/files/${upload.fileId}/parts/${part.partNumber}`, {
            etag: part.etag,
            size: part.size,
          });
        },
        onProgress: progress.update,
      });
    } catch (error) {
      if (controller.signal.aborted) {
        throw new ApiError(
          0,
          "interrupted",
          "Upload interrupted. Run the same command again to resume where it stopped.",
        );
      }
      throw error;
    } finally {
      progress.end();
      process.off("SIGINT", interrupt);
    }
    const sent = averageSpeed(source.size - alreadySent, startedAt);

    const completed = await api.post<CompletedFile>(`/files/${upload.fileId}/complete`, await completion?.());
    if (completed.sha256 !== (await localSha256)) {
      throw new ApiError(
        0,
        "checksum_mismatch",
        `The bucket holds different bytes than ${file} now has (SHA-256 ${completed.sha256}); did the file change during the upload? Remove the file in the admin and upload again.`,
      );
    }
    return { completed, sent };
  } finally {
    await source.close();
  }
}

export const printCompleted = (completed: CompletedFile) =>
  process.stdout.write(
    `file    ${completed.fileId}\nsize    ${completed.sizeBytes}\nsha256  ${completed.sha256}\n`,
  );

export async function uploadCommand(api: ApiClient, options: UploadOptions) {
  let release: ApiRelease | undefined;
  // Signed before the upload starts: a key that cannot be read stops it before anything is sent.
  const edSignature = options.sparkleKeyFile
    ? await sparkleSignature(options.file, options.sparkleKeyFile)
    : options.edSignature;
  const start = async (source: { size: number }) => {
    release = await draftRelease(api, options);
    return api.post<StartedUpload>(`/releases/${release.id}/files`, {
      platform: options.platform,
      filename: path.basename(options.file),
      sizeBytes: source.size, // the server picks the content type from the file name
    });
  };
  const { completed, sent } = await sendFile(api, options.file, start, async () =>
    edSignature ? { edSignature } : undefined,
  );
  process.stderr.write(`uploaded ${sent} to ${release!.product} ${release!.version} (${release!.status})\n`);
  if (release!.status === "draft")
    process.stderr.write(`publish it with: downlink publish ${release!.product} ${release!.version}\n`);
  printCompleted(completed);
}
