import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { embeddedAuthSecret, embeddedEnv, profiles } from "../lib/embedded-defaults";
import { parseEnv } from "../lib/env-schema";
import { recordSecurityEvidence } from "./support/security-evidence";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://app:secret@db.internal:5432/downlink",
  S3_BUCKET: "builds",
  S3_REGION: "eu-west-1",
  STRIPE_SECRET_KEY: "sk_test_1234567890",
  STRIPE_WEBHOOK_SECRET: "whsec_first,whsec_second",
  EMAIL_SERVER: "smtp://user:pass@smtp.example.com:587",
  EMAIL_FROM: "Store <store@example.com>",
  APP_URL: "https://store.example.com",
  AUTH_SECRET: "a-long-random-secret-value",
  LICENSE_SIGNING_KEYS: `2026-12:${Buffer.alloc(32, 7).toString("base64")}`,
};

describe("configuration", () => {
  it("falls back to the embedded stack outside production", () => {
    const config = parseEnv({});
    expect(config.DATABASE_URL).toBe(embeddedEnv(profiles.dev).DATABASE_URL);
    expect(config.DOWNLOAD_LINK_TTL_SECONDS).toBe(300);
    expect(config.DOWNLOAD_RATE_LIMIT_PER_MINUTE).toBe(20);
    expect(config.ADMIN_EMAILS).toEqual(["admin@example.com"]);
  });

  it("lets the environment override any default", () => {
    const config = parseEnv({
      DATABASE_URL: "postgresql://x@elsewhere/db",
      ADMIN_EMAILS: " A@x.com, b@Y.com ,",
    });
    expect(config.DATABASE_URL).toBe("postgresql://x@elsewhere/db");
    expect(config.ADMIN_EMAILS).toEqual(["a@x.com", "b@y.com"]);
  });

  it("queues on one connection only for the embedded database", () => {
    expect(parseEnv({}).DATABASE_POOL_MAX).toBe(1);
    expect(parseEnv({ DATABASE_URL: "postgresql://x@elsewhere/db" }).DATABASE_POOL_MAX).toBe(10);
    expect(
      parseEnv({ DATABASE_URL: "postgresql://x@elsewhere/db", DATABASE_POOL_MAX: "4" }).DATABASE_POOL_MAX,
    ).toBe(4);
  });

  it("requires the real services in production and names what is missing", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      /DATABASE_URL[\s\S]*S3_BUCKET[\s\S]*STRIPE_SECRET_KEY/,
    );
    const config = parseEnv(production);
    expect(config.STRIPE_WEBHOOK_SECRET).toEqual(["whsec_first", "whsec_second"]);
    expect(config.S3_ENDPOINT).toBeUndefined();
    expect(config.S3_FORCE_PATH_STYLE).toBe(false);
  });

  it("accepts NEXTAUTH_SECRET for AUTH_SECRET", () => {
    const { AUTH_SECRET, ...rest } = production;
    expect(parseEnv({ ...rest, NEXTAUTH_SECRET: AUTH_SECRET }).AUTH_SECRET).toBe(AUTH_SECRET);
  });

  it.each(["9", "3601", "abc", "10.5"])(
    "refuses DOWNLOAD_LINK_TTL_SECONDS=%s with a clear message",
    (value) => {
      expect(() => parseEnv({ DOWNLOAD_LINK_TTL_SECONDS: value })).toThrow(/DOWNLOAD_LINK_TTL_SECONDS/);
    },
  );

  it("keeps a production build away from the local checkout stand-in", () => {
    expect(() => parseEnv({ ...production, STRIPE_API_URL: "http://127.0.0.1:12111" })).toThrow(
      /STRIPE_API_URL/,
    );
    expect(() =>
      parseEnv({ ...production, STRIPE_SECRET_KEY: "sk_live_abc", STRIPE_API_URL: "http://evil.example" }),
    ).toThrow(/STRIPE_API_URL/);
  });

  it("reads TRUSTED_PROXY_HOPS, 0 unless set", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "1.5", "many"])
      expect(() => parseEnv({ TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("published development values in production", () => {
  // Every value of the embedded stack a production start could be handed by a copied .env.
  const local = embeddedEnv(profiles.test);
  const published = {
    AUTH_SECRET: local.AUTH_SECRET,
    STRIPE_SECRET_KEY: local.STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: `whsec_current,${local.STRIPE_WEBHOOK_SECRET}`,
    STRIPE_API_URL: local.STRIPE_API_URL,
    S3_ACCESS_KEY_ID: local.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: local.S3_SECRET_ACCESS_KEY,
    ADMIN_EMAILS: local.ADMIN_EMAILS,
    LICENSE_SIGNING_KEYS: local.LICENSE_SIGNING_KEYS,
  };
  const refusal = (config: Record<string, string>) => {
    try {
      parseEnv(config);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };

  it("refuses every one of them at once, in one message naming each", () => {
    const message = refusal({ ...production, ...published });
    const named = Object.keys(published).filter((name) => message?.includes(name));
    recordSecurityEvidence({
      section: "supply-chain",
      title: "Production start with the embedded stack's published values",
      columns: ["variables set to a published value", "named in the refusal", "started"],
      rows: [[Object.keys(published).join(", "), named.join(", "), message === null ? "yes" : "no"]],
    });
    expect(message).toMatch(/embedded development values/);
    expect(named).toEqual(Object.keys(published));
    expect(message?.match(/embedded development values/g)).toHaveLength(1);
  });

  it.each(Object.entries(published))("refuses %s alone", (name, value) => {
    expect(refusal({ ...production, [name]: value })).toMatch(
      new RegExp(`embedded development values.*${name}`),
    );
  });

  it("refuses .env.example's placeholders as published values too", () => {
    const example = Object.fromEntries(
      readFileSync(".env.example", "utf8")
        .split("\n")
        .filter((line) => /^(AUTH_SECRET|STRIPE_SECRET_KEY|STRIPE_WEBHOOK_SECRET)=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(Object.keys(example).sort()).toEqual([
      "AUTH_SECRET",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
    ]);
    const message = refusal({ ...production, ...example });
    for (const name of Object.keys(example))
      expect(message).toMatch(new RegExp(`embedded development values.*${name}`));
  });

  it("lets a production build run on this machine's embedded stack only when it says so, on localhost", () => {
    const onStack = { ...production, ...published, APP_URL: "http://localhost:3100" };
    expect(refusal(onStack)).toMatch(/AUTH_SECRET/);
    expect(parseEnv({ ...onStack, EMBEDDED_STACK: "true" }).AUTH_SECRET).toBe(embeddedAuthSecret);
    expect(
      parseEnv({ ...onStack, EMBEDDED_STACK: "true", APP_URL: "https://127.0.0.1:3101" }).EMBEDDED_STACK,
    ).toBe(true);
    // A real deployment that copied the flag is still refused, and told why.
    const deployed = refusal({ ...production, ...published, EMBEDDED_STACK: "true" });
    expect(deployed).toMatch(/EMBEDDED_STACK: only for a store on this machine/);
    expect(deployed).toMatch(/embedded development values.*AUTH_SECRET/);
    expect(refusal({ ...production, EMBEDDED_STACK: "true" })).toMatch(/EMBEDDED_STACK/);
  });

  it("gives `next build` throwaway secrets and no admin, never the published ones", () => {
    const first = parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" });
    const second = parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" });
    expect(first.AUTH_SECRET).not.toBe(embeddedAuthSecret);
    expect(first.AUTH_SECRET).not.toBe(second.AUTH_SECRET);
    expect(first.STRIPE_WEBHOOK_SECRET).not.toContain(local.STRIPE_WEBHOOK_SECRET);
    expect(first.STRIPE_API_URL).toBeUndefined();
    expect(first.S3_ACCESS_KEY_ID).toBeUndefined();
    expect(first.ADMIN_EMAILS).toEqual([]);
  });
});

describe("signing keys and the download CDN", () => {
  const seed = (byte: number) => Buffer.alloc(32, byte).toString("base64");
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    format: "pem",
    type: "pkcs8",
  });
  const cloudFront = {
    DOWNLOAD_CDN: "cloudfront",
    CLOUDFRONT_URL: "https://d111111abcdef8.cloudfront.net",
    CLOUDFRONT_KEY_PAIR_ID: "K2JCJMDEHXQW5F",
    CLOUDFRONT_PRIVATE_KEY: rsa.toString().replace(/\n/g, "\\n"),
  };
  const problem = (config: Record<string, string>) => {
    try {
      parseEnv({ ...production, ...config });
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };

  it("needs CloudFront's three settings together, and only with DOWNLOAD_CDN=cloudfront", () => {
    expect(parseEnv({ ...production, ...cloudFront }).DOWNLOAD_CDN).toBe("cloudfront");
    expect(parseEnv(production).DOWNLOAD_CDN).toBe("s3");
    for (const name of ["CLOUDFRONT_URL", "CLOUDFRONT_KEY_PAIR_ID", "CLOUDFRONT_PRIVATE_KEY"] as const) {
      const { [name]: _, ...without } = cloudFront;
      expect(problem(without)).toMatch(new RegExp(`DOWNLOAD_CDN: cloudfront needs ${name}`));
    }
    const { DOWNLOAD_CDN: _, ...unswitched } = cloudFront;
    expect(problem(unswitched)).toMatch(/set DOWNLOAD_CDN=cloudfront with all three/);
    expect(problem({ ...cloudFront, CLOUDFRONT_PRIVATE_KEY: "not a key" })).toMatch(
      /CLOUDFRONT_PRIVATE_KEY: must be/,
    );
  });

  it("reads licence keys by id and Sparkle's key as generate_keys exports it, never echoing a key", () => {
    const config = parseEnv({ ...production, LICENSE_SIGNING_KEYS: `new:${seed(1)}, old:${seed(2)}` });
    expect(config.LICENSE_SIGNING_KEYS.map((key) => key.id)).toEqual(["new", "old"]);
    expect(problem({ LICENSE_SIGNING_KEYS: "" })).toMatch(/LICENSE_SIGNING_KEYS/);
    expect(problem({ LICENSE_SIGNING_KEYS: `a:${seed(1)},a:${seed(2)}` })).toMatch(/appears twice/);
    const short = problem({ LICENSE_SIGNING_KEYS: "a:c2hvcnQ=" });
    expect(short).toMatch(/must be 32 bytes/);
    expect(short).not.toContain("c2hvcnQ");
    const old = Buffer.alloc(96, 3).toString("base64");
    expect(problem({ SPARKLE_ED25519_PRIVATE_KEY: old })).toMatch(/older 96-byte format/);
    expect(problem({ SPARKLE_ED25519_PRIVATE_KEY: seed(4), SPARKLE_ED25519_PUBLIC_KEY: seed(5) })).toMatch(
      /SPARKLE_ED25519_PUBLIC_KEY: is not the public key/,
    );
  });
});
