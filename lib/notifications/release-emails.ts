import "server-only";
import { after } from "next/server";
import { env } from "../env";
import { emailLayout, escapeHtml } from "../mail/layout";
import { sendMail, type MailMessage } from "../mail/send";
import {
  claimNotifications,
  enqueueRecentReleases,
  markNotificationFailed,
  markNotificationSent,
  releaseForEmail,
} from "../dal/release-notifications";
import { unsubscribeUrl } from "./unsubscribe";
import { log } from "../log";

export type SendOptions = {
  batchSize?: number;
  staleAfterMs?: number; // a claim older than this belongs to a sender that died
  maxAttempts?: number;
  releaseId?: string;
  send?: (message: MailMessage) => Promise<void>;
};

type Release = NonNullable<Awaited<ReturnType<typeof releaseForEmail>>>;

export function releaseEmail(to: string, release: Release): MailMessage {
  const appUrl = env().APP_URL;
  const title = `${release.product.name} ${release.version} is out`;
  const library = `${appUrl}/library`;
  const unsubscribe = unsubscribeUrl(to, release.product.id);
  const notes = release.notes.trim().slice(0, 2000);
  return {
    to,
    subject: title,
    text: `${title}.\n\n${notes ? `${notes}\n\n` : ""}Download it from your library: ${library}\n\nNo more emails about ${release.product.name}: ${unsubscribe}\n`,
    html: emailLayout({
      title,
      bodyHtml: `${notes ? `${escapeHtml(notes).replace(/\n/g, "<br>")}<br><br>` : ""}It is in your library now.`,
      link: { href: library, label: "Open your library" },
      footer: `You bought ${release.product.name}. Unsubscribe from its release emails: ${unsubscribe}`,
    }),
    // RFC 8058 one-click unsubscribe: mail clients POST to the URL.
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl(to, release.product.id, "one-click")}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

// Sends what is queued, in batches, marking each row as soon as its email is accepted, so a
// crash resends at most the one email that was in flight. Safe to run from several processes.
export async function sendPendingNotifications(options: SendOptions = {}) {
  const { batchSize = 50, staleAfterMs = 10 * 60_000, maxAttempts = 5, releaseId, send = sendMail } = options;
  const releases = new Map<string, Release | null>();
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimNotifications(batchSize, staleAfterMs, releaseId);
    if (batch.length === 0) break;
    for (const row of batch) {
      if (!releases.has(row.releaseId)) releases.set(row.releaseId, await releaseForEmail(row.releaseId));
      const release = releases.get(row.releaseId);
      try {
        if (!release) throw new Error("release no longer exists");
        await send(releaseEmail(row.email, release));
        await markNotificationSent(row.id);
        sent += 1;
      } catch (error) {
        await markNotificationFailed(row.id, (error as Error).message, maxAttempts);
        failed += 1;
      }
    }
    if (failed > 0 && sent === 0) break; // mail is down: leave the rest for the next run
  }
  return { sent, failed };
}

// For `npm run emails:send` (cron): first catch releases whose enqueueing a crash interrupted.
export async function resumeReleaseEmails(options: SendOptions = {}) {
  const enqueued = await enqueueRecentReleases(new Date(Date.now() - 7 * 86_400_000));
  return { enqueued, ...(await sendPendingNotifications(options)) };
}

// After the response that published the release, send its emails in this process; whatever is
// left (a crash, a deploy) is picked up by `npm run emails:send`. Outside a request (scripts,
// tests) the work just runs on.
export function scheduleReleaseEmails(releaseId: string) {
  const work = () =>
    sendPendingNotifications({ releaseId }).catch((error: Error) =>
      log.error({ releaseId, err: error }, "release emails stopped"),
    );
  try {
    after(work);
  } catch {
    void work();
  }
}
