// What a publisher asks to upload, checked before anything touches the database or the bucket.
import { customerFileInput, type CustomerFile } from "../schemas/customers";
import { parseOrThrow } from "../schemas/parse";
import { startUploadInput, type StartUpload } from "../schemas/uploads";

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

// Without a content type, the file name's extension decides it.
const typed = <T extends { filename: string; contentType?: string }>(input: T) => ({
  ...input,
  contentType: input.contentType || contentTypeFor(input.filename),
});

export type UploadRequest = ReturnType<typeof parseUploadRequest>;
export type CustomerFileRequest = ReturnType<typeof parseCustomerFile>;

// The services are called directly too (scripts, tests), so each reads its input with the same
// schema the actions and the API use: one definition of every field.
export const parseUploadRequest = (input: StartUpload) => typed(parseOrThrow(startUploadInput, input));
export const parseCustomerFile = (input: CustomerFile) => typed(parseOrThrow(customerFileInput, input));
