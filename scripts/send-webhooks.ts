// `npm run webhooks:send`: delivers every due webhook message to the seller's endpoints (Admin →
// Webhooks), retrying failed ones with exponential backoff (30 s doubling, up to 8 attempts). Run it
// from cron every minute on any machine with the app's environment; several runs at once split the
// messages (SKIP LOCKED), so each is delivered once. Exits 1 when a message ran out of attempts.
import { disconnectDatabase } from "../lib/db";
import { sendDueWebhooks } from "../lib/webhooks/send";

const report = await sendDueWebhooks();
console.log(
  `webhooks: ${report.delivered} delivered, ${report.retried} to retry, ${report.failed} out of attempts`,
);
await disconnectDatabase();
process.exit(report.failed ? 1 : 0);
