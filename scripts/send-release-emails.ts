// `npm run emails:send`: sends queued release emails and resumes any a crash interrupted
// (releases published in the last 7 days are re-checked). Safe to run from cron on any
// machine with the app's environment, also beside a running app.
import { resumeReleaseEmails } from "../lib/notifications/release-emails";

const report = await resumeReleaseEmails();
console.log(
  `release emails: ${report.enqueued} newly queued, ${report.sent} sent, ${report.failed} failed (failed ones are retried up to 5 times)`,
);
process.exit(report.failed ? 1 : 0);
