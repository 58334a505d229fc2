// Upgrades to a higher tier: the owner pays the difference (prorated or flat, the seller's choice),
// and the same entitlement and key get the new tier's activation limit; a refund puts the old back.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { upgradeQuote } from "../lib/catalog/renewal-terms";
import { prisma } from "./support/fixtures";
import {
  changeAndPay,
  entitlementOf,
  lapsedOwner,
  licenseCall,
  standIn,
  startChange,
} from "./support/renewals";
import { recordSecurityEvidence } from "./support/security-evidence";
import { deliver } from "./support/stripe";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.62", "user-agent": "vitest" }),
}));
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));
afterAll(() => prisma.$disconnect());

// Activates new machines until the key refuses one; answers how many were taken.
async function activateUntilFull(key: string, product: string, tries: number) {
  let activated = 0;
  for (let i = 0; i < tries; i++) {
    const fingerprint = `machine-${randomBytes(6).toString("hex")}`;
    const { status } = await licenseCall("activate", { key, product, fingerprint });
    if (status === 201) activated++;
    else expect(status).toBe(409);
  }
  return activated;
}

describe("upgrades", () => {
  it("prorated: the same key gets the higher tier's activation limit; a refund puts the old tier back", async () => {
    const owner = await lapsedOwner({ endedDaysAgo: -180 });
    const { user, entitlement, key, product, personal, team } = owner;
    const machinesBefore = await activateUntilFull(key, product.slug, 4);
    const quote = (now: Date) =>
      upgradeQuote(
        { tier: personal, seats: 1, updatesUntil: entitlement.updatesUntil },
        { tier: team, seats: 2 },
        "prorated",
        now,
      );
    const [early, { session }, late] = [
      quote(new Date()),
      await changeAndPay("upgrade", user, { entitlementId: entitlement.id, tierId: team.id, seats: "2" }),
      quote(new Date()),
    ];
    const upgraded = await entitlementOf(entitlement.id);
    const machinesAfter = await activateUntilFull(key, product.slug, 4);
    const validated = await licenseCall("validate", { key, product: product.slug });

    await deliver(await standIn(`sessions/${session.id}/refund`));
    const refunded = await entitlementOf(entitlement.id);
    const machinesAfterRefund = await activateUntilFull(key, product.slug, 1);

    recordSecurityEvidence({
      section: "payments",
      title: "An upgrade raises the activation limit on the same key",
      columns: ["step", "tier", "seats", "activation limit", "new machines accepted", "licence key"],
      rows: [
        ["Personal, 180 days of 365 left", "Personal", 1, 3, machinesBefore, key],
        [
          `upgraded to Team × 2, paid ${session.amount_total} (difference 2900, prorated)`,
          "Team",
          upgraded.seats,
          6,
          machinesAfter,
          upgraded.license!.key,
        ],
        ["upgrade refunded", "Personal", refunded.seats, 3, machinesAfterRefund, refunded.license!.key],
      ],
      note: "Prorated: (7800 − 4900) × the part of the current 12-month period still to run, rounded down to the cent; the window keeps its end (both tiers have 12 months).",
    });
    expect(early.ok && late.ok).toBe(true);
    if (!early.ok || !late.ok) return;
    expect(session.amount_total).toBeLessThanOrEqual(early.amount);
    expect(session.amount_total).toBeGreaterThanOrEqual(late.amount);
    expect(machinesBefore).toBe(3);
    expect(upgraded).toMatchObject({ id: entitlement.id, tierId: team.id, seats: 2 });
    expect(upgraded.license!.key).toBe(key);
    expect(upgraded.updatesUntil).toEqual(entitlement.updatesUntil);
    expect(machinesAfter).toBe(3);
    expect(validated.json.activations).toMatchObject({ used: 6, limit: 6 });
    expect(refunded).toMatchObject({ tierId: personal.id, seats: 1, status: "active" });
    expect(machinesAfterRefund).toBe(0);
  });

  it("flat: the whole price difference, whatever is left of the window", async () => {
    const { user, entitlement, team } = await lapsedOwner({ upgradePricing: "flat", endedDaysAgo: -300 });
    const { session } = await changeAndPay("upgrade", user, {
      entitlementId: entitlement.id,
      tierId: team.id,
      seats: "3",
    });
    expect(session.amount_total).toBe(3 * 3900 - 4900);
    expect(await entitlementOf(entitlement.id)).toMatchObject({ tierId: team.id, seats: 3 });
  });

  it("prorated, after the window ended: refused with a clear reason (renew first), no checkout made", async () => {
    const { user, entitlement, team } = await lapsedOwner();
    const started = await startChange("upgrade", user, { entitlementId: entitlement.id, tierId: team.id });
    expect(started).toEqual({
      sessionId: null,
      result: {
        status: "error",
        code: "invalid_input",
        message: "Your updates have ended: renew first, then upgrade.",
      },
    });
    expect(await prisma.order.count({ where: { userId: user.id } })).toBe(0);
  });
});
