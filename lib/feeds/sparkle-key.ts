// Sparkle's EdDSA key, the seller's choice of where it lives (docs/updates.md):
// - SPARKLE_ED25519_PRIVATE_KEY: the store signs every release file when its upload completes;
// - SPARKLE_ED25519_PUBLIC_KEY alone: the uploader signs where the key is (`downlink upload
//   --sparkle-key`, or Sparkle's own sign_update) and sends the signature with the build; the
//   store checks it against this key and never sees the private one.
// Either way the appcast carries only signatures made by the current key.
import "server-only";
import { env } from "../env";
import { keyPairFromSeed, type Ed25519KeyPair } from "../signing/ed25519-keys";

export type SparkleKey = { publicKey: Buffer; publicKeyBase64: string; signer: Ed25519KeyPair | null };

let cached: SparkleKey | null | undefined;

export function sparkleKey(): SparkleKey | null {
  if (cached !== undefined) return cached;
  const { SPARKLE_ED25519_PRIVATE_KEY: seed, SPARKLE_ED25519_PUBLIC_KEY: configured } = env();
  const signer = seed ? keyPairFromSeed(seed) : null;
  const publicKey = signer?.publicKey ?? configured ?? null;
  cached = publicKey && { publicKey, publicKeyBase64: publicKey.toString("base64"), signer };
  return cached;
}
