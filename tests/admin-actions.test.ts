import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "../lib/auth/session";
import { prisma } from "./support/fixtures";

// The session reader needs a Next.js request; here it answers as the caller under test.
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const dir = path.resolve(import.meta.dirname, "../lib/actions/admin");
const files = readdirSync(dir).filter((file) => file.endsWith(".ts") && file !== "admin-action.ts" && !file.endsWith(".test.ts"));

async function loadActions() {
  const actions: [string, (...args: unknown[]) => Promise<unknown>][] = [];
  for (const file of files) {
    const exports = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "function") actions.push([`${file}:${name}`, value as (...args: unknown[]) => Promise<unknown>]);
    }
  }
  return actions;
}

const callers = {
  "a signed-out visitor": { user: null, code: "unauthorized" },
  "a customer": { user: { id: "customer-id", email: "customer@example.com", isAdmin: false }, code: "forbidden" },
} as const;

// Inputs that would be valid for an admin, so a denial cannot come from validation.
function plausibleForm() {
  const form = new FormData();
  for (const [key, value] of Object.entries({
    id: "x1", productId: "x1", releaseId: "x1", fileId: "x1", userId: "x1", entitlementId: "x1",
    name: "Name", slug: "slug", price: "10", currency: "usd", version: "1.0.0", channel: "stable",
    reason: "because", change: "revoke", expiresInSeconds: "600", downloadLimit: "",
  })) form.set(key, value);
  return form;
}

afterAll(() => prisma.$disconnect());

describe("admin server actions", () => {
  it("exist (the list is read from lib/actions/admin)", async () => {
    expect((await loadActions()).length).toBeGreaterThanOrEqual(12);
  });

  for (const [who, { user, code }] of Object.entries(callers)) {
    it(`refuse ${who}, whatever the input, and write nothing`, async () => {
      vi.mocked(getCurrentUser).mockResolvedValue(user);
      const auditBefore = await prisma.auditLog.count();
      const productsBefore = await prisma.product.count();
      for (const [name, action] of await loadActions()) {
        const inputs = [plausibleForm(), { fileId: "x1", partNumbers: [1] }, null, "garbage"];
        for (const input of inputs) {
          const result = action.length >= 2 ? await action({ status: "idle" }, input) : await action(input);
          expect(result, name).toMatchObject({ status: "error", code });
        }
      }
      expect(await prisma.auditLog.count()).toBe(auditBefore);
      expect(await prisma.product.count()).toBe(productsBefore);
    });
  }
});
