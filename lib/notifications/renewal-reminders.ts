import "server-only";
import { enqueueDueReminders } from "../dal/renewal-reminders";
import { sendPendingEmails, type SendOptions } from "./outbox";

// For `npm run emails:reminders` (cron): queues the reminders due now (answering their keys), then
// sends what the outbox holds. Two runs at once queue each reminder once (the dedupeKey) and send it once (SKIP LOCKED);
// a run that dies is finished by the next one (or `npm run emails:send`).
export async function runRenewalReminders(options: SendOptions & { now?: Date } = {}) {
  const { now, ...send } = options;
  const queued = await enqueueDueReminders(now);
  return { queued, ...(await sendPendingEmails(send)) };
}
