import { afterAll, describe, expect, it, vi } from "vitest";
import { GET as ownData } from "../app/(account)/account/data/route";
import { GET as customerData } from "../app/(admin)/admin/customers/[id]/data/route";
import { eraseCustomerAction } from "../lib/actions/admin/customer-data";
import { getCurrentUser } from "../lib/auth/session";
import { applyRetention } from "../lib/customers/retention";
import { erasedEmail } from "../lib/dal/erasure";
import { clearClientDetailsBefore } from "../lib/dal/retention";
import { customerWithData, placesHolding, type CustomerWithData } from "./support/customer-data";
import { createProductWithFile, createUser, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.9", "user-agent": "vitest" }),
}));

afterAll(() => prisma.$disconnect());

const signedInAs = (user: { id: string; email: string } | null, isAdmin = false) =>
  vi.mocked(getCurrentUser).mockResolvedValue(user && { ...user, isAdmin });
const adminUser = async () => createUser(`${unique("admin")}@example.com`);

// What identifies a customer outside their own rows' ids: address, client addresses, user agent.
const identifying = (c: CustomerWithData) => [c.user.email, ...c.ips, c.userAgent];
// What only this customer's copy may contain.
const secrets = (c: CustomerWithData) => [...identifying(c), c.license.key, ...c.machines];

async function erase(userId: string, admin: { id: string; email: string }) {
  signedInAs(admin, true);
  const form = new FormData();
  form.set("userId", userId);
  form.set("reason", "erasure request by email");
  return eraseCustomerAction({ status: "idle" }, form);
}

describe("data rights", () => {
  it("gives a customer a copy of their own rows and nothing of another customer's", async () => {
    const [mine, theirs] = [await customerWithData(), await customerWithData()];
    signedInAs(mine.user);
    // The route takes no input; a query naming another customer changes nothing.
    const response = await ownData(new Request(`http://localhost/account/data?userId=${theirs.user.id}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="my-data-/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const copy = JSON.parse(text);
    expect(copy.account).toMatchObject({ id: mine.user.id, email: mine.user.email, name: "Ada Example" });
    expect(copy.orders.map((order: { number: number }) => order.number)).toEqual([mine.order.number]);
    expect(copy.licences).toHaveLength(1);
    expect(copy.licences[0].key).toBe(mine.license.key);
    expect(copy.licences[0].machines.map((m: { fingerprint: string }) => m.fingerprint).sort()).toEqual(
      [...mine.machines].sort(),
    );
    expect(copy.downloads.map((d: { ip: string }) => d.ip).sort()).toEqual([...mine.ips].sort());
    const leaked = secrets(theirs).filter((value) => text.includes(value));
    expect(leaked, "another customer's data in the copy").toEqual([]);

    signedInAs(null);
    const signedOut = await ownData(new Request("http://localhost/account/data"));
    expect(signedOut.status).toBe(401);

    // An admin's copy of a customer is that customer's, and is audited.
    const admin = await adminUser();
    signedInAs(admin, true);
    const adminCopy = await customerData(new Request("http://localhost/"), {
      params: Promise.resolve({ id: theirs.user.id }),
    });
    const adminText = await adminCopy.text();
    expect(JSON.parse(adminText).account.id).toBe(theirs.user.id);
    expect(secrets(mine).filter((value) => adminText.includes(value))).toEqual([]);
    expect(
      await prisma.auditLog.count({ where: { action: "customer.export", targetId: theirs.user.id } }),
    ).toBe(1);

    recordSecurityEvidence({
      section: "data-rights",
      title: "Data export",
      columns: [
        "copy",
        "own rows (orders, licences, machines, downloads)",
        "another customer's values found",
      ],
      rows: [
        [
          "GET /account/data, ?userId= naming another customer",
          `${copy.orders.length}, ${copy.licences.length}, ${copy.licences[0].machines.length}, ${copy.downloads.length}`,
          leaked.length,
        ],
        ["GET /admin/customers/[id]/data (admin)", "the named customer's", 0],
      ],
      note: "Values searched for: the other customer's address, IP addresses, user agent, licence key and machine fingerprints.",
    });
  });

  it("erases a customer: no address, IP or user agent of theirs in any table, order totals kept, once", async () => {
    const [gone, bystander] = [await customerWithData(), await customerWithData()];
    const totals = () =>
      prisma.order.findMany({
        where: { id: { in: [gone.order.id, gone.guestOrder.id] } },
        orderBy: { id: "asc" },
        select: { amountSubtotal: true, amountTax: true, amountTotal: true, currency: true },
      });
    const totalsBefore = await totals();
    const before = await placesHolding(identifying(gone));
    expect(before.found.length, "the search finds the customer before erasure").toBeGreaterThan(10);

    const admin = await adminUser();
    const result = await erase(gone.user.id, admin);
    expect(result).toMatchObject({ status: "success", data: { alreadyErased: false } });

    const after = await placesHolding(identifying(gone));
    expect(after.found, "places still holding the customer's data").toEqual([]);
    expect(await totals()).toEqual(totalsBefore);
    const orders = await prisma.order.findMany({
      where: { id: { in: [gone.order.id, gone.guestOrder.id] } },
    });
    expect(orders.map((order) => order.email)).toEqual([
      erasedEmail(gone.user.id),
      erasedEmail(gone.user.id),
    ]);
    expect(await prisma.session.count({ where: { userId: gone.user.id } })).toBe(0);
    expect(await prisma.licenseActivation.count({ where: { licenseId: gone.license.id } })).toBe(0);
    expect(
      (await prisma.license.findUniqueOrThrow({ where: { id: gone.license.id } })).revokedAt,
    ).not.toBeNull();
    const audit = await prisma.auditLog.findMany({
      where: { action: "customer.erase", targetId: gone.user.id },
    });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(gone.user.email);

    // Again: nothing left to change, no second audit row.
    expect(await erase(gone.user.id, admin)).toMatchObject({
      status: "success",
      data: { alreadyErased: true },
    });
    expect(await prisma.auditLog.count({ where: { action: "customer.erase", targetId: gone.user.id } })).toBe(
      1,
    );
    expect((await placesHolding(identifying(gone))).found).toEqual([]);
    // The other customer is untouched.
    const stillThere = await placesHolding(identifying(bystander));
    expect(stillThere.found.length).toBe(before.found.length);

    recordSecurityEvidence({
      section: "data-rights",
      title: "Erasure",
      columns: ["search", "columns searched", "places holding the customer's data", "order totals"],
      rows: [
        ["before erasure", before.columns, before.found.length, JSON.stringify(totalsBefore)],
        ["after erasure", after.columns, after.found.length, JSON.stringify(await totals())],
        ["after a second erasure", after.columns, 0, "unchanged; one audit row"],
        ["another customer, after", after.columns, stillThere.found.length, "untouched"],
      ],
      note: `Every column of every table in information_schema, searched as text for the customer's address, both IP addresses and the user agent. Columns holding them before: ${[...new Set(before.found.map((place) => place.split(" ")[0]))].join(", ")}.`,
    });
  });

  it("clears IP addresses and user agents of rows older than the retention, and only those", async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const user = await createUser();
    const { file } = await createProductWithFile();
    const row = (days: number) =>
      prisma.downloadEvent.create({
        data: {
          userId: user.id,
          fileId: file.id,
          outcome: "issued",
          ip: "192.0.2.1",
          userAgent: "old",
          createdAt: daysAgo(days),
        },
      });
    const audit = (days: number) =>
      prisma.auditLog.create({
        data: {
          action: "api.denied",
          targetId: unique("r"),
          data: { reason: "x", ip: "192.0.2.1", count: 1 }, // as recordDenial writes it
          createdAt: daysAgo(days),
        },
      });
    const old = [await row(91), await row(400)];
    const fresh = [await row(89), await row(0)];
    const [oldAudit, freshAudit] = [await audit(91), await audit(89)];

    const report = await applyRetention(now, 90);
    const downloads = await prisma.downloadEvent.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(downloads).toHaveLength(4);
    const byId = new Map(downloads.map((d) => [d.id, d]));
    for (const event of old)
      expect(byId.get(event.id)).toMatchObject({ ip: null, userAgent: null, outcome: "issued" });
    for (const event of fresh)
      expect(byId.get(event.id)).toMatchObject({ ip: "192.0.2.1", userAgent: "old" });
    expect((await prisma.auditLog.findUniqueOrThrow({ where: { id: oldAudit.id } })).data).toEqual({
      reason: "x",
      count: 1,
    });
    expect((await prisma.auditLog.findUniqueOrThrow({ where: { id: freshAudit.id } })).data).toMatchObject({
      ip: "192.0.2.1",
    });
    expect(report.downloadRows).toBeGreaterThanOrEqual(2);

    recordSecurityEvidence({
      section: "data-rights",
      title: "Retention",
      columns: ["row", "age (days)", "IP and user agent after `data:retention` (90 days)"],
      rows: [
        ["download", 400, "cleared"],
        ["download", 91, "cleared"],
        ["download", 89, "kept"],
        ["download", 0, "kept"],
        ["audit", 91, "cleared"],
        ["audit", 89, "kept"],
      ],
    });
  });

  it("clears each old row once when two runs race", async () => {
    const user = await createUser();
    const { file } = await createProductWithFile();
    const before = new Date(Date.now() - 90 * 86_400_000);
    const createdAt = new Date(before.getTime() - 86_400_000);
    await prisma.downloadEvent.createMany({
      data: Array.from({ length: 600 }, (_, i) => ({
        userId: user.id,
        fileId: file.id,
        outcome: "issued",
        ip: `192.0.2.${i % 250}`,
        userAgent: "raced",
        createdAt,
      })),
    });
    const pending = await prisma.downloadEvent.count({
      where: { createdAt: { lt: before }, OR: [{ ip: { not: null } }, { userAgent: { not: null } }] },
    });
    const runs = await Promise.all([
      clearClientDetailsBefore(before, 50),
      clearClientDetailsBefore(before, 50),
    ]);
    const cleared = runs.reduce((sum, run) => sum + run.downloadRows, 0);
    expect(cleared, "rows cleared by both runs together").toBe(pending);
    expect(await prisma.downloadEvent.count({ where: { userId: user.id, ip: { not: null } } })).toBe(0);
    recordSecurityEvidence({
      section: "data-rights",
      title: "Retention, two runs at once",
      columns: ["old rows", "cleared by run 1", "cleared by run 2", "left"],
      rows: [[pending, runs[0].downloadRows, runs[1].downloadRows, 0]],
      note: "Batches of 50 claimed with FOR UPDATE SKIP LOCKED; on PostgreSQL 15 the runs interleave.",
    });
  });
});
