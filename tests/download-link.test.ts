import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { issueLinkFor } from "../lib/delivery/issue-link";
import { createProductWithFile, createUser, grant, prisma } from "./support/fixtures";

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
    expect(event).toMatchObject({ outcome: "issued", fileId: file.id, entitlementId: entitlement.id, ip: "203.0.113.7" });
    expect(JSON.stringify(event)).not.toContain("X-Amz-Signature");
  });

  it("refuses a tampered URL at the bucket", async () => {
    const user = await createUser();
    const { product, file } = await createProductWithFile();
    await grant(user.id, product.id);
    const result = await issueLinkFor(user, file.id, context);
    if (result.status !== "success") throw new Error("expected a link");
    const url = new URL(result.data.url);
    const other = await createProductWithFile();
    url.pathname = url.pathname.replace(file.objectKey, other.file.objectKey);
    expect((await fetch(url)).status).toBe(403);
  });

  it("asks a signed-out visitor to sign in and mints nothing", async () => {
    const { file } = await createProductWithFile();
    const before = await prisma.downloadEvent.count({ where: { fileId: file.id } });
    expect(await issueLinkFor(null, file.id, context)).toMatchObject({ status: "error", code: "unauthorized" });
    expect(await prisma.downloadEvent.count({ where: { fileId: file.id } })).toBe(before);
  });

  it("answers a file the user does not own exactly like an unknown file, and audits both", async () => {
    const user = await createUser();
    const { file } = await createProductWithFile();
    const notOwned = await issueLinkFor(user, file.id, context);
    const unknown = await issueLinkFor(user, "doesnotexist000", context);
    expect(notOwned).toEqual(unknown);
    expect(notOwned).toMatchObject({ status: "error", code: "not_found" });
    const events = await prisma.downloadEvent.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => [event.outcome, event.reason])).toEqual([
      ["denied", "not_entitled"],
      ["denied", "unknown_file:doesnotexist000"],
    ]);
  });

  it("does not serve another customer's purchase", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const { product, file } = await createProductWithFile();
    await grant(owner.id, product.id);
    expect(await issueLinkFor(intruder, file.id, context)).toMatchObject({ status: "error", code: "not_found" });
  });

  it("explains revoked and suspended access", async () => {
    const user = await createUser();
    const { product, file } = await createProductWithFile();
    await grant(user.id, product.id, "revoked");
    const result = await issueLinkFor(user, file.id, context);
    expect(result).toMatchObject({ status: "error", code: "forbidden" });
    expect(result.status === "error" && result.message).toContain("revoked");
    expect(await lastEvent(user.id)).toMatchObject({ outcome: "denied", reason: "revoked" });

    const other = await createUser();
    await grant(other.id, product.id, "suspended");
    const suspended = await issueLinkFor(other, file.id, context);
    expect(suspended.status === "error" && suspended.message).toContain("suspended");
  });

  it("never serves files of draft or yanked releases", async () => {
    const user = await createUser();
    for (const releaseStatus of ["draft", "yanked"] as const) {
      const { product, file } = await createProductWithFile({ releaseStatus });
      await grant(user.id, product.id);
      expect(await issueLinkFor(user, file.id, context)).toMatchObject({ status: "error", code: "not_found" });
    }
  });

  it("rejects malformed ids before touching the database", async () => {
    const user = await createUser();
    for (const bad of ["", "../../etc/passwd", "a".repeat(65), 42, null, { id: "x" }]) {
      expect(await issueLinkFor(user, bad, context)).toMatchObject({ status: "error", code: "invalid_input" });
    }
    expect(await prisma.downloadEvent.count({ where: { userId: user.id } })).toBe(0);
  });
});
