import "server-only";
import { env } from "../env";
import { checkObject, type StoredObject } from "../storage/s3";

// Whether a file's object is in the bucket, without a HEAD on every click. A file becomes
// downloadable only after the server has read its object back and hashed it (completeUpload),
// and the app itself never deletes the object of a file customers can still reach (a removed
// customer file or a yanked release is refused by the database first). What remains is an
// object deleted behind the app's back (the bucket console, a lifecycle rule): "present" is
// remembered per instance for OBJECT_CHECK_CACHE_SECONDS (60 s by default), which widens by at
// most that the window a link already has (a presigned URL lives DOWNLOAD_LINK_TTL_SECONDS, and
// the object can vanish at any moment of it). "missing" and "unavailable" are never remembered:
// the next click asks again, so the clear "missing" message and the seller's notice come on the
// first click after the cached answer runs out, and a restored object serves at once.

const MAX_REMEMBERED = 10_000; // objects; the oldest answer is dropped first
const presentUntil = new Map<string, number>(); // objectKey → epoch ms
const asking = new Map<string, Promise<StoredObject>>(); // one HEAD per object at a time

export async function storedObject(objectKey: string): Promise<StoredObject> {
  const ttlMs = env().OBJECT_CHECK_CACHE_SECONDS * 1000;
  const until = presentUntil.get(objectKey);
  if (ttlMs > 0 && until !== undefined && until > Date.now()) return "present";
  const pending = asking.get(objectKey);
  if (pending) return pending;
  const answer = checkObject(objectKey).then((stored) => {
    presentUntil.delete(objectKey);
    if (stored === "present" && ttlMs > 0) remember(objectKey, Date.now() + ttlMs);
    return stored;
  });
  asking.set(objectKey, answer);
  try {
    return await answer;
  } finally {
    asking.delete(objectKey);
  }
}

function remember(objectKey: string, until: number) {
  if (presentUntil.size >= MAX_REMEMBERED) presentUntil.delete(presentUntil.keys().next().value!);
  presentUntil.set(objectKey, until);
}
