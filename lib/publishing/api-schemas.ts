// Input shapes of the publishing API (/api/v1). Strict on purpose: a bad value answers 400
// with a message before anything touches the database or the bucket.
import { z } from "zod";
import { normalizeEmail } from "../auth/email-address";
import { lineText, multilineText, recordId, WELL_FORMED } from "../input-schemas";

const TIB = 1024 ** 4;

export { recordId };

export const productSlug = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9-]+$/, "must be a product slug (a-z, 0-9, -)");

export const releaseVersion = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+-]*$/, "must look like 1.2.3 or 1.2.3-beta.1");

export const releaseChannel = z.enum(["stable", "beta"]);

// C0/C1 controls and the bidirectional overrides that make "evil\u202efdp.exe" look like a PDF.
const CONTROL_OR_BIDI = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

// A plain file name: it becomes the last segment of the object key and the name customers
// save, so no folders, no control characters and no "." / "..".
export const releaseFilename = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[/\\]/.test(name), "must be a plain file name without / or \\")
  .refine((name) => !CONTROL_OR_BIDI.test(name), "must not contain control or text-direction characters")
  .refine((name) => name.isWellFormed(), WELL_FORMED)
  .refine((name) => !/^\.+$/.test(name), "must be a file name, not dots")
  .refine((name) => name.trim() === name, "must not start or end with spaces");

export const platformName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .refine((name) => !CONTROL_OR_BIDI.test(name), "must not contain control characters");

export const contentType = z
  .string()
  .max(127)
  .regex(/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/, "must be a MIME type such as application/zip");

export const partNumber = z.coerce.number().int().min(1).max(10_000);

export const createReleaseBody = z.strictObject({
  product: productSlug,
  version: releaseVersion,
  channel: releaseChannel.default("stable"),
  notes: multilineText(50_000).default(""),
});

export const startFileBody = z.strictObject({
  platform: platformName,
  filename: releaseFilename,
  sizeBytes: z
    .number()
    .int()
    .min(1, "empty files cannot be published")
    .max(5 * TIB, "S3 objects end at 5 TiB"),
  contentType: contentType.optional(),
});

// A file for one customer, named by the address they buy and sign in with.
export const customerFileBody = z.strictObject({
  email: z
    .string()
    .max(254)
    .transform((value, context) => {
      try {
        return normalizeEmail(value);
      } catch {
        context.addIssue({ code: "custom", message: "must be one plain email address, the customer's" });
        return z.NEVER;
      }
    }),
  title: lineText(120).pipe(z.string().min(1, "give the file a title the customer will see")),
  note: lineText(500).optional(),
  filename: releaseFilename,
  sizeBytes: z
    .number()
    .int()
    .min(1, "empty files cannot be attached")
    .max(5 * TIB, "S3 objects end at 5 TiB"),
  contentType: contentType.optional(),
});

export const presignPartsBody = z.strictObject({
  partNumbers: z.array(z.number().int().min(1).max(10_000)).min(1).max(100, "at most 100 parts per request"),
});

export const recordPartBody = z.strictObject({
  etag: z.string().min(1).max(200),
  size: z
    .number()
    .int()
    .min(1)
    .max(5 * 1024 ** 3),
});

// SigV4 presigned URLs live at most 7 days.
export const presignBody = z.strictObject({
  product: productSlug,
  version: releaseVersion,
  filename: releaseFilename,
  expiresIn: z.number().int().min(1).max(604_800).default(3600),
});
