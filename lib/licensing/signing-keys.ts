// The store's licence-signing keys (LICENSE_SIGNING_KEYS, LICENSE_PUBLIC_KEYS): the first signs,
// every one is published by id (GET /api/v1/licenses/keys), so a licence file or an answer signed
// before a rotation still verifies with the key its `kid` names.
import "server-only";
import { sign } from "node:crypto";
import { env } from "../env";
import { keyPairFromSeed, publicKeyPem, type Ed25519KeyPair } from "../signing/ed25519-keys";

export type PublishedKey = {
  id: string;
  algorithm: "Ed25519";
  publicKey: string;
  pem: string;
  signing: boolean;
};

let cached: { active: { id: string; pair: Ed25519KeyPair }; published: PublishedKey[] } | undefined;

function keys() {
  if (cached) return cached;
  const { LICENSE_SIGNING_KEYS, LICENSE_PUBLIC_KEYS } = env();
  const pairs = LICENSE_SIGNING_KEYS.map((key) => ({ id: key.id, pair: keyPairFromSeed(key.raw) }));
  const publish = (id: string, raw: Buffer, signing: boolean): PublishedKey => ({
    id,
    algorithm: "Ed25519",
    publicKey: raw.toString("base64"),
    pem: publicKeyPem(raw),
    signing,
  });
  cached = {
    active: pairs[0],
    published: [
      ...pairs.map(({ id, pair }, index) => publish(id, pair.publicKey, index === 0)),
      ...LICENSE_PUBLIC_KEYS.map((key) => publish(key.id, key.raw, false)),
    ],
  };
  return cached;
}

export const publishedLicenseKeys = () => keys().published;
export const activeLicenseKeyId = () => keys().active.id;

// A detached Ed25519 signature (base64url) of exactly these bytes, and the id of the key.
export function signLicenseBytes(bytes: Buffer): { kid: string; signature: string } {
  const { active } = keys();
  return { kid: active.id, signature: sign(null, bytes, active.pair.privateKey).toString("base64url") };
}
