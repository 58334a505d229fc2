// Reads an uploaded object once, as a stream, to learn what the bucket really holds: its
// SHA-256 (shown to customers), for release files the SHA-512 electron-updater checks, its length
// and — for stores that skip S3's part checks — the MD5 of every part; a Sparkle signature being
// made or checked reads along (`also`). Memory stays at one chunk whatever the object's size.
import "server-only";
import { createHash, type Hash } from "node:crypto";
import type { Readable } from "node:stream";
import type { UploadedPart } from "./contract";

export type ObjectDigest = { sha256: string; sha512: string | null; sizeBytes: number; partMd5s: string[] };
export type DigestSink = { update(chunk: Buffer): unknown };
export type DigestOptions = { partSize: number | null; sha512?: boolean; also?: DigestSink[] };

// Parts are consecutive ranges of partSize bytes; a chunk may straddle a boundary.
class PartHashes {
  readonly md5s: string[] = [];
  private part: Hash | null = null;
  private left = 0;

  constructor(private readonly partSize: number) {}

  update(chunk: Buffer) {
    let offset = 0;
    while (offset < chunk.length) {
      if (!this.part) [this.part, this.left] = [createHash("md5"), this.partSize];
      const take = Math.min(this.left, chunk.length - offset);
      this.part.update(take === chunk.length ? chunk : chunk.subarray(offset, offset + take));
      [offset, this.left] = [offset + take, this.left - take];
      if (this.left === 0) this.close();
    }
  }

  close() {
    if (this.part) this.md5s.push(this.part.digest("hex"));
    this.part = null;
  }
}

// With partSize, also computes the part MD5s findMismatchedPart needs (one more hash per byte).
// A plain loop over the stream: a Writable sink added a stream hop per chunk for nothing.
export async function digestObject(body: Readable, options: DigestOptions): Promise<ObjectDigest> {
  const sha256 = createHash("sha256");
  const sha512 = options.sha512 ? createHash("sha512") : null;
  const parts = options.partSize ? new PartHashes(options.partSize) : null;
  const also = options.also ?? [];
  let sizeBytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    sha256.update(chunk);
    sha512?.update(chunk);
    parts?.update(chunk);
    for (const sink of also) sink.update(chunk);
    sizeBytes += chunk.length;
  }
  parts?.close();
  return {
    sha256: sha256.digest("hex"),
    sha512: sha512?.digest("base64") ?? null,
    sizeBytes,
    partMd5s: parts?.md5s ?? [],
  };
}

// The MD5 of a whole object, read once more: asked only when a part seems not to match.
export async function md5Of(body: Readable): Promise<string> {
  const md5 = createHash("md5");
  for await (const chunk of body as AsyncIterable<Buffer>) md5.update(chunk);
  return md5.digest("hex");
}

export const unquote = (etag: string) => etag.replace(/"/g, "");

// S3, MinIO and R2 give a multipart object an ETag ending in "-<parts>", and they reject wrong
// part ETags at completion themselves. A store without that suffix (the local test server)
// assembled the parts without checking them.
export const storeCheckedParts = (objectEtag: string) => /-\d+$/.test(unquote(objectEtag));

// The first recorded part whose ETag is not the MD5 of the bytes stored for it. That decides
// only when the store uses MD5 ETags (not so with SSE-KMS, for one), which the caller proves
// by the object's own ETag being the MD5 of its bytes (md5Of): a second read, on this rare path
// only, instead of a third hash over every byte of every upload.
export function findMismatchedPart(digest: ObjectDigest, parts: UploadedPart[]): UploadedPart | null {
  return parts.find((part) => unquote(part.etag) !== digest.partMd5s[part.partNumber - 1]) ?? null;
}
