import { describe, expect, it } from "vitest";
import { callbackPathOf, sameOriginRedirect, safeCallbackPath } from "./callback-url";
import { inboxOf, isAdminEmail, normalizeEmail } from "./email-address";

describe("normalizeEmail", () => {
  it("lower-cases and trims a plain address", () => {
    expect(normalizeEmail("  Customer@Example.COM ")).toBe("customer@example.com");
  });

  it.each([
    "a@attacker.com,victim@x.com",
    "a@attacker.com;victim@x.com",
    '"e@attacker.com"@victim.com',
    "Victim <victim@x.com>",
    "victim@x.com\r\nbcc: a@attacker.com",
    "victim@x.com a@attacker.com",
    "no-at-sign",
    "a@localhost",
    `${"a".repeat(250)}@x.com`,
  ])("refuses %j so that no link can reach a second inbox", (input) => {
    expect(() => normalizeEmail(input)).toThrow("Enter a single, plain email address.");
  });
});

describe("isAdminEmail", () => {
  it("matches the configured list case-insensitively and nothing else", () => {
    expect(isAdminEmail("Admin@Example.com", ["admin@example.com"])).toBe(true);
    expect(isAdminEmail("admin@example.com.evil.io", ["admin@example.com"])).toBe(false);
    expect(isAdminEmail(null, ["admin@example.com"])).toBe(false);
  });
});

describe("safeCallbackPath", () => {
  it.each([
    ["/library", "/library"],
    ["/download/lumen-cli/latest?platform=Linux", "/download/lumen-cli/latest?platform=Linux"],
    ["https://evil.example/phish", "/library"],
    ["//evil.example", "/library"],
    ["/\\evil.example", "/library"],
    [undefined, "/library"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe("sameOriginRedirect", () => {
  const base = "https://store.example.com";
  it.each([
    ["/library", `${base}/library`],
    [`${base}/account?tab=1`, `${base}/account?tab=1`],
    ["https://evil.example/phish", `${base}/library`],
    ["//evil.example", `${base}/library`],
    ["/\\evil.example", `${base}/library`],
    ["javascript:alert(document.cookie)", `${base}/library`],
    ["https://store.example.com.evil.example/", `${base}/library`],
    ["not a url", `${base}/library`],
  ])("%s → %s", (input, expected) => {
    expect(sameOriginRedirect(input, base)).toBe(expected);
  });
});

describe("callbackPathOf", () => {
  const base = "https://store.example.com";
  it.each([
    ["/download/lumen-cli/latest?platform=Linux", "/download/lumen-cli/latest?platform=Linux"],
    [`${base}/account?tab=1`, "/account?tab=1"],
    ["https://evil.example/phish", "/library"],
    ["//evil.example", "/library"],
    [undefined, "/library"],
  ])("%s → %s", (input, expected) => {
    expect(callbackPathOf(input, base)).toBe(expected);
  });
});

describe("inboxOf", () => {
  it.each([
    ["a plain address is its own inbox", "me@example.com", "me@example.com"],
    ["a tag reaches the untagged inbox", "me+shop@example.com", "me@example.com"],
    ["Gmail ignores dots", "m.e+x@gmail.com", "me@gmail.com"],
    ["googlemail.com is Gmail", "m.e@googlemail.com", "me@gmail.com"],
    ["dots elsewhere stay", "m.e@example.com", "m.e@example.com"],
    ["an address that is only a tag keeps it", "+tag@example.com", "+tag@example.com"],
  ])("%s", (_case, email, inbox) => {
    expect(inboxOf(email)).toBe(inbox);
  });
});
