import "server-only";
import { db } from "../db";

// Files an admin made for one customer. Only ready, not removed files reach the customer.
const deliverable = (userId: string) => ({ userId, status: "ready" as const, removedAt: null });
const SLOT_LOCK_NAMESPACE = 7_072; // pg_advisory_xact_lock(namespace, hashtext(userId/filename))

export type NewCustomerUpload = {
  userId: string;
  title: string;
  note: string;
  filename: string;
  objectKey: string;
  sizeBytes: number;
  contentType: string;
  createdById: string | null;
  s3UploadId: string;
  partSize: number;
  partCount: number;
};

// The customer an API call names by email: an account, or a buyer who has not signed in yet
// (an order or a purchase under that address), whose account is then created, exactly as their
// first sign-in would. Anyone else is nobody: a mistyped address must not receive someone's file.
export async function findOrAdoptCustomer(email: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (user) return user.id;
  const [order, entitlement] = await Promise.all([
    db.order.findFirst({ where: { email: { equals: email, mode: "insensitive" } }, select: { id: true } }),
    db.entitlement.findFirst({ where: { purchaseEmail: email }, select: { id: true } }),
  ]);
  if (!order && !entitlement) return null;
  return (await db.user.upsert({ where: { email }, create: { email }, update: {}, select: { id: true } })).id;
}

export async function findCustomerEmail(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  return user?.email ?? null;
}

// The customer's unfinished upload of this file name, if any: starting it again resumes it.
export async function findOpenCustomerUpload(userId: string, filename: string) {
  const file = await db.customerFile.findFirst({
    where: { userId, filename, status: "pending", upload: { status: "uploading" } },
    select: { id: true, sizeBytes: true },
  });
  return file && { id: file.id, sizeBytes: Number(file.sizeBytes) };
}

export async function retitlePendingCustomerFile(fileId: string, title: string, note: string) {
  await db.customerFile.updateMany({ where: { id: fileId, status: "pending" }, data: { title, note } });
}

// Creates the pending file and its upload unless a concurrent request for the same customer
// and file name got there first; the lock serialises them across app instances.
export async function createPendingCustomerUpload(
  upload: NewCustomerUpload,
): Promise<{ created: true; fileId: string } | { created: false }> {
  const { s3UploadId, partSize, partCount, sizeBytes, ...file } = upload;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SLOT_LOCK_NAMESPACE}::int, hashtext(${`${upload.userId}/${upload.filename}`}))`;
    const open = await tx.customerFile.count({
      where: {
        userId: upload.userId,
        filename: upload.filename,
        status: "pending",
        upload: { status: "uploading" },
      },
    });
    if (open > 0) return { created: false };
    const created = await tx.customerFile.create({
      data: {
        ...file,
        sizeBytes: BigInt(sizeBytes),
        upload: { create: { s3UploadId, partSize, partCount } },
      },
      select: { id: true },
    });
    return { created: true, fileId: created.id };
  });
}

// For the admin's customer page: every file, newest first, with how often it was downloaded.
export async function listCustomerFilesForAdmin(userId: string) {
  const files = await db.customerFile.findMany({
    where: { userId, OR: [{ status: "ready" }, { upload: { status: "uploading" } }] },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      title: true,
      note: true,
      filename: true,
      sizeBytes: true,
      sha256: true,
      status: true,
      createdAt: true,
      notifiedAt: true,
      removedAt: true,
      _count: { select: { downloads: { where: { outcome: "issued" } } } },
    },
  });
  return files.map(({ _count, sizeBytes, ...file }) => ({
    ...file,
    sizeBytes: Number(sizeBytes),
    downloads: _count.downloads,
  }));
}

// For the customer's library: their own ready files, newest first.
export async function listLibraryFiles(userId: string) {
  const files = await db.customerFile.findMany({
    where: deliverable(userId),
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      title: true,
      note: true,
      filename: true,
      sizeBytes: true,
      sha256: true,
      createdAt: true,
    },
  });
  return files.map((file) => ({ ...file, sizeBytes: Number(file.sizeBytes) }));
}

export type LibraryFile = Awaited<ReturnType<typeof listLibraryFiles>>[number];

// The download path's lookup: the file only if it is this user's, ready and not removed.
export async function findCustomerFileForUser(fileId: string, userId: string) {
  return db.customerFile.findFirst({
    where: { id: fileId, ...deliverable(userId) },
    select: { id: true, title: true, filename: true, objectKey: true, contentType: true },
  });
}

export async function findRemovableCustomerFile(fileId: string, userId: string) {
  return db.customerFile.findFirst({
    where: { id: fileId, ...deliverable(userId) },
    select: { objectKey: true, filename: true },
  });
}

// Takes a ready file away from its customer; the row stays for the download history. False when
// a concurrent removal got there first.
export async function markCustomerFileRemoved(fileId: string) {
  const updated = await db.customerFile.updateMany({
    where: { id: fileId, removedAt: null },
    data: { removedAt: new Date() },
  });
  return updated.count > 0;
}

// What the "a file is waiting" email says, while the file can still be downloaded: null once it
// was removed (or never became ready), and then the email is not sent.
export async function customerFileForEmail(fileId: string) {
  const file = await db.customerFile.findFirst({
    where: { id: fileId, status: "ready", removedAt: null },
    select: { title: true, note: true, filename: true, sizeBytes: true, user: { select: { email: true } } },
  });
  if (!file?.user.email) return null;
  return { ...file, email: file.user.email, sizeBytes: Number(file.sizeBytes) };
}

// Who the file belongs to, for queueing its email; null unless it is ready and not yet emailed.
export async function customerFileAwaitingNotice(fileId: string) {
  return db.customerFile.findFirst({
    where: { id: fileId, status: "ready", removedAt: null, notifiedAt: null },
    select: { id: true, user: { select: { email: true } } },
  });
}
