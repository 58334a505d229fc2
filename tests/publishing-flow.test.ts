import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishingRoutes } from "./support/api-routes";
import { createUser, prisma } from "./support/fixtures";
import { api, createBareProduct, newToken, reachedRoutes, sha256 } from "./support/publishing";

afterAll(() => prisma.$disconnect());

const MIB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let token: string;
beforeAll(async () => {
  token = (await newToken()).secret;
});

// Sends parts straight to the bucket, as a client does, and records them through the API.
async function sendParts(fileId: string, bytes: Buffer, partSize: number, partNumbers: number[], as = token) {
  const token = as;
  const presigned = await api("POST", `/api/v1/files/${fileId}/parts`, { token, body: { partNumbers } });
  expect(presigned.status).toBe(200);
  for (const { partNumber, url } of presigned.json.parts as { partNumber: number; url: string }[]) {
    const chunk = bytes.subarray((partNumber - 1) * partSize, partNumber * partSize);
    const put = await fetch(url, { method: "PUT", body: new Uint8Array(chunk) });
    expect(put.status, `PUT part ${partNumber}`).toBe(200);
    const recorded = await api("PUT", `/api/v1/files/${fileId}/parts/${partNumber}`, {
      token,
      body: { etag: put.headers.get("etag"), size: chunk.length },
    });
    expect(recorded.status).toBe(204);
  }
}

describe("publishing API", () => {
  it("takes a build from a new release through upload, resume, publish and a shared link", async () => {
    const product = await createBareProduct();
    const bytes = randomBytes(17 * MIB + 12_345);

    const created = await api("POST", "/api/v1/releases", {
      token,
      body: { product: product.slug, version: "2.0.0-beta.1", channel: "beta", notes: "First beta" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      product: product.slug,
      version: "2.0.0-beta.1",
      channel: "beta",
      status: "draft",
    });
    expect(created.headers.get("cache-control")).toBe("no-store");
    const again = await api("POST", "/api/v1/releases", {
      token,
      body: { product: product.slug, version: "2.0.0-beta.1" },
    });
    expect(again).toMatchObject({
      status: 409,
      json: { error: "conflict", message: expect.stringContaining("2.0.0-beta.1") },
    });
    const unknown = await api("POST", "/api/v1/releases", {
      token,
      body: { product: "no-such-product", version: "1.0.0" },
    });
    expect(unknown.status).toBe(404);

    const file = {
      platform: "Linux",
      filename: "Tool 2.0 (beta).tar.gz",
      sizeBytes: bytes.length,
      contentType: "application/gzip",
    };
    const started = await api("POST", `/api/v1/releases/${created.json.id}/files`, { token, body: file });
    expect(started.status).toBe(200);
    const { fileId, partSize, partCount } = started.json;
    expect(partCount).toBe(Math.ceil(bytes.length / partSize));
    expect(partCount).toBeGreaterThan(1);
    expect(started.json.completedParts).toEqual([]);

    // The first part, then an interruption: starting again resumes with what was stored.
    await sendParts(fileId, bytes, partSize, [1]);
    const resumed = await api("POST", `/api/v1/releases/${created.json.id}/files`, { token, body: file });
    expect(resumed.json).toMatchObject({
      fileId,
      partSize,
      partCount,
      completedParts: [{ partNumber: 1, size: partSize }],
    });
    await sendParts(
      fileId,
      bytes,
      partSize,
      Array.from({ length: partCount - 1 }, (_, i) => i + 2),
    );

    const completed = await api("POST", `/api/v1/files/${fileId}/complete`, { token });
    expect(completed).toMatchObject({
      status: 200,
      json: { fileId, sizeBytes: bytes.length, sha256: sha256(bytes) },
    });

    const draft = await api("GET", `/api/v1/products/${product.slug}/releases/2.0.0-beta.1`, { token });
    expect(draft.json).toMatchObject({
      id: created.json.id,
      status: "draft",
      files: [
        {
          id: fileId,
          filename: file.filename,
          status: "ready",
          sha256: sha256(bytes),
          sizeBytes: bytes.length,
        },
      ],
    });

    const published = await api("POST", `/api/v1/releases/${created.json.id}/publish`, { token });
    expect(published).toMatchObject({ status: 200, json: { id: created.json.id, status: "published" } });

    const shared = await api("POST", "/api/v1/presign", {
      token,
      body: { product: product.slug, version: "2.0.0-beta.1", filename: file.filename },
    });
    expect(shared.status).toBe(200);
    expect(new URL(shared.json.url).searchParams.get("X-Amz-Expires")).toBe("3600");
    expect(Date.parse(shared.json.expiresAt) - Date.now()).toBeGreaterThan(3590_000);
    const download = await fetch(shared.json.url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("attachment");
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(bytes));

    const audit = await prisma.auditLog.findFirst({ where: { action: "share.create", targetId: fileId } });
    expect(audit).toMatchObject({ data: { expiresIn: 3600 } });
    const everything = JSON.stringify(await prisma.auditLog.findMany({ where: { targetId: fileId } }));
    expect(everything).not.toContain("X-Amz-Signature");
    expect(everything).not.toContain(shared.json.url);
  });

  it("signs links that the bucket refuses once expiresIn has passed", async () => {
    const product = await createBareProduct();
    const bytes = randomBytes(64 * 1024);
    const release = await api("POST", "/api/v1/releases", {
      token,
      body: { product: product.slug, version: "1.0.0" },
    });
    const started = await api("POST", `/api/v1/releases/${release.json.id}/files`, {
      token,
      body: { platform: "Windows", filename: "setup.exe", sizeBytes: bytes.length },
    });
    await sendParts(started.json.fileId, bytes, started.json.partSize, [1]);
    expect((await api("POST", `/api/v1/files/${started.json.fileId}/complete`, { token })).status).toBe(200);

    const shared = await api("POST", "/api/v1/presign", {
      token,
      body: { product: product.slug, version: "1.0.0", filename: "setup.exe", expiresIn: 1 },
    });
    expect(new URL(shared.json.url).searchParams.get("X-Amz-Expires")).toBe("1");
    expect((await fetch(shared.json.url)).status).toBe(200);
    await sleep(2200);
    expect((await fetch(shared.json.url)).status).toBe(403);
  });

  it("refuses to share what is missing, still uploading or yanked", async () => {
    const product = await createBareProduct();
    const release = await api("POST", "/api/v1/releases", {
      token,
      body: { product: product.slug, version: "1.0.0" },
    });
    await api("POST", `/api/v1/releases/${release.json.id}/files`, {
      token,
      body: { platform: "Linux", filename: "tool.zip", sizeBytes: 1000 },
    });
    const share = { product: product.slug, version: "1.0.0" };
    expect(
      (await api("POST", "/api/v1/presign", { token, body: { ...share, filename: "other.zip" } })).status,
    ).toBe(404);
    expect(
      (await api("POST", "/api/v1/presign", { token, body: { ...share, filename: "tool.zip" } })).status,
    ).toBe(409);
    expect((await api("GET", `/api/v1/products/${product.slug}/releases/9.9.9`, { token })).status).toBe(404);
    expect((await api("POST", `/api/v1/files/${"z".repeat(25)}/complete`, { token })).status).toBe(404);
  });

  it("gives one customer a file with a customer-files token, which a publishing token cannot touch", async () => {
    const filesToken = (await newToken("invoices", "customer-files")).secret;
    const customer = await createUser();
    const bytes = randomBytes(9 * MIB + 7);
    const body = {
      email: customer.email,
      title: "Site licence",
      note: "25 seats",
      filename: "northwind.license",
      sizeBytes: bytes.length,
    };

    expect(await api("POST", "/api/v1/customers/files", { token, body })).toMatchObject({
      status: 401,
      json: { message: "This API token may not attach files to customers." },
    });
    const started = await api("POST", "/api/v1/customers/files", { token: filesToken, body });
    expect(started.status).toBe(200);
    const { fileId, partSize, partCount } = started.json;
    expect(partCount).toBe(2);
    // To the publishing token this upload does not exist; to the files token a release does not.
    expect(
      (await api("POST", `/api/v1/files/${fileId}/parts`, { token, body: { partNumbers: [1] } })).status,
    ).toBe(404);
    expect(
      (await api("POST", "/api/v1/releases", { token: filesToken, body: { product: "x", version: "1.0.0" } }))
        .status,
    ).toBe(401);

    await sendParts(fileId, bytes, partSize, [1, 2], filesToken);
    const completed = await api("POST", `/api/v1/files/${fileId}/complete`, { token: filesToken });
    expect(completed).toMatchObject({
      status: 200,
      json: { fileId, sizeBytes: bytes.length, sha256: sha256(bytes) },
    });
    expect(await prisma.customerFile.findUnique({ where: { id: fileId } })).toMatchObject({
      userId: customer.id,
      title: "Site licence",
      status: "ready",
      createdById: null,
    });
    const audit = await prisma.auditLog.findFirst({
      where: { targetId: fileId, action: "customer_file.start" },
    });
    expect(audit?.actorEmail).toBe("token:invoices");

    const stranger = await api("POST", "/api/v1/customers/files", {
      token: filesToken,
      body: { ...body, email: "never-bought@example.com" },
    });
    expect(stranger).toMatchObject({
      status: 404,
      json: { message: expect.stringContaining("never-bought@example.com") },
    });
    expect(await prisma.user.count({ where: { email: "never-bought@example.com" } })).toBe(0);
  });

  it("adopts a guest buyer who never signed in: the file waits for their first sign-in", async () => {
    const filesToken = (await newToken("invoices", "customer-files")).secret;
    const product = await createBareProduct();
    const email = `guest-${randomBytes(4).toString("hex")}@example.com`;
    await prisma.entitlement.create({
      data: { purchaseEmail: email, productId: product.id, source: "manual", reason: "guest checkout" },
    });
    const started = await api("POST", "/api/v1/customers/files", {
      token: filesToken,
      body: { email: email.toUpperCase(), title: "Invoice", filename: "invoice.pdf", sizeBytes: 10 },
    });
    expect(started.status).toBe(200);
    const user = await prisma.user.findUnique({ where: { email } });
    expect(await prisma.customerFile.findUnique({ where: { id: started.json.fileId } })).toMatchObject({
      userId: user!.id,
      status: "pending",
    });
  });

  // Runs last: every route and method must have answered a success somewhere above.
  it("exercises every route in app/api/v1", async () => {
    const all = (await publishingRoutes()).flatMap((route) =>
      Object.keys(route.methods).map((method) => `${method} ${route.pattern}`),
    );
    expect(all.filter((route) => !reachedRoutes.has(route))).toEqual([]);
  });
});
