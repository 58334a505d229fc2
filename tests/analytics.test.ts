import { afterAll, describe, expect, it } from "vitest";
import { downloadAnalytics } from "../lib/dal/analytics";
import { createShareLink } from "../lib/publishing/share-links";
import { createProductWithFile, createUser, prisma, unique } from "./support/fixtures";

afterAll(() => prisma.$disconnect());

// A week in the future that only this test writes to, so other tests' downloads don't count.
const now = new Date("2031-01-10T12:00:00Z");
const at = (day: string, hour = 10) => new Date(`2031-01-${day}T${String(hour).padStart(2, "0")}:00:00Z`);

describe("download analytics", () => {
  it("counts issued downloads per day, product, release and customer, refusals by reason, and share links", async () => {
    const { product, file } = await createProductWithFile();
    const [alice, bob] = [await createUser(), await createUser()];
    const event = (userId: string, createdAt: Date, outcome = "issued", reason?: string, count = 1) =>
      prisma.downloadEvent.create({
        data: { userId, fileId: file.id, outcome, reason, ip: "203.0.113.1", createdAt, count },
      });
    await event(alice.id, at("05"));
    await prisma.downloadEvent.create({
      data: {
        userId: alice.id,
        fileId: file.id,
        outcome: "issued",
        ip: "203.0.113.2",
        createdAt: at("05", 23),
      },
    });
    await event(alice.id, at("09"));
    await event(bob.id, at("09"));
    await event(bob.id, at("02")); // before the 7-day range
    await event(bob.id, at("09"), "denied", "rate_limited");
    await event(bob.id, at("09"), "denied", "rate_limited", 4); // one row for four refusals in a minute
    await event(bob.id, at("09"), "denied", "not_in_library");
    // Written before a file not owned and an unknown id were one reason.
    await event(bob.id, at("09"), "denied", "unknown_file:abc");
    await event(bob.id, at("08"), "failed", "storage_unavailable");
    await prisma.auditLog.create({
      data: {
        action: "share.create",
        actorEmail: "admin@example.com",
        targetType: "ReleaseFile",
        targetId: file.id,
        createdAt: at("06"),
      },
    });
    await prisma.auditLog.create({
      data: {
        action: "share.presign",
        actorEmail: "token:ci",
        targetType: "ReleaseFile",
        targetId: file.id,
        createdAt: at("07"),
      },
    });
    // Since the admin page and the API share one path, both write "share.create".
    await prisma.auditLog.create({
      data: {
        action: "share.create",
        actorEmail: "token:ci",
        targetType: "ReleaseFile",
        targetId: file.id,
        createdAt: at("08"),
      },
    });

    const week = await downloadAnalytics(7, now);
    expect(week.daily.map((row) => row.day)).toEqual(
      ["04", "05", "06", "07", "08", "09", "10"].map((day) => `2031-01-${day}`),
    );
    expect(week.daily.map((row) => row.count)).toEqual([0, 2, 0, 0, 0, 2, 0]);
    expect(week.total).toBe(4);
    expect(week.perProduct).toEqual([{ name: product.name, slug: product.slug, count: 4, customers: 2 }]);
    expect(week.perRelease).toEqual([{ name: product.name, version: "1.0.0", count: 4 }]);
    expect(week.topCustomers.map((row) => [row.email, row.count, row.addresses])).toEqual([
      [alice.email, 3, 2],
      [bob.email, 1, 1],
    ]);
    expect(week.refusals).toEqual([
      { reason: "rate_limited", count: 5 },
      { reason: "not_in_library", count: 2 },
      { reason: "storage_unavailable", count: 1 },
    ]);
    expect(week.shares.sort((a, b) => a.via.localeCompare(b.via))).toEqual([
      { via: "admin page", actor: "admin@example.com", count: 1 },
      { via: "API / CLI", actor: "token:ci", count: 2 },
    ]);

    expect((await downloadAnalytics(30, now)).total).toBe(5);
  });

  it("counts links from the admin page and from the API, which both write share.create, apart", async () => {
    const { product, file } = await createProductWithFile();
    const admin = { kind: "user" as const, ...(await createUser()) };
    const token = {
      kind: "token" as const,
      id: unique("tok"),
      name: unique("ci"),
      scope: "publish" as const,
    };
    await createShareLink({ fileId: file.id }, { expiresIn: 600, note: "for QA" }, admin);
    const named = { product: product.slug, version: "1.0.0", filename: file.filename };
    await createShareLink(named, { expiresIn: 3600 }, token);

    const rows = await prisma.auditLog.findMany({
      where: { targetId: file.id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((row) => row.action)).toEqual(["share.create", "share.create"]);
    expect(rows.map((row) => row.data)).toEqual([
      { filename: file.filename, expiresIn: 600, expiresAt: expect.any(String), note: "for QA" },
      { filename: file.filename, expiresIn: 3600, expiresAt: expect.any(String), tokenId: token.id },
    ]);
    const ours = (await downloadAnalytics(1)).shares.filter((row) =>
      [admin.email, `token:${token.name}`].includes(row.actor),
    );
    expect(ours.sort((a, b) => a.via.localeCompare(b.via))).toEqual([
      { via: "admin page", actor: admin.email, count: 1 },
      { via: "API / CLI", actor: `token:${token.name}`, count: 1 },
    ]);
  });
});
