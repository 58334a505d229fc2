// Products' releases as the admin pages and the publishing API send them: the one place their
// fields' limits live.
import { z } from "zod";
import { lineText, multilineText, recordId } from "../input-schemas";
import { isSemver } from "../semver";
import { RELEASE_NOTES_MAX } from "./limits";
import { releaseFilename } from "./uploads";

const SAY_WHY = "Say why the release is yanked (3 to 500 characters); customers and the changelog see it.";

export const productSlug = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9-]+$/, "must be a product slug (a-z, 0-9, -)");

export const releaseVersion = z
  .string()
  .trim()
  .min(1, "give a version such as 1.4.0")
  .max(64, "at most 64 characters")
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+-]*$/, "must look like 1.2.3 or 1.2.3-beta.1")
  .refine(isSemver, "must be a semantic version such as 1.4.0 or 2.0.0-beta.1");

export const releaseChannel = z.enum(["stable", "beta"]);

const releaseFields = {
  version: releaseVersion,
  channel: releaseChannel.default("stable"),
  notes: multilineText(RELEASE_NOTES_MAX).default(""),
};

// A release of a product named by id (the admin page) or by slug (the API).
export const createReleaseInput = z.object({ productId: recordId, ...releaseFields });
export type CreateRelease = z.output<typeof createReleaseInput>;
export const createReleaseBody = z.strictObject({ product: productSlug, ...releaseFields });

export const yankReason = z.string().trim().min(3, SAY_WHY).max(500, SAY_WHY).pipe(lineText(500));

// A presigned GET for one build; SigV4 presigned URLs live at most 7 days.
export const SHARE_LINK_MAX_SECONDS = 604_800;
export const presignBody = z.strictObject({
  product: productSlug,
  version: releaseVersion,
  filename: releaseFilename,
  expiresIn: z.number().int().min(1).max(SHARE_LINK_MAX_SECONDS).default(3600),
});
