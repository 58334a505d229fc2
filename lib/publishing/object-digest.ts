// Reads an uploaded object once, as a stream, to learn what the bucket really holds: its
// SHA-256 (shown to customers), its length and — for stores that skip S3's part checks — the
// MD5 of every part. Memory stays at one chunk whatever the object's size.
import "server-only";
import { createHash, type Hash } from "node:crypto";
import { Writable, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { UploadedPart } from "./contract";

export type ObjectDigest = { sha256: string; sizeBytes: number; md5: string | null; partMd5s: string[] };

class DigestSink extends Writable {
  readonly sha256 = createHash("sha256");
  readonly whole: Hash | null;
  readonly partMd5s: string[] = [];
  sizeBytes = 0;
  private part: Hash | null = null;
  private partLeft = 0;

  constructor(private readonly partSize: number | null) {
    super();
    this.whole = partSize ? createHash("md5") : null;
  }

  _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
    this.sha256.update(chunk);
    this.whole?.update(chunk);
    this.sizeBytes += chunk.length;
    if (this.partSize) this.hashParts(chunk, this.partSize);
    done();
  }

  // Parts are consecutive ranges of partSize bytes; a chunk may straddle a boundary.
  private hashParts(chunk: Buffer, partSize: number) {
    let offset = 0;
    while (offset < chunk.length) {
      if (!this.part) [this.part, this.partLeft] = [createHash("md5"), partSize];
      const take = Math.min(this.partLeft, chunk.length - offset);
      this.part.update(chunk.subarray(offset, offset + take));
      [offset, this.partLeft] = [offset + take, this.partLeft - take];
      if (this.partLeft === 0) this.closePart();
    }
  }

  closePart() {
    if (this.part) this.partMd5s.push(this.part.digest("hex"));
    this.part = null;
  }
}

// With partSize, also computes the MD5s needed by verifyPartEtags (a little more CPU).
export async function digestObject(body: Readable, partSize: number | null): Promise<ObjectDigest> {
  const sink = new DigestSink(partSize);
  await pipeline(body, sink);
  sink.closePart();
  return {
    sha256: sink.sha256.digest("hex"),
    sizeBytes: sink.sizeBytes,
    md5: sink.whole?.digest("hex") ?? null,
    partMd5s: sink.partMd5s,
  };
}

const unquote = (etag: string) => etag.replace(/"/g, "");

// S3, MinIO and R2 give a multipart object an ETag ending in "-<parts>", and they reject wrong
// part ETags at completion themselves. A store without that suffix (the local test server)
// assembled the parts without checking them.
export const storeCheckedParts = (objectEtag: string) => /-\d+$/.test(unquote(objectEtag));

// The first recorded part whose ETag is not the MD5 of the bytes stored for it. Only decided
// when the object's own ETag proves the store uses MD5 ETags (not so with SSE-KMS, for one).
export function findMismatchedPart(
  objectEtag: string,
  digest: ObjectDigest,
  parts: UploadedPart[],
): UploadedPart | null {
  if (!digest.md5 || unquote(objectEtag) !== digest.md5) return null;
  return parts.find((part) => unquote(part.etag) !== digest.partMd5s[part.partNumber - 1]) ?? null;
}
