import "server-only";
import { db } from "../db";

export type RetentionReport = { downloadRows: number; auditRows: number };

// Clears the client address and user agent of download and audit rows made before `before`; the
// rows stay (download limits, history, the audit trail). Batches are claimed with SKIP LOCKED, so
// two runs at once (two cron hosts) split the rows instead of waiting on each other, and each row
// is cleared by exactly one of them; a row already cleared is not selected again.
export async function clearClientDetailsBefore(before: Date, batchSize = 1000): Promise<RetentionReport> {
  const report = { downloadRows: 0, auditRows: 0 };
  for (;;) {
    const cleared = await db.$executeRaw`UPDATE "DownloadEvent" SET "ip" = NULL, "userAgent" = NULL
      WHERE "id" IN (SELECT "id" FROM "DownloadEvent"
        WHERE "createdAt" < ${before} AND ("ip" IS NOT NULL OR "userAgent" IS NOT NULL)
        LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)`;
    report.downloadRows += cleared;
    if (cleared < batchSize) break;
  }
  for (;;) {
    const cleared = await db.$executeRaw`UPDATE "AuditLog" SET "data" = "data" - 'ip' - 'userAgent'
      WHERE "id" IN (SELECT "id" FROM "AuditLog"
        WHERE "createdAt" < ${before} AND jsonb_typeof("data") = 'object' AND ("data" ? 'ip' OR "data" ? 'userAgent')
        LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)`;
    report.auditRows += cleared;
    if (cleared < batchSize) break;
  }
  return report;
}
