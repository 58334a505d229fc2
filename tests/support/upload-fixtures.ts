// Releases to upload into, byte sources for the multipart client, and a client run wired to
// the publishing functions the way the admin page and the API wire it.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { Actor, StartedUpload } from "../../lib/publishing/contract";
import { uploadParts, type UploadPartsOptions, type UploadSource } from "../../lib/browser/multipart-client";
import type { z } from "zod";
import { startCustomerFileUpload as startParsedCustomerFile } from "../../lib/publishing/customer-files";
import { presignParts, recordPart, startUpload as startParsedUpload } from "../../lib/publishing/uploads";
import { customerFileInput } from "../../lib/schemas/customers";
import { startUploadInput } from "../../lib/schemas/uploads";
import { expect } from "vitest";
import { ResultError } from "../../lib/result";
import { createUser, prisma, unique } from "./fixtures";

export async function userActor(): Promise<Extract<Actor, { kind: "user" }>> {
  const user = await createUser();
  return { kind: "user", id: user.id, email: user.email };
}

// The services take parsed input; these call them the way the admin actions and the API do: the
// schema parses (a platform's spellings, the content type from the name, an empty note) and the
// service runs on what it parsed. Refusals of bad input are the adapters' (tests/bad-input-uploads.test.ts).
export const startUpload = (input: z.input<typeof startUploadInput>, actor: Actor) =>
  startParsedUpload(startUploadInput.parse(input), actor);
export const startCustomerFileUpload = (input: z.input<typeof customerFileInput>, actor: Actor) =>
  startParsedCustomerFile(customerFileInput.parse(input), actor);

// What a service refused with: always one of its ResultErrors, never another exception.
export async function rejection(promise: Promise<unknown>): Promise<ResultError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ResultError);
  return error as ResultError;
}

export async function createRelease(status: "draft" | "published" | "yanked" = "draft", version = "1.0.0") {
  const slug = unique("product");
  const product = await prisma.product.create({
    data: { slug, name: `Product ${slug}`, tiers: { create: { name: "Standard", priceCents: 900 } } },
  });
  const release = await prisma.release.create({
    data: {
      productId: product.id,
      version,
      status,
      yankReason: status === "yanked" ? "broken installer" : null,
    },
  });
  return { product, release };
}

export const bufferSource = (bytes: Buffer): UploadSource => ({
  size: bytes.length,
  slice: (start, end) => bytes.subarray(start, end),
});

// Bytes computed from their position: any range can be produced on demand, so a large upload
// never exists in memory as a whole, and every read of a range gives the same bytes.
function patternBytes(start: number, end: number): Uint8Array {
  const firstWord = Math.floor(start / 4);
  const words = new Uint32Array(Math.ceil(end / 4) - firstWord);
  for (let i = 0; i < words.length; i++) {
    let x = (firstWord + i + 0x9e3779b9) | 0;
    x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
    x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
    words[i] = (x ^ (x >>> 16)) >>> 0;
  }
  return new Uint8Array(words.buffer, start - firstWord * 4, end - start);
}

const CHUNK = 4 * 1024 * 1024;

export function patternSource(size: number) {
  const chunks = function* () {
    for (let offset = 0; offset < size; offset += CHUNK)
      yield patternBytes(offset, Math.min(size, offset + CHUNK));
  };
  return {
    size,
    slice: (start: number, end: number) => patternBytes(start, end),
    stream: () => Readable.from(chunks()),
    sha256: () => {
      const hash = createHash("sha256");
      for (const chunk of chunks()) hash.update(chunk);
      return hash.digest("hex");
    },
  };
}

export type ClientRun = Partial<UploadPartsOptions> & { source: UploadSource };

// Sends what is missing of an upload; returns the part numbers that were asked for URLs.
// A pipeline's publishing token: reaches release builds, not customers' files.
export const PUBLISH_TOKEN: Actor = { kind: "token", id: "tok_fixture", name: "fixture", scope: "publish" };

// `actor` is who sends them: a customer file's upload answers only an admin.
export async function sendParts(upload: StartedUpload, run: ClientRun, actor: Actor = PUBLISH_TOKEN) {
  const requested: number[] = [];
  await uploadParts({
    partSize: upload.partSize,
    partCount: upload.partCount,
    completedParts: upload.completedParts.map((part) => part.partNumber),
    getPartUrls: (partNumbers) => {
      requested.push(...partNumbers);
      return presignParts(upload.fileId, partNumbers, actor);
    },
    onPartDone: (part) => recordPart(upload.fileId, part, actor),
    ...run,
  });
  return requested;
}

export async function uploadRowCounts() {
  const [releases, files, uploads, parts, audits] = await Promise.all([
    prisma.release.count(),
    prisma.releaseFile.count(),
    prisma.upload.count(),
    prisma.uploadPart.count(),
    prisma.auditLog.count(),
  ]);
  return { releases, files, uploads, parts, audits };
}
