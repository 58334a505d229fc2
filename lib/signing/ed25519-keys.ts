// Ed25519 keys as the tools around Downlink write them: 32 raw bytes in base64 (a private seed,
// as Sparkle's `generate_keys -x` exports it, or a public key, as in SUPublicEDKey).
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

// The DER headers of PKCS#8 (private) and SPKI (public) for Ed25519 (RFC 8410), ahead of the
// 32 raw bytes: how Node's crypto takes raw keys.
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export type Ed25519KeyPair = { privateKey: KeyObject; seed: Buffer; publicKey: Buffer };

// Strict base64 of exactly 32 bytes; anything else is explained, never echoed (it may be a key).
export function decodeRawKey(text: string, what: string): Buffer {
  const trimmed = text.trim();
  const bytes = Buffer.from(trimmed, "base64");
  if (bytes.length === 96)
    throw new Error(
      `${what} is in Sparkle's older 96-byte format; export it again with Sparkle 2's generate_keys -x (a 32-byte seed)`,
    );
  if (bytes.length !== 32 || bytes.toString("base64").replace(/=+$/, "") !== trimmed.replace(/=+$/, ""))
    throw new Error(`${what} must be 32 bytes in base64 (44 characters)`);
  return bytes;
}

export function keyPairFromSeed(seed: Buffer): Ed25519KeyPair {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  return { privateKey, seed, publicKey: Buffer.from(jwk.x!, "base64url") };
}

export const publicKeyObject = (raw: Buffer) =>
  createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: "der", type: "spki" });

export const publicKeyPem = (raw: Buffer) =>
  publicKeyObject(raw).export({ format: "pem", type: "spki" }).toString();
