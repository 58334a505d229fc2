import { describe, expect, it } from "vitest";
import { parseEnv } from "../lib/env-schema";

describe("production start-up configuration", () => {
  it("names every unset variable in one line, and other problems on their own", () => {
    let message = "";
    try {
      parseEnv({ NODE_ENV: "production", APP_URL: "not a url", S3_REGION: "eu-central-1" });
    } catch (error) {
      message = (error as Error).message;
    }
    const missing = message.match(/^ {2}missing: (.*)$/m)?.[1].split(", ");
    expect(missing).toEqual([
      "DATABASE_URL",
      "S3_BUCKET",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
      "EMAIL_SERVER",
      "EMAIL_FROM",
      "AUTH_SECRET",
      "LICENSE_SIGNING_KEYS",
    ]);
    expect(message).toMatch(/^ {2}APP_URL: /m);
  });

  it("lets `next build` prerender without the runtime's secrets", () => {
    const config = parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" });
    expect(config.NODE_ENV).toBe("production");
    expect(config.DATABASE_URL).toMatch(/^postgresql:\/\/.*127\.0\.0\.1/);
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-server" })).toThrow(
      /missing: DATABASE_URL/,
    );
  });

  it("reads the log level and the shutdown deadline", () => {
    expect(parseEnv({}).LOG_LEVEL).toBe("info");
    expect(parseEnv({}).SHUTDOWN_TIMEOUT_SECONDS).toBe(25);
    expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });
});
