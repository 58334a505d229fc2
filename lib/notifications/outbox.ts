import "server-only";
import { after } from "next/server";
import { customerFileForEmail } from "../dal/customer-files";
import { orderReceiptView } from "../dal/orders";
import {
  claimEmails,
  markEmailFailed,
  markEmailSent,
  type ClaimedEmail,
  type OutboxFilter,
} from "../dal/outbox";
import { releaseForEmail } from "../dal/release-notifications";
import { reminderForEmail } from "../dal/renewal-reminders";
import { env } from "../env";
import { log } from "../log";
import { customerFileEmail } from "../mail/customer-file";
import { paymentFailedEmail, receiptEmail } from "../mail/receipt";
import { renewalReminderEmail } from "../mail/renewal-reminder";
import { supportAddress } from "../mail/support-address";
import { sendMail, type MailMessage } from "../mail/send";
import { releaseEmail } from "./release-emails";

export type SendOptions = OutboxFilter & {
  batchSize?: number;
  staleAfterMs?: number; // a claim older than this belongs to a sender that died
  maxAttempts?: number;
  send?: (message: MailMessage) => Promise<void>;
};

// Longer than one send can take (lib/mail/send.ts gives up within 50 s), so a live sender's claim
// is never taken over; `npm run emails:send` resumes a dead sender's rows after it.
export const EMAIL_CLAIM_STALE_MS = 2 * 60_000;
const SEND_CONCURRENCY = 5;

// Null: what the email was about is gone (a deleted release, a removed file), so it is not sent.
async function render(row: ClaimedEmail): Promise<MailMessage | null> {
  const appUrl = env().APP_URL;
  switch (row.kind) {
    case "release": {
      const release = row.releaseId ? await releaseForEmail(row.releaseId) : null;
      return release && releaseEmail(row.email, release);
    }
    case "receipt": {
      if (!row.orderId) return null;
      return receiptEmail(await orderReceiptView(row.orderId), {
        appUrl,
        supportEmail: await supportAddress(),
      });
    }
    case "payment_failed":
      return paymentFailedEmail(row.email, appUrl);
    case "customer_file": {
      const file = row.customerFileId ? await customerFileForEmail(row.customerFileId) : null;
      return file && customerFileEmail(file, appUrl);
    }
    case "renewal_reminder": {
      const reminder = await reminderForEmail(row.dedupeKey, row.email);
      return reminder && renewalReminderEmail(row.email, reminder, appUrl);
    }
  }
}

// Sends what is queued, in batches, marking each row as soon as the mail server accepted it, so
// a crash resends at most the one email in flight (its Message-ID is the row's, so a receiving
// server may even drop that copy). Safe to run from several processes at once.
export async function sendPendingEmails(options: SendOptions = {}) {
  const {
    batchSize = 50,
    staleAfterMs = EMAIL_CLAIM_STALE_MS,
    maxAttempts = 5,
    send = sendMail,
    ...filter
  } = options;
  const host = new URL(env().APP_URL).hostname;
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimEmails(batchSize, staleAfterMs, filter);
    if (batch.length === 0) break;
    // A few at once: a mail provider takes a few hundred milliseconds per message.
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const outcome = await sendOne(batch[next++], { send, maxAttempts, host });
        if (outcome === "sent") sent += 1;
        else failed += 1;
      }
    };
    await Promise.all(Array.from({ length: SEND_CONCURRENCY }, worker));
    if (failed > 0 && sent === 0) break; // mail is down: leave the rest for the next run
  }
  return { sent, failed };
}

async function sendOne(
  row: ClaimedEmail,
  { send, maxAttempts, host }: { send: NonNullable<SendOptions["send"]>; maxAttempts: number; host: string },
) {
  let message: MailMessage | null;
  try {
    message = await render(row);
    if (!message) {
      await markEmailFailed(row.id, "what this email was about no longer exists", maxAttempts, true);
      log.warn({ emailId: row.id, kind: row.kind }, "queued email dropped: its subject is gone");
      return "failed";
    }
    await send({ ...message, messageId: `<${row.id}@${host}>` });
  } catch (error) {
    const status = await markEmailFailed(row.id, (error as Error).message, maxAttempts);
    (status === "failed" ? log.error : log.warn).call(
      log,
      { emailId: row.id, kind: row.kind, err: error },
      status === "failed" ? "email not sent, giving up" : "email not sent, will retry",
    );
    return "failed";
  }
  await markEmailSent(row);
  return "sent";
}

// After the response that queued the emails, send them from this process; whatever is left (a
// crash, a deploy, a mail server down) is picked up by `npm run emails:send`. Outside a request
// (scripts, tests) the work runs on at once; a script awaits `backgroundSends()` before it exits.
const running = new Set<Promise<unknown>>();

export function sendAfterResponse(filter: OutboxFilter) {
  const work = () =>
    sendPendingEmails(filter).catch((error: Error) =>
      log.error({ ...filter, err: error }, "sending queued emails stopped"),
    );
  try {
    after(work);
  } catch {
    const sending = work().finally(() => running.delete(sending));
    running.add(sending);
  }
}

export const backgroundSends = () => Promise.all(running);
