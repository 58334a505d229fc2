import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { requestIdFor } from "../lib/http/request-id";
import { runInScope } from "../lib/http/request-scope";
import { createLogger } from "../lib/log";
import { presignDownload } from "../lib/storage/s3";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return {
    log: createLogger(stream),
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe("log", () => {
  it("writes one JSON object per line, each carrying the request's id", () => {
    const { log, lines, records } = capture();
    const request = log.child({ requestId: "req-0123456789" });
    request.info("first");
    request.warn({ fileId: "f1" }, "second");
    log.info("outside the request");
    expect(lines).toHaveLength(3);
    const [first, second, outside] = records();
    expect(first).toMatchObject({
      level: "info",
      msg: "first",
      requestId: "req-0123456789",
      service: "downlink",
    });
    expect(second).toMatchObject({ level: "warn", msg: "second", requestId: "req-0123456789", fileId: "f1" });
    expect(outside.requestId).toBeUndefined();
    expect(typeof first.time).toBe("string");
  });

  it("masks a presigned URL wherever it appears: field, message, error", async () => {
    const { url } = await presignDownload({
      objectKey: "products/demo/1.0.0/abc/demo.zip",
      filename: "demo.zip",
      contentType: "application/zip",
    });
    expect(url).toContain("X-Amz-Signature=");
    const { log, lines } = capture();
    log.info({ url, nested: { links: [url] } }, `issued ${url}`);
    log.error(new Error(`GET ${url} failed`), "download failed");
    const output = lines.join("\n");
    expect(output).not.toMatch(/X-Amz-Signature=[0-9a-f]/);
    expect(output).not.toMatch(/X-Amz-Credential=\w/);
    expect(output).toContain("/products/demo/1.0.0/abc/demo.zip?[redacted]");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]).err).toMatchObject({
      type: "Error",
      message: expect.stringMatching(/^GET http.*demo\.zip\?\[redacted\] failed$/),
    });
    expect(JSON.parse(lines[1]).err.stack).toContain("log.test.ts");
  });

  it("masks credentials, cookies, Stripe keys, API tokens and passwords in URLs", () => {
    const { log, lines } = capture();
    // Built at run time so the repository holds nothing that looks like a live key.
    const stripeKey = ["sk", "live", "51AbCdEfGhIjKlMnOpQrStUv"].join("_");
    const apiToken = `dl_${"x".repeat(43)}`;
    log.info({
      headers: {
        authorization: `Bearer ${apiToken}`,
        cookie: "next-auth.session-token=abc123",
        "user-agent": "curl/8",
      },
      config: {
        STRIPE_SECRET_KEY: stripeKey,
        AUTH_SECRET: "0123456789abcdef0123",
        S3_ACCESS_KEY_ID: "AKIAEXAMPLE",
      },
      databaseUrl: "postgresql://downlink:hunter2@db.internal:5432/downlink",
    });
    log.warn(`stripe rejected ${stripeKey}; webhook whsec_abcdef123456; token ${apiToken}`);
    const output = lines.join("\n");
    for (const secret of [
      stripeKey,
      apiToken,
      "abc123",
      "0123456789abcdef0123",
      "AKIAEXAMPLE",
      "hunter2",
      "whsec_abcdef123456",
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain("curl/8");
    expect(output).toContain("postgresql://downlink:[redacted]@db.internal:5432/downlink");
  });

  it("masks licence keys and the tokens of sign-in and unsubscribe links, however they reach a log", () => {
    const { log, lines } = capture();
    const licenseKey = "DL-7K2QD-M9XWA-4TNVB-0PHRZ";
    const typed = "dl-7k2qd m9xwa 4tnvb 0phrz";
    const signInToken = "9f".repeat(32);
    const unsubscribeToken = "q3Vh-Xz_8kLmN0pQrStUvWxYz0123456789abcdEfGh";
    const callback = `https://store.example.com/api/auth/callback/email?callbackUrl=%2Flibrary&token=${signInToken}&email=a%40example.com`;
    // A feed URL, a stable link, a bearer header, next-auth's error metadata, a percent-encoded callbackUrl.
    log.info(
      { url: `https://store.example.com/api/v1/feeds/tessellate/stable/macOS/appcast.xml?key=${licenseKey}` },
      "feed",
    );
    log.info(
      { headers: new Headers({ authorization: `Bearer ${licenseKey}`, "user-agent": "Sparkle/2" }) },
      "request",
    );
    log.warn(
      { path: `/download/tessellate/latest?platform=macOS&key=${typed.replace(/ /g, "-")}` },
      "stable link",
    );
    log.error(
      {
        code: "CALLBACK_EMAIL_ERROR",
        err: { error: new Error(`GET ${callback} failed`), url: callback, providerId: "email" },
      },
      "next-auth error",
    );
    log.info(`redirect to /signin?callbackUrl=${encodeURIComponent(callback)}`);
    log.info(
      {
        licenseKey: typed,
        unsubscribe: `/api/unsubscribe?email=a%40example.com&product=p1&token=${unsubscribeToken}`,
      },
      "unsubscribe",
    );
    // The other spellings a key is accepted in (lib/licensing/keys.ts): no dash after DL, no prefix.
    log.info(
      `activation for DL 7K2QD M9XWA 4TNVB 0PHRZ, then dl7k2qdm9xwa4tnvb0phrz, then 7K2QDM9XWA4TNVB0PHRZ`,
    );
    const output = lines.join("\n");
    for (const secret of [licenseKey, "7K2QD-M9XWA", "7k2qd", "7K2QD", signInToken, unsubscribeToken])
      expect(output).not.toContain(secret);
    expect(lines).toHaveLength(7);
    // What is not a credential stays readable.
    expect(output).toContain("/api/v1/feeds/tessellate/stable/macOS/appcast.xml?key=[redacted]");
    expect(output).toContain("platform=macOS");
    expect(output).toContain("email=a%40example.com");
    expect(output).toContain("Sparkle/2");
  });

  it("leaves look-alikes that carry no credential alone", () => {
    const { log, lines } = capture();
    log.info(
      { objectKey: "products/tessellate/1.0.0/abc/Tessellate.dmg", monkey: "?monkey=1", placeholder: "DL-…" },
      "upload",
    );
    expect(lines[0]).toContain("products/tessellate/1.0.0/abc/Tessellate.dmg");
    expect(lines[0]).toContain("?monkey=1");
    expect(lines[0]).toContain("DL-…");
  });

  it("tags every line written while a request is handled with its id, across awaits and timers", async () => {
    const { log, records } = capture();
    const scope = { requestId: "req-scope-0123456789", databaseUnavailable: false };
    await runInScope(scope, async () => {
      log.info("first");
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.child({ component: "next-auth" }).error({ code: "SESSION_ERROR" }, "after a timer");
    });
    log.info("from a script");
    expect(records().map((line) => [line.msg, line.requestId])).toEqual([
      ["first", "req-scope-0123456789"],
      ["after a timer", "req-scope-0123456789"],
      ["from a script", undefined],
    ]);
  });
});

describe("requestIdFor", () => {
  it("keeps a sane incoming id and replaces anything else with a fresh UUID", () => {
    expect(requestIdFor("lb-7f3a9c2e-0001")).toBe("lb-7f3a9c2e-0001");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of [
      null,
      "",
      "short",
      "has space in it",
      "x".repeat(200),
      'evil\n{"level":"fatal"}',
      "<script>alert(1)</script>",
    ]) {
      expect(requestIdFor(bad)).toMatch(uuid);
    }
    expect(requestIdFor(null)).not.toBe(requestIdFor(null));
  });
});
