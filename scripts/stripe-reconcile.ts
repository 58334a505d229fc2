// `npm run stripe:reconcile [-- --hours 72]`: fulfils paid checkouts and applies Stripe events
// that webhooks missed, and sends the receipts of what it fulfilled (an order whose receipt is
// missing gets one queued). Safe to run any time, from any machine with the app's environment.
import { backgroundSends } from "../lib/notifications/outbox";
import { reconcile } from "../lib/payments/reconcile";

const hoursFlag = process.argv.indexOf("--hours");
const hours = hoursFlag > 0 ? Number(process.argv[hoursFlag + 1]) : 72;
if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) {
  console.error("--hours must be between 0 and 720 (Stripe keeps events for 30 days)");
  process.exit(2);
}

const report = await reconcile({ since: new Date(Date.now() - hours * 3_600_000) });
await backgroundSends(); // the receipts it queued (what a mail server refused waits for emails:send)
console.log(
  `checked ${report.sessions} paid checkout sessions (${report.fulfilled} newly fulfilled) and ${report.events} events (${report.applied} newly applied) from the last ${hours} h`,
);
for (const failure of report.failed) console.error(`failed: ${failure}`);
process.exit(report.failed.length ? 1 : 0);
