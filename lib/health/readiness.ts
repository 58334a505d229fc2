// Readiness for load balancers: can this instance reach what every request needs? Each check
// runs at once with a short deadline. Results name the check and the kind of failure (an error
// code or HTTP status), never a message, which could carry a host, a user or a key.
import { HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";

export type Check = (signal: AbortSignal) => Promise<unknown>;
export type CheckResult = { status: "ok"; ms: number } | { status: "failed"; error: string; ms: number };
export type Readiness = {
  ready: boolean;
  checks: Record<string, CheckResult>;
  failures: Record<string, unknown>;
};

export const READY_TIMEOUT_MS = 2000;

export function bucketCheck(client: S3Client, bucket: string): Check {
  return (signal) => client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: signal });
}

export async function checkReadiness(
  checks: Record<string, Check>,
  timeoutMs = READY_TIMEOUT_MS,
): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
  );
  const failures = Object.fromEntries(
    entries.flatMap(([name, outcome]) => (outcome.error === undefined ? [] : [[name, outcome.error]])),
  );
  return {
    ready: Object.keys(failures).length === 0,
    checks: Object.fromEntries(entries.map(([name, outcome]) => [name, outcome.result])),
    failures,
  };
}

async function runCheck(check: Check, timeoutMs: number): Promise<{ result: CheckResult; error?: unknown }> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    await Promise.race([check(controller.signal), deadline]);
    return { result: { status: "ok", ms: elapsed(started) } };
  } catch (error) {
    return { result: { status: "failed", error: describe(error), ms: elapsed(started) }, error };
  } finally {
    clearTimeout(timer);
  }
}

class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = "TimeoutError";
  }
}

const elapsed = (started: number) => Math.round(performance.now() - started);

type Described = { name?: string; code?: unknown; cause?: unknown; $metadata?: { httpStatusCode?: number } };

function describe(error: unknown): string {
  if (error instanceof TimeoutError) return `timeout after ${error.timeoutMs} ms`;
  const { name, code, cause, $metadata } = (error ?? {}) as Described;
  const status = $metadata?.httpStatusCode;
  if (status) return `${name ?? "error"} (HTTP ${status})`;
  const causeCode = (cause as Described | undefined)?.code;
  const token = [code, causeCode].find(
    (value) => typeof value === "string" && /^[A-Z][A-Z0-9_]{2,40}$/.test(value),
  );
  return (token as string | undefined) ?? (name && /^\w{1,60}$/.test(name) ? name : "error");
}
