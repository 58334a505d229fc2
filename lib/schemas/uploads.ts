// Files as publishers upload them (a release's build or a customer's file): the one place their
// fields' limits live, for the admin actions, the publishing API and the services.
import { z } from "zod";
import { recordId, WELL_FORMED } from "../input-schemas";
import { PLATFORM_CHOICES, parsePlatform } from "../platforms";
import { contentTypeFor } from "../publishing/content-types";
import { MAX_OBJECT_BYTES, MAX_PARTS } from "../publishing/part-size";

const MAX_PART_BYTES = 5 * 1024 ** 3;

// C0/C1 controls and the bidirectional overrides that make "evil\u202efdp.exe" look like a PDF.
const CONTROL_OR_BIDI = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

// A plain file name: it becomes the last segment of the object key and the name customers
// save, so no folders, no control characters and no "." / "..".
export const releaseFilename = z
  .string()
  .min(1, "give the file a name")
  .max(200, "the file name is longer than 200 characters")
  .refine((name) => !/[/\\]/.test(name), "the file name contains / or \\; give a plain name without folders")
  .refine(
    (name) => !CONTROL_OR_BIDI.test(name),
    "the file name contains control or text-direction characters",
  )
  .refine((name) => name.isWellFormed(), WELL_FORMED)
  .refine((name) => !/^\.+$/.test(name), "dots alone is not a file name")
  .refine((name) => name.trim() === name, "the file name must not start or end with a space");

// Any spelling of a platform on the list, read as its one value; anything else is refused with
// the list itself, so the caller sees what to send.
export const platform = z
  .string("name the platform, e.g. windows_x64, macos_universal or linux_arm64")
  .max(50, "the platform name is longer than 50 characters")
  .transform((name, context) => {
    const known = parsePlatform(name);
    if (known) return known;
    // Echoed only when it is plain printable text.
    const named = /^[\x20-\x7e]{1,50}$/.test(name.trim()) ? `"${name.trim()}"` : "this";
    context.addIssue({ code: "custom", message: `${named} is not a platform; use ${PLATFORM_CHOICES}` });
    return z.NEVER;
  });

export const contentType = z
  .string()
  .trim()
  .max(127, "must be a MIME type such as application/zip")
  .regex(/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/, "must be a MIME type such as application/zip");

export const fileSize = z
  .number()
  .int("must be a whole number of bytes")
  .min(1, "the file is empty: there is nothing to publish")
  .max(MAX_OBJECT_BYTES, "the file is larger than 5 TiB, the largest object S3 can store");

// What every uploaded file has. A schema made of these fields ends in `.transform(withContentType)`.
export const fileFields = {
  filename: releaseFilename,
  sizeBytes: fileSize,
  contentType: contentType.optional(),
};

// Without a content type, the file name's extension decides it: the parsed input always has one.
export const withContentType = <File extends { filename: string; contentType?: string }>(file: File) => ({
  ...file,
  contentType: file.contentType ?? contentTypeFor(file.filename),
});

const startFileFields = { platform, ...fileFields };
export const startFileBody = z.strictObject(startFileFields).transform(withContentType);
export const startUploadInput = z
  .object({ releaseId: recordId, ...startFileFields })
  .transform(withContentType);
// What the upload service takes: parsed (the platform's one value, a content type).
export type StartUpload = z.output<typeof startUploadInput>;

export const uploadPartNumber = z.number().int().min(1).max(MAX_PARTS);
// In a path, where it arrives as text.
export const partNumber = z.coerce.number().pipe(uploadPartNumber);

export const presignPartsBody = z.strictObject({
  partNumbers: z.array(uploadPartNumber).min(1).max(100, "at most 100 parts per request"),
});

export const recordPartBody = z.strictObject({
  etag: z.string().min(1).max(200),
  size: z.number().int().min(1).max(MAX_PART_BYTES),
});
