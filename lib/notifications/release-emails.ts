import "server-only";
import { enqueueUnannouncedCustomerFiles } from "../dal/outbox";
import { enqueueRecentReleases } from "../dal/release-notifications";
import { sendAfterResponse, sendPendingEmails, type SendOptions } from "./outbox";

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
