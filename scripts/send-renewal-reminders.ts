// `npm run emails:reminders`: queues the renewal reminders that are due (30 and 7 days before an
// update window ends, and once after it ended) and sends every queued email. Run it from cron, e.g.
// daily; running it more often, or from two machines at once, sends each reminder once.
import { runRenewalReminders } from "../lib/notifications/renewal-reminders";

const report = await runRenewalReminders();
console.log(
  `renewal reminders: ${report.queued.length} newly queued; emails: ${report.sent} sent, ${report.failed} failed (failed ones are retried up to 5 times)`,
);
process.exit(report.failed ? 1 : 0);
