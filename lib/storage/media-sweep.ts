// Deletes images under media/ that no row names any more: a product image whose delete failed, the
// objects of a product removed from the database by hand (its image rows go with it), an upload
// whose row never got written because the server stopped in between. Run by `npm run
// uploads:cleanup`; objects younger than `olderThan` are left, since an image is stored a moment
// before its row is.
import "server-only";
import { DeleteObjectsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { listProductImageKeys } from "../dal/product-images";
import { currentLogoKey } from "../dal/store-settings";
import { env } from "../env";
import { OBJECT_KEY_PREFIXES } from "./object-keys";
import { s3 } from "./s3";

export async function sweepUnusedMedia(olderThan: Date): Promise<number> {
  const inUse = new Set([...(await listProductImageKeys()), (await currentLogoKey()) ?? ""]);
  let swept = 0;
  let token: string | undefined;
  do {
    const page = await s3().send(
      new ListObjectsV2Command({
        Bucket: env().S3_BUCKET,
        Prefix: `${OBJECT_KEY_PREFIXES.media}/`,
        ContinuationToken: token,
      }),
    );
    const unused = (page.Contents ?? []).filter(
      (object) => object.Key && !inUse.has(object.Key) && (object.LastModified ?? new Date()) < olderThan,
    );
    if (unused.length > 0) {
      await s3().send(
        new DeleteObjectsCommand({
          Bucket: env().S3_BUCKET,
          Delete: { Objects: unused.map((object) => ({ Key: object.Key! })) },
        }),
      );
      swept += unused.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return swept;
}
