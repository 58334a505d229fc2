// Files made for one customer: uploaded by an admin through the shared multipart path (real
// PostgreSQL, the real local S3 server over HTTP), downloaded only by that customer through the
// same checked short-lived links as release files, and gone for good once removed.
import { createHash, randomBytes } from "node:crypto";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listLibraryFiles } from "../lib/dal/customer-files";
import { issueLinkFor } from "../lib/delivery/issue-link";
import type { Actor } from "../lib/publishing/contract";
import { emailCustomerFile, removeCustomerFile } from "../lib/publishing/customer-files";
import { cleanupAbandonedUploads, completeUpload, presignParts } from "../lib/publishing/uploads";
import { sendMail } from "../lib/mail/send";
import { presignDownload } from "../lib/storage/s3";
import {
  config,
  createCustomerFile,
  createProductWithFile,
  createUser,
  grant,
  prisma,
  s3,
} from "./support/fixtures";
import {
  bufferSource,
  rejection,
  sendParts,
  startCustomerFileUpload,
  userActor,
} from "./support/upload-fixtures";

// The real presigner, watched: a refusal must never reach it.
vi.mock("../lib/storage/s3", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../lib/storage/s3")>();
  return { ...actual, presignDownload: vi.fn(actual.presignDownload) };
});
// The real mail transport, watched, so one test can make the mail server refuse.
vi.mock("../lib/mail/send", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../lib/mail/send")>();
  return { ...actual, sendMail: vi.fn(actual.sendMail) };
});
beforeEach(() => {
  vi.mocked(presignDownload).mockClear();
});

type Caught = { subject: string; text: string; to: { address: string }[] };
const mailsTo = async (address: string) =>
  ((await (await fetch(`${process.env.MAIL_UI_URL}/email`)).json()) as Caught[]).filter((mail) =>
    mail.to.some((to) => to.address === address),
  );
afterAll(() => prisma.$disconnect());

const MIB = 1024 * 1024;
const context = { ip: "203.0.113.9", userAgent: "vitest" };
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const objectExists = (objectKey: string) =>
  s3.send(new HeadObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey })).then(
    () => true,
    () => false,
  );

// An admin attaches `bytes` to a new customer, the way the admin page does it.
async function attach(bytes: Buffer, filename = "Northwind build 2.0 (custom).zip") {
  const customer = await createUser();
  const admin = await userActor();
  const started = await startCustomerFileUpload(
    { userId: customer.id, title: "Custom build", note: "With your logo", filename, sizeBytes: bytes.length },
    admin,
  );
  await sendParts(started, { source: bufferSource(bytes) }, admin);
  const completed = await completeUpload(started.fileId, admin);
  return { customer, admin, started, completed };
}

describe("files made for one customer", () => {
  it("upload in parts straight to the bucket, under the customer's own prefix, with the SHA-256 the bucket holds", async () => {
    const bytes = randomBytes(9 * MIB + 321);
    const { customer, admin, started, completed } = await attach(bytes);
    expect(started).toMatchObject({ partSize: 8 * MIB, partCount: 2 });
    expect(completed).toEqual({ fileId: started.fileId, sizeBytes: bytes.length, sha256: sha256(bytes) });

    const row = await prisma.customerFile.findUniqueOrThrow({
      where: { id: started.fileId },
      include: { upload: true },
    });
    expect(row).toMatchObject({
      userId: customer.id,
      title: "Custom build",
      note: "With your logo",
      status: "ready",
      sha256: sha256(bytes),
      createdById: admin.id,
    });
    expect(row.objectKey).toMatch(
      new RegExp(`^customers/${customer.id}/[0-9a-f]{16}/Northwind build 2\\.0 \\(custom\\)\\.zip$`),
    );
    expect(row.upload).toMatchObject({ status: "completed", fileId: null, customerFileId: row.id });
    expect(await objectExists(row.objectKey)).toBe(true);

    // The customer hears about it once, with a link to the library and never to the object.
    await expect.poll(async () => (await mailsTo(customer.email)).length, { timeout: 10_000 }).toBe(1);
    const mails = await mailsTo(customer.email);
    expect(mails.map((mail) => mail.subject)).toEqual(["A file for you: Custom build"]);
    expect(mails[0].text).toContain("Northwind build 2.0 (custom).zip");
    expect(mails[0].text).toContain(`${config.APP_URL}/library`);
    expect(mails[0].text).not.toMatch(/X-Amz|customers\//);
    expect(row.notifiedAt).toBeInstanceOf(Date);
    expect(await completeUpload(started.fileId, admin)).toEqual(completed); // a repeated completion sends nothing
    expect(await mailsTo(customer.email)).toHaveLength(1);

    const audits = await prisma.auditLog.findMany({
      where: { targetId: row.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((audit) => [audit.action, audit.targetType, audit.actorEmail])).toEqual([
      ["customer_file.start", "CustomerFile", admin.email],
      ["upload.complete", "CustomerFile", admin.email],
    ]);
  });

  it("stay uploaded when the mail server refuses the email, show as not emailed, and can be emailed once later", async () => {
    vi.mocked(sendMail).mockRejectedValueOnce(new Error("550 mailbox unavailable"));
    const bytes = randomBytes(2000);
    const { customer, admin, started, completed } = await attach(bytes, "invoice.pdf");
    expect(completed.sha256).toBe(sha256(bytes));
    const notice = () =>
      prisma.customerFile.findUniqueOrThrow({ where: { id: started.fileId } }).then((row) => row.notifiedAt);
    expect(await prisma.customerFile.findUnique({ where: { id: started.fileId } })).toMatchObject({
      status: "ready",
      notifiedAt: null,
    });
    expect(await mailsTo(customer.email)).toEqual([]);

    // The admin's retry: refused again by the mail server, then sent, then not sent twice.
    vi.mocked(sendMail).mockRejectedValueOnce(new Error("421 try again later"));
    expect(await rejection(emailCustomerFile(customer.id, started.fileId, admin))).toMatchObject({
      code: "unavailable",
      status: 503,
    });
    expect(await notice()).toBeNull();
    await emailCustomerFile(customer.id, started.fileId, admin);
    expect(await notice()).toBeInstanceOf(Date);
    expect(await rejection(emailCustomerFile(customer.id, started.fileId, admin))).toMatchObject({
      code: "conflict",
      message: "The customer has already been emailed about this file.",
    });
    const other = await createUser();
    expect(await rejection(emailCustomerFile(other.id, started.fileId, admin))).toMatchObject({
      code: "not_found",
    });
    expect((await mailsTo(customer.email)).map((mail) => mail.subject)).toEqual([
      "A file for you: Custom build",
    ]);
    expect(await mailsTo(other.email)).toEqual([]);
    const audits = await prisma.auditLog.findMany({
      where: { targetId: started.fileId, action: "customer_file.email" },
    });
    expect(audits).toHaveLength(1);
  });

  it("resume an interrupted upload of the same file, and refuse another size under the same name", async () => {
    const customer = await createUser();
    const admin = await userActor();
    const bytes = randomBytes(17 * MIB);
    const input = { userId: customer.id, title: "Build", filename: "build.zip", sizeBytes: bytes.length };
    const first = await startCustomerFileUpload(input, admin);
    // Only part 2 of 3 reaches the bucket before the tab closes.
    await sendParts(
      { ...first, completedParts: [1, 3].map((partNumber) => ({ partNumber, etag: "", size: 0 })) },
      { source: bufferSource(bytes) },
      admin,
    );
    const again = await startCustomerFileUpload({ ...input, title: "Build 2", note: "Retitled" }, admin);
    expect(again.fileId).toBe(first.fileId);
    expect(await prisma.customerFile.findUnique({ where: { id: first.fileId } })).toMatchObject({
      title: "Build 2",
      note: "Retitled",
    });
    expect(again.completedParts.map((part) => part.partNumber)).toEqual([2]);
    expect((await rejection(startCustomerFileUpload({ ...input, sizeBytes: 5 }, admin))).status).toBe(409);
    expect(await prisma.customerFile.count({ where: { userId: customer.id } })).toBe(1);
  });

  // A bad file name is refused by the admin action and the API before this service runs
  // (tests/bad-input-uploads.test.ts); an unknown customer is the service's to find out.
  it("refuse an unknown customer before touching the bucket or the database", async () => {
    const admin = await userActor();
    const before = await prisma.customerFile.count();
    const unknown = { userId: "nosuchcustomer", title: "x", filename: "a.pdf", sizeBytes: 10 };
    expect((await rejection(startCustomerFileUpload(unknown, admin))).status).toBe(404);
    expect(await prisma.customerFile.count()).toBe(before);
  });

  it("are out of reach of a publishing token: its upload does not exist for one", async () => {
    const customer = await createUser();
    const admin = await userActor();
    const bytes = randomBytes(1000);
    const started = await startCustomerFileUpload(
      { userId: customer.id, title: "Licence", filename: "site.license", sizeBytes: bytes.length },
      admin,
    );
    const token: Actor = { kind: "token", id: "tok_ci", name: "ci", scope: "publish" };
    expect((await rejection(presignParts(started.fileId, [1], token))).status).toBe(404);
    await sendParts(started, { source: bufferSource(bytes) }, admin);
    expect((await rejection(completeUpload(started.fileId, token))).status).toBe(404);
    expect(await prisma.customerFile.findUnique({ where: { id: started.fileId } })).toMatchObject({
      status: "pending",
    });
  });

  it("download for their customer only, through a short-lived link that fetches the exact bytes", async () => {
    const bytes = randomBytes(4096);
    const { customer, started } = await attach(bytes, "Rechnung 2026-11 für Northwind.pdf");
    const [owner, other] = [
      { ...customer, isAdmin: false },
      { ...(await createUser()), isAdmin: false },
    ];

    const result = await issueLinkFor(owner, started.fileId, context);
    if (result.status !== "success") throw new Error(JSON.stringify(result));
    const url = new URL(result.data.url);
    expect(url.searchParams.get("X-Amz-Expires")).toBe(String(config.DOWNLOAD_LINK_TTL_SECONDS));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(
      "filename*=UTF-8''Rechnung%202026-11%20f%C3%BCr%20Northwind.pdf",
    );
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(bytes));
    expect(
      await prisma.downloadEvent.findFirst({ where: { userId: owner.id }, orderBy: { createdAt: "desc" } }),
    ).toMatchObject({
      outcome: "issued",
      customerFileId: started.fileId,
      fileId: null,
      entitlementId: null,
      ip: context.ip,
    });
    vi.mocked(presignDownload).mockClear();

    // Anyone else gets exactly the answer for an id that does not exist, and no URL is made.
    const stolen = await issueLinkFor(other, started.fileId, context);
    const unknown = await issueLinkFor(other, "doesnotexist000", context);
    expect(stolen).toEqual(unknown);
    expect(stolen).toMatchObject({ status: "error", code: "not_found" });
    expect(await issueLinkFor(null, started.fileId, context)).toMatchObject({
      status: "error",
      code: "unauthorized",
    });
    expect(presignDownload).not.toHaveBeenCalled();
    expect(
      await prisma.downloadEvent.findFirst({ where: { userId: other.id }, orderBy: { createdAt: "desc" } }),
    ).toMatchObject({
      outcome: "denied",
      customerFileId: null,
    });
  });

  it("are not reachable with a licence key, which reaches only its own product's files", async () => {
    const customer = await createUser();
    const { file: own } = await createCustomerFile(customer.id);
    const [a, b] = [await createProductWithFile(), await createProductWithFile()];
    const keyForA = await grant(customer.id, a.product.id);
    await grant(customer.id, b.product.id);
    const viaKeyForA = { ...customer, isAdmin: false, licensedEntitlementId: keyForA.id };

    expect(await issueLinkFor(viaKeyForA, a.file.id, context)).toMatchObject({ status: "success" });
    expect(await issueLinkFor(viaKeyForA, b.file.id, context)).toMatchObject({
      status: "error",
      code: "not_found",
    });
    expect(await issueLinkFor(viaKeyForA, own.id, context)).toMatchObject({
      status: "error",
      code: "not_found",
    });
    // Signed in, the same customer reaches all three.
    for (const id of [a.file.id, b.file.id, own.id])
      expect(await issueLinkFor({ ...customer, isAdmin: false }, id, context)).toMatchObject({
        status: "success",
      });
    expect(presignDownload).toHaveBeenCalledTimes(4);
  });

  it("count against the customer's download rate limit like every other link", async () => {
    const customer = await createUser();
    const { file } = await createCustomerFile(customer.id);
    const user = { ...customer, isAdmin: false };
    const burst = await Promise.all(
      Array.from({ length: config.DOWNLOAD_RATE_LIMIT_PER_MINUTE + 5 }, () =>
        issueLinkFor(user, file.id, context),
      ),
    );
    expect(burst.filter((result) => result.status === "success")).toHaveLength(
      config.DOWNLOAD_RATE_LIMIT_PER_MINUTE,
    );
    expect(
      burst.filter((result) => result.status === "error" && result.code === "rate_limited"),
    ).toHaveLength(5);
  });

  it("disappear when removed: out of the library, links refused, object deleted; only its own customer's file can be removed", async () => {
    const customer = await createUser();
    const other = await createUser();
    const admin = await userActor();
    const { file } = await createCustomerFile(customer.id);
    expect((await listLibraryFiles(customer.id)).map((item) => item.id)).toEqual([file.id]);
    expect(await listLibraryFiles(other.id)).toEqual([]);

    // Named with the wrong customer, nothing happens.
    expect((await rejection(removeCustomerFile(other.id, file.id, admin))).status).toBe(404);
    expect(await objectExists(file.objectKey)).toBe(true);

    await removeCustomerFile(customer.id, file.id, admin);
    expect(await objectExists(file.objectKey)).toBe(false);
    expect(await listLibraryFiles(customer.id)).toEqual([]);
    expect(await issueLinkFor({ ...customer, isAdmin: false }, file.id, context)).toMatchObject({
      status: "error",
      code: "not_found",
    });
    expect(await prisma.customerFile.findUnique({ where: { id: file.id } })).toMatchObject({
      removedAt: expect.any(Date),
    });
    expect(
      await prisma.auditLog.findFirst({ where: { targetId: file.id, action: "customer_file.remove" } }),
    ).toMatchObject({ actorEmail: admin.email });
    expect((await rejection(removeCustomerFile(customer.id, file.id, admin))).status).toBe(404);
  });

  it("abandoned uploads are cleaned up like release uploads", async () => {
    const customer = await createUser();
    const admin = await userActor();
    const started = await startCustomerFileUpload(
      { userId: customer.id, title: "Stale", filename: "stale.zip", sizeBytes: 10 },
      admin,
    );
    await prisma.upload.update({
      where: { customerFileId: started.fileId },
      data: { updatedAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    expect(await cleanupAbandonedUploads(new Date(Date.now() - 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await prisma.customerFile.findUnique({ where: { id: started.fileId } })).toBeNull();
    expect(
      await prisma.auditLog.findFirst({ where: { targetId: started.fileId, action: "upload.cleanup" } }),
    ).toMatchObject({ targetType: "CustomerFile" });
  });
});
