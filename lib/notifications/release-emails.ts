import "server-only";
import { env } from "../env";
import { emailLayout, escapeHtml } from "../mail/layout";
import type { MailMessage } from "../mail/send";
import { enqueueUnannouncedCustomerFiles } from "../dal/outbox";
import { enqueueRecentReleases, type releaseForEmail } from "../dal/release-notifications";
import { sendAfterResponse, sendPendingEmails, type SendOptions } from "./outbox";
import { unsubscribeUrl } from "./unsubscribe";

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

// For `npm run emails:send` (cron): first catch releases whose enqueueing a crash interrupted,
// and files whose email never reached the outbox, then send everything the outbox holds (release emails, receipts and the rest).
export async function resumeEmails(options: SendOptions = {}) {
  const since = new Date(Date.now() - 7 * 86_400_000);
  const enqueued = (await enqueueRecentReleases(since)) + (await enqueueUnannouncedCustomerFiles(since));
  return { enqueued, ...(await sendPendingEmails(options)) };
}

// After the response that published the release, send its emails in this process.
export function scheduleReleaseEmails(releaseId: string) {
  sendAfterResponse({ releaseId });
}
