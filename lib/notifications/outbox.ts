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
import { formatDate } from "../format";
import type { OutboxEmailKind } from "../generated/prisma/client";
import { log } from "../log";
import { composeEmail } from "../mail/compose";
import type { EmailOf } from "../mail/registry";
import { sendMail, type MailMessage } from "../mail/send";
import { senderAddress, storeBrand, type StoreBrand } from "../mail/store-brand";
import { unsubscribeUrl } from "./unsubscribe";

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

// What each kind of queued email says, read when it is sent (so it is never stale): null when what
// it was about is gone (a deleted release, a removed file), and then it is not sent.
const outboxEmails: Record<
  OutboxEmailKind,
  (row: ClaimedEmail, store: StoreBrand) => Promise<EmailOf | null>
> = {
  release: async (row) => {
    const release = row.releaseId ? await releaseForEmail(row.releaseId) : null;
    if (!release) return null;
    const { id, name } = release.product;
    return {
      name: "release",
      props: {
        product: name,
        version: release.version,
        notes: release.notes,
        unsubscribeUrl: unsubscribeUrl(row.email, id),
        oneClickUrl: unsubscribeUrl(row.email, id, "one-click"),
      },
    };
  },
  receipt: async (row, { brand }) =>
    row.orderId
      ? {
          name: "receipt",
          props: {
            order: await orderReceiptView(row.orderId),
            supportEmail: brand.supportEmail ?? senderAddress(env().EMAIL_FROM),
          },
        }
      : null,
  payment_failed: async () => ({ name: "paymentFailed", props: {} }),
  customer_file: async (row) => {
    const file = row.customerFileId ? await customerFileForEmail(row.customerFileId) : null;
    return file && { name: "customerFile", props: file };
  },
  renewal_reminder: async (row) => {
    const reminder = await reminderForEmail(row.dedupeKey, row.email);
    if (!reminder) return null;
    const { id, name } = reminder.product;
    return {
      name: "renewalReminder",
      props: {
        product: name,
        tier: reminder.tier?.name ?? null,
        stage: reminder.stage,
        endsOn: formatDate(reminder.updatesUntil),
        renewUrl: `${env().APP_URL}/account/renew/${reminder.id}`,
        unsubscribeUrl: unsubscribeUrl(row.email, id, "page", "renewal_reminder"),
        oneClickUrl: unsubscribeUrl(row.email, id, "one-click", "renewal_reminder"),
      },
    };
  },
};

async function render(row: ClaimedEmail, store: StoreBrand): Promise<MailMessage | null> {
  const email = await outboxEmails[row.kind](row, store);
  return email && composeEmail(row.email, email, store);
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
  const store = await storeBrand(); // one read of the store's settings per run, not per email
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimEmails(batchSize, staleAfterMs, filter);
    if (batch.length === 0) break;
    // A few at once: a mail provider takes a few hundred milliseconds per message.
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const outcome = await sendOne(batch[next++], { send, maxAttempts, host, store });
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
  {
    send,
    maxAttempts,
    host,
    store,
  }: { send: NonNullable<SendOptions["send"]>; maxAttempts: number; host: string; store: StoreBrand },
) {
  let message: MailMessage | null;
  try {
    message = await render(row, store);
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
