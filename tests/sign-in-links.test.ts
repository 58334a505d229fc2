// Emailed sign-in links through the adapter next-auth is configured with: using one voids the
// address's other links, also when several are opened at once (run on PostgreSQL for the race),
// and they live SIGN_IN_LINK_TTL_SECONDS.
import { randomBytes } from "node:crypto";
import type { Adapter } from "next-auth/adapters";
import { afterAll, describe, expect, it, vi } from "vitest";
import { authOptions } from "../lib/auth/options";
import { describeLinkLifetime } from "../lib/auth/sign-in-messages";
import { parseEnv } from "../lib/env-schema";
import { recordSecurityEvidence } from "./support/security-evidence";
import { unique } from "./support/fixtures";

// A pool of connections as the app has in production; the embedded defaults give tests one, and
// one connection would take the links in turn however they are opened.
vi.stubEnv("DATABASE_POOL_MAX", "10");
const adapter = authOptions().adapter as Required<Adapter>;
const rows: (string | number)[][] = [];

// Links as next-auth stores them: the hashed token, the address, the expiry.
async function mailLinks(identifier: string, count: number, expires = new Date(Date.now() + 600_000)) {
  const tokens = Array.from({ length: count }, () => randomBytes(32).toString("hex"));
  for (const token of tokens) await adapter.createVerificationToken({ identifier, token, expires });
  return tokens;
}
const open = (identifier: string, token: string) => adapter.useVerificationToken({ identifier, token });
const worked = (links: unknown[]) => links.filter((link) => link !== null).length;

afterAll(() => {
  recordSecurityEvidence({
    section: "sign-in",
    title: "Sign-in links of one address after one of them was used",
    columns: ["case", "links mailed", "links opened", "links that signed in"],
    rows,
  });
});

describe("sign-in links", () => {
  it("a link that signs in voids the address's older and newer links, and nobody else's", async () => {
    const identifier = `${unique("links")}@example.com`;
    const bystander = `${unique("bystander")}@example.com`;
    const [older, used, newer] = await mailLinks(identifier, 3);
    const [theirs] = await mailLinks(bystander, 1);
    expect(await open(identifier, used)).toMatchObject({ identifier, token: used });
    const later = [await open(identifier, older), await open(identifier, newer)];
    rows.push(["used the second of three, then the other two", 3, 3, 1 + worked(later)]);
    expect(later).toEqual([null, null]);
    expect(await open(bystander, theirs)).toMatchObject({ identifier: bystander });
  });

  it("of links of one address opened at the same moment, exactly one signs in", async () => {
    const identifier = `${unique("race")}@example.com`;
    const tokens = await mailLinks(identifier, 8);
    const links = await Promise.all(tokens.map((token) => open(identifier, token)));
    rows.push(["8 different links opened at once", 8, 8, worked(links)]);
    expect(worked(links)).toBe(1);

    const [token] = await mailLinks(identifier, 1);
    const sameLink = await Promise.all(Array.from({ length: 8 }, () => open(identifier, token)));
    rows.push(["one link opened 8 times at once", 1, 8, worked(sameLink)]);
    expect(worked(sameLink)).toBe(1);
  });

  it("a wrong token or an expired link voids nothing", async () => {
    const identifier = `${unique("expired")}@example.com`;
    const [expired] = await mailLinks(identifier, 1, new Date(Date.now() - 1000));
    const [valid] = await mailLinks(identifier, 1);
    expect(await open(identifier, randomBytes(32).toString("hex"))).toBeNull();
    // next-auth itself refuses a link past its expiry; the adapter only removes it.
    expect((await open(identifier, expired))?.expires.getTime()).toBeLessThan(Date.now());
    expect(await open(identifier, expired)).toBeNull();
    const stillValid = await open(identifier, valid);
    rows.push(["a wrong token and an expired link, then a valid one", 2, 3, worked([stillValid])]);
    expect(stillValid).toMatchObject({ identifier, token: valid });
    expect(await adapter.useVerificationToken({ identifier: undefined as never, token: valid })).toBeNull();
  });
});

describe("SIGN_IN_LINK_TTL_SECONDS", () => {
  it("defaults to 15 minutes and accepts 60 to 86400 seconds", () => {
    expect(parseEnv({}).SIGN_IN_LINK_TTL_SECONDS).toBe(900);
    expect(parseEnv({ SIGN_IN_LINK_TTL_SECONDS: "60" }).SIGN_IN_LINK_TTL_SECONDS).toBe(60);
    expect(parseEnv({ SIGN_IN_LINK_TTL_SECONDS: "86400" }).SIGN_IN_LINK_TTL_SECONDS).toBe(86_400);
    expect(() => parseEnv({ SIGN_IN_LINK_TTL_SECONDS: "59" })).toThrow(
      "SIGN_IN_LINK_TTL_SECONDS must be at least 60",
    );
    expect(() => parseEnv({ SIGN_IN_LINK_TTL_SECONDS: "86401" })).toThrow(
      "SIGN_IN_LINK_TTL_SECONDS must be at most 86400",
    );
  });

  it.each([
    [900, "15 minutes"],
    [60, "1 minute"],
    [119, "1 minute"],
    [3600, "1 hour"],
    [5400, "90 minutes"],
    [86_400, "24 hours"],
  ])("%i seconds read as %s, never longer than the link lives", (seconds, words) => {
    expect(describeLinkLifetime(seconds)).toBe(words);
  });
});
