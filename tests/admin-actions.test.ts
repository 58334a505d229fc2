import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "../lib/auth/session";
import { prisma } from "./support/fixtures";

// The session reader needs a Next.js request; here it answers as the caller under test.
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.23" }) }));

const dir = path.resolve(import.meta.dirname, "../lib/actions/admin");
const files = readdirSync(dir).filter(
  (file) => file.endsWith(".ts") && file !== "admin-action.ts" && !file.endsWith(".test.ts"),
);

async function loadActions() {
  const actions: [string, (...args: unknown[]) => Promise<unknown>][] = [];
  for (const file of files) {
    const exports = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "function")
        actions.push([name, value as (...args: unknown[]) => Promise<unknown>]);
    }
  }
  return actions;
}

const callers = {
  "a signed-out visitor": { user: null, code: "unauthorized", actorEmail: "anonymous", reason: "signed_out" },
  "a customer": {
    user: { id: "customer-id", email: "customer@example.com", isAdmin: false },
    code: "forbidden",
    actorEmail: "customer@example.com",
    reason: "not_admin",
  },
} as const;

// Refusals are kept as bounded rows (one per caller, action and reason a minute, with a count).
async function refusals(actorEmail: string) {
  const rows = await prisma.auditLog.findMany({ where: { action: "admin.denied", actorEmail } });
  const totals = new Map<string, number>();
  for (const row of rows) {
    // One row per minute window: the same key may have several.
    const key = `${row.targetId}|${(row.data as { reason: string }).reason}`;
    totals.set(key, (totals.get(key) ?? 0) + (row.data as { count: number }).count);
  }
  return totals;
}

// Inputs that would be valid for an admin, so a denial cannot come from validation.
function plausibleForm() {
  const form = new FormData();
  for (const [key, value] of Object.entries({
    id: "x1",
    productId: "x1",
    releaseId: "x1",
    fileId: "x1",
    userId: "x1",
    entitlementId: "x1",
    name: "Name",
    slug: "slug",
    price: "10",
    currency: "usd",
    version: "1.0.0",
    channel: "stable",
    reason: "because",
    change: "revoke",
    expiresInSeconds: "600",
    downloadLimit: "",
  }))
    form.set(key, value);
  return form;
}

afterAll(() => prisma.$disconnect());

describe("admin server actions", () => {
  it("exist (the list is read from lib/actions/admin)", async () => {
    expect((await loadActions()).length).toBeGreaterThanOrEqual(12);
  });

  for (const [who, { user, code, actorEmail, reason }] of Object.entries(callers)) {
    it(`refuse ${who}, whatever the input, write nothing but an audit of each refusal`, async () => {
      vi.mocked(getCurrentUser).mockResolvedValue(user);
      const otherAuditsBefore = await prisma.auditLog.count({ where: { action: { not: "admin.denied" } } });
      const productsBefore = await prisma.product.count();
      const refusedBefore = await refusals(actorEmail);
      const inputs = [plausibleForm(), { fileId: "x1", partNumbers: [1] }, null, "garbage"];
      const actions = await loadActions();
      for (const [name, action] of actions) {
        for (const input of inputs) {
          const result = action.length >= 2 ? await action({ status: "idle" }, input) : await action(input);
          expect(result, name).toMatchObject({ status: "error", code });
        }
      }
      expect(await prisma.auditLog.count({ where: { action: { not: "admin.denied" } } })).toBe(
        otherAuditsBefore,
      );
      expect(await prisma.product.count()).toBe(productsBefore);
      const refusedAfter = await refusals(actorEmail);
      for (const [name] of actions) {
        const key = `${name}|${reason}`;
        expect(refusedAfter.get(key), `${name} is audited by name`).toBe(
          (refusedBefore.get(key) ?? 0) + inputs.length,
        );
      }
    });
  }
});
