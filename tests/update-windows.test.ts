import { afterAll, describe, expect, it } from "vitest";
import { getLibraryProduct } from "../lib/dal/library";
import { findLatestFile } from "../lib/dal/releases";
import { issueLinkFor } from "../lib/delivery/issue-link";
import { createUser, prisma } from "./support/fixtures";
import { createProductWithReleases } from "./support/products";

afterAll(() => prisma.$disconnect());

const day = 86_400_000;
const context = { ip: "203.0.113.9", userAgent: "vitest" };

// A product with three stable releases, 1.0 (60 days ago), 1.1 (20 days ago) and 2.0 (yesterday),
// one Linux file each, and a buyer whose updates ended 10 days ago: 1.0 and 1.1 are theirs, 2.0 is not.
async function windowedPurchase() {
  const product = await createProductWithReleases(
    [
      ["1.0.0", 60],
      ["1.1.0", 20],
      ["2.0.0", 1],
    ],
    { updateMonths: 12 },
  );
  const files = Object.fromEntries(
    Object.entries(product.files).map(([version, file]) => [version, file.id]),
  );
  const user = await createUser();
  const updatesUntil = new Date(Date.now() - 10 * day);
  await prisma.entitlement.create({
    data: { userId: user.id, productId: product.id, source: "manual", updatesUntil },
  });
  return { product, user, files, updatesUntil };
}

describe("update windows", () => {
  it("refuse releases published after the window, audited, and serve the ones inside", async () => {
    const { user, files } = await windowedPurchase();
    const refused = await issueLinkFor(user, files["2.0.0"], context);
    expect(refused).toMatchObject({
      status: "error",
      code: "forbidden",
      message: expect.stringContaining("after your updates ended"),
    });
    const event = await prisma.downloadEvent.findFirst({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
    });
    expect(event).toMatchObject({
      outcome: "denied",
      reason: "outside_update_window",
      fileId: files["2.0.0"],
    });
    expect(await issueLinkFor(user, files["1.1.0"], context)).toMatchObject({ status: "success" });
  });

  it("make the latest link resolve to the newest release inside the window", async () => {
    const { product, files, updatesUntil } = await windowedPurchase();
    expect(await findLatestFile(product.slug, "stable", "linux_universal", updatesUntil)).toEqual({
      status: "success",
      data: files["1.1.0"],
    });
    expect(await findLatestFile(product.slug, "stable", "linux_universal", null)).toEqual({
      status: "success",
      data: files["2.0.0"],
    });
    const beforeAnything = await findLatestFile(
      product.slug,
      "stable",
      "linux_universal",
      new Date(Date.now() - 365 * day),
    );
    expect(beforeAnything).toMatchObject({ status: "error", code: "not_found" });
  });

  it("show later releases in the library as locked, and latest as the newest unlocked one", async () => {
    const { user, product } = await windowedPurchase();
    const { item } = (await getLibraryProduct(user.id, product.slug))!;
    expect(item.releases.map((release) => [release.version, release.locked, release.isLatest])).toEqual([
      ["2.0.0", true, false],
      ["1.1.0", false, true],
      ["1.0.0", false, false],
    ]);
    expect(item.updatesUntil).toBeInstanceOf(Date);
  });
});
