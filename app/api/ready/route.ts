// Readiness for load balancers: 200 while this instance can reach PostgreSQL and the bucket,
// 503 (naming the failed check) when it cannot or while it shuts down. /api/health only says
// the process is up.
import { pingDatabase } from "@/lib/dal/health";
import { env } from "@/lib/env";
import { bucketCheck, checkReadiness } from "@/lib/health/readiness";
import { NO_STORE } from "@/lib/http/answers";
import { log } from "@/lib/log";
import { isShuttingDown } from "@/lib/shutdown";
import { s3 } from "@/lib/storage/s3";

export const dynamic = "force-dynamic";

export async function GET() {
  if (isShuttingDown()) {
    return Response.json({ status: "shutting_down", checks: {} }, { status: 503, headers: NO_STORE });
  }
  const result = await checkReadiness({
    database: () => pingDatabase(),
    storage: bucketCheck(s3(), env().S3_BUCKET),
  });
  if (result.ready) return Response.json({ status: "ready", checks: result.checks }, { headers: NO_STORE });

  const failed = Object.keys(result.failures);
  log.warn({ failed, checks: result.checks, errors: result.failures }, "not ready");
  return Response.json(
    { status: "unavailable", failed, checks: result.checks },
    { status: 503, headers: NO_STORE },
  );
}
