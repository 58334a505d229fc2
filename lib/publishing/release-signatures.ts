// Sparkle's EdDSA signature of a release file, settled when its upload completes (docs/updates.md):
// a signature the uploader sends is checked against the store's Sparkle public key in the same
// read that hashes the object; without one, a store that holds the private key signs the file,
// which takes one more read of the object (Ed25519 hashes the message twice).
import "server-only";
import type { Readable } from "node:stream";
import { sparkleKey } from "../feeds/sparkle-key";
import { ResultError } from "../result";
import { streamingSigner, streamingVerifier } from "../signing/ed25519-stream";
import type { DigestSink } from "./object-digest";

export type FileSignature = { edSignature: string; edSignedBy: string } | null;
export type SignaturePlan = {
  sinks: DigestSink[];
  finish: (reread: () => Promise<Readable>) => Promise<FileSignature>;
};

export class SignatureRefused extends Error {
  constructor() {
    super("its edSignature does not verify with the store's Sparkle public key over the uploaded bytes");
  }
}

export const NO_SIGNATURE: SignaturePlan = { sinks: [], finish: async () => null };

// Checked before anything is read: a signature this store cannot check, or that is not one, is the
// caller's mistake (400) and leaves the upload open to complete again. One that does not verify
// is found only after the read: `finish` throws SignatureRefused.
export function planSignature(kind: "release" | "customer", edSignature: string | undefined): SignaturePlan {
  const key = sparkleKey();
  if (edSignature !== undefined) {
    if (kind !== "release")
      throw new ResultError("invalid_input", "Only release files carry a Sparkle signature.");
    if (!key)
      throw new ResultError(
        "invalid_input",
        "This store has no Sparkle public key (SPARKLE_ED25519_PUBLIC_KEY), so it cannot check edSignature.",
      );
    const signature = Buffer.from(edSignature, "base64");
    if (signature.length !== 64 || signature.toString("base64") !== edSignature)
      throw new ResultError(
        "invalid_input",
        "edSignature must be 64 bytes in base64, as sign_update prints it.",
      );
    const verifier = streamingVerifier(key.publicKey, signature);
    return {
      sinks: [verifier.sink],
      finish: async () => {
        // The object is assembled by now: the upload fails as a whole, like one of the wrong size.
        if (!verifier.valid()) throw new SignatureRefused();
        return { edSignature, edSignedBy: key.publicKeyBase64 };
      },
    };
  }
  return kind === "release" ? storeSignature() : NO_SIGNATURE;
}

// The store's own signature, when it holds the key: the digest's read is the first pass.
export function storeSignature(): SignaturePlan {
  const key = sparkleKey();
  if (!key?.signer) return NO_SIGNATURE;
  const signer = streamingSigner(key.signer);
  return {
    sinks: [signer.firstPass],
    finish: async (reread) => {
      const second = signer.startSecondPass();
      for await (const chunk of (await reread()) as AsyncIterable<Buffer>) second.update(chunk);
      return { edSignature: signer.finish().toString("base64"), edSignedBy: key.publicKeyBase64 };
    },
  };
}
