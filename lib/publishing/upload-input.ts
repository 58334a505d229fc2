// Checks what a publisher asks to upload before anything touches the database or the bucket.
// The file name becomes the last segment of the object key and the name customers save.
import type { StartUploadInput } from "./contract";
import { MAX_OBJECT_BYTES } from "./part-size";
import { ResultError } from "../result";

export type UploadRequest = Required<StartUploadInput>;

// C0/C1 controls, plus the bidirectional overrides that make "evil‮fdp.exe" look like a PDF.
const CONTROL_OR_BIDI = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const MIME_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/;

const TYPES_BY_EXTENSION: Record<string, string> = {
  zip: "application/zip",
  gz: "application/gzip",
  tgz: "application/gzip",
  xz: "application/x-xz",
  bz2: "application/x-bzip2",
  "7z": "application/x-7z-compressed",
  tar: "application/x-tar",
  dmg: "application/x-apple-diskimage",
  pkg: "application/vnd.apple.installer+xml",
  exe: "application/vnd.microsoft.portable-executable",
  msi: "application/x-msi",
  deb: "application/vnd.debian.binary-package",
  rpm: "application/x-rpm",
  appimage: "application/vnd.appimage",
  apk: "application/vnd.android.package-archive",
  jar: "application/java-archive",
  pdf: "application/pdf",
  txt: "text/plain",
  json: "application/json",
};

export function contentTypeFor(filename: string): string {
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (extension && TYPES_BY_EXTENSION[extension]) ?? "application/octet-stream";
}

const invalid = (message: string) => new ResultError("invalid_input", message);

function checkFilename(filename: unknown): string {
  if (typeof filename !== "string" || filename.length === 0) throw invalid("Give the file a name.");
  if (filename.length > 200) throw invalid("The file name is longer than 200 characters.");
  if (/[/\\]/.test(filename))
    throw invalid(`The file name "${filename}" contains / or \\; give a plain name without folders.`);
  if (CONTROL_OR_BIDI.test(filename))
    throw invalid("The file name contains control or text-direction characters.");
  if (!filename.isWellFormed()) throw invalid("The file name is not valid Unicode text.");
  if (/^\.+$/.test(filename)) throw invalid(`"${filename}" is not a file name.`);
  if (filename.trim() !== filename) throw invalid("The file name must not start or end with a space.");
  return filename;
}

function checkPlatform(platform: unknown): string {
  const value = typeof platform === "string" ? platform.trim() : "";
  if (value.length === 0) throw invalid("Name the platform, e.g. Linux, macOS or Windows.");
  if (value.length > 50) throw invalid("The platform name is longer than 50 characters.");
  if (CONTROL_OR_BIDI.test(value)) throw invalid("The platform name contains control characters.");
  return value;
}

function checkSize(sizeBytes: unknown): number {
  if (typeof sizeBytes !== "number" || !Number.isSafeInteger(sizeBytes))
    throw invalid("sizeBytes must be a whole number of bytes.");
  if (sizeBytes <= 0) throw invalid("The file is empty: there is nothing to publish.");
  if (sizeBytes > MAX_OBJECT_BYTES)
    throw invalid("The file is larger than 5 TiB, the largest object S3 can store.");
  return sizeBytes;
}

export type FileFields = { filename: string; sizeBytes: number; contentType: string };

// The name, size and type of any uploaded file: a release's build or a customer's file.
export function parseFileFields(input: {
  filename?: unknown;
  sizeBytes?: unknown;
  contentType?: unknown;
}): FileFields {
  const filename = checkFilename(input?.filename);
  const given = typeof input.contentType === "string" ? input.contentType.trim() : "";
  const contentType = given || contentTypeFor(filename);
  if (contentType.length > 127 || !MIME_TYPE.test(contentType)) {
    throw invalid(`"${contentType}" is not a MIME type such as application/zip.`);
  }
  return { filename, sizeBytes: checkSize(input.sizeBytes), contentType };
}

export function parseUploadRequest(input: StartUploadInput): UploadRequest {
  if (typeof input?.releaseId !== "string" || !input.releaseId)
    throw invalid("Say which release the file belongs to.");
  const fields = parseFileFields(input);
  return { releaseId: input.releaseId, platform: checkPlatform(input.platform), ...fields };
}
