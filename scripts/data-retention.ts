// `npm run data:retention`: clears the IP address and user agent of download and audit rows older
// than DATA_RETENTION_DAYS (default 90); the rows stay. Run it from cron (e.g. daily) on any
// machine with the app's environment. Safe beside a running app and beside another run of itself:
// the two split the rows (SKIP LOCKED) and each row is cleared once.
import { applyRetention } from "../lib/customers/retention";
import { disconnectDatabase } from "../lib/db";

const report = await applyRetention();
console.log(
  `retention: cleared client details of ${report.downloadRows} download rows and ${report.auditRows} audit rows from before ${report.before.toISOString()}`,
);
await disconnectDatabase();
