// The signing keys and the download CDN in the configuration schema (lib/env-schema.ts): Sparkle's
// EdDSA key for update feeds, the licence keys, and CloudFront signed URLs.
import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { decodeRawKey, keyPairFromSeed } from "./signing/ed25519-keys";

export type NamedKey = { id: string; raw: Buffer };

const KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;

// "id:base64,id:base64": one 32-byte Ed25519 key per id, ids unique. Messages never echo a key.
const namedKeys = (what: string) =>
  z.string().transform((value, context): NamedKey[] => {
    const keys: NamedKey[] = [];
    for (const entry of value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean)) {
      const separator = entry.indexOf(":");
      const id = entry.slice(0, separator);
      if (separator < 1 || !KEY_ID.test(id)) {
        context.addIssue({
          code: "custom",
          message: `each entry is <id>:<base64 ${what}>, the id 1–40 of A–Z a–z 0–9 . _ -`,
        });
        return z.NEVER;
      }
      if (keys.some((key) => key.id === id)) {
        context.addIssue({ code: "custom", message: `the key id ${id} appears twice` });
        return z.NEVER;
      }
      try {
        keys.push({ id, raw: decodeRawKey(entry.slice(separator + 1), `the key ${id}`) });
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }
    return keys;
  });

const rawKey = (what: string) =>
  z.string().transform((value, context) => {
    try {
      return decodeRawKey(value, what);
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });

// A PEM in one line of an env file has its line breaks as "\n".
const rsaPrivateKey = z.string().transform((value, context) => {
  const pem = value.replace(/\\n/g, "\n").trim();
  try {
    if (createPrivateKey(pem).asymmetricKeyType === "rsa") return pem;
  } catch {}
  context.addIssue({
    code: "custom",
    message: "must be the RSA private key of a CloudFront public key, in PEM",
  });
  return z.NEVER;
});

export const signingShape = {
  // Sparkle: the store signs every release file with this key (Sparkle 2's `generate_keys -x`
  // export, base64 of a 32-byte seed), or, with only the public key, accepts signatures the
  // uploader made where the key lives and checks them against it.
  SPARKLE_ED25519_PRIVATE_KEY: rawKey("SPARKLE_ED25519_PRIVATE_KEY").optional(),
  SPARKLE_ED25519_PUBLIC_KEY: rawKey("SPARKLE_ED25519_PUBLIC_KEY").optional(),
  // Offline licences and signed licence answers: the first key signs, all are published.
  LICENSE_SIGNING_KEYS: namedKeys("32-byte private seed").refine(
    (keys) => keys.length > 0,
    "name at least one key",
  ),
  // Retired keys whose private part is gone: only published, so old licence files still verify.
  LICENSE_PUBLIC_KEYS: namedKeys("32-byte public key").default([]),
  DOWNLOAD_CDN: z.enum(["s3", "cloudfront"]).default("s3"),
  CLOUDFRONT_URL: z.url({ protocol: /^https?$/ }).optional(),
  CLOUDFRONT_KEY_PAIR_ID: z
    .string()
    .regex(/^K[A-Z0-9]{6,30}$|^APKA[A-Z0-9]{8,30}$/, "a CloudFront public key id such as K2JCJMDEHXQW5F")
    .optional(),
  CLOUDFRONT_PRIVATE_KEY: rsaPrivateKey.optional(),
};

type SigningConfig = {
  SPARKLE_ED25519_PRIVATE_KEY?: Buffer;
  SPARKLE_ED25519_PUBLIC_KEY?: Buffer;
  DOWNLOAD_CDN: "s3" | "cloudfront";
  CLOUDFRONT_URL?: string;
  CLOUDFRONT_KEY_PAIR_ID?: string;
  CLOUDFRONT_PRIVATE_KEY?: string;
  LICENSE_SIGNING_KEYS: NamedKey[];
  LICENSE_PUBLIC_KEYS: NamedKey[];
};

const CLOUDFRONT_VARS = ["CLOUDFRONT_URL", "CLOUDFRONT_KEY_PAIR_ID", "CLOUDFRONT_PRIVATE_KEY"] as const;

// CloudFront's three settings come together, and only with DOWNLOAD_CDN=cloudfront: a half-set
// distribution would sign links nobody can open. Licence key ids are unique across both lists.
export function refineSigning(config: SigningConfig, context: z.RefinementCtx) {
  const set = CLOUDFRONT_VARS.filter((name) => config[name]);
  if (config.DOWNLOAD_CDN === "cloudfront" && set.length < CLOUDFRONT_VARS.length) {
    const missing = CLOUDFRONT_VARS.filter((name) => !config[name]).join(", ");
    context.addIssue({
      code: "custom",
      path: ["DOWNLOAD_CDN"],
      message: `cloudfront needs ${missing} as well`,
    });
  } else if (config.DOWNLOAD_CDN !== "cloudfront" && set.length > 0) {
    context.addIssue({
      code: "custom",
      path: ["DOWNLOAD_CDN"],
      message: `${set.join(", ")} ${set.length === 1 ? "is" : "are"} set: set DOWNLOAD_CDN=cloudfront with all three, or unset them`,
    });
  }
  const { SPARKLE_ED25519_PRIVATE_KEY: seed, SPARKLE_ED25519_PUBLIC_KEY: publicKey } = config;
  if (seed && publicKey && !keyPairFromSeed(seed).publicKey.equals(publicKey))
    context.addIssue({
      code: "custom",
      path: ["SPARKLE_ED25519_PUBLIC_KEY"],
      message: "is not the public key of SPARKLE_ED25519_PRIVATE_KEY; set one of the two",
    });
  const ids = new Set(config.LICENSE_SIGNING_KEYS.map((key) => key.id));
  const clash = config.LICENSE_PUBLIC_KEYS.find((key) => ids.has(key.id));
  if (clash)
    context.addIssue({
      code: "custom",
      path: ["LICENSE_PUBLIC_KEYS"],
      message: `the key id ${clash.id} is also a signing key`,
    });
}
