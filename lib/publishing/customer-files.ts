// Files made for one customer (a custom build, a licence file, an invoice). They upload like
// release builds, straight from the browser to the bucket in parts, and reach only that
// customer's library, through the same checked short-lived links as everything else.
import "server-only";
import { recordAudit } from "../dal/audit";
import {
  createPendingCustomerUpload,
  customerFileAwaitingNotice,
  findCustomerEmail,
  findOpenCustomerUpload,
  findOrAdoptCustomer,
  findRemovableCustomerFile,
  markCustomerFileRemoved,
  retitlePendingCustomerFile,
} from "../dal/customer-files";
import { enqueueEmail, retryEmail } from "../dal/outbox";
import { sendPendingEmails } from "../notifications/outbox";
import { findUpload } from "../dal/uploads";
import type { CustomerFile } from "../schemas/customers";
import { deleteObject } from "../storage/multipart";
import { customerFileKey } from "../storage/object-keys";
import type { Actor, StartedUpload } from "./contract";
import { openNewUpload, toStartedUpload } from "./upload-start";
import { ResultError } from "../result";

const conflict = (message: string) => new ResultError("conflict", message);

// Starting the same file name and size again resumes its open upload, under the title and note
// given this time.
async function resumeOpen(fields: CustomerFile): Promise<StartedUpload | null> {
  const open = await findOpenCustomerUpload(fields.userId, fields.filename);
  if (!open) return null;
  if (open.sizeBytes !== fields.sizeBytes) {
    throw conflict(
      `An upload of ${fields.filename} with another size (${open.sizeBytes} bytes) is in progress for this customer; abort it (file ${open.id}) first.`,
    );
  }
  await retitlePendingCustomerFile(open.id, fields.title, fields.note);
  const record = await findUpload(open.id);
  return record && toStartedUpload(record);
}

// Takes what the schema parsed (the admin action and the API parse; this does not parse again).
// `actor` is an admin, or a token with the customer-files scope (its uploads have no creator).
export async function startCustomerFileUpload(file: CustomerFile, actor: Actor): Promise<StartedUpload> {
  if (!(await findCustomerEmail(file.userId)))
    throw new ResultError("not_found", "There is no such customer.");
  const resumed = await resumeOpen(file);
  if (resumed) return resumed;

  // Under its own prefix, with a random segment: the key says nothing a guess could use.
  const objectKey = customerFileKey({ userId: file.userId, filename: file.filename });
  const createdById = actor.kind === "user" ? actor.id : null;
  return openNewUpload(
    { ...file, objectKey },
    {
      record: (plan) => createPendingCustomerUpload({ ...file, ...plan, createdById }),
      resume: () => resumeOpen(file),
      audit: (fileId) =>
        recordAudit(
          actor,
          "customer_file.start",
          { type: "CustomerFile", id: fileId },
          { userId: file.userId, title: file.title, filename: file.filename, sizeBytes: file.sizeBytes },
        ),
    },
  );
}

// The API names the customer by email (see findOrAdoptCustomer).
export async function startCustomerFileUploadFor(
  email: string,
  file: Omit<CustomerFile, "userId">,
  actor: Actor,
): Promise<StartedUpload> {
  const userId = await findOrAdoptCustomer(email);
  if (!userId)
    throw new ResultError(
      "not_found",
      `No customer has the address ${email}: files go to people who signed in or bought something.`,
    );
  return startCustomerFileUpload({ ...file, userId }, actor);
}

// The customer loses the file at once. The object goes first: if the bucket refuses, nothing has
// changed and the admin can try again; once it is gone, the row is marked removed (links are
// refused from then on) and stays for the download history.
export async function removeCustomerFile(userId: string, fileId: string, admin: Actor): Promise<void> {
  const file = await findRemovableCustomerFile(fileId, userId);
  if (!file) throw new ResultError("not_found", "This customer has no such file.");
  await deleteObject(file.objectKey);
  if (await markCustomerFileRemoved(fileId)) {
    await recordAudit(
      admin,
      "customer_file.remove",
      { type: "CustomerFile", id: fileId },
      { userId, filename: file.filename },
    );
  }
}

// Tells the customer, once, that a file is waiting in their library (called when its upload
// completes, and by the admin's retry). The email goes through the outbox and is sent right away;
// if the mail server refuses, the upload still stands, the admin page shows the file as not
// emailed, and `npm run emails:send` keeps trying. "unneeded": already emailed (or no longer
// deliverable, or another sender has it in hand).
export async function announceCustomerFile(fileId: string): Promise<"sent" | "unneeded" | "failed"> {
  const file = await customerFileAwaitingNotice(fileId);
  if (!file?.user.email) return "unneeded";
  const dedupeKey = `customer_file:${fileId}`;
  await enqueueEmail({ kind: "customer_file", dedupeKey, email: file.user.email, customerFileId: fileId });
  await retryEmail(dedupeKey); // one that ran out of attempts starts over when asked again
  const { sent, failed } = await sendPendingEmails({ dedupeKeys: [dedupeKey] });
  return sent ? "sent" : failed ? "failed" : "unneeded";
}

// The admin's retry for a file whose email did not go out.
export async function emailCustomerFile(userId: string, fileId: string, admin: Actor): Promise<void> {
  if (!(await findRemovableCustomerFile(fileId, userId)))
    throw new ResultError("not_found", "This customer has no such file.");
  const outcome = await announceCustomerFile(fileId);
  if (outcome === "unneeded") throw conflict("The customer has already been emailed about this file.");
  if (outcome === "failed")
    throw new ResultError("unavailable", "The mail server refused the email; try again in a few minutes.");
  await recordAudit(admin, "customer_file.email", { type: "CustomerFile", id: fileId }, { userId });
}
