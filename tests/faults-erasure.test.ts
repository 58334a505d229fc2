import { afterAll, describe, expect, it } from "vitest";
import { eraseCustomer } from "../lib/customers/data-rights";
import { customerWithData, type CustomerWithData } from "./support/customer-data";
import { faultEvidence } from "./support/faults";
import { createUser, prisma } from "./support/fixtures";

const evidence = faultEvidence("Erasure failing part-way");
afterAll(async () => {
  evidence.write();
  await prisma.$disconnect();
});

// Everything an erasure changes for one customer, to compare before and after a failed one.
async function customerState(c: CustomerWithData) {
  return {
    user: await prisma.user.findUnique({ where: { id: c.user.id } }),
    sessions: await prisma.session.count({ where: { userId: c.user.id } }),
    machines: await prisma.licenseActivation.count({ where: { licenseId: c.license.id } }),
    key: await prisma.license.findUnique({ where: { id: c.license.id }, select: { revokedAt: true } }),
    orders: await prisma.order.findMany({
      where: { id: { in: [c.order.id, c.guestOrder.id] } },
      orderBy: { id: "asc" },
    }),
    downloads: await prisma.downloadEvent.findMany({ where: { userId: c.user.id }, orderBy: { id: "asc" } }),
    audit: await prisma.auditLog.findMany({ where: { actorId: c.user.id }, orderBy: { id: "asc" } }),
    erasures: await prisma.auditLog.count({ where: { action: "customer.erase", targetId: c.user.id } }),
  };
}

describe("faults: erasure", () => {
  it("leaves nothing half-erased when the database refuses a statement in the middle", async () => {
    const customer = await customerWithData();
    const admin = await createUser();
    const actor = { kind: "user" as const, id: admin.id, email: admin.email };
    // A real database error, raised by PostgreSQL itself on the order update: sessions, machines
    // and keys are changed before it in the same transaction, the user row after it.
    await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_order_erasure() RETURNS trigger AS $$
      BEGIN IF OLD."userId" = '${customer.user.id}' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END
      $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_order_erasure BEFORE UPDATE ON "Order" FOR EACH ROW EXECUTE FUNCTION refuse_order_erasure()`,
    );
    const before = await customerState(customer);
    let failed: unknown;
    try {
      await eraseCustomer({ userId: customer.user.id, reason: "erasure request" }, actor).catch((error) => {
        failed = error;
      });
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_order_erasure ON "Order"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION refuse_order_erasure()`);
    }
    const after = await customerState(customer);
    expect(String(failed)).toContain("injected fault");
    evidence.row(
      "PostgreSQL raises an error on the order update, after sessions, machines and keys were changed",
      `erasure failed; sessions ${after.sessions}/${before.sessions}, machines ${after.machines}/${before.machines}, address kept: ${after.user?.email === before.user?.email}`,
      "every row as before, no audit row",
      JSON.stringify(after) === JSON.stringify(before),
    );
    expect(after).toEqual(before);
    expect(after.sessions).toBeGreaterThan(0);

    // Once the fault is gone, the same erasure goes through.
    const retried = await eraseCustomer({ userId: customer.user.id, reason: "erasure request" }, actor);
    const erased = await customerState(customer);
    evidence.row(
      "the same erasure again, fault removed",
      `${retried.status}; sessions ${erased.sessions}, machines ${erased.machines}, erasure audit rows ${erased.erasures}`,
      "erased, one audit row",
      retried.status === "success" && erased.sessions === 0 && erased.erasures === 1,
    );
    expect(retried.status).toBe("success");
    expect(erased).toMatchObject({ sessions: 0, machines: 0, erasures: 1 });
  });
});
