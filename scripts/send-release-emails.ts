// `npm run emails:send [-- --stale-after-seconds N]`: sends every queued email (release emails,
// receipts, failed-payment notices, customers' files) and resumes any a crash interrupted
// (releases published in the last 7 days are re-checked). Safe to run from cron on any machine
// with the app's environment, also beside a running app. A claim is taken over once it is older
// than a send can take (2 minutes); `--stale-after-seconds 0` takes over at once, for an operator
// who knows the process that claimed them is gone.
import { EMAIL_CLAIM_STALE_MS } from "../lib/notifications/outbox";
import { resumeEmails } from "../lib/notifications/release-emails";

const flag = process.argv.indexOf("--stale-after-seconds");
const staleAfterMs = flag > 0 ? Number(process.argv[flag + 1]) * 1000 : EMAIL_CLAIM_STALE_MS;
if (!Number.isFinite(staleAfterMs) || staleAfterMs < 0) {
  console.error("--stale-after-seconds must be a number of seconds, 0 or more");
  process.exit(2);
}

const report = await resumeEmails({ staleAfterMs });
console.log(
  `emails: ${report.enqueued} emails newly queued, ${report.sent} sent, ${report.failed} failed (failed ones are retried up to 5 times)`,
);
process.exit(report.failed ? 1 : 0);
