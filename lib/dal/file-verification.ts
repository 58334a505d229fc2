import "server-only";
import { db } from "../db";

// Ready release files the feeds lack something for: a SHA-512 (recorded before it was), or, when
// the store signs, a Sparkle signature by the current key. Oldest id first, a batch at a time.
export async function findFilesToVerify(signingKey: string | null, afterId: string, take = 50) {
  return db.releaseFile.findMany({
    where: {
      status: "ready",
      sha256: { not: null },
      id: { gt: afterId },
      OR: [
        { sha512: null },
        ...(signingKey ? [{ edSignedBy: null }, { edSignedBy: { not: signingKey } }] : []),
      ],
    },
    select: { id: true, objectKey: true, sha256: true, sizeBytes: true, sha512: true, edSignedBy: true },
    orderBy: { id: "asc" },
    take,
  });
}

// Only while the file still holds the bytes that were read (its SHA-256 is unchanged).
export async function saveFileVerification(
  id: string,
  sha256: string,
  data: { sha512: string; edSignature?: string; edSignedBy?: string },
) {
  const { count } = await db.releaseFile.updateMany({ where: { id, sha256 }, data });
  return count > 0;
}
