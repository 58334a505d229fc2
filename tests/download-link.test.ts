import { createHash } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { issueLinkFor } from "../lib/delivery/issue-link";
import { presignDownload } from "../lib/storage/s3";
import { createProductWithFile, createUser, grant, prisma } from "./support/fixtures";

// The real presigner, watched: a denial must never reach it.
vi.mock("../lib/storage/s3", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../lib/storage/s3")>();
  return { ...actual, presignDownload: vi.fn(actual.presignDownload) };
});
beforeEach(() => {
  vi.mocked(presignDownload).mockClear();
});

const context = { ip: "203.0.113.7", userAgent: "vitest" };
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function lastEvent(userId: string) {
  return prisma.downloadEvent.findFirst({ where: { userId }, orderBy: { createdAt: "desc" } });
}

afterAll(() => prisma.$disconnect());

describe("issueLinkFor", () => {
  it("gives an entitled customer a short-lived URL that downloads the exact bytes under the stored filename", async () => {
    const user = await createUser();
    const { product, file, body } = await createProductWithFile({ filename: "Über Tool 1.0 (beta).zip" });
    const entitlement = await grant(user.id, product.id);

    const result = await issueLinkFor(user, file.id, context);
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    const url = new URL(result.data.url);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Uber Tool 1.0 (beta).zip"; filename*=UTF-8''%C3%9Cber%20Tool%201.0%20%28beta%29.zip`,
    );
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(body));

    const event = await lastEvent(user.id);
    expect(event).toMatchObject({
      outcome: "issued",
      fileId: file.id,
      entitlementId: entitlement.id,
      ip: "203.0.113.7",
    });
    expect(JSON.stringify(event)).not.toContain("X-Amz-Signature");
  });

  it("refuses a URL with a tampered key or signature at the bucket", async () => {
    const user = await createUser();
    const { product, file } = await createProductWithFile();
    await grant(user.id, product.id);
    const result = await issueLinkFor(user, file.id, context);
    if (result.status !== "success") throw new Error("expected a link");
    const url = new URL(result.data.url);
    const other = await createProductWithFile();
    const otherKey = new URL(url);
    otherKey.pathname = url.pathname.replace(file.objectKey, other.file.objectKey);
    expect((await fetch(otherKey)).status).toBe(403);
    const signature = url.searchParams.get("X-Amz-Signature")!;
    const forged = new URL(url);
    forged.searchParams.set(
      "X-Amz-Signature",
      `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`,
    );
    expect((await fetch(forged)).status).toBe(403);
    expect((await fetch(url)).status).toBe(200);
  });

  it("asks a signed-out visitor to sign in and mints nothing", async () => {
    const { file } = await createProductWithFile();
    const before = await prisma.downloadEvent.count({ where: { fileId: file.id } });
    expect(await issueLinkFor(null, file.id, context)).toMatchObject({
      status: "error",
      code: "unauthorized",
    });
    expect(await prisma.downloadEvent.count({ where: { fileId: file.id } })).toBe(before);
  });

  it("denies every IDOR case, mints no URL and audits each denial", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const owned = await createProductWithFile();
    await grant(owner.id, owned.product.id);
    const draft = await createProductWithFile({ releaseStatus: "draft" });
    const yanked = await createProductWithFile({ releaseStatus: "yanked" });
    const revoked = await createProductWithFile();
    const suspended = await createProductWithFile();
    for (const item of [draft, yanked]) await grant(intruder.id, item.product.id);
    await grant(intruder.id, revoked.product.id, "revoked", "after a refund");
    await grant(intruder.id, suspended.product.id, "suspended");

    const cases = [
      ["someone else's file", owned.file.id, "not_found", "not_in_library"],
      ["a made-up id", "c0ffee0000000000000000000", "not_found", "not_in_library"],
      ["a draft release's file", draft.file.id, "not_found", "not_in_library"],
      ["a yanked release's file", yanked.file.id, "not_found", "not_in_library"],
      ["a revoked entitlement", revoked.file.id, "forbidden", "revoked"],
      ["a suspended entitlement", suspended.file.id, "forbidden", "suspended"],
    ] as const;
    for (const [label, fileId, code, reason] of cases) {
      const result = await issueLinkFor(intruder, fileId, context);
      expect(result, label).toMatchObject({ status: "error", code });
      expect(JSON.stringify(result), label).not.toContain("http");
      expect(await lastEvent(intruder.id), label).toMatchObject({ outcome: "denied", reason });
    }
    expect(presignDownload).not.toHaveBeenCalled();
    expect(await prisma.downloadEvent.count({ where: { userId: intruder.id, outcome: "issued" } })).toBe(0);
  });

  it("explains revoked and suspended access in the customer's terms, never in the admin's note", async () => {
    const user = await createUser();
    const { product, file } = await createProductWithFile();
    await grant(user.id, product.id, "revoked", "after a refund");
    expect(await issueLinkFor(user, file.id, context)).toMatchObject({
      code: "forbidden",
      message: `Your purchase of ${product.name} was refunded, so it can no longer be downloaded. If you think this is a mistake, contact the seller.`,
    });
    const other = await createUser();
    await grant(other.id, product.id, "suspended");
    const suspended = await issueLinkFor(other, file.id, context);
    expect(suspended.status === "error" && suspended.message).toContain(
      "paused while a payment dispute is open",
    );
    // An admin's reason is a note for the seller: the customer gets a sentence, not the note.
    const third = await createUser();
    await grant(third.id, product.id, "revoked", "Refunded in Stripe (manual)");
    const byAdmin = await issueLinkFor(third, file.id, context);
    expect(byAdmin).toMatchObject({ code: "forbidden" });
    expect(byAdmin.status === "error" && byAdmin.message).toBe(
      `The seller has ended your access to ${product.name}. If you think this is a mistake, contact the seller.`,
    );
  });

  it("limits each user to 20 links a minute across concurrent requests, then lets them continue", async () => {
    const user = await createUser();
    const { product, file } = await createProductWithFile();
    await grant(user.id, product.id);
    const burst = await Promise.all(Array.from({ length: 30 }, () => issueLinkFor(user, file.id, context)));
    expect(burst.filter((result) => result.status === "success")).toHaveLength(20);
    const limited = burst.filter((result) => result.status === "error");
    expect(limited).toHaveLength(10);
    for (const result of limited) {
      expect(result).toMatchObject({
        code: "rate_limited",
        message: expect.stringMatching(/^Too many download requests, try again in \d+ s\.$/),
      });
      expect(result.status === "error" && result.retryAfterSeconds).toBeGreaterThan(0);
      expect(result.status === "error" && result.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    expect(presignDownload).toHaveBeenCalledTimes(20);
    // Ten refusals in (about) one minute: one row counting them, two if the minute turned meanwhile.
    const limitedRows = await prisma.downloadEvent.findMany({
      where: { userId: user.id, reason: "rate_limited" },
    });
    expect(limitedRows.length).toBeLessThanOrEqual(2);
    expect(limitedRows.reduce((sum, row) => sum + row.count, 0)).toBe(10);

    // A minute later the window has moved on.
    await prisma.downloadEvent.updateMany({
      where: { userId: user.id },
      data: { createdAt: new Date(Date.now() - 61_000) },
    });
    expect(await issueLinkFor(user, file.id, context)).toMatchObject({ status: "success" });
  });

  it("enforces the product's download cap per entitlement until it is reset", async () => {
    const user = await createUser();
    const { product, file } = await createProductWithFile({ downloadLimit: 2 });
    const entitlement = await grant(user.id, product.id);
    expect(await issueLinkFor(user, file.id, context)).toMatchObject({ status: "success" });
    expect(await issueLinkFor(user, file.id, context)).toMatchObject({ status: "success" });
    expect(await issueLinkFor(user, file.id, context)).toMatchObject({
      code: "forbidden",
      message: `You have used all 2 downloads of ${product.name}. Contact the seller to reset the limit.`,
    });
    expect(await lastEvent(user.id)).toMatchObject({ outcome: "denied", reason: "download_limit" });

    await prisma.entitlement.update({
      where: { id: entitlement.id },
      data: { downloadsResetAt: new Date() },
    });
    expect(await issueLinkFor(user, file.id, context)).toMatchObject({ status: "success" });
  });

  it("issues URLs the bucket refuses once their lifetime is over", async () => {
    const { file, body } = await createProductWithFile();
    const { url } = await presignDownload(file, 1);
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(new Uint8Array(body));
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect((await fetch(url)).status).toBe(403);
  });

  it("rejects malformed ids before touching the database", async () => {
    const user = await createUser();
    for (const bad of ["", "../../etc/passwd", "a".repeat(65), 42, null, { id: "x" }]) {
      expect(await issueLinkFor(user, bad, context)).toMatchObject({
        status: "error",
        code: "invalid_input",
      });
    }
    expect(await prisma.downloadEvent.count({ where: { userId: user.id } })).toBe(0);
  });
});
