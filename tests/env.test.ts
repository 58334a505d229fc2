import { describe, expect, it } from "vitest";
import { embeddedEnv, profiles } from "../lib/embedded-defaults";
import { parseEnv } from "../lib/env-schema";

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
    const config = parseEnv({ DATABASE_URL: "postgresql://x@elsewhere/db", ADMIN_EMAILS: " A@x.com, b@Y.com ," });
    expect(config.DATABASE_URL).toBe("postgresql://x@elsewhere/db");
    expect(config.ADMIN_EMAILS).toEqual(["a@x.com", "b@y.com"]);
  });

  it("requires the real services in production and names what is missing", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/DATABASE_URL[\s\S]*S3_BUCKET[\s\S]*STRIPE_SECRET_KEY/);
    const config = parseEnv(production);
    expect(config.STRIPE_WEBHOOK_SECRET).toEqual(["whsec_first", "whsec_second"]);
    expect(config.S3_ENDPOINT).toBeUndefined();
    expect(config.S3_FORCE_PATH_STYLE).toBe(false);
  });

  it("accepts NEXTAUTH_SECRET for AUTH_SECRET", () => {
    const { AUTH_SECRET, ...rest } = production;
    expect(parseEnv({ ...rest, NEXTAUTH_SECRET: AUTH_SECRET }).AUTH_SECRET).toBe(AUTH_SECRET);
  });

  it.each(["9", "3601", "abc", "10.5"])("refuses DOWNLOAD_LINK_TTL_SECONDS=%s with a clear message", (value) => {
    expect(() => parseEnv({ DOWNLOAD_LINK_TTL_SECONDS: value })).toThrow(/DOWNLOAD_LINK_TTL_SECONDS/);
  });

  it("keeps a production build away from the local checkout stand-in", () => {
    expect(() => parseEnv({ ...production, STRIPE_API_URL: "http://127.0.0.1:12111" })).toThrow(/STRIPE_API_URL/);
    expect(() => parseEnv({ ...production, STRIPE_SECRET_KEY: "sk_live_abc", STRIPE_API_URL: "http://evil.example" })).toThrow(
      /STRIPE_API_URL/,
    );
  });

  it("reads TRUSTED_PROXY_HOPS, 0 unless set", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "1.5", "many"])
      expect(() => parseEnv({ TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
