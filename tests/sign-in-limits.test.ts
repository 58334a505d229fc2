import { describe, expect, it, vi } from "vitest";
import { pruneSignInQuotas, SIGN_IN_WINDOW_MS, takeSignInQuota } from "../lib/dal/sign-in-limits";
import { prisma, unique } from "./support/fixtures";

// A pool of connections as in production (the embedded defaults give tests one, which would count
// the "concurrent" requests one after another).
vi.stubEnv("DATABASE_POOL_MAX", "10");
const limits = { perAddress: 3, perIp: 5 };

describe("takeSignInQuota", () => {
  it("lets exactly the configured number of concurrent requests through per address", async () => {
    const email = `${unique("limit")}@example.com`;
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => takeSignInQuota(email, `198.18.0.${i}`, limits, now)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(limits.perAddress);
    expect(
      results.filter((result) => !result.ok).every((result) => !result.ok && result.limitedBy === "address"),
    ).toBe(true);
  });

  it("limits one client address across many addresses, and unknown clients share one bucket", async () => {
    const ip = `198.18.1.${Math.floor(Math.random() * 250)}-${unique("ip")}`;
    const now = new Date();
    const results = [];
    for (let i = 0; i < limits.perIp + 2; i++)
      results.push(await takeSignInQuota(`${unique("ip")}@example.com`, ip, limits, now));
    expect(results.map((result) => result.ok)).toEqual([...Array(limits.perIp).fill(true), false, false]);
    expect(results.at(-1)).toMatchObject({ ok: false, limitedBy: "ip" });
    const retry = results.at(-1) as { retryAfterSeconds: number };
    expect(retry.retryAfterSeconds).toBeGreaterThan(0);
    expect(retry.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_WINDOW_MS / 1000);
  });

  it("counts one inbox however the address is tagged or dotted", async () => {
    const name = unique("inbox").replace(/[^a-z0-9]/g, "");
    const variants = [
      `${name}@gmail.com`,
      `${name}+1@gmail.com`,
      `${name.split("").join(".")}@gmail.com`,
      `${name}+x@googlemail.com`,
      `${name}+2@gmail.com`,
    ];
    const now = new Date();
    const results = [];
    for (const [i, email] of variants.entries())
      results.push(await takeSignInQuota(email, `198.18.3.${i}`, limits, now));
    expect(results.map((result) => result.ok)).toEqual([true, true, true, false, false]);
    expect(results.at(-1)).toMatchObject({ ok: false, limitedBy: "address" });
  });

  it("counts an IPv6 client as its /64, whichever of its addresses it sends from", async () => {
    const hex = () => Math.floor(Math.random() * 0xffff).toString(16);
    const prefix = `2001:db8:${hex()}:${hex()}`;
    const now = new Date();
    const results = [];
    for (let i = 0; i < limits.perIp + 2; i++) {
      results.push(
        await takeSignInQuota(
          `${unique("v6")}@example.com`,
          `${prefix}:${hex()}:${hex()}::${i + 1}`,
          limits,
          now,
        ),
      );
    }
    expect(results.map((result) => result.ok)).toEqual([...Array(limits.perIp).fill(true), false, false]);
    expect(results.at(-1)).toMatchObject({ ok: false, limitedBy: "ip" });
  });

  it("starts counting afresh in the next window and prunes old windows", async () => {
    const email = `${unique("window")}@example.com`;
    const now = new Date();
    for (let i = 0; i < limits.perAddress; i++)
      await takeSignInQuota(email, null, { ...limits, perIp: 1_000_000 }, now);
    expect((await takeSignInQuota(email, null, { ...limits, perIp: 1_000_000 }, now)).ok).toBe(false);
    const later = new Date(now.getTime() + SIGN_IN_WINDOW_MS);
    expect((await takeSignInQuota(email, null, { ...limits, perIp: 1_000_000 }, later)).ok).toBe(true);
    await pruneSignInQuotas(new Date(later.getTime() + 2 * SIGN_IN_WINDOW_MS));
    expect(
      await prisma.rateLimitCounter.count({
        where: { key: { startsWith: "signin:" }, windowStart: { lte: now } },
      }),
    ).toBe(0);
  });

  it("stores no address in the clear", async () => {
    const email = `${unique("hashed")}@example.com`;
    await takeSignInQuota(email, null, limits);
    const keys = await prisma.rateLimitCounter.findMany({
      where: { key: { startsWith: "signin:" } },
      select: { key: true },
    });
    expect(keys.some((row) => row.key.includes(email))).toBe(false);
  });
});
